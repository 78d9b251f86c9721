"""The live plain-language (B1) check on a text field, for any form where staff write for
residents.

To attach it:

1. put the widget on the field: `purpose = with_readability_check(text_field(...))`, or
   `forms.CharField(widget=ReadabilityTextarea(language_field="language"))`;
2. include `messaging/readability_assets.html` in the page's `{% block head %}` (it loads the
   script and tells it the team's check address).

The widget adds the htmx attributes and a result area under the field: a polite live region
with the verdict in one sentence (the field's description) and the details (score, sentence
length, long sentences marked in a preview, rare words). Without JavaScript the form works as
before; the check is extra.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


class ReadabilityTextarea(forms.Textarea):
    """A textarea whose text is checked while typing.

    `language`: the text's language ("nl", "en") when it is fixed; `language_field`: the HTML
    name of a field in the same form that holds it (for example a template's language). With
    neither, the check uses the active language of the page, and Dutch when that is unknown.
    """

    template_name = "messaging/readability_widget.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        language: str | None = None,
        language_field: str | None = None,
    ) -> None:
        super().__init__(attrs)
        self.language = language
        self.language_field = language_field

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs: dict[str, Any] = context["widget"]["attrs"]
        element_id = widget_attrs.get("id") or f"id_{name}"
        widget_attrs["id"] = element_id
        result_id = f"{element_id}-readability"
        widget_attrs.update(
            {
                "data-readability": "",
                "hx-trigger": "input changed delay:600ms, load",
                "hx-target": f"#{result_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps(
                    {
                        "readability_field": name,
                        "readability_language": self.language or "",
                        "readability_language_field": self.language_field or "",
                        "readability_id": result_id,
                    }
                ),
            }
        )
        described_by = [widget_attrs.get("aria-describedby", ""), f"{result_id}-verdict"]
        widget_attrs["aria-describedby"] = " ".join(part for part in described_by if part)
        context["readability_id"] = result_id
        return context


def with_readability_check(
    field: F, *, language: str | None = None, language_field: str | None = None
) -> F:
    """Give an existing text field the live check, keeping its widget's attributes (rows)."""
    widget = ReadabilityTextarea(
        attrs=dict(field.widget.attrs), language=language, language_field=language_field
    )
    widget.is_required = field.required
    field.widget = widget
    return field
