"""What the messaging room puts into the shared frames: the outbox's periodic job, the menu
item, and the audit sentences (also of the meeting-scoped actions that registrations performs
through messaging). The section on a meeting's page is registered by registrations."""

from django.utils.translation import gettext_lazy as _

from meedoen.messaging.delivery import outbox_deliver_due
from meedoen.teams.audit import audit_action_register
from meedoen.teams.navigation import NavItem, nav_item_register
from meedoen.teams.periodic import periodic_job_register

# Every minute: send what is due, and take over claims of workers that died.
periodic_job_register("messaging.outbox", lambda now: outbox_deliver_due(now=now).as_dict())


nav_item_register(
    NavItem("messaging.messages", _("Messages"), "messaging:template_list", order=140)
)

for action, sentence in {
    "message.resent": _("sent a failed message to %(label)s again"),
    "message.test": _("sent themselves a test message of %(label)s"),
    "message.sent_to_audience": _("sent messages about %(label)s"),
    "message.call_noted": _("noted a phone call with %(label)s"),
    "message.bring": _("changed what to bring to %(label)s"),
    "message_template.saved": _("changed the message text %(label)s"),
    "message_template.reset": _("went back to the built-in message text %(label)s"),
    "messaging.settings": _("changed the message settings"),
    "contact.created": _("added the contact %(label)s"),
    "contact.deleted": _("removed the contact %(label)s"),
}.items():
    audit_action_register(action, sentence)
