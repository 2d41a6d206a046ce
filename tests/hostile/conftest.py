"""A world whose every free-text field holds XSS payloads, and the checks that
tell an inert page from one an attacker could run script in."""

import datetime
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliances.models import Alliance
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
    "auth",
    "axes",
)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "srcdoc",
}
# Elements no page of the app has; from a payload they would load or run code.
# (The admin draws its icons with inline <svg>: those are checked by attribute.)
FOREIGN_TAGS = {"iframe", "object", "embed", "base", "frame", "applet"}
# Where the app's own scripts come from.
SCRIPT_SOURCES = ("/static/", "/admin/jsi18n/")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
# Payloads that start a tag: their raw text in a page means it was not escaped.
TAG_PAYLOADS = [p for p in (payloads.CORE, *payloads.XSS) if "<" in p]


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


@pytest.fixture(scope="module")
def _world_rows(django_db_setup, django_db_blocker):
    """The world, built once per module in a transaction rolled back at its
    end; each test runs in a savepoint within it (pytest-django's `db`)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_rows, db) -> World:
    """Every free-text field of every kind of record holds payloads; the records
    are public where they can be, so that every page shows them."""
    return _world_rows


def build_world() -> World:
    today = timezone.localdate()
    region = make_hostile(factories.RegionFactory(slug="hostile-region"), 0)
    member = factories.MemberCityFactory(slug="hostile-city", region=region)
    member.grp_amount, member.grp_year = 100, 2020
    make_hostile(member, 1)
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
    partner_key, _key = PartnerKey.objects.create_key(
        name="harmless", owner=editor, scope=PartnerKey.Scope.READ
    )
    make_hostile(partner_key, 11)
    group = make_hostile(Group.objects.create(name="harmless"), 12)
    login_records = hostile_logins(liaison.user)
    dues_records = hostile_dues(member)
    governance_records = hostile_governance(member)
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
        ],
    )


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


class _Scanner(HTMLParser):
    """Collects what would run in a browser: event handler attributes,
    script URLs, foreign elements, and inline script that is not the app's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if scheme.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FOREIGN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = attributes.get("src")
            if src is not None and not src.startswith(SCRIPT_SOURCES):
                self.problems.append(f"<script src={src!r}>")
            self._script = attributes
            self._script_text = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script_text)
            if self._script.get("type") != "application/json" and (
                payloads.MARKER in text or "alert(" in text
            ):
                self.problems.append(f"<script>{text[:80]}</script>")
            self._script = None


def html_problems(html: str) -> list[str]:
    """What in `html` would run script from a payload; [] when inert."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    raw = [f"raw payload {p!r}" for p in TAG_PAYLOADS if p in html]
    return scanner.problems + raw


def assert_inert(response, where: str = ""):
    """An HTML response (not a 500) in which no payload is live."""
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, where
    problems = html_problems(response.content.decode())
    assert problems == [], f"{where or response.request['PATH_INFO']}: {problems}"


def assert_json(response):
    """JSON, declared as such: a browser never renders it as a page."""
    assert response["Content-Type"].split(";")[0] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    return json.loads(response.content)


class FormScanner(HTMLParser):
    """The values a browser would send for the forms of a page, by form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._option: dict | None = None
        self._text: list[str] = []

    @property
    def current(self) -> dict:
        return self.forms[-1]["fields"]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": a, "fields": {}})
            return
        if not self.forms:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.current.setdefault(name, []).append(a.get("value", "on"))
                else:
                    self.current.setdefault(name, [])
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.current.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self.current.setdefault(name, [])
        elif tag == "option" and self._select:
            self._option, self._text = a, []

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            # A newline right after <textarea> is not part of the value.
            self.current.setdefault(self._textarea, []).append(
                text[1:] if text.startswith("\n") else text
            )
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", "".join(self._text))
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self.current[self._select].append(value)
            self._option = None
        elif tag == "select" and self._select:
            self._select = None


def page_forms(html: str) -> list[dict]:
    scanner = FormScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.forms


def main_form(response) -> dict[str, list[str]]:
    """The fields of the page's form that posts back to the page (not the log
    out button): what a browser would send."""
    path = response.wsgi_request.path
    forms = page_forms(response.content.decode())
    for form in forms:
        attrs = form["attrs"]
        if attrs.get("method", "get").lower() == "post" and attrs.get("action", "") in (
            "",
            ".",
            path,
        ):
            return form["fields"]
    raise AssertionError(f"no form posting to {path} in {forms!r}")


# Form fields that take a number, a date or one of a list: any junk is refused.
TYPED_FORM_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
    forms.DurationField,
    forms.ChoiceField,  # ModelChoiceField, TypedChoiceField, countries
    forms.MultipleChoiceField,
    forms.ModelMultipleChoiceField,
    forms.MultiValueField,  # the admin's split date and time
    forms.GenericIPAddressField,
)


