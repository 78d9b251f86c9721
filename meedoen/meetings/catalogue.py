"""The meeting method as plain data: three phases, their checklist, tips, roles and scenarios.

The seed describes a participation meeting in three steps (prepare, the meeting itself,
afterwards), each with advice, a box of tips and a checklist. This module holds the default
checklist template (every item of the seed's three checklists, plus a few extras that other
rooms tick automatically), every other piece of advice as a tip next to the part of the
meeting page it belongs to, the roles in the team, the scenarios to think through, the ways to
recruit participants, the materials and the hints for a programme. No models and no database:
the ``meetings`` room seeds and reads this module.

Texts are our own words (English source strings, translated via gettext).

Due days are relative to the meeting date: negative is before, 0 is the day itself, positive
is after. Checklist keys are stable: other rooms tick items by key (``invitations_sent``,
``reminders_sent``, ``groups_made``, ``badges_printed``, ``thanks_sent``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --- Phases and topics -----------------------------------------------------------------------

PHASES: tuple[str, ...] = ("prepare", "meeting", "afterwards")

PHASE_NAMES: dict[str, Promise] = {
    "prepare": _("Prepare"),
    "meeting": _("The meeting"),
    "afterwards": _("Afterwards"),
}

# The parts of the meeting page a checklist item or tip belongs to.
TOPICS: tuple[str, ...] = (
    "date",
    "venue",
    "invitations",
    "registration",
    "groups",
    "programme",
    "roles",
    "materials",
    "catering",
    "followup",
    "evaluation",
    "publicity",
)


# --- The checklist template ------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistTemplateItem:
    """One item of the default checklist; a meeting's checklist is generated from these."""

    key: str
    phase: str
    title: str | Promise
    help: str | Promise
    due_days: int
    optional: bool = False
    topic: str = ""


