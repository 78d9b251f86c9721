"""Form fields that several rooms use."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class LinesField(forms.CharField):
    """One item per line (for example neighbourhoods), stored as a list without repeats."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, max_lines: int = 50, max_line_length: int = 100, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_lines = max_lines
        self.max_line_length = max_line_length

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        names = []
        for line in text.splitlines():
            name = line.strip()
            if name and name not in names:
                names.append(name)
        if len(names) > self.max_lines:
            raise forms.ValidationError(
                _("Name at most %(max)d, one per line.") % {"max": self.max_lines}
            )
        if any(len(name) > self.max_line_length for name in names):
            raise forms.ValidationError(
                _("Each line can be at most %(max)d characters.") % {"max": self.max_line_length}
            )
        return names


def text_field(
    label: Any,
    *,
    required: bool = False,
    help_text: Any = "",
    rows: int = 3,
    max_length: int = 4000,
) -> forms.CharField:
    """A multi-line text field of a few rows (the length every room allows for free text)."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
