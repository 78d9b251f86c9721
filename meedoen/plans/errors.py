"""Domain errors of the plans room."""

from meedoen.teams.errors import DomainError


class StakeholderDuplicate(DomainError):
    """A stakeholder with (nearly) the same name is already in the plan."""

    def __init__(self, message: object, *, existing: object) -> None:
        super().__init__(str(message))
        self.existing = existing


class PlanArchived(DomainError):
    """An archived plan is read-only until it is reopened."""


class MappingSessionState(DomainError):
    """The mapping session is not in the phase this action belongs to."""


class MappingUndecided(DomainError):
    """Some stakeholders were placed in different rings and still need a decision."""
