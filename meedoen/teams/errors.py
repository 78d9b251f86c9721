"""Domain errors. Services raise them; views turn them into a message for the person."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain was not met. `message` is translatable and shown to the user."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class LastCoordinator(DomainError):
    """A team must keep at least one coordinator."""


class InvitationInvalid(DomainError):
    """The invitation link is unknown, expired, revoked or already used."""


class AlreadyMember(DomainError):
    """The person is already a member of this team."""
