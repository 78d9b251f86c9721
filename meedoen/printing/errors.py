"""Errors of the printing room; views show `message` on the form."""

from meedoen.teams.errors import DomainError


class NothingToPrint(DomainError):
    """The choice leads to an empty document (no one registered, no division yet, …)."""
