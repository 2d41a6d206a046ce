"""Replacing a person's name, address or user name where the app keeps them as
text inside other records: e-mail messages, webhook payloads, the admin log.

A value is replaced where it stands alone (not inside a longer word, address
or user name: erasing "liaison" leaves "other-liaison" alone), in its plain
form and in the escaped form JSON gives it ("Agn\\u00e8s") where a column
keeps JSON as ASCII text.
"""

import json
import re
from typing import Any

from django.contrib.admin.models import LogEntry
from django.db import models
from django.db.models import Q

from notifications.models import Message
from webhooks.models import WebhookDelivery

# Shorter values are too likely to be part of something else.
MIN_LENGTH = 3
EDGE = r"\w.@+-"


def _variants(old: str, new: str) -> list[tuple[str, str]]:
    pairs = [(old, new)]
    escaped_old, escaped_new = json.dumps(old)[1:-1], json.dumps(new)[1:-1]
    if escaped_old != old:
        pairs.append((escaped_old, escaped_new))
    return pairs


class Replacements:
    """Old values and what replaces them."""

    def __init__(self, mapping: dict[str, str]):
        self.pairs = [
            pair
            for old, new in mapping.items()
            if old and len(old) >= MIN_LENGTH
            for pair in _variants(old, new)
        ]
        self.patterns = [
            (re.compile(rf"(?<![{EDGE}]){re.escape(old)}(?![{EDGE}])", re.I), new)
            for old, new in self.pairs
        ]

    def __bool__(self):
        return bool(self.pairs)

    def text(self, value: str) -> str:
        for pattern, new in self.patterns:
            value = pattern.sub(lambda _match, new=new: new, value)
        return value

    def value(self, value: Any) -> Any:
        """The same JSON value with every string scrubbed."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        return value

    def candidates(self, fields: list[str]) -> Q:
        """Rows where a field may hold an old value (the database's text
        search, which the patterns then make exact)."""
        match = Q(pk__in=[])
        for field in fields:
            for old, _new in self.pairs:
                match |= Q(**{f"{field}__icontains": old})
        return match


def scrub_columns(
    model: type[models.Model], fields: list[str], replacements: Replacements
) -> int:
    """Replace the old values in `fields` (text or JSON) of every row of
    `model` holding one; the number of rows changed."""
    if not replacements:
        return 0
    changed = 0
    rows = model._base_manager.filter(replacements.candidates(fields))
    for row in rows.values("pk", *fields).iterator(chunk_size=500):
        update = {}
        for field in fields:
            scrubbed = replacements.value(row[field])
            if scrubbed != row[field]:
                update[field] = scrubbed
        if update:
            model._base_manager.filter(pk=row["pk"]).update(**update)
            changed += 1
    return changed


def scrub_texts(replacements: Replacements) -> dict[str, int]:
    """Every text that may quote a person: the counts per ACTIONS code."""
    return {
        "message_texts": scrub_columns(
            Message, ["context", "object_label", "last_error"], replacements
        ),
        "webhook_payloads": scrub_columns(
            WebhookDelivery, ["payload", "response_body", "last_error"], replacements
        ),
        "admin_log": scrub_columns(
            LogEntry, ["object_repr", "change_message"], replacements
        ),
    }


def readdress_messages(match: Q, mailbox: str) -> tuple[int, int]:
    """Messages to the erased recipient get a pseudonymous address at the
    reserved domain .invalid (reaching nobody): `<mailbox>@erased.invalid`,
    `<mailbox>.1@…` for a second address it had, and so on (a message is
    unique per address). Those not sent yet are cancelled (failed, with the
    reason). Returns (readdressed, cancelled)."""
    rows = Message.objects.filter(match)
    cancelled = rows.filter(
        status__in=[Message.Status.QUEUED, Message.Status.SENDING]
    ).update(
        status=Message.Status.FAILED,
        leased_until=None,
        last_error="The recipient's personal data was erased.",
    )
    olds = sorted(set(rows.values_list("recipient_email", flat=True)))
    readdressed = 0
    for number, old in enumerate(olds):
        suffix = f".{number}" if number else ""
        readdressed += rows.filter(recipient_email=old).update(
            recipient_email=f"{mailbox}{suffix}@erased.invalid"
        )
    return readdressed, cancelled