DEFAULT_CHECKLIST: tuple[ChecklistTemplateItem, ...] = (
    # --- Prepare -------------------------------------------------------------------------------
    ChecklistTemplateItem(
        key="date_set",
        phase="prepare",
        title=_("Date and time fixed"),
        help=_(
            "The day, start and end time are agreed with the team and the venue. Check school "
            "holidays, religious holidays and other events in the neighbourhood first."
        ),
        due_days=-56,
        topic="date",
    ),
    ChecklistTemplateItem(
        key="venue_visited",
        phase="prepare",
        title=_("Venue visited and checked for accessibility"),
        help=_(
            "Someone from the team has been there in person and walked the route a wheelchair "
            "user would take: entrance, toilet, lift, seating, hearing loop and a quiet room."
        ),
        due_days=-42,
        topic="venue",
    ),
    ChecklistTemplateItem(
        key="venue_confirmed",
        phase="prepare",
        title=_("Venue booked and confirmed, technical needs included"),
        help=_(
            "You have a confirmation from the venue for the right room and times, including the "
            "projector, screen, microphone and wifi you need."
        ),
        due_days=-35,
        topic="venue",
    ),
    ChecklistTemplateItem(
        key="registration_open",
        phase="prepare",
        title=_("Registration open"),
        help=_(
            "People can sign up online and in person, for example at the community centre or "
            "by phone, and someone keeps track of the names."
        ),
        due_days=-35,
        topic="registration",
    ),
    ChecklistTemplateItem(
        key="print_ordered",
        phase="prepare",
        title=_("Printed matter ordered"),
        help=_(
            "Posters, flyers and paper invitations are ordered in time to hand them out with "
            "the invitations. Proofread dates, address and how to sign up first."
        ),
        due_days=-35,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="invitations_sent",
        phase="prepare",
        title=_("Participants chosen and invited"),
        help=_(
            "You know which residents, groups and partners you want there, and each of them has "
            "had an invitation: in person, through a key figure, on paper or online."
        ),
        due_days=-28,
        topic="invitations",
    ),
    ChecklistTemplateItem(
        key="preparatory_talks_held",
        phase="prepare",
        title=_("Talks with residents held where needed"),
        help=_(
            "Where it helps, you have spoken with residents beforehand, for example to hear what "
            "is on their mind or to lower the threshold for someone to come."
        ),
        due_days=-21,
        topic="invitations",
    ),
    ChecklistTemplateItem(
        key="promotion_materials_arranged",
        phase="prepare",
        title=_("Promotion materials arranged"),
        help=_(
            "The roll-up banner, pens and other items with the team's name are available and "
            "someone will bring them on the day."
        ),
        due_days=-21,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="parking_arranged",
        phase="prepare",
        title=_("Parking arranged"),
        help=_(
            "There are enough parking spaces, including disabled parking close to the entrance, "
            "and the invitation says where to park."
        ),
        due_days=-14,
        topic="venue",
    ),
    ChecklistTemplateItem(
        key="catering_arranged",
        phase="prepare",
        title=_("Catering arranged"),
        help=_(
            "Food and drinks are ordered for the expected number of people, with options for "
            "diets, allergies and halal or vegetarian food."
        ),
        due_days=-14,
        topic="catering",
    ),
    ChecklistTemplateItem(
        key="photographer_arranged",
        phase="prepare",
        title=_("Photographer arranged"),
        help=_(
            "Someone takes photos on the day. Agree how you ask people for permission and how "
            "they can show they do not want to be photographed."
        ),
        due_days=-14,
        optional=True,
        topic="roles",
    ),
    ChecklistTemplateItem(
        key="work_form_materials_arranged",
        phase="prepare",
        title=_("Materials for the work forms arranged"),
        help=_(
            "Everything the work forms need is bought or borrowed: sticky notes, flip charts, "
            "markers, cards, voting stickers."
        ),
        due_days=-7,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="programme_final",
        phase="prepare",
        title=_("Programme final"),
        help=_(
            "The programme is fixed: times, work forms, who leads each part, and room for "
            "informal time and a closing summary."
        ),
        due_days=-7,
        topic="programme",
    ),
    ChecklistTemplateItem(
        key="reminders_sent",
        phase="prepare",
        title=_("Reminder sent"),
        help=_(
            "Everyone who signed up has had a reminder with the address, start time, route and "
            "who to call if they cannot come."
        ),
        due_days=-7,
        topic="invitations",
    ),
    ChecklistTemplateItem(
        key="groups_made",
        phase="prepare",
        title=_("Groups made"),
        help=_(
            "Participants are divided over tables or groups. Mix backgrounds where you want "
            "people to learn from each other."
        ),
        due_days=-3,
        topic="groups",
    ),
    # --- The meeting ---------------------------------------------------------------------------
    ChecklistTemplateItem(
        key="roles_agreed",
        phase="meeting",
        title=_("Roles in the team agreed and talked through"),
        help=_(
            "Everyone knows their role on the day (at least chair, timekeeper and note-taker) "
            "and the team has gone through the programme together."
        ),
        due_days=-3,
        topic="roles",
    ),
    ChecklistTemplateItem(
        key="team_arrival_time_set",
        phase="meeting",
        title=_("Time the team arrives agreed"),
        help=_(
            "The team knows when to be there, early enough to set up the room, test the "
            "equipment and welcome the first people."
        ),
        due_days=-3,
        topic="roles",
    ),
    ChecklistTemplateItem(
        key="scenarios_discussed",
        phase="meeting",
        title=_("Scenarios discussed"),
        help=_(
            "The team has talked about what could go wrong, such as too few people or a broken "
            "projector, and who does what if it happens."
        ),
        due_days=-3,
        topic="roles",
    ),
    ChecklistTemplateItem(
        key="badges_printed",
        phase="meeting",
        title=_("Name badges ready"),
        help=_(
            "A name badge for everyone who signed up is printed and ready at the door, with "
            "blank badges and a marker for people who walk in."
        ),
        due_days=-1,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="venue_setup_checked",
        phase="meeting",
        title=_("Venue and room layout checked"),
        help=_(
            "Tables and chairs are set out for the work forms, signs point the way, and there "
            "is space to move around with a wheelchair or walker."
        ),
        due_days=0,
        topic="venue",
    ),
    ChecklistTemplateItem(
        key="catering_checked",
        phase="meeting",
        title=_("Catering checked"),
        help=_("Food and drinks have arrived, match the order and are ready at the agreed times."),
        due_days=0,
        topic="catering",
    ),
    ChecklistTemplateItem(
        key="promotion_materials_present",
        phase="meeting",
        title=_("Enough promotion materials on site"),
        help=_("The banner is up and there are enough pens and other give-aways for everyone."),
        due_days=0,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="av_tested",
        phase="meeting",
        title=_("Presentation, projector and microphone ready and tested"),
        help=_(
            "The presentation runs on the venue's equipment, the microphone works at the back "
            "of the room and there is a spare plan if the technology fails."
        ),
        due_days=0,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="work_form_materials_laid_out",
        phase="meeting",
        title=_("Workshop materials laid out"),
        help=_("The materials for each work form are on the right tables before people arrive."),
        due_days=0,
        topic="materials",
    ),
    ChecklistTemplateItem(
        key="tip_cards_laid_out",
        phase="meeting",
        title=_("Tip cards laid out"),
        help=_(
            "Cards and pens are on the tables so participants can write down tips and ideas "
            "whenever they think of them."
        ),
        due_days=0,
        topic="materials",
    ),
    # --- Afterwards ----------------------------------------------------------------------------
    ChecklistTemplateItem(
        key="thanks_sent",
        phase="afterwards",
        title=_("Thank-you mail sent"),
        help=_(
            "Everyone who took part has received a thank-you by email (or a card for people "
            "without email), with a short summary and an invitation to send more feedback."
        ),
        due_days=2,
        topic="followup",
    ),
    ChecklistTemplateItem(
        key="presentation_shared",
        phase="afterwards",
        title=_("Presentation shared with participants"),
        help=_("The slides of the meeting are attached to the thank-you mail or linked from it."),
        due_days=2,
        optional=True,
        topic="followup",
    ),
    ChecklistTemplateItem(
        key="publicity_done",
        phase="afterwards",
        title=_("Publicity done"),
        help=_(
            "A short report with a photo is posted on social media and/or the website, only "
            "showing people who agreed to it."
        ),
        due_days=7,
        topic="publicity",
    ),
    ChecklistTemplateItem(
        key="evaluation_done",
        phase="afterwards",
        title=_("Evaluated with the team, lessons written down"),
        help=_(
            "The team has looked back on the preparation and the meeting itself, and the "
            "lessons are written down so the next meeting can use them."
        ),
        due_days=14,
        topic="evaluation",
    ),
)

