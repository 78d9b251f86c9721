"""Registrations and attendance as files a team opens elsewhere: CSV for Dutch Excel, XLSX, and
an .ics per registration for the person's own calendar.

Every spreadsheet cell goes through `cell_safe`, so a value someone typed into a public form
never becomes a formula (CSV/formula injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from meedoen.meetings.messages import meeting_address
from meedoen.meetings.models import Meeting, Venue
from meedoen.registrations import selectors
from meedoen.registrations.models import (
    AgeBand,
    Channel,
    Need,
    Registration,
    RegistrationSettings,
    WalkIn,
    comes_as_choices,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula gets a leading apostrophe. Control
    characters a spreadsheet cannot hold (they would make openpyxl refuse the file) go first."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _local(moment: Any) -> str:
    return timezone.localtime(moment, AMSTERDAM).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


# ---------------------------------------------------------------------------------------------
# Registrations as a table


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Registration], Any]


def _answer_of(label: str) -> Callable[[Registration], str]:
    """The answer to one of the team's own questions (stored under its label)."""

    def answer(r: Registration) -> str:
        value = (r.answers or {}).get(label, "")
        if isinstance(value, list):
            return ", ".join(map(str, value))
        return "" if value is None else str(value)

    return answer


def _columns(meeting: Meeting, reg_settings: RegistrationSettings | None) -> list[Column]:
    """The columns of the registrations sheet; optional questions only when the form asks them."""
    statuses = dict(Registration.Status.choices)
    channels = dict(Channel.choices)
    needs = dict(Need.choices)
    ages = dict(AgeBand.choices)
    comes_as = {value: str(label) for value, label in comes_as_choices(reg_settings)}
    present = selectors.present_registration_ids(meeting=meeting)

    def need_text(r: Registration) -> str:
        parts = [str(needs.get(n, n)) for n in r.needs]
        if r.brings_helper:
            parts.append(_("brings a helper or interpreter"))
        if r.needs_other:
            parts.append(r.needs_other)
        return ", ".join(parts)

    columns = [
        Column(_("Name"), lambda r: r.name),
        Column(_("Status"), lambda r: str(statuses.get(r.status, r.status))),
        Column(_("Channel"), lambda r: str(channels.get(r.channel, r.channel))),
        Column(_("Key figure"), lambda r: r.key_figure.name if r.key_figure else ""),
        Column(_("Comes as"), lambda r: comes_as.get(r.comes_as, r.comes_as)),
        Column(_("Places"), lambda r: r.places),
        Column(_("Coming along"), lambda r: ", ".join(map(str, r.companions))),
        Column(_("Needs"), need_text),
        Column(_("Dietary wishes"), lambda r: r.dietary),
        Column(_("Email address"), lambda r: r.email),
        Column(_("Phone number"), lambda r: r.phone),
    ]
    s = reg_settings
    if s is not None and s.ask_street:
        columns.append(Column(_("Street or neighbourhood"), lambda r: r.street))
    if s is not None and s.ask_age_band:
        columns.append(Column(_("Age group"), lambda r: str(ages.get(r.age_band, r.age_band))))
    if s is not None and s.ask_languages:
        columns.append(Column(_("Languages"), lambda r: ", ".join(map(str, r.languages))))
    if s is not None and s.ask_organisation:
        columns.append(Column(_("Organisation"), lambda r: r.organisation))
    if s is not None and s.ask_photo_consent:
        columns.append(Column(_("May be photographed"), lambda r: _yes_no(r.photo_consent)))
    for question in s.custom_questions if s is not None else []:
        label = str(question.get("label", ""))[:200] if isinstance(question, dict) else ""
        if label:
            columns.append(Column(label, _answer_of(label)))
    columns += [
        Column(_("Keep informed afterwards"), lambda r: _yes_no(r.follow_up)),
        Column(_("Registered at"), lambda r: _local(r.created_at)),
        Column(_("Present"), lambda r: _yes_no(r.pk in present)),
    ]
    return columns


def _registration_rows(meeting: Meeting) -> list[list[Any]]:
    """Header and one row per registration, every cell already made safe."""
    reg_settings = selectors.registration_settings_of(meeting=meeting)
    columns = _columns(meeting, reg_settings)
    registrations = Registration.objects.filter(meeting=meeting).select_related("key_figure")
    rows: list[list[Any]] = [[cell_safe(c.header) for c in columns]]
    rows += [[cell_safe(c.value(r)) for c in columns] for r in registrations]
    return rows


