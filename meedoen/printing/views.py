"""The print page of a meeting: one form per document, a preview of page 1, downloads, and
the progress of large runs made by the worker.

Making a document only reads, so viewers may download with GET. Team members send the same
forms with POST: their badges tick the meeting's checklist, letters (addresses typed for the
print only) are theirs alone, and large runs go to the worker."""

from __future__ import annotations

import base64
import io
import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.messages import meeting_public_url
from meedoen.meetings.models import Meeting
from meedoen.printing import selectors, services
from meedoen.printing.build import PERSONAL_KINDS, Prepared, document_prepare
from meedoen.printing.errors import NothingToPrint
from meedoen.printing.forms import FORMS, PosterForm, PrintForm
from meedoen.printing.models import DocumentKind, PrintRun
from meedoen.teams.access import actor_of, team_view
from meedoen.teams.formflow import form_errors_apply
from meedoen.teams.models import Membership

TEMPLATE = "printing/print.html"
PREVIEW_SCALE = 0.6
# Editor posts with more items than this (badges, letters) go to the worker.
WORKER_FROM_DEFAULT = 300


def _worker_from() -> int:
    return int(getattr(settings, "MEEDOEN_PRINT_WORKER_FROM", WORKER_FROM_DEFAULT))


def _form(kind: str, actor: Membership, data: Any = None, files: Any = None) -> PrintForm:
    form_class = FORMS[kind]
    if form_class is PosterForm:
        return PosterForm(data, files, allow_logo=actor.can_edit)
    return form_class(data, files)


def _page(
    request: HttpRequest,
    actor: Membership,
    meeting: Meeting,
    *,
    bound: PrintForm | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = {kind: _form(kind, actor) for kind in FORMS}
    if bound is not None:
        forms[bound.kind] = bound
    if not actor.can_edit:
        forms.pop(DocumentKind.LETTERS)
    seating = selectors.seating(actor=actor, meeting=meeting)
    context = {
        "meeting": meeting,
        "sections": _sections(forms),
        "divided": seating.rounds > 0,
        "published": selectors.meeting_page_published(meeting=meeting),
        "public_url": meeting_public_url(meeting),
        "runs": list(selectors.print_runs_of(actor=actor, meeting=meeting)[:10]),
        "method": "post" if actor.can_edit else "get",
    }
    return render(request, TEMPLATE, context, status=status)


def _sections(forms: dict[str, PrintForm]) -> list[dict[str, Any]]:
    titles: dict[str, str] = {
        DocumentKind.BADGES: _("Name badges"),
        DocumentKind.TABLE_LISTS: _("Table lists"),
        DocumentKind.WALL_LIST: _("Wall list"),
        DocumentKind.SIGN_IN: _("Sign-in sheet"),
        DocumentKind.POSTER: _("Poster or flyer"),
        DocumentKind.TIP_CARDS: _("Tip cards"),
        DocumentKind.LETTERS: _("Invitation letters"),
    }
    return [{"kind": kind, "title": titles[kind], "form": form} for kind, form in forms.items()]


@team_view()
def print_page(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _page(request, actor, meeting)


def _submitted(request: HttpRequest) -> QueryDict:
    return request.POST if request.method == "POST" else request.GET


def _download(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.") or "print.pdf"
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _prepare_from(
    request: HttpRequest, actor: Membership, meeting: Meeting, *, preview: bool = False
) -> tuple[PrintForm | None, Prepared | None]:
    """The submitted form, and the document it asks for (None when the form is invalid)."""
    data = _submitted(request)
    kind = data.get("kind", "")
    if kind not in FORMS or (kind == DocumentKind.LETTERS and request.method != "POST"):
        return None, None
    form = _form(kind, actor, data, request.FILES or None)
    if not form.is_valid():
        return form, None
    logo = form.cleaned_data.get("logo") if isinstance(form, PosterForm) else None
    try:
        prepared = document_prepare(
            actor=actor,
            meeting=meeting,
            kind=kind,
            options=form.options(),
            logo=logo,
            first_page_only=preview,
        )
    except NothingToPrint as error:
        form_errors_apply(form, error)
        return form, None
    return form, prepared


@team_view()
def print_document(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The PDF straight away; for a team member's large run, a run in the worker."""
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form, prepared = _prepare_from(request, actor, meeting)
    if form is None:
        return redirect(services.print_page_url(meeting))
    if prepared is None:
        return _page(request, actor, meeting, bound=form, status=400)
    if request.method == "POST":
        if prepared.kind in PERSONAL_KINDS and prepared.items > _worker_from():
            run = services.print_run_create(
                actor=actor,
                meeting=meeting,
                kind=prepared.kind,
                options=form.options(),
                items=prepared.items,
            )
            return redirect(_run_url(meeting, run))
        content = prepared.render(None)
        services.document_print_record(
            actor=actor, meeting=meeting, kind=prepared.kind, items=prepared.items
        )
        return _download(content, prepared.filename)
    return _download(prepared.render(None), prepared.filename)


def _png_of_first_page(pdf: bytes) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=PREVIEW_SCALE).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


@team_view()
def print_preview(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Page 1 of the document as the form now stands, as a PNG; for htmx an <img> to swap in.
    A preview of letters shows the first address only; nothing is recorded."""
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    form, prepared = _prepare_from(request, actor, meeting, preview=True)
    if form is None:
        return redirect(services.print_page_url(meeting))
    if prepared is None:
        if request.htmx:  # type: ignore[attr-defined]
            return render(
                request,
                "printing/preview.html",
                {"form": form, "error": True},
                status=200,
            )
        return _page(request, actor, meeting, bound=form, status=400)
    png = _png_of_first_page(prepared.render(None))
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "printing/preview.html",
            {
                "src": "data:image/png;base64," + base64.b64encode(png).decode(),
                "title": DocumentKind(prepared.kind).label,
            },
        )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def _run_url(meeting: Meeting, run: PrintRun) -> str:
    return reverse(
        "printing:run",
        kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk, "print_run_id": run.pk},
    )


@team_view()
def print_run(request: HttpRequest, meeting_id: int, print_run_id: int) -> HttpResponse:
    """A run's progress; htmx asks again every second until it is ready."""
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    run = selectors.print_run_for_actor(actor=actor, meeting=meeting, print_run_id=print_run_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"meeting": meeting, "run": run, "run_lost": selectors.print_run_lost(run)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "printing/print_run.html#status", context)
    return render(request, "printing/print_run.html", context)


@team_view()
def print_run_download(request: HttpRequest, meeting_id: int, print_run_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    run = selectors.print_run_for_actor(actor=actor, meeting=meeting, print_run_id=print_run_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if run.status != PrintRun.Status.DONE or not run.pdf:
        raise Http404
    return _download(bytes(run.pdf), run.filename)
