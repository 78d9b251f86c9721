"""Every change in the messaging room. Rooms call these; outbox.py holds the outbox itself
(enqueue, cancel, reschedule, unsubscribe), staff.py what staff do with messages."""

from meedoen.messaging.services.outbox import (
    Recipient,
    message_enqueue,
    messages_cancel,
    messages_reschedule,
    recipient_is_unsubscribed,
    unsubscribe_record,
)
from meedoen.messaging.services.staff import (
    Audience,
    AudienceEmpty,
    MessageNotResendable,
    audience_recipients,
    call_outcome_note,
    contact_create,
    contact_delete,
    meeting_messages_send,
    message_resend,
    message_template_reset,
    message_template_save,
    message_test_send,
    messages_forget,
    messaging_settings_save,
    practical_note_save,
)

__all__ = [
    "Audience",
    "AudienceEmpty",
    "MessageNotResendable",
    "Recipient",
    "audience_recipients",
    "call_outcome_note",
    "contact_create",
    "contact_delete",
    "meeting_messages_send",
    "message_resend",
    "message_template_reset",
    "message_template_save",
    "message_test_send",
    "messages_forget",
    "messaging_settings_save",
    "practical_note_save",
    "message_enqueue",
    "messages_cancel",
    "messages_reschedule",
    "recipient_is_unsubscribed",
    "unsubscribe_record",
]
