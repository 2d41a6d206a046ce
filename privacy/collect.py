"""Everything the app holds about a person (members.Person) or a user account,
as one JSON-ready dictionary.

The records that name them are found from the models' foreign keys, so a
model added later that points at a person or a user is exported without a
change here. Secrets (password hashes, API key hashes, signing secrets) are
never exported.
"""

import datetime
import json
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from rest_framework_api_key.models import AbstractAPIKey
from simple_history.models import HistoricalChanges

from members.models import Liaison, Person
from notifications.models import Message, Preference
from partners.models import PartnerKey

FORMAT = "metropolis-personal-data/1"
SECRET_FIELDS = frozenset({"password", "hashed_key", "secret"})
# Exported in sections of their own (below), not among the linked records.
OWN_SECTIONS = (Liaison, Preference, Message, PartnerKey, LogEntry)


class ExportEncoder(DjangoJSONEncoder):
    """Dates, decimals and lazy texts as DjangoJSONEncoder writes them; any
    other value (a country, a file) as its text."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def as_json(data: dict) -> str:
    return json.dumps(data, cls=ExportEncoder, ensure_ascii=False, indent=2)


def json_download(data, filename: str) -> HttpResponse:
    """`data` as a JSON file to save, not a page to show."""
    response = HttpResponse(as_json(data), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def is_history(model: type[models.Model]) -> bool:
    return issubclass(model, HistoricalChanges)


def links_to(
    target: type[models.Model], *, history: bool = False
) -> Iterator[tuple[type[models.Model], models.Field]]:
    """Every foreign key to `target`: of the history tables when `history`,
    else of the live ones (history_user and the like excluded)."""
    for model in apps.get_models():
        if is_history(model) != history or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target:
                yield model, field


def _secret(field: models.Field) -> bool:
    """A secret column: a password or key hash, a signing secret, or an API
    key's id (its prefix and its hash) as a key or a foreign key."""
    if field.name in SECRET_FIELDS:
        return True
    keyed = field.related_model if field.is_relation else field.model
    return (field.primary_key or field.is_relation) and issubclass(
        keyed, AbstractAPIKey
    )


def plain(obj: models.Model) -> dict[str, Any]:
    """The record's own columns (a foreign key as its id), secrets left out."""
    return {
        field.attname: field.value_from_object(obj)
        for field in obj._meta.concrete_fields
        if not _secret(field)
    }


def linked_records(subject: models.Model, *, skip=()) -> list[dict[str, Any]]:
    """The live records whose foreign keys point at `subject`: one query per
    foreign key, whatever the number of records."""
    found = []
    for model, field in links_to(type(subject)):
        if model in skip:
            continue
        related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        rows = model._default_manager.filter(**{field.name: subject})
        for record in rows.select_related(*related).order_by("pk"):
            found.append(
                {
                    "model": model._meta.label_lower,
                    "kind": str(model._meta.verbose_name),
                    "as": str(field.verbose_name),
                    "label": str(record),
                    "record": plain(record),
                }
            )
    return found


def history_rows(model: type[models.Model], pk) -> list[dict[str, Any]]:
    """The history of one record, every version, oldest first."""
    history = model.history.model
    rows = history.objects.filter(**{model._meta.pk.attname: pk})
    return [plain(row) for row in rows.order_by("history_date", "history_id")]


def messages_to(*, email: str = "", user=None) -> list[dict[str, Any]]:
    """The e-mails sent or queued to an address (any case) or a user."""
    match = Q(pk__in=[])
    if email:
        match |= Q(recipient_email__iexact=email)
    if user is not None:
        match |= Q(recipient_user=user)
    fields = [
        "id",
        "kind",
        "recipient_email",
        "object_label",
        "language",
        "status",
        "created_at",
        "sent_at",
    ]
    return list(Message.objects.filter(match).order_by("pk").values(*fields))


def _header(subject: str, pk) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "subject": subject,
        "id": pk,
    }


def person_export(person: Person) -> dict[str, Any]:
    """All the app holds about a contact person."""
    return {
        **_header("person", person.pk),
        "person": {
            **plain(person),
            "organisation": person.organisation_name,
        },
        "linked_records": linked_records(person),
        "history": history_rows(Person, person.pk),
        "email_messages": messages_to(email=person.email),
    }


def _login_records(username: str) -> list[dict[str, Any]]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    rows = []
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for record in model.objects.filter(username=username).order_by("pk"):
            rows.append({"kind": model._meta.label_lower, **plain(record)})
    return rows


def _changes_made(user) -> list[dict[str, Any]]:
    """The versions the user's changes made, in every history table."""
    changes = []
    for model in apps.get_models():
        # Many-to-many history rows belong to a version, not to a user.
        fields = {field.name for field in model._meta.concrete_fields}
        if not is_history(model) or "history_user" not in fields:
            continue
        original = model.instance_type
        for row in model.objects.filter(history_user=user).values(
            "history_id", "history_date", "history_type", original._meta.pk.attname
        ):
            changes.append(
                {
                    "model": original._meta.label_lower,
                    "object_id": row[original._meta.pk.attname],
                    "version": row["history_id"],
                    "date": row["history_date"],
                    "change": row["history_type"],
                }
            )
    return sorted(changes, key=lambda change: change["date"])


def user_export(user) -> dict[str, Any]:
    """All the app holds about a user account: the account, its liaison link,
    its e-mail preferences and e-mails, its API keys (never their secret), the
    records naming it, the changes it made, its admin log and login records."""
    liaison = Liaison.objects.filter(user=user).select_related("member").first()
    preference = Preference.objects.filter(user=user).first()
    account = plain(user)
    account["groups"] = list(
        user.groups.order_by("name").values_list("name", flat=True)
    )
    return {
        **_header("user", user.pk),
        "user": account,
        "liaison": (
            {"member_id": liaison.member_id, "member": liaison.member.name}
            if liaison
            else None
        ),
        "email_preferences": plain(preference) if preference else None,
        "email_messages": messages_to(email=user.email, user=user),
        "api_keys": [plain(key) for key in user.partner_keys.order_by("created")],
        "linked_records": linked_records(user, skip=OWN_SECTIONS),
        "changes_made": _changes_made(user),
        "admin_log": list(
            LogEntry.objects.filter(user=user)
            .order_by("action_time")
            .values(
                "action_time",
                "content_type__app_label",
                "content_type__model",
                "object_id",
                "object_repr",
                "action_flag",
                "change_message",
            )
        ),
        "login_records": _login_records(user.get_username()),
    }


def export_filename(subject: str, pk, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"personal-data-{subject}-{pk}-{today.isoformat()}.json"
