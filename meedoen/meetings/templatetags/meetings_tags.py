from typing import Any

from django import template

register = template.Library()

# Which tips go with which phase's checklist (other topics have their own section).
_PHASE_TOPIC = {"prepare": "venue", "meeting": "groups", "afterwards": "followup"}


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """mapping[key] in a template, or None."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def phase_topic(phase: str) -> str:
    return _PHASE_TOPIC.get(phase, "")


@register.filter
def attr_name(obj: Any) -> str:
    return str(getattr(obj, "name", obj or ""))
