"""A world whose every free-text field holds XSS payloads (built by build_world)."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from alliances.models import Alliance
from core.translations import record_translations
from dues.models import FeeWaiver, TerritoryDiscount
from dues.services import invoice_cancel
from news.models import NewsPost
from news.services import news_propose, news_return
from partners.models import PartnerKey
from tests import factories
from tests.dues.utils import ISSUED_ON, make_grid, make_invoice
from tests.hostile import payloads

# The apps whose records people type in, and Django's users.
# django-axes records what anonymous callers send to the login form.
TEXT_APPS = (
    "members",
    "alliances",
    "news",
    "dues",
    "governance",
    "partners",
    "webhooks",
    "auth",
    "axes",
)


def free_text_fields(model) -> list[models.Field]:
    """The fields a person types free text into: not slugs, e-mails, URLs or
    choices, not the user name (its validator allows no markup) nor the
    password's hash."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField)
        and not isinstance(field, models.URLField)
        and field.editable
        and not field.choices
        and not (
            model is get_user_model()
            and field.name in (model.USERNAME_FIELD, "password")
        )
    ]


def models_with_free_text() -> set:
    return {
        model
        for label in TEXT_APPS
        for model in apps.get_app_config(label).get_models()
        if free_text_fields(model)
        and not model.__name__.startswith("Historical")
        # Written by migrations, never typed in.
        and model is not Permission
    }


def hostile_values(model, offset: int = 0) -> dict[str, str]:
    """Payloads for every free-text field of `model`, each field a different
    selection."""
    return {
        field.name: (
            payloads.MARKDOWN
            if (model, field.name) == (NewsPost, "body")
            else payloads.fill(field.max_length, offset + index)
        )
        for index, field in enumerate(free_text_fields(model))
    }


def make_hostile(obj, offset: int = 0):
    """Overwrite `obj`'s free-text fields with payloads and save it, so that
    its change history holds a change from harmless text to payloads."""
    for name, value in hostile_values(type(obj), offset).items():
        setattr(obj, name, value)
    obj.save()
    return obj


@dataclass
class World:
    region: object
    member: object
    person: object
    plan: object
    alliance: object
    extension: object
    category: object
    post: object
    proposal: object
    liaison: object
    editor: object
    partner_key: object
    objects: list
    partner_key_text: str = ""


def build_world() -> World:
    today = timezone.localdate()
    region = make_hostile(factories.RegionFactory(slug="hostile-region"), 0)
    member = factories.MemberCityFactory(slug="hostile-city", region=region)
    member.grp_amount, member.grp_year = 100, 2020
    make_hostile(member, 1)
    # Its French and Spanish texts (payloads too) as a service records them:
    # the admin lists their sources.
    record_translations(member, before=None)
    person = make_hostile(
        factories.PersonFactory(organisation=member, is_public=True), 2
    )
    factories.BoardMandateFactory(
        member=member, role="president", start_date=today.replace(year=2020)
    )
    factories.RegionalSecretariatFactory(
        member=member, region=region, secretary=person, start_date=today, end_date=None
    )
    plan = make_hostile(factories.StrategicActionPlanFactory(slug="hostile-plan"), 3)
    objective = make_hostile(factories.PlanObjectiveFactory(plan=plan), 4)
    alliance = make_hostile(
        factories.AllianceFactory(
            slug="hostile-alliance",
            kind=Alliance.Kind.GRANTING_MEMBER,
            granting_member=member,
            plan=plan,
            contact=person,
            start_date=today.replace(year=today.year - 1),
            signed_on=today.replace(year=today.year - 1),
        ),
        5,
    )
    factories.AllianceSignatoryFactory(alliance=alliance, person=person)
    extension = make_hostile(
        factories.AllianceExtensionFactory(
            alliance=alliance,
            new_end_date=today.replace(year=today.year + 5),
            agreed_on=today,
        ),
        6,
    )
    category = make_hostile(factories.CategoryFactory(slug="hostile-category"), 7)
    post = make_hostile(
        factories.NewsPostFactory(slug="hostile-post", category=category), 8
    )
    post.related_members.add(member)
    post.related_alliances.add(alliance)
    liaison = factories.LiaisonFactory(user__username="hostile-liaison", member=member)
    make_hostile(liaison.user, 9)
    editor = factories.EditorFactory(username="hostile-editor")
    proposal = news_propose(
        member=member,
        author=liaison.user,
        data={"title": "harmless", "category": category, "body": "harmless"},
    )
    proposal = news_return(post=proposal, by=editor, comment="harmless")
    make_hostile(proposal, 10)
    post.author = liaison.user
    post.save()
    partner_key, partner_key_text = PartnerKey.objects.create_key(
        name="harmless", owner=editor, scope=PartnerKey.Scope.READ
    )
    make_hostile(partner_key, 11)
    group = make_hostile(Group.objects.create(name="harmless"), 12)
    login_records = hostile_logins(liaison.user)
    dues_records = hostile_dues(member)
    governance_records = hostile_governance(member)
    webhook_records = hostile_webhooks(partner_key, member)
    hostile_erasure(person, editor)
    # Not typed in by people (so not among `objects`), but shown in the admin.
    hostile_task_result()
    return World(
        region=region,
        member=member,
        person=person,
        plan=plan,
        alliance=alliance,
        extension=extension,
        category=category,
        post=post,
        proposal=proposal,
        liaison=liaison.user,
        editor=editor,
        partner_key=partner_key,
        partner_key_text=partner_key_text,
        objects=[
            region,
            member,
            person,
            plan,
            objective,
            alliance,
            extension,
            category,
            post,
            proposal,
            liaison.user,
            partner_key,
            group,
            *login_records,
            *dues_records,
            *governance_records,
            *webhook_records,
        ],
    )


