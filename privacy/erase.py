"""Erasing a person or a user account: what identifies them is removed or
replaced with a pseudonym; the institutional record (a city's mandates, an
agreement and its signatures, the secretariats, invoices, the history of
changes) stays, pointing at the pseudonymised record. The erasure is logged
(privacy.Erasure) without the erased data.

Free text that people wrote (a news post's body, minutes, internal notes) is
not searched: the confirmation page says so.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Liaison, Person
from notifications.models import Preference
from privacy.collect import linked_records
from privacy.models import Erasure
from privacy.scrub import Replacements, readdress_messages, scrub_texts


def person_pseudonym(pk) -> str:
    # Stored data, not an interface text: the same in every language.
    return f"Erased person #{pk}"


def user_pseudonym(pk) -> str:
    return f"erased-user-{pk}"


def erased_mailbox(kind: str, pk) -> str:
    """The local part of the address that replaces theirs in the e-mails."""
    return f"erased-{kind}-{pk}"


def _drop_cached_pages() -> None:
    # The API's cached lists expire with the data versions the erasure
    # changes; clearing them drops the old bytes at once.
    transaction.on_commit(caches["api"].clear)


# More records of one kind than this are counted, not listed.
LISTED = 10


def _kept_lines(records: list[dict]) -> list[str]:
    """One line per linked record, or per kind where there are many."""
    groups: dict[str, list[str]] = {}
    for row in records:
        groups.setdefault(f"{row['kind']} ({row['as']})", []).append(row["label"])
    lines = []
    for group, labels in groups.items():
        if len(labels) > LISTED:
            lines.append(
                _("%(group)s: %(count)d records")
                % {"group": group, "count": len(labels)}
            )
        else:
            lines += [f"{group}: {label}" for label in labels]
    return lines


def person_plan(person: Person) -> dict[str, list[str]]:
    """What an erasure of `person` removes and keeps, in words (the admin's
    confirmation page)."""
    removed = [
        _("Name: replaced with “%(pseudonym)s”")
        % {"pseudonym": person_pseudonym(person.pk)},
        _("Position, e-mail address and phone: cleared"),
        _("Shown on the public site: no longer"),
        _("Every earlier version in the history: the same columns overwritten"),
        _("E-mails to the address: the address replaced, unsent ones cancelled"),
        _("The name and address in e-mail texts, webhook payloads and the admin log"),
    ]
    kept = [
        _("Organisation: %(organisation)s") % {"organisation": person.organisation_name}
    ]
    kept += _kept_lines(linked_records(person))
    return {"removed": removed, "kept": kept}


@transaction.atomic
def person_erase(*, person: Person, by: AbstractBaseUser) -> Erasure:
    """Erase a contact person's personal data; the records naming it stay.

    Locks the person's row: two erasures (or an edit) of one person run one
    after the other.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    pk = person.pk
    # Every name, address and phone it ever had, the current ones last.
    versions = [
        *Person.history.filter(id=pk).values("name", "email", "phone"),
        {"name": person.name, "email": person.email, "phone": person.phone},
    ]
    emails = {v["email"].lower() for v in versions if v["email"]}
    replacements = Replacements(
        {v["name"]: person_pseudonym(pk) for v in versions}
        | {v["phone"]: "" for v in versions}
        | dict.fromkeys(emails, "")
    )
    person.name = person_pseudonym(pk)
    person.position_title = person.email = person.phone = ""
    person.is_public = False
    person._history_user = by
    person.save()
    history = Person.history.filter(id=pk).update(
        name=person.name, position_title="", email="", phone=""
    )
    actions = {"pseudonymised": 1, "fields_cleared": 1, "history_rows": history}
    if emails:
        to_person = Q(pk__in=[])
        for email in emails:
            to_person |= Q(recipient_email__iexact=email)
        readdressed, cancelled = readdress_messages(
            to_person, erased_mailbox("person", pk)
        )
        actions |= {"messages": readdressed, "messages_cancelled": cancelled}
    actions |= scrub_texts(replacements)
    _drop_cached_pages()
    return Erasure.objects.create(
        subject=Erasure.Subject.PERSON, subject_id=pk, erased_by=by, actions=actions
    )


def user_plan(user) -> dict[str, list[str]]:
    removed = [
        _("User name: replaced with “%(pseudonym)s”")
        % {"pseudonym": user_pseudonym(user.pk)},
        _("First and last name and e-mail address: cleared"),
        _("The account: deactivated, its password, groups and rights removed"),
        _("Its liaison link, its e-mail preferences and its login records"),
        _("E-mail messages to it: the address replaced, unsent ones cancelled"),
        _("Its name and address in e-mail texts, webhook payloads and the admin log"),
    ]
    kept = [
        _(
            "The changes it made in the history, the admin log and its API keys, "
            "now under the pseudonym (a key of an inactive owner is refused)"
        )
    ]
    kept += _kept_lines(linked_records(user))
    return {"removed": removed, "kept": kept}


@transaction.atomic
def user_erase(*, user, by: AbstractBaseUser) -> Erasure:
    """Erase a user account's personal data and deactivate it; what it did
    stays, under the pseudonym.

    Raises PermissionDenied for one's own account (the erasure would end the
    session doing it).
    """
    if user.pk == by.pk:
        raise PermissionDenied(_("You cannot erase your own account."))
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    pk, username, email = user.pk, user.get_username(), user.email
    replacements = Replacements(
        {username: user_pseudonym(pk), email: "", user.get_full_name(): ""}
    )
    setattr(user, user.USERNAME_FIELD, user_pseudonym(pk))
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    liaisons = Liaison.objects.filter(user=user)
    for liaison in liaisons:
        liaison._history_user = by
    removed_links = len(liaisons)
    for liaison in liaisons:
        liaison.delete()
    login_records = sum(
        model.objects.filter(username=username).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    match = Q(recipient_user=user) | (
        Q(recipient_email__iexact=email) if email else Q()
    )
    readdressed, cancelled = readdress_messages(match, erased_mailbox("user", pk))
    actions = {
        "pseudonymised": 1,
        "fields_cleared": 1,
        "deactivated": 1,
        "liaison_links": removed_links,
        "preferences": Preference.objects.filter(user=user).delete()[0],
        "login_records": login_records,
        "messages": readdressed,
        "messages_cancelled": cancelled,
        **scrub_texts(replacements),
    }
    _drop_cached_pages()
    return Erasure.objects.create(
        subject=Erasure.Subject.USER, subject_id=pk, erased_by=by, actions=actions
    )
