"""The audit log's vocabulary: each action key with the sentence a coordinator reads.

Rooms register their own actions with `audit_action_register` in their AppConfig.ready().
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.teams.models import AuditLogEntry

_ACTIONS: dict[str, str | Promise] = {
    "team.created": _("created the team"),
    "team.updated": _("changed the team settings"),
    "invitation.created": _("invited %(label)s"),
    "invitation.revoked": _("withdrew the invitation of %(label)s"),
    "invitation.accepted": _("accepted the invitation and joined the team"),
    "membership.created": _("added %(label)s to the team"),
    "membership.role_changed": _("changed the role of %(label)s"),
    "membership.removed": _("removed %(label)s from the team"),
}


def audit_action_register(action: str, sentence: str | Promise) -> None:
    """Make an action known; `sentence` may use %(label)s for the subject's label."""
    _ACTIONS[action] = sentence


@dataclass(frozen=True)
class AuditLine:
    entry: AuditLogEntry
    sentence: str


def audit_lines(entries: Iterable[AuditLogEntry]) -> list[AuditLine]:
    """The entries with the sentence a person reads, in the active language."""
    return [AuditLine(e, audit_action_sentence(e.action, e.subject_label)) for e in entries]


def audit_action_sentence(action: str, label: str) -> str:
    sentence = _ACTIONS.get(action)
    if sentence is None:
        return f"{action} {label}".strip()
    return str(sentence) % {"label": label}
