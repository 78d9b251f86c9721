"""Domain errors of the registrations room."""

from meedoen.teams.errors import DomainError


class RegistrationClosed(DomainError):
    """The meeting cannot be registered for now (closed, cancelled, already started)."""


class RegistrationExists(DomainError):
    """This email address is already registered for the meeting."""

    def __init__(self, message: object, *, existing: object) -> None:
        super().__init__(str(message))
        self.existing = existing


class NoRoom(DomainError):
    """A change would need places the meeting does not have."""
