"""Form rendering with NL Design System (Utrecht) classes and the ARIA links between a field,
its description and its error."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_WIDGET_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "input": "utrecht-textbox utrecht-textbox--html-input",
}


@register.filter
def field_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "radio"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.filter
def utrecht_widget(field: BoundField) -> SafeString:
    kind = field_kind(field)
    classes = _WIDGET_CLASSES.get(kind, _WIDGET_CLASSES["input"])
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-description")
    attrs: dict[str, str | bool] = {}
    if field.errors:
        classes += f" {classes.split()[0]}--invalid"
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    attrs["class"] = classes
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