def api_caller(client, world: World, basename: str):
    """Who reads and writes resource `basename` in the API: for webhook
    endpoints, the world's partner key (a key manages its own, and no one
    else may); for every other resource, `client` logged in as the editor."""
    if basename == "webhookendpoint":
        caller = APIClient()
        caller.credentials(HTTP_AUTHORIZATION=f"Api-Key {world.partner_key_text}")
        return caller
    client.force_login(world.editor)
    return client


def hostile_dues(member) -> list:
    """A grid, an invoice of `member` with a payment and a credit note's
    worth of records, their free text full of payloads (tests/dues/utils.py)."""
    member.income_band = "high"
    member.save()
    grid = make_hostile(make_grid(), 13)
    invoice = make_invoice(member)
    payment = make_hostile(
        invoice.payments.create(received_on=invoice.issued_on, amount="1.00"), 14
    )
    waiver = make_hostile(
        FeeWaiver(member=member, year=2025, decided_on=invoice.issued_on), 15
    )
    discount = make_hostile(TerritoryDiscount(member=member, percent=10), 16)
    cancelled = make_invoice(member, year=2027)
    note = make_hostile(
        invoice_cancel(invoice=cancelled, reason="harmless", issued_on=ISSUED_ON), 17
    )
    return [grid, payment, waiver, discount, note]


def hostile_governance(member) -> list:
    """A convened General Assembly with an agenda item, a resolution admitting
    `member` and its attendance, their free text full of payloads."""
    from governance.models import AgendaItem, Attendance, Meeting, Resolution

    meeting = make_hostile(
        Meeting.objects.create(
            body="general_assembly",
            title="harmless",
            slug="hostile-meeting",
            starts_at=datetime.datetime(2099, 6, 1, 8, tzinfo=datetime.UTC),
            convened_on=datetime.date(2099, 4, 1),
            status="convened",
        ),
        18,
    )
    item = make_hostile(
        AgendaItem.objects.create(meeting=meeting, position=1, title="harmless"), 19
    )
    resolution = make_hostile(
        Resolution.objects.create(
            agenda_item=item, kind="admission", text="harmless", member_city=member
        ),
        20,
    )
    # No free text of its own: in the world, not in its list of texts.
    Attendance.objects.create(meeting=meeting, member=member, status="apologies")
    return [meeting, item, resolution]


def hostile_webhooks(partner_key, member) -> list:
    """An endpoint of the world's key and a delivery about `member`, with what
    a partner and its receiver control (the receiver's answer, the reason of
    a disabling) full of payloads."""
    from webhooks.models import WebhookDelivery, WebhookEndpoint

    endpoint = make_hostile(
        WebhookEndpoint.objects.create(
            key=partner_key,
            url="https://hooks.example.org/metropolis",
            events=["member.updated"],
            secret="whsec_aGFybWxlc3M=",
        ),
        21,
    )
    delivery = make_hostile(
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event="member.updated",
            object_type="members.membercity",
            object_id=str(member.pk),
            payload={"type": "member.updated", "data": {"name": payloads.CORE}},
            status=WebhookDelivery.Status.FAILED,
            response_status=500,
        ),
        22,
    )
    return [endpoint, delivery]


def hostile_erasure(person, editor):
    """A logged erasure (no free text of its own) whose record of what was
    done holds a payload where an action's code stands: the admin shows it."""
    from privacy.models import Erasure

    return Erasure.objects.create(
        subject=Erasure.Subject.PERSON,
        subject_id=person.pk,
        erased_by=editor,
        actions={payloads.CORE: 1},
    )


def hostile_task_result():
    """A task the worker ran that failed on what a receiver answered: its
    arguments, return value and traceback hold payloads; the admin of the
    queue (django-tasks-db's) shows them."""
    from django_tasks_db.models import DBTaskResult

    from notifications.tasks import deliver_message

    result = deliver_message.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED",
        args_kwargs={"args": [payloads.CORE], "kwargs": {}},
        return_value=payloads.CORE,
        exception_class_path="builtins.ValueError",
        traceback=payloads.CORE,
    )
    return DBTaskResult.objects.get(pk=result.id)


def hostile_logins(user) -> list:
    """django-axes' records of a failed and a successful login, with what an
    anonymous caller controls (user name, user agent, query) full of payloads."""
    browser = Client(HTTP_USER_AGENT=payloads.CORE, HTTP_ACCEPT=payloads.CORE)
    login = reverse("login") + "?next=" + quote(payloads.CORE)
    browser.post(login, {"username": payloads.CORE, "password": payloads.CORE})
    browser.post(login, {"username": user.username, "password": factories.PASSWORD})
    (attempt,) = AccessAttempt.objects.all()
    assert attempt.user_agent == payloads.CORE
    # Not written with the project's settings, but shown in the admin.
    copied = {
        field: getattr(attempt, field)
        for field in ("user_agent", "ip_address", "username", "http_accept")
    }
    records = [
        attempt,
        AccessFailureLog.objects.create(**copied),
        AccessLog.objects.create(**copied),
    ]
    return [make_hostile(record, 13) for record in records]
