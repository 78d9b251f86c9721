"""Forms of the meetings room: parse and validate; services make the change."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.catalogue import OUTREACH_KINDS, ROLES, TOPICS
from meedoen.meetings.models import (
    NAME_MAX,
    TEXT_MAX,
    ChecklistStatus,
    Material,
    Meeting,
    OutreachAction,
    Phase,
    ProgrammeItem,
    SocialMoment,
    Venue,
)
from meedoen.messaging.widgets import with_readability_check
from meedoen.plans.models import Method, ParticipationPlan, Rung, Stakeholder
from meedoen.teams.fields import LinesField, text_field
from meedoen.teams.models import User

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_CAPACITY = 5000


class ObjectChoiceField(forms.ChoiceField):
    """A choice among given objects, by primary key; cleans to the object (or None)."""

    def __init__(self, *, objects: list[Any], empty_label: Any = "—", **kwargs: Any) -> None:
        self.objects = {str(o.pk): o for o in objects}
        choices = [("", empty_label), *((str(o.pk), str(o)) for o in objects)]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value: Any) -> Any:
        key = super().clean(value)
        return self.objects.get(key) if key else None


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=NAME_MAX)
    purpose = with_readability_check(
        text_field(
            _("Purpose"), required=True, help_text=_("What do we want to learn or decide together?")
        )
    )
    expectations = with_readability_check(
        text_field(
            _("What residents can expect"),
            help_text=_("What happens with their input, and what it cannot change."),
        )
    )
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start = forms.TimeField(label=_("Start"), widget=TIME_WIDGET)
    end = forms.TimeField(label=_("End"), widget=TIME_WIDGET)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=40,
        help_text=_("How many people fit in the room, companions included."),
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Empty: people can sign up as soon as the meeting is published."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Empty: registration stays open until the meeting starts."),
    )
    social_moment = forms.ChoiceField(
        label=_("Social moment"), choices=SocialMoment.choices, initial=SocialMoment.COFFEE
    )
    grouping = forms.ChoiceField(
        label=_("Groups of people"),
        choices=Meeting.Grouping.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Grouping.TOGETHER,
    )
    target_groups = text_field(_("Target groups"), rows=2)
    languages = LinesField(
        label=_("Languages spoken at the meeting"),
        required=False,
        max_lines=10,
        help_text=_("One per line, for example Dutch, Turkish, Arabic."),
    )
    venue = forms.ChoiceField(label=_("Venue"), required=False)
    plan = forms.ChoiceField(label=_("Participation plan"), required=False)
    stakeholders = forms.MultipleChoiceField(
        label=_("For whom (stakeholders of the plan)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rungs = forms.MultipleChoiceField(
        label=_("Rungs this meeting serves"),
        required=False,
        choices=Rung.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        venues: list[Venue],
        plans: list[ParticipationPlan],
        stakeholders: list[Stakeholder],
        meeting: Meeting | None = None,
        now: datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.now = now or timezone.now()
        self.venue_field = ObjectChoiceField(objects=venues, label=_("Venue"), required=False)
        self.plan_field = ObjectChoiceField(
            objects=plans, label=_("Participation plan"), required=False
        )
        self.fields["venue"] = self.venue_field
        self.fields["plan"] = self.plan_field
        self.stakeholder_objects = {str(s.pk): s for s in stakeholders}
        self.fields["stakeholders"].choices = [  # type: ignore[attr-defined]
            (str(s.pk), f"{s.name} ({s.plan.title})") for s in stakeholders
        ]
        if not stakeholders:
            del self.fields["stakeholders"]

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        closes = meeting.registration_closes_at
        opens = meeting.registration_opens_at
        return {
            "title": meeting.title,
            "purpose": meeting.purpose,
            "expectations": meeting.expectations,
            "date": start.date(),
            "start": start.time(),
            "end": timezone.localtime(meeting.ends_at).time(),
            "capacity": meeting.capacity,
            "registration_opens_at": timezone.localtime(opens) if opens else None,
            "registration_closes_at": timezone.localtime(closes) if closes else None,
            "social_moment": meeting.social_moment,
            "grouping": meeting.grouping,
            "target_groups": meeting.target_groups,
            "languages": meeting.languages,
            "venue": str(meeting.venue_id or ""),
            "plan": str(meeting.plan_id or ""),
            "stakeholders": [str(pk) for pk in meeting.stakeholders.values_list("pk", flat=True)],
            "rungs": meeting.rungs,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            starts_at = _aware(day, start)
            ends_at = _aware(day, end)
            if ends_at <= starts_at:
                self.add_error("end", _("The end must come after the start."))
            moved = self.meeting is None or starts_at != self.meeting.starts_at
            if moved and starts_at < self.now:
                self.add_error("date", _("Choose a moment in the future."))
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
            opens = cleaned.get("registration_opens_at")
            closes = cleaned.get("registration_closes_at")
            if closes and closes > starts_at:
                self.add_error(
                    "registration_closes_at", _("Registration must close before the meeting.")
                )
            if opens and (opens >= starts_at or (closes and opens >= closes)):
                self.add_error(
                    "registration_opens_at",
                    _("Registration must open before it closes and before the meeting."),
                )
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "purpose": data["purpose"],
            "expectations": data["expectations"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "capacity": data["capacity"],
            "registration_opens_at": data["registration_opens_at"],
            "registration_closes_at": data["registration_closes_at"],
            "social_moment": data["social_moment"],
            "grouping": data["grouping"],
            "target_groups": data["target_groups"],
            "languages": data["languages"],
            "venue": data["venue"],
            "plan": data["plan"],
            "rungs": data["rungs"],
            "stakeholders": [self.stakeholder_objects[pk] for pk in data.get("stakeholders", [])],
        }


def _aware(day: Any, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


YES_NO_UNKNOWN = [("", _("not known yet")), ("true", _("yes")), ("false", _("no"))]


class VenueForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "postcode",
            "city",
            "why_here",
            "public_transport",
            "parking",
            *Venue.ACCESSIBILITY_FIELDS,
            *Venue.TECHNICAL_FIELDS,
            "visited_on",
            "visited_by",
            "notes",
        ]
        widgets = {"visited_on": DATE_WIDGET}

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (*Venue.ACCESSIBILITY_FIELDS, *Venue.TECHNICAL_FIELDS):
            self.fields[name] = forms.NullBooleanField(
                label=self.fields[name].label,
                required=False,
                widget=forms.Select(choices=YES_NO_UNKNOWN),
            )
        self.fields["visited_by"] = ObjectChoiceField(
            objects=members, label=_("Visited by"), required=False
        )
        for name in ("why_here", "public_transport", "parking", "notes"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 2})
        for name in ("public_transport", "parking"):  # shown on the public page
            with_readability_check(self.fields[name])

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ChecklistItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChecklistStatus.choices)
    owner = forms.ChoiceField(label=_("Who"), required=False)
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = ObjectChoiceField(objects=members, label=_("Who"), required=False)


class ChecklistItemCreateForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    title = forms.CharField(label=_("Task"), max_length=200)
    due_days = forms.IntegerField(
        label=_("Due (days from the meeting)"),
        min_value=-365,
        max_value=365,
        initial=-7,
        help_text=_("Negative is before the meeting, positive after it."),
    )


class TemplateItemForm(ChecklistItemCreateForm):
    help = text_field(_("Explanation"), rows=2)
    optional = forms.BooleanField(label=_("Optional"), required=False)
    active = forms.BooleanField(label=_("In use for new meetings"), required=False, initial=True)


class RolesForm(forms.Form):
    team_present_at = forms.TimeField(
        label=_("The team is present from"), required=False, widget=TIME_WIDGET
    )

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for role in ROLES:
            self.fields[f"{role.key}_user"] = ObjectChoiceField(
                objects=members,
                label=role.name,
                required=False,
                help_text=role.description,
                empty_label=_("nobody yet"),
            )
            self.fields[f"{role.key}_name"] = forms.CharField(
                label=_("or someone outside the team"),
                max_length=NAME_MAX,
                required=False,
            )

    def assignments(self) -> list[tuple[str, User | None, str]]:
        return [
            (role.key, self.cleaned_data[f"{role.key}_user"], self.cleaned_data[f"{role.key}_name"])
            for role in ROLES
        ]


class ScenarioForm(forms.Form):
    risk = forms.CharField(label=_("What could go wrong"), max_length=200)
    response = text_field(_("What we then do"), required=True, rows=2)
    owner = forms.ChoiceField(label=_("Who acts"), required=False)

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = ObjectChoiceField(
            objects=members, label=_("Who acts"), required=False
        )


class ProgrammeItemForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeItem.Kind.choices)
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=1, max_value=600, initial=15
    )
    method = forms.ChoiceField(label=_("Work form from the catalogue"), required=False)
    led_by = forms.CharField(label=_("Led by"), max_length=NAME_MAX, required=False)
    materials = forms.CharField(label=_("Materials"), max_length=TEXT_MAX, required=False)

    def __init__(self, *args: Any, methods: list[Method], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"] = ObjectChoiceField(
            objects=methods, label=_("Work form from the catalogue"), required=False
        )


class OutreachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.key, k.name) for k in OUTREACH_KINDS])
    description = forms.CharField(label=_("What and where"), max_length=200)
    planned_on = forms.DateField(label=_("When"), required=False, widget=DATE_WIDGET)
    owner = forms.ChoiceField(label=_("Who"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=OutreachAction.Status.choices)
    how_it_went = text_field(_("How it went"), rows=2)

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = ObjectChoiceField(objects=members, label=_("Who"), required=False)


class MaterialForm(forms.Form):
    name = forms.CharField(label=_("Material"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=Material.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CancelForm(forms.Form):
    reason = text_field(_("Why is it cancelled?"), required=True, rows=2)


TOPIC_NAMES = {
    "date": _("date"),
    "venue": _("venue"),
    "invitations": _("invitations"),
    "registration": _("registration"),
    "groups": _("groups"),
    "programme": _("programme"),
    "roles": _("roles"),
    "materials": _("materials"),
    "catering": _("catering"),
    "followup": _("follow-up"),
    "evaluation": _("evaluation"),
    "publicity": _("publicity"),
}


class TeamTipForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[(t, TOPIC_NAMES.get(t, t)) for t in TOPICS]
    )
    text = forms.CharField(
        label=_("Tip"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