def page_django_forms(response) -> list[forms.BaseForm]:
    """The Django forms of a rendered page: the admin's form and its inlines'
    rows, or the view's `form`."""
    context = response.context
    if "adminform" in context:
        found = [context["adminform"].form]
        for inline in context.get("inline_admin_formsets", []):
            found.extend(inline.formset.forms)
        return found
    return [context["form"]]


@dataclass
class PostedField:
    form: forms.BaseForm
    name: str
    field: forms.Field


def visible_fields(response) -> dict[str, PostedField]:
    """Every field a person fills in on the page, by its name in the POST."""
    found = {}
    for form in page_django_forms(response):
        for name, field in form.fields.items():
            if field.disabled or field.widget.is_hidden:
                continue
            found[form.add_prefix(name)] = PostedField(form, name, field)
    return found


def posted_field(fields: dict[str, PostedField], html_name: str) -> PostedField | None:
    """The field an input belongs to; `published_at_0` is part of `published_at`."""
    return fields.get(html_name) or fields.get(re.sub(r"_\d+$", "", html_name))


def must_refuse(field: forms.Field, kind: str) -> bool:
    """Whether a form field has to refuse a FORM_VALUES value of `kind`."""
    if isinstance(field, forms.BooleanField):  # a ticked box, whatever it sends
        return False
    if kind == "nul":
        return True
    if kind == "long":
        # The login form's user name has a max_length but no validator: a long
        # one is just a failed login.
        return isinstance(field, TYPED_FORM_FIELDS) or any(
            isinstance(validator, MaxLengthValidator)
            and validator.limit_value < len(payloads.LONG)
            for validator in field.validators
        )
    return isinstance(field, TYPED_FORM_FIELDS)


# The forms of the site, the portal and the admin ------------------------------


def reset_confirm_url(world):
    user = type(world.liaison).objects.get(pk=world.liaison.pk)  # last login
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def return_action(world, client):
    """The admin's "return to the proposer" action asks for a comment."""
    NewsPost.objects.filter(pk=world.proposal.pk).update(
        status=NewsPost.Status.SUBMITTED
    )
    return client.post(
        reverse("admin:news_newspost_changelist"),
        {"action": "return_posts", "_selected_action": [world.proposal.pk]},
    )


# name: (persona, how to open the page, extra fields the submit button
# sends, what a refused post must leave unchanged)
SITE_FORMS = {
    "login": ("anonymous", lambda w: reverse("login"), {}, None),
    "password-reset": ("anonymous", lambda w: reverse("password_reset"), {}, None),
    "password-reset-confirm": (
        "anonymous",
        reset_confirm_url,
        {},
        lambda w: w.liaison,
    ),
    "password-change": (
        "liaison",
        lambda w: reverse("password_change"),
        {},
        lambda w: w.liaison,
    ),
    "portal-profile": (
        "liaison",
        lambda w: reverse("portal:profile"),
        {},
        lambda w: w.member,
    ),
    "portal-proposal-create": (
        "liaison",
        lambda w: reverse("portal:proposal-create"),
        {"submit": "1"},
        lambda w: NewsPost,
    ),
    "portal-proposal-edit": (
        "liaison",
        lambda w: reverse("portal:proposal-edit", args=[w.proposal.pk]),
        {"submit": "1"},
        lambda w: w.proposal,
    ),
    "admin-return-proposals": (
        "superuser",
        return_action,
        {"apply": "1"},
        lambda w: w.proposal,
    ),
}


def admin_forms():
    for model, model_admin in admin.site._registry.items():
        if (
            model_admin.has_add_permission.__func__
            is not admin.ModelAdmin.has_add_permission
        ):
            continue  # a read-only admin (django-axes' records)
        for view in ("add", "change"):
            yield f"admin-{model._meta.model_name}-{view}"


FORM_PAGES = [*SITE_FORMS, *admin_forms()]


def open_form(client, world, name):
    """The form's page, opened by the form's persona; the submit button's
    fields; what a refused post must leave unchanged."""
    persona, opener, extra, target = SITE_FORMS.get(name, ("superuser", None, {}, None))
    if persona == "liaison":
        client.force_login(world.liaison)
    elif persona == "superuser":
        client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    if name == "admin-return-proposals":
        return opener(world, client), extra, target(world)
    if opener is not None:
        page = client.get(opener(world), follow=True)
        return page, extra, target(world) if target else None
    _admin, model_name, view = name.split("-")
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    info = f"admin:{model._meta.app_label}_{model_name}"
    if view == "add":
        return client.get(reverse(f"{info}_add")), extra, model
    obj = model._default_manager.order_by("pk").last()
    return client.get(reverse(f"{info}_change", args=[obj.pk])), extra, obj