_CHECKLIST_BY_KEY: dict[str, ChecklistTemplateItem] = {item.key: item for item in DEFAULT_CHECKLIST}


def checklist_item(key: str) -> ChecklistTemplateItem:
    """The default checklist item with this key. Raises KeyError for an unknown key."""
    return _CHECKLIST_BY_KEY[key]


# --- Tips --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TipInfo:
    """A piece of advice, shown next to the part of the meeting page it belongs to."""

    key: str
    phase: str
    topic: str
    text: str | Promise


DEFAULT_TIPS: tuple[TipInfo, ...] = (
    # --- Prepare -------------------------------------------------------------------------------
    TipInfo(
        key="who_and_how",
        phase="prepare",
        topic="invitations",
        text=_(
            "Decide first whom you want to involve and on which rung of the participation "
            "ladder. Then choose: one meeting where different groups meet, or separate "
            "invitations per group. The stakeholder map in your plan helps."
        ),
    ),
    TipInfo(
        key="be_visible",
        phase="prepare",
        topic="invitations",
        text=_(
            "People come more easily when they know your face. Spend time in the neighbourhood "
            "well before the meeting: at the school gate, the community centre, local events."
        ),
    ),
    TipInfo(
        key="announce_date",
        phase="prepare",
        topic="date",
        text=_(
            "Share the date as soon as it is fixed, so people and partners can keep the day free."
        ),
    ),
    TipInfo(
        key="informal_central_venue",
        phase="prepare",
        topic="venue",
        text=_(
            "Pick a place in the heart of the neighbourhood where residents already come, such "
            "as a community centre, library or café, rather than a town hall meeting room."
        ),
    ),
    TipInfo(
        key="check_accessibility",
        phase="prepare",
        topic="venue",
        text=_(
            "Make sure everyone can get in and take part: a step-free entrance, an accessible "
            "toilet, a hearing loop and a quiet corner. Use an inclusive-meeting checklist when "
            "you visit the venue."
        ),
    ),
    TipInfo(
        key="choose_invitation_approach",
        phase="prepare",
        topic="invitations",
        text=_(
            "Work out per target group how you will reach them and how they can sign up, before "
            "the first invitation goes out."
        ),
    ),
    TipInfo(
        key="registration_routes",
        phase="prepare",
        topic="registration",
        text=_(
            "Offer more than one way to sign up: an online form for some, a list at the "
            "community centre or a phone call for others."
        ),
    ),
    TipInfo(
        key="invite_in_person",
        phase="prepare",
        topic="invitations",
        text=_(
            "Nothing beats being asked in person. Chat with people where they already are, such as "
            "the market or a lunch at the community centre, and explain what is in it for them."
        ),
    ),
    TipInfo(
        key="key_figures_bring_people",
        phase="prepare",
        topic="invitations",
        text=_(
            "Ask key figures in the neighbourhood, people others trust, to invite their own "
            "contacts and to come along with them."
        ),
    ),
    TipInfo(
        key="mix_channels",
        phase="prepare",
        topic="invitations",
        text=_(
            "Use several simple channels, both online and on paper: a save-the-date, an "
            "invitation, posters in shops and at the community centre."
        ),
    ),
    TipInfo(
        key="keep_in_view",
        phase="prepare",
        topic="invitations",
        text=_(
            "One invitation is not enough. Mention the meeting again and again wherever your "
            "target groups are, right up to the week itself."
        ),
    ),
    TipInfo(
        key="send_reminder",
        phase="prepare",
        topic="invitations",
        text=_(
            "About a week before, message everyone on the list with the time, address and route. A "
            "nudge like that keeps empty chairs to a minimum."
        ),
    ),
    TipInfo(
        key="social_moment",
        phase="prepare",
        topic="catering",
        text=_(
            "Link something social to the meeting, like coffee with cake or a shared meal. It "
            "gives people an extra reason to come and makes it easier to walk in."
        ),
    ),
    TipInfo(
        key="informal_encounter",
        phase="prepare",
        topic="programme",
        text=_(
            "Shape the meeting as a get-together rather than a formal session, for example "
            "around lunch or neighbourhood drinks."
        ),
    ),
    TipInfo(
        key="mix_groups",
        phase="prepare",
        topic="groups",
        text=_(
            "If you want different groups to learn from each other, decide the seating "
            "beforehand and mix residents, professionals and partners at each table."
        ),
    ),
    # --- The meeting ---------------------------------------------------------------------------
    TipInfo(
        key="show_energy",
        phase="meeting",
        topic="roles",
        text=_(
            "Your mood is catching: welcome people warmly and show that you are glad they came and "
            "curious about what they think."
        ),
    ),
    TipInfo(
        key="lead_process_not_content",
        phase="meeting",
        topic="roles",
        text=_(
            "The chair guides the conversation, not the outcome: keep time, give everyone a "
            "turn and leave the opinions to the participants."
        ),
    ),
    TipInfo(
        key="match_tone_and_language",
        phase="meeting",
        topic="roles",
        text=_(
            "Adapt your words and tone to the people in the room. Avoid jargon, or lead the "
            "meeting together with someone participants know, such as a key figure or social "
            "worker."
        ),
    ),
    TipInfo(
        key="offer_one_on_one_help",
        phase="meeting",
        topic="roles",
        text=_(
            "Keep one team member free to sit next to people who find it hard to join in, to "
            "explain, read along or write down what they say."
        ),
    ),
    TipInfo(
        key="honest_expectations",
        phase="meeting",
        topic="programme",
        text=_(
            "Say plainly what will and will not be done with people's input, and who decides. "
            "Honesty now prevents disappointment later."
        ),
    ),
    TipInfo(
        key="mix_work_forms",
        phase="meeting",
        topic="programme",
        text=_(
            "Alternate ways of working that suit the people present: talking in pairs, drawing, "
            "moving around the room, voting with stickers."
        ),
    ),
    TipInfo(
        key="interactive_work_forms",
        phase="meeting",
        topic="programme",
        text=_(
            "Looking for interactive ways of working? Collections such as Liberating Structures "
            "and guides to action research offer simple formats that get everyone involved."
        ),
    ),
    TipInfo(
        key="humour",
        phase="meeting",
        topic="programme",
        text=_(
            "A joke or a playful warm-up breaks the ice; people who laugh together talk more "
            "freely."
        ),
    ),
    TipInfo(
        key="informal_time",
        phase="meeting",
        topic="programme",
        text=_(
            "Plan time for participants to chat among themselves, for example a coffee break "
            "halfway. Much of the value comes from these conversations."
        ),
    ),
    TipInfo(
        key="check_in_midway_and_end",
        phase="meeting",
        topic="programme",
        text=_(
            "Check with the room halfway and at the end: is everything clear, is this working "
            "for you, what should we do differently next?"
        ),
    ),
    TipInfo(
        key="close_with_summary",
        phase="meeting",
        topic="programme",
        text=_(
            "Finish by summing up what the meeting has brought and what happens next, and when "
            "people will hear from you."
        ),
    ),
    TipInfo(
        key="thank_everyone",
        phase="meeting",
        topic="programme",
        text=_("Thank every participant before they leave; their time and input matter."),
    ),
    TipInfo(
        key="ask_who_joins_next",
        phase="meeting",
        topic="followup",
        text=_(
            "Ask who wants to stay involved in the next steps and write down their names and "
            "contact details on the spot."
        ),
    ),
    TipInfo(
        key="wear_your_badge",
        phase="meeting",
        topic="materials",
        text=_(
            "Wear a badge with your own name and organisation, so participants can easily find "
            "and approach you."
        ),
    ),
    TipInfo(
        key="write_report",
        phase="meeting",
        topic="publicity",
        text=_(
            "Let the note-taker collect quotes and results during the meeting, so you can write "
            "a short report for the website or social media afterwards."
        ),
    ),
    # --- Afterwards ----------------------------------------------------------------------------
    TipInfo(
        key="invite_feedback",
        phase="afterwards",
        topic="followup",
        text=_(
            "Use the thank-you mail to ask once more for feedback, tips and wishes; some people "
            "only have their best idea on the way home."
        ),
    ),
    TipInfo(
        key="prepare_analysis",
        phase="afterwards",
        topic="followup",
        text=_(
            "Agree beforehand who works through the results and how: for example, sort the notes "
            "by theme and decide per theme on an action, an owner and a date."
        ),
    ),
    TipInfo(
        key="involve_residents_in_analysis",
        phase="afterwards",
        topic="followup",
        text=_(
            "Invite residents to help make sense of the results and to shape the next steps; "
            "it is their neighbourhood."
        ),
    ),
    TipInfo(
        key="report_back_regularly",
        phase="afterwards",
        topic="followup",
        text=_(
            "Send a short update every few months about what has happened with the input, even "
            "when progress is slow. People stay involved when they can follow it."
        ),
    ),
    TipInfo(
        key="keep_promises",
        phase="afterwards",
        topic="followup",
        text=_(
            "Only promise what you can deliver, and then deliver it. Keep residents and partners "
            "informed along the way, or trust is quickly lost."
        ),
    ),
)


