from django import template

from meedoen.plans.models import Method

register = template.Library()


@register.filter
def minutes(seconds: int) -> str:
    """180 → "3", 90 → "1,5" / "1.5" in the active language."""
    from django.utils.formats import number_format

    value = seconds / 60
    return number_format(value, decimal_pos=0 if value.is_integer() else 1)


@register.filter
def method_text(method: Method, field: str) -> str:
    """A method's descriptive text in the reader's language."""
    return method.text(field)
