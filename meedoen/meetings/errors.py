"""Domain errors of the meetings room."""

from meedoen.teams.errors import DomainError


class MeetingNotReady(DomainError):
    """Something still blocks marking the meeting ready."""


class MeetingCancelled(DomainError):
    """A cancelled meeting cannot be changed."""


class RunSheetState(DomainError):
    """The run sheet cannot do this now (not started, already at the end, no programme)."""