def tips_for(*, phase: str | None = None, topic: str | None = None) -> list[TipInfo]:
    """The default tips for this phase and/or topic, in catalogue order.

    Raises KeyError for an unknown phase or topic, so a typo never silently yields no tips.
    """
    if phase is not None and phase not in PHASES:
        raise KeyError(phase)
    if topic is not None and topic not in TOPICS:
        raise KeyError(topic)
    return [
        tip
        for tip in DEFAULT_TIPS
        if (phase is None or tip.phase == phase) and (topic is None or tip.topic == topic)
    ]


# --- Roles -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleInfo:
    """A role in the team during the meeting."""

    key: str
    name: str | Promise
    description: str | Promise
    required: bool


ROLES: tuple[RoleInfo, ...] = (
    RoleInfo(
        key="chair",
        name=_("Chair"),
        description=_(
            "Leads the process, not the content: opens and closes, introduces each part, "
            "gives everyone a turn and keeps the conversation on track."
        ),
        required=True,
    ),
    RoleInfo(
        key="timekeeper",
        name=_("Timekeeper"),
        description=_(
            "Watches the clock with the run sheet, signals when a part is about to end and "
            "agrees with the chair what to shorten when things run over."
        ),
        required=True,
    ),
    RoleInfo(
        key="note_taker",
        name=_("Note-taker"),
        description=_(
            "Writes down the results, agreements and striking quotes, and collects the tip "
            "cards and flip charts at the end."
        ),
        required=True,
    ),
    RoleInfo(
        key="host",
        name=_("Host"),
        description=_(
            "Welcomes people at the door, hands out name badges, shows the way and helps "
            "newcomers find a seat."
        ),
        required=False,
    ),
    RoleInfo(
        key="photographer",
        name=_("Photographer"),
        description=_(
            "Takes photos for the report and publicity, and only photographs people who have "
            "agreed to it."
        ),
        required=False,
    ),
    RoleInfo(
        key="one_on_one_support",
        name=_("One-on-one support"),
        description=_(
            "Sits with people who find it hard to join in, for example because of language, "
            "hearing or nerves, and helps them have their say."
        ),
        required=False,
    ),
    RoleInfo(
        key="co_facilitator",
        name=_("Co-facilitator from the neighbourhood"),
        description=_(
            "Someone participants know and trust, such as a key figure or a social worker, who "
            "leads parts of the meeting together with the chair."
        ),
        required=False,
    ),
)