def registrations_csv(meeting: Meeting) -> bytes:
    """Semicolon separated, UTF-8 with BOM: what Dutch Excel opens without an import wizard."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_registration_rows(meeting))
    return buffer.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------------------------------------
# Attendance


def _rate(missing: int, total: int) -> str:
    return f"{round(100 * missing / total)}%" if total else "—"


def attendance_rows(meeting: Meeting) -> list[list[Any]]:
    """The counts, the no-shows per channel and per "I come as", and the walk-ins."""
    figures = selectors.attendance(meeting=meeting)
    channels = dict(Channel.choices)
    comes_as = {
        value: str(label)
        for value, label in comes_as_choices(selectors.registration_settings_of(meeting=meeting))
    }
    rows: list[list[Any]] = [
        [_("Expected (places)"), figures.expected_places],
        [_("Present (places)"), figures.present_places],
        [_("Walk-ins"), figures.walk_ins],
        [_("Still to come"), figures.still_to_come],
        [_("Present in total"), figures.total_present],
        [_("Did not come"), figures.no_shows],
        [_("No-show rate"), _rate(figures.no_shows, figures.confirmed)],
        [],
        [_("Channel"), _("Did not come"), _("Confirmed"), _("No-show rate")],
    ]
    for key, (missing, total) in sorted(figures.no_show_by_channel.items()):
        rows.append([str(channels.get(key, key)), missing, total, _rate(missing, total)])
    rows += [[], [_("Comes as"), _("Did not come"), _("Confirmed"), _("No-show rate")]]
    for key, (missing, total) in sorted(figures.no_show_by_comes_as.items()):
        label = _("not filled in") if key == "?" else comes_as.get(key, key)
        rows.append([label, missing, total, _rate(missing, total)])
    rows += [
        [],
        [
            _("Walk-in"),
            _("Comes as"),
            _("Email or phone"),
            _("Keep informed afterwards"),
            _("Arrived at"),
        ],
    ]
    walk_ins: Iterable[WalkIn] = WalkIn.objects.filter(meeting=meeting)
    for walk_in in walk_ins:
        rows.append(
            [
                walk_in.first_name,
                comes_as.get(walk_in.comes_as, walk_in.comes_as),
                walk_in.contact,
                _yes_no(walk_in.follow_up),
                _local(walk_in.at),
            ]
        )
    return [[cell_safe(value) for value in row] for row in rows]


def registrations_xlsx(meeting: Meeting) -> bytes:
    """Two sheets: the registrations, and the attendance with its walk-ins."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 (a new workbook always has one sheet)
    sheet.title = _("Registrations")[:31]
    for row in _registration_rows(meeting):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    attendance_sheet = workbook.create_sheet(_("Attendance")[:31])
    for row in attendance_rows(meeting):
        attendance_sheet.append(row)
    for ws in (sheet, attendance_sheet):
        for column in ws.columns:
            width = max((len(str(c.value or "")) for c in column), default=8)
            ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The person's own calendar


def _accessibility_text(venue: Venue) -> list[str]:
    found: dict[bool | None, list[str]] = {True: [], False: [], None: []}
    for name in Venue.ACCESSIBILITY_FIELDS:
        label = str(Venue._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        found[getattr(venue, name)].append(label)
    lines = []
    for value, intro in (
        (True, _("What is there:")),
        (False, _("What is not there:")),
        (None, _("We do not know this yet:")),
    ):
        if found[value]:
            lines.append(f"{intro} {', '.join(found[value])}.")
    return lines


def _description(registration: Registration, manage_url: str) -> str:
    meeting = registration.meeting
    start = timezone.localtime(meeting.starts_at, AMSTERDAM)
    end = timezone.localtime(meeting.ends_at, AMSTERDAM)
    parts: list[str] = []
    if meeting.is_cancelled:
        parts.append(_("This meeting has been cancelled."))
    parts.append(_("Registration: %(status)s.") % {"status": registration.get_status_display()})
    parts.append(
        _("%(date)s, from %(start)s to %(end)s.")
        % {
            "date": date_format(start, "l j F Y"),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
        }
    )
    venue = meeting.venue
    if venue is not None:
        parts.append(_("Address: %(address)s") % {"address": meeting_address(venue)})
        parts.extend(_accessibility_text(venue))
        if venue.parking:
            parts.append(_("Parking: %(parking)s") % {"parking": venue.parking})
        if venue.public_transport:
            parts.append(_("Public transport: %(how)s") % {"how": venue.public_transport})
    parts.append(_("Check-in code: %(code)s") % {"code": registration.checkin_code})
    parts.append(_("Change or cancel the registration: %(url)s") % {"url": manage_url})
    return "\n\n".join(parts)


def registration_ics(registration: Registration, *, manage_url: str) -> bytes:
    """One event (METHOD:PUBLISH) in Europe/Amsterdam local time with the practical
    information and the personal manage link."""
    meeting = registration.meeting
    start = timezone.localtime(meeting.starts_at, AMSTERDAM)
    end = timezone.localtime(meeting.ends_at, AMSTERDAM)
    calendar = Calendar()
    calendar.add("prodid", "-//Meedoen//registration//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"registration-{registration.pk}@meedoen")
    event.add("summary", meeting.title)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.schedule_version)
    cancelled = registration.status == Registration.Status.CANCELLED or meeting.is_cancelled
    waiting = registration.status == Registration.Status.WAITING
    event.add("status", "CANCELLED" if cancelled else "TENTATIVE" if waiting else "CONFIRMED")
    if meeting.venue is not None:
        event.add("location", f"{meeting.venue.name}, {meeting_address(meeting.venue)}")
    event.add("url", manage_url)
    event.add("description", _description(registration, manage_url))
    calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=start.date() - timedelta(days=1), last_date=end.date() + timedelta(days=1)
    )
    return bytes(calendar.to_ical())
