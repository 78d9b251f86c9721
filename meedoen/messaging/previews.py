"""Where the template editor's live preview gets real data. The room that owns the subjects
(registrations, for a meeting and its registrations) registers a source, so messaging never
imports a room above it; the preview is then filled through that subject's provider, exactly
as a message sent later would be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from meedoen.teams.models import Membership


@dataclass(frozen=True)
class PreviewSubject:
    """What one preview is about: the subject key its provider fills (``registration:12``,
    ``registration_sample:4``, ``meeting:4``), the meeting it belongs to (for what to bring),
    the title shown above it, and whether the person in it is a sample."""

    subject_key: str
    meeting_id: int
    title: str
    sample: bool


@dataclass(frozen=True)
class PreviewSource:
    """``choices(actor)``: (id, label) of what the actor may preview with, newest first.
    ``subject(actor, chosen_id, kind)``: the subject for one choice and kind of message; it
    raises Http404 for an id that is not the actor's team's."""

    choices: Callable[[Membership], list[tuple[int, str]]]
    subject: Callable[[Membership, int, str], PreviewSubject]


_SOURCE: list[PreviewSource] = []


def preview_source_register(source: PreviewSource) -> None:
    """One source: registering again replaces it (as on a second ``ready()``)."""
    _SOURCE[:] = [source]


def preview_choices(*, actor: Membership) -> list[tuple[int, str]]:
    """What the preview can be shown with; empty when no room registered a source."""
    return _SOURCE[0].choices(actor) if _SOURCE else []


def preview_subject(*, actor: Membership, chosen_id: int, kind: str) -> PreviewSubject | None:
    return _SOURCE[0].subject(actor, chosen_id, kind) if _SOURCE else None