_ROLES_BY_KEY: dict[str, RoleInfo] = {role.key: role for role in ROLES}


def role_info(key: str) -> RoleInfo:
    """The role with this key. Raises KeyError for an unknown key."""
    return _ROLES_BY_KEY[key]


# --- Scenarios ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioInfo:
    """Something that could go wrong on the day, and what the team then does."""

    key: str
    risk: str | Promise
    response: str | Promise


DEFAULT_SCENARIOS: tuple[ScenarioInfo, ...] = (
    ScenarioInfo(
        key="too_few_people",
        risk=_("Far fewer people turn up than expected."),
        response=_(
            "Bring the tables together and work as one group. Make the most of the personal "
            "contact and ask those present whom else you should reach, and how."
        ),
    ),
    ScenarioInfo(
        key="too_many_people",
        risk=_("More people turn up than the room or the catering can take."),
        response=_(
            "Add a table or a second room, split the work forms into more groups and have a "
            "team member note the names of anyone you have to turn away, so you can follow up."
        ),
    ),
    ScenarioInfo(
        key="speaker_absent",
        risk=_("A speaker cancels or does not show up."),
        response=_(
            "A team member gives the short version from the slides or notes, or you swap the "
            "talk for an extra round of conversation."
        ),
    ),
    ScenarioInfo(
        key="chair_absent",
        risk=_("The chair is ill or held up."),
        response=_(
            "A named stand-in, who knows the programme, takes over; the timekeeper and "
            "note-taker keep their roles."
        ),
    ),
    ScenarioInfo(
        key="technology_fails",
        risk=_("The projector, screen or sound system does not work."),
        response=_(
            "Carry on without: printed copies of the key slides, a flip chart, and speaking up "
            "or moving people closer together."
        ),
    ),
    ScenarioInfo(
        key="heated_discussion",
        risk=_("The discussion gets heated or one person dominates."),
        response=_(
            "The chair acknowledges the feelings, parks the topic on a flip chart for later and "
            "offers a separate talk afterwards. Return to the question of the meeting."
        ),
    ),
    ScenarioInfo(
        key="needs_help_joining_in",
        risk=_("Someone finds it hard to join in."),
        response=_(
            "The one-on-one supporter sits with them, explains the task in simple words and "
            "helps them put their ideas on paper."
        ),
    ),
    ScenarioInfo(
        key="language_barrier",
        risk=_("Participants do not understand Dutch well enough."),
        response=_(
            "Seat people who speak the same language together with someone who can translate, "
            "use pictures, and speak slowly in short sentences."
        ),
    ),
    ScenarioInfo(
        key="running_over_time",
        risk=_("The programme runs over time."),
        response=_(
            "The timekeeper warns the chair early; together you shorten or drop a part, but "
            "keep the closing summary and the thank-you."
        ),
    ),
    ScenarioInfo(
        key="venue_problem",
        risk=_("The venue is locked, double-booked or not set up."),
        response=_(
            "Keep the phone number of the venue's contact person at hand, arrive early, and "
            "know a nearby place you could move to."
        ),
    ),
    ScenarioInfo(
        key="someone_unwell",
        risk=_("A participant becomes unwell."),
        response=_(
            "One team member takes care of the person and calls for help if needed; the chair "
            "carries on with the rest. Know where the first-aid kit and the nearest AED are."
        ),
    ),
)


