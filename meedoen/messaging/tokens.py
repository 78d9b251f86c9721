"""Signed, stateless tokens for links in messages (unsubscribe), so they work without login
and without storing the address in plain text."""

from __future__ import annotations

import hashlib

from django.core import signing

_SALT = "meedoen.messaging.unsubscribe"


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def unsubscribe_token(*, team_id: int, email: str) -> str:
    return signing.dumps([team_id, email_hash(email)], salt=_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(team id, email hash) for a valid token, else None. Tokens do not expire: an old
    message's link must keep working."""
    try:
        team_id, hashed = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(team_id, int) or not isinstance(hashed, str) or len(hashed) != 64:
        return None
    return team_id, hashed
