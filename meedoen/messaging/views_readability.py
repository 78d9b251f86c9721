"""The live plain-language (B1) check: a POST from a staff page, answered with an HTML partial.

Team-scoped like every staff URL, so the tenancy walk covers it. Members and coordinators may
use it; viewers never write texts and, as on every unsafe request, get 403 from `team_view`.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_POST

from meedoen.messaging.models import MessageTemplate
from meedoen.messaging.readability import (
    B1_MAX_AVERAGE_SENTENCE_LENGTH,
    B1_MIN_SCORE,
    LONG_SENTENCE_WORDS,
    UnsupportedLanguage,
    language_code,
    readability_check,
    text_segments,
)
from meedoen.teams.access import team_view

# A live check of a very long text would keep a worker busy for nothing. The longest checked
# field is a message template's body (5000; the meeting and venue texts allow 4000); line
# breaks are counted once, as the browser counts them against the field's maxlength.
MAX_CHECK_LENGTH = MessageTemplate._meta.get_field("body").max_length or 5000
DEFAULT_LANGUAGE = "nl"
_RESULT_ID = re.compile(r"^[A-Za-z][\w-]{0,99}$")


@team_view()
@require_POST
def readability_check_partial(request: HttpRequest) -> HttpResponse:
    data = request.POST
    text = data.get(data.get("readability_field") or "text", "")
    requested = (
        data.get("readability_language")
        or data.get(data.get("readability_language_field") or "", "")
        or translation.get_language()
        or DEFAULT_LANGUAGE
    )
    result_id = data.get("readability_id", "")
    context: dict[str, object] = {
        "result_id": result_id if _RESULT_ID.match(result_id) else "",
        "min_score": int(B1_MIN_SCORE),
        "max_average": int(B1_MAX_AVERAGE_SENTENCE_LENGTH),
        "long_words": LONG_SENTENCE_WORDS,
    }
    try:
        language = language_code(requested)
    except UnsupportedLanguage:
        context["problem"] = "language"
        return render(request, "messaging/readability_result.html", context)
    if len(text.replace("\r\n", "\n")) > MAX_CHECK_LENGTH:
        context["problem"] = "length"
        context["max_length"] = MAX_CHECK_LENGTH
        return render(request, "messaging/readability_result.html", context)
    report = readability_check(text, language=language)
    context.update(
        {
            "report": report,
            "segments": text_segments(text, report) if report.long_sentences else [],
            "language_name": translation.get_language_info(language)["name_translated"],
        }
    )
    return render(request, "messaging/readability_result.html", context)
