"""Every change in the messaging room. Rooms call these; outbox.py holds the outbox itself
(enqueue, cancel, reschedule, unsubscribe), staff.py what staff do with messages. The
meeting-scoped staff work lives with registrations (`registrations.services_messages`)."""

from meedoen.messaging.services.outbox import (
    Recipient,
    message_enqueue,
    messages_cancel,
    messages_reschedule,
    recipient_is_unsubscribed,
    unsubscribe_record,
)
from meedoen.messaging.services.staff import (
    LANGUAGES,
    MessageNotResendable,
    call_outcome_record,
    contact_create,
    contact_delete,
    message_resend,
    message_template_reset,
    message_template_save,
    messages_forget,
    messaging_settings_save,
    practical_note_set,
)

__all__ = [
    "LANGUAGES",
    "MessageNotResendable",
    "Recipient",
    "call_outcome_record",
    "contact_create",
    "contact_delete",
    "message_resend",
    "message_template_reset",
    "message_template_save",
    "messages_forget",
    "messaging_settings_save",
    "practical_note_set",
    "message_enqueue",
    "messages_cancel",
    "messages_reschedule",
    "recipient_is_unsubscribed",
    "unsubscribe_record",
]