# --- Outreach ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutreachKind:
    """A way to recruit participants (werving)."""

    key: str
    name: str | Promise
    hint: str | Promise


OUTREACH_KINDS: tuple[OutreachKind, ...] = (
    OutreachKind(
        key="personal_invitation",
        name=_("Personal invitation"),
        hint=_("Talk to people face to face and tell them why their voice counts."),
    ),
    OutreachKind(
        key="market_stand",
        name=_("Stand at the market"),
        hint=_("A table with coffee and a simple question draws people in; bring flyers."),
    ),
    OutreachKind(
        key="community_lunch",
        name=_("Lunch or coffee in the community centre"),
        hint=_("Join a lunch or coffee morning that already takes place, and invite people there."),
    ),
    OutreachKind(
        key="posters",
        name=_("Posters"),
        hint=_(
            "Hang posters where people wait or shop: supermarket, GP practice, school, library. "
            "Note the places so you can take them down afterwards."
        ),
    ),
    OutreachKind(
        key="flyers",
        name=_("Flyers"),
        hint=_("Hand them out in person where you can; a flyer in the letterbox is easily missed."),
    ),
    OutreachKind(
        key="social_media_post",
        name=_("Social media post"),
        hint=_(
            "Post in the neighbourhood groups people already use, with a photo and a clear "
            "way to sign up."
        ),
    ),
    OutreachKind(
        key="newsletter_item",
        name=_("Newsletter item"),
        hint=_(
            "Ask partners such as the housing association or the school to include it in "
            "their newsletter."
        ),
    ),
    OutreachKind(
        key="key_figure",
        name=_("Key figure brings people"),
        hint=_("Ask a key figure to invite people from their own network and come along."),
    ),
    OutreachKind(
        key="save_the_date",
        name=_("Save-the-date"),
        hint=_("Send it as soon as the date is fixed; the full invitation follows later."),
    ),
    OutreachKind(
        key="digital_invitation",
        name=_("Digital invitation"),
        hint=_("An email or app message with the date, place, programme and a link to sign up."),
    ),
    OutreachKind(
        key="door_to_door",
        name=_("Door to door"),
        hint=_(
            "Ring doorbells in the streets you want to reach, ideally together with a resident."
        ),
    ),
)


