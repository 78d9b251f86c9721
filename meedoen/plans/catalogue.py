"""The participation ladder and the catalogue of participation methods, as plain data.

Six rungs, from informing residents up to residents leading their own initiative, and every
method from the seed's table ("Participatievormen en methodieken") on the rung(s) where the
table puts it. No models and no database: the ``plans`` room seeds and reads this module.

Texts are our own words (English source strings, translated via gettext). Method names are
names, kept in Dutch as Dutch teams know them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

RUNG_KEYS: tuple[str, ...] = (
    "inform",
    "consult",
    "advise",
    "coproduce",
    "codecide",
    "citizen_led",
)  # ladder order, bottom to top


@dataclass(frozen=True)
class RungInfo:
    """One rung of the participation ladder."""

    key: str
    order: int
    name: str | Promise
    summary: str | Promise
    explanation: str | Promise


LADDER: tuple[RungInfo, ...] = (
    RungInfo(
        key="inform",
        order=1,
        name=pgettext_lazy("participation rung", "Inform"),
        summary=_("Residents hear what is planned, what has been decided and why."),
        explanation=_(
            "The team shares news about plans and decisions; residents take note but do not "
            "change the outcome. This is a degree of involvement, not a judgement: clear "
            "information is the basis for every other rung. Choose it when a decision has "
            "already been made or there is no room to change it, and say so honestly."
        ),
    ),
    RungInfo(
        key="consult",
        order=2,
        name=pgettext_lazy("participation rung", "Consult"),
        summary=_("Residents are asked about their experiences, wishes and opinions."),
        explanation=_(
            "The team asks residents what matters to them and takes the answers into account, "
            "but keeps the decision. The rung describes how much influence people have, not "
            "whether the participation is good. Choose it when you need to know what is going "
            "on in the neighbourhood before you set a direction."
        ),
    ),
    RungInfo(
        key="advise",
        order=3,
        name=pgettext_lazy("participation rung", "Advise"),
        summary=_("Residents give advice on plans and can raise topics of their own."),
        explanation=_(
            "Residents advise on plans and may put new topics on the agenda; the decision stays "
            "with the team or the administrators, who explain what they did with the advice. "
            "Like every rung, it says how far people are involved, not how well. Choose it when "
            "a plan can still really change and you want local knowledge to shape it."
        ),
    ),
    RungInfo(
        key="coproduce",
        order=4,
        name=pgettext_lazy("participation rung", "Co-produce"),
        summary=_("Residents and professionals make a plan or product together, as equals."),
        explanation=_(
            "Residents, care and welfare professionals and policy makers develop a plan, "
            "activity or service together, each bringing their own knowledge. This rung shows "
            "a degree of involvement, not a higher grade. Choose it when the result depends on "
            "residents' experience and support, and you have the time to build it together."
        ),
    ),
    RungInfo(
        key="codecide",
        order=5,
        name=pgettext_lazy("participation rung", "Co-decide"),
        summary=_("Residents have a vote in the decision itself."),
        explanation=_(
            "Residents take part in making the decision, for example with a seat and a vote at "
            "the table where choices are made, and help carry it out. It is a degree of "
            "involvement, not a mark of better participation. Choose it when administrators are "
            "truly willing to share power and the decision touches residents' daily lives."
        ),
    ),
    RungInfo(
        key="citizen_led",
        order=6,
        name=pgettext_lazy("participation rung", "Residents lead"),
        summary=_("Residents run their own initiative or project."),
        explanation=_(
            "Residents take the initiative and are in charge; the team supports on request with "
            "contacts, a room or a small budget. This rung describes who is in charge, not how "
            "good the participation is. Choose it when residents already have energy and ideas "
            "and the team's job is to make room and step back."
        ),
    ),
)

LADDER_NOTE: Promise = _(
    "A rung says how much say people get, not whether the participation is good or bad. "
    "The right rung depends on the situation, on what you want to achieve and on how much "
    "power others are prepared to share. A plan often uses different rungs for different groups."
)

_RUNGS_BY_KEY: dict[str, RungInfo] = {rung.key: rung for rung in LADDER}


def rung_info(key: str) -> RungInfo:
    """The rung with this key. Raises KeyError for an unknown key."""
    return _RUNGS_BY_KEY[key]


@dataclass(frozen=True)
class MethodInfo:
    """One participation method (werkvorm) from the catalogue."""

    key: str
    name: str
    rungs: tuple[str, ...]
    description: str | Promise
    group_size: str | Promise
    duration: str | Promise
    preparation: str | Promise
    good_for: str | Promise
    url: str = ""


METHODS: tuple[MethodInfo, ...] = (
    # --- Inform -------------------------------------------------------------------------------
    MethodInfo(
        key="newsletter",
        name="Nieuwsbrief",
        rungs=("inform",),
        description=_(
            "A regular update by email or on paper about what the team is working on, what has "
            "been decided and what comes next. Keep it short and add a name people can contact."
        ),
        group_size=_("any number"),
        duration=_("ongoing, one edition every month or two"),
        preparation=_(
            "A mailing list with consent, a simple template and someone who gathers news and "
            "writes in plain language."
        ),
        good_for=_(
            "Keeping residents and partners up to date over a longer period and showing what "
            "happened with their input."
        ),
    ),
    MethodInfo(
        key="social-media-updates",
        name="Updates via social media",
        rungs=("inform",),
        description=_(
            "Short posts with a photo or video on the channels people in the area already use, "
            "such as a local Facebook group, Instagram or a neighbourhood app group."
        ),
        group_size=_("any number"),
        duration=_("ongoing"),
        preparation=_(
            "Know which channels are used in the area, agree who posts and who answers "
            "reactions, and ask permission before showing people in photos."
        ),
        good_for=_(
            "Reaching people quickly and informally, including those who never read a newsletter."
        ),
    ),
    MethodInfo(
        key="information-evening",
        name="Informatieavond in de wijk of regio",
        rungs=("inform",),
        description=_(
            "An evening at a familiar place in the area where the team explains its plans and "
            "answers questions. An informal part with coffee afterwards makes it easier to come "
            "and to talk."
        ),
        group_size=_("20 to 100 people"),
        duration=_("1.5 to 2 hours"),
        preparation=_(
            "An accessible location, invitations through several channels, a short presentation "
            "in plain language and a way to note questions you cannot answer yet."
        ),
        good_for=_("Explaining a plan or a change in person and hearing the first reactions."),
    ),
    MethodInfo(
        key="podcast",
        name="Podcast",
        rungs=("inform",),
        description=_(
            "Recorded conversations, for example with a resident, a district nurse or a social "
            "worker, about a theme in the neighbourhood. People listen whenever it suits them."
        ),
        group_size=_("any number of listeners"),
        duration=_("20 to 40 minutes per episode"),
        preparation=_(
            "A simple microphone, guests who agree to be recorded, a short script and a place "
            "to publish the episodes."
        ),
        good_for=_(
            "Telling a story with real voices and reaching people who prefer listening to reading."
        ),
    ),
    MethodInfo(
        key="webinar",
        name="Webinar",
        rungs=("inform",),
        description=_(
            "An online presentation with room for questions in the chat or out loud. Record it "
            "so people who could not join can watch it later."
        ),
        group_size=_("10 to 200 people"),
        duration=_("45 to 60 minutes"),
        preparation=_(
            "A video platform people can join without an account, a tested presentation, "
            "someone to follow the chat and a phone number for technical trouble."
        ),
        good_for=_(
            "Informing many people at once without travelling, such as partners across a region."
        ),
    ),
    MethodInfo(
        key="spontaneous-conversations",
        name="Spontane gesprekken in de wijk",
        rungs=("inform", "consult", "advise"),
        description=_(
            "Informal talks where people already are: at the market, the school gate, the "
            "community centre or the supermarket. Depending on what you ask, you share news, "
            "collect opinions or ask for advice."
        ),
        group_size=_("one to a few people at a time"),
        duration=_("5 to 15 minutes per conversation"),
        preparation=_(
            "Visible team members (a name badge or a stand helps), a few open questions and a "
            "notebook or short form to write down what you hear."
        ),
        good_for=_(
            "Meeting residents who would never come to a meeting, and building trust and "
            "contacts in the area."
        ),
    ),
    MethodInfo(
        key="flyer",
        name="Flyer",
        rungs=("inform",),
        description=_(
            "A printed sheet with the main message, a date or a contact, handed out in person or "
            "left at places people often visit."
        ),
        group_size=_("any number"),
        duration=_("a few days to hand out"),
        preparation=_(
            "A short text in plain language, a clear image, translations where needed and a "
            "plan for handing out: door to door, GP practice, library, shops."
        ),
        good_for=_("Reaching people who are not online and announcing a meeting or a service."),
    ),
    # --- Consult ------------------------------------------------------------------------------
    MethodInfo(
        key="interviews",
        name="Interviews",
        rungs=("consult",),
        description=_(
            "One-to-one conversations along a few open questions, with a resident or a "
            "professional. You hear experiences in depth and can ask follow-up questions."
        ),
        group_size=_("one person per interview, usually 5 to 15 interviews"),
        duration=_("30 to 60 minutes per interview"),
        preparation=_(
            "A short list of questions, consent for notes or recordings, a quiet place or a "
            "home visit, and a way to compare the answers afterwards."
        ),
        good_for=_(
            "Understanding personal experiences and the reasons behind them, also on sensitive "
            "topics."
        ),
    ),
    MethodInfo(
        key="questionnaire",
        name="Vragenlijst (online of face-to-face)",
        rungs=("consult",),
        description=_(
            "A fixed set of questions that people fill in online, on paper or together with "
            "someone from the team. Mostly multiple choice, with a few open questions."
        ),
        group_size=_("30 people or more"),
        duration=_("open for 2 to 6 weeks, about 10 minutes to fill in"),
        preparation=_(
            "Clear questions tried out on a few residents, a privacy check, a paper version and "
            "help for people who are not online, and a plan for the analysis."
        ),
        good_for=_(
            "An overview of opinions and needs in a large group, and comparing neighbourhoods or "
            "groups."
        ),
    ),
    MethodInfo(
        key="focus-group",
        name="Focusgroep",
        rungs=("consult",),
        description=_(
            "A guided group conversation on one topic with people in a similar situation, such "
            "as informal carers or young parents. Because they react to each other, shared and "
            "different views come to light."
        ),
        group_size=_("6 to 10 people"),
        duration=_("1.5 to 2 hours"),
        preparation=_(
            "A clear question, participants chosen with care and invited personally, a "
            "facilitator and a note-taker, and a small thank-you."
        ),
        good_for=_("Exploring the views and needs of one specific group in depth."),
    ),
    MethodInfo(
        key="walk-in-hour",
        name="Inloopspreekuur",
        rungs=("consult",),
        description=_(
            "A fixed time and place where anyone can drop in without an appointment to ask a "
            "question or share a concern, for example in the community centre or the library."
        ),
        group_size=_("any number, one at a time"),
        duration=_("1 to 2 hours at a fixed time each week or month"),
        preparation=_(
            "A recognisable, accessible spot, a regular schedule that is widely announced, and a "
            "simple way to note the topics people bring."
        ),
        good_for=_(
            "Being easy to reach and hearing what is going on, without people having to make an "
            "appointment."
        ),
    ),
    MethodInfo(
        key="brainstorm",
        name="Brainstorm",
        rungs=("consult",),
        description=_(
            "A session in which a group comes up with as many ideas as possible on one question, "
            "without judging them yet. Sorting and choosing come afterwards."
        ),
        group_size=_("5 to 15 people"),
        duration=_("45 to 90 minutes"),
        preparation=_(
            "One sharp question, sticky notes and markers or an online whiteboard, a facilitator "
            "who keeps things open and moving, and a plan for what happens to the ideas."
        ),
        good_for=_("Collecting many ideas quickly at the start of a plan."),
    ),
    MethodInfo(
        key="social-media-poll",
        name="Poll op social media",
        rungs=("consult",),
        description=_(
            "A quick question with a few answer options on a social media channel or in a "
            "neighbourhood app group."
        ),
        group_size=_("any number"),
        duration=_("a few days"),
        preparation=_(
            "One simple question with clear options, the right channel for the group you want "
            "to reach, and a moment to share the result."
        ),
        good_for=_(
            "A quick sense of preferences, such as choosing a date or a topic. On its own it is "
            "not representative."
        ),
    ),
    MethodInfo(
        key="theme-meeting",
        name="Groeps- of themabijeenkomst",
        rungs=("consult",),
        description=_(
            "A meeting on one theme, such as loneliness or growing older in good health, where "
            "residents and professionals talk in small groups and share the main points with "
            "everyone at the end."
        ),
        group_size=_("15 to 60 people"),
        duration=_("2 to 3 hours"),
        preparation=_(
            "A clear theme and question, a programme with a mix of work forms, a facilitator per "
            "table, invitations through key figures in the area, and food and drinks."
        ),
        good_for=_(
            "Hearing many voices on one theme and letting residents and professionals meet."
        ),
    ),
    MethodInfo(
        key="idea-box",
        name="Ideeënbus",
        rungs=("consult", "advise"),
        description=_(
            "A box in a public place or an online form where people can leave ideas and "
            "suggestions at any time. Respond regularly so people see their ideas are read."
        ),
        group_size=_("any number"),
        duration=_("ongoing, or a set period of a few weeks"),
        preparation=_(
            "A visible spot or web page with a short question on it, cards and pens, someone who "
            "empties and reads it regularly, and a way to report back."
        ),
        good_for=_(
            "Collecting ideas and advice at a low threshold, also from people who do not like "
            "speaking in a group."
        ),
    ),
    # --- Advise -------------------------------------------------------------------------------
    MethodInfo(
        key="sounding-board",
        name="Klankbord- of spiegelgroep",
        rungs=("advise", "coproduce"),
        description=_(
            "A fixed group of residents and others involved who meet several times to reflect "
            "on plans and drafts. When the group also helps to shape the work, it moves towards "
            "co-producing."
        ),
        group_size=_("6 to 12 people"),
        duration=_("1.5 to 2 hours per meeting, several times a year"),
        preparation=_(
            "Clear agreements about the group's role and mandate, a varied membership, papers in "
            "plain language sent in advance, and feedback on what was done with the advice."
        ),
        good_for=_(
            "Checking plans regularly against residents' experience during a longer project."
        ),
    ),
    MethodInfo(
        key="residents-panel",
        name="Inwonerspanel",
        rungs=("advise",),
        description=_(
            "A larger group of residents who agreed to be asked for their opinion several times "
            "a year, usually through short surveys online or on paper."
        ),
        group_size=_("50 to several hundred people"),
        duration=_("ongoing, with a few rounds a year"),
        preparation=_(
            "Recruiting a varied panel, careful handling of consent and contact details, short "
            "rounds of questions, and sharing the results with the panel members."
        ),
        good_for=_("Asking the same group for advice repeatedly and following changes over time."),
    ),
    MethodInfo(
        key="advice-conversations",
        name="Adviesgesprekken in de wijk",
        rungs=("advise",),
        description=_(
            "Planned conversations with residents or key figures in which the team presents a "
            "concrete proposal and asks what they would advise."
        ),
        group_size=_("1 to 6 people per conversation"),
        duration=_("45 to 90 minutes"),
        preparation=_(
            "A concrete proposal or question, a short summary in plain language, and a clear "
            "promise about how you will use the advice and report back."
        ),
        good_for=_("Targeted advice on a proposal from people with local knowledge."),
    ),
    MethodInfo(
        key="think-tank",
        name="Georganiseerde denktank",
        rungs=("advise",),
        description=_(
            "A small group with different backgrounds, for example residents, experts by "
            "experience and professionals, who think through a complex question over several "
            "sessions and then give advice."
        ),
        group_size=_("5 to 12 people"),
        duration=_("2 to 4 sessions of about 2 hours"),
        preparation=_(
            "A well-defined question, a varied group, background information, a chair and a "
            "clear deadline for the advice."
        ),
        good_for=_("Well-considered advice on a complex or sensitive question."),
    ),
    MethodInfo(
        key="world-cafe",
        name="Wereldcafé",
        rungs=("advise",),
        description=_(
            "Conversations at small tables in several rounds. After each round people move to "
            "another table, while a host stays and passes on what was said. At the end the "
            "main insights are shared with everyone."
        ),
        group_size=_("12 to 100 people"),
        duration=_("1.5 to 3 hours"),
        preparation=_(
            "Tables for 4 or 5 people, a host per table, two or three good questions, paper to "
            "write and draw on, and a relaxed café atmosphere."
        ),
        good_for=_(
            "Letting a large, mixed group exchange ideas and build on each other's thoughts."
        ),
    ),
    MethodInfo(
        key="acceleration-room",
        name="Versnellingskamer",
        rungs=("advise", "coproduce"),
        description=_(
            "A guided session in which everyone types ideas at the same time on a laptop or "
            "tablet, after which the group sorts, rates and ranks them together. The outcome is "
            "ready when the session ends."
        ),
        group_size=_("8 to 25 people"),
        duration=_("2 to 4 hours"),
        preparation=_(
            "Software and a device for everyone (often hired together with a facilitator), a "
            "clear question and programme, and help for people who are less used to screens."
        ),
        good_for=_(
            "Getting from many ideas to shared priorities or advice quickly, with every voice "
            "counting equally."
        ),
    ),
    # --- Co-produce ---------------------------------------------------------------------------
    MethodInfo(
        key="co-creation-workshop",
        name="Co-creatieworkshop",
        rungs=("coproduce",),
        description=_(
            "A hands-on workshop in which residents and professionals design a solution "
            "together as equals, for example a new activity or service, from idea to a first "
            "version."
        ),
        group_size=_("8 to 30 people"),
        duration=_("half a day, or a series of shorter sessions"),
        preparation=_(
            "A clear challenge, a mixed group, a facilitator, materials to make ideas tangible "
            "(paper, sketches, simple models), and agreements on what happens with the result."
        ),
        good_for=_("Creating solutions that residents and professionals both stand behind."),
    ),
    MethodInfo(
        key="design-studio",
        name="Ontwerp- of werkatelier",
        rungs=("coproduce",),
        description=_(
            "A series of working sessions in which residents, designers and professionals work "
            "on a concrete plan, such as the layout of a square or a local health programme. "
            "The draft gets better from session to session."
        ),
        group_size=_("10 to 25 people"),
        duration=_("3 to 5 sessions of 2 to 3 hours"),
        preparation=_(
            "Maps, drawings or a draft plan, a designer or expert who can draw along, a fixed "
            "group that can come to every session, and clear limits on what can be changed."
        ),
        good_for=_("Working out a concrete plan or design together, step by step."),
    ),
    MethodInfo(
        key="benefits-and-burdens",
        name="Lusten en lasten",
        rungs=("coproduce",),
        description=_(
            "A work form in which participants weigh what each option brings them and what it "
            "costs them, and look together for a fair balance between groups."
        ),
        group_size=_("10 to 40 people"),
        duration=_("2 to 3 hours"),
        preparation=_(
            "Two or more realistic options with facts about their effects, cards or a board to "
            "sort gains and costs, and a facilitator who keeps the conversation balanced."
        ),
        good_for=_("Making trade-offs visible and finding a shared choice when interests differ."),
    ),
    # --- Co-decide ----------------------------------------------------------------------------
    MethodInfo(
        key="administrators-tables",
        name="Inwoners aan de bestuurstafel",
        rungs=("codecide",),
        description=_(
            "Where possible, residents take a seat at the table where administrators of the "
            "municipality, care providers or housing associations make decisions, with a vote "
            "or a fixed say."
        ),
        group_size=_("1 to 3 residents per table"),
        duration=_("ongoing, for the term of the board or project"),
        preparation=_(
            "Agreement from the board about the residents' role and mandate, preparation and "
            "support for the residents, papers in plain language, and an expense allowance."
        ),
        good_for=_("Giving residents a real say in decisions about the neighbourhood approach."),
    ),
    # --- Residents lead -----------------------------------------------------------------------
    MethodInfo(
        key="residents-initiative",
        name="Inwonersinitiatief",
        rungs=("citizen_led",),
        description=_(
            "Residents come up with their own plan for the neighbourhood and carry it out "
            "themselves, for example a walking group or a shared meal for lonely neighbours. "
            "The team helps where residents ask for it."
        ),
        group_size=_("any number"),
        duration=_("ongoing"),
        preparation=_(
            "An open attitude, one contact person in the team, and practical help such as a "
            "room, a small budget or support with permits."
        ),
        good_for=_(
            "Making room for the energy already present in the neighbourhood and helping "
            "initiatives last."
        ),
    ),
    MethodInfo(
        key="resident-led-project",
        name="Projectleiding door inwoners",
        rungs=("citizen_led",),
        description=_(
            "A resident or a group of residents runs a project from start to finish, with the "
            "budget and the decisions in their hands. Professionals take part as partners or "
            "advisers."
        ),
        group_size=_("a core group of 2 to 6 residents, plus participants"),
        duration=_("the length of the project, often several months"),
        preparation=_(
            "Clear agreements about budget, responsibilities and support, and coaching for the "
            "resident project leaders if they want it."
        ),
        good_for=_("Projects where residents' own knowledge and networks are the key to success."),
    ),
)

_METHODS_BY_KEY: dict[str, MethodInfo] = {method.key: method for method in METHODS}


def method_info(key: str) -> MethodInfo:
    """The method with this key. Raises KeyError for an unknown key."""
    return _METHODS_BY_KEY[key]


def methods_for_rung(rung: str) -> list[MethodInfo]:
    """The catalogue's methods on this rung, in catalogue order.

    Raises KeyError for an unknown rung key, so a typo never silently yields an empty list.
    """
    if rung not in _RUNGS_BY_KEY:
        raise KeyError(rung)
    return [method for method in METHODS if rung in method.rungs]


REFERENCES: tuple[tuple[str, str], ...] = (
    ("Liberating Structures", "https://www.liberatingstructures.com/"),
)

REFERENCES_TIP: Promise = _(
    "Looking for more interactive work forms for your meetings? Liberating Structures has "
    "dozens of simple formats that help everyone in the room take part."
)