# --- Materials ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialInfo:
    """A material the team arranges, and the phase in which it is needed."""

    key: str
    name: str | Promise
    phase: str


DEFAULT_MATERIALS: tuple[MaterialInfo, ...] = (
    MaterialInfo(key="printed_matter", name=_("Printed matter"), phase="prepare"),
    MaterialInfo(
        key="promotion_materials",
        name=_("Promotion materials (roll-up banner, pens)"),
        phase="meeting",
    ),
    MaterialInfo(key="name_badges", name=_("Name badges for participants"), phase="meeting"),
    MaterialInfo(key="team_badges", name=_("Name badges for the team"), phase="meeting"),
    MaterialInfo(key="tip_cards", name=_("Tip cards"), phase="meeting"),
    MaterialInfo(key="pens_and_paper", name=_("Pens and paper"), phase="meeting"),
    MaterialInfo(
        key="work_form_materials", name=_("Materials for the work forms"), phase="meeting"
    ),
    MaterialInfo(
        key="presentation_equipment",
        name=_("Presentation, projector and microphone"),
        phase="meeting",
    ),
)


# --- Social moments ----------------------------------------------------------------------------

SOCIAL_MOMENTS: tuple[tuple[str, Promise], ...] = (
    ("none", _("No social moment")),
    ("coffee", _("Coffee and tea")),
    ("lunch", _("Lunch")),
    ("drinks", _("Neighbourhood drinks")),
    ("dinner", _("A meal together")),
)


# --- Programme hints ---------------------------------------------------------------------------

PROGRAMME_HINTS: dict[str, Promise] = {
    "no_informal_time": _(
        "There is no informal time yet: add a break or a coffee moment for people to talk."
    ),
    "no_midway_check": _(
        "Add a short check halfway: is it clear, are we doing well, any tips for what comes next?"
    ),
    "no_closing_check": _(
        "Add a check at the end: was it clear, did we do well, any tips for the next steps?"
    ),
    "no_summary": _("End with a summary of the results and the next steps."),
    "one_kind_of_work_form": _(
        "All parts use the same kind of work form; mix in something different to keep "
        "everyone involved."
    ),
    "too_long": _("The programme runs past the meeting's end time; shorten or drop a part."),
    "too_short": _(
        "The programme ends well before the meeting's end time; add a part or end earlier."
    ),
}
