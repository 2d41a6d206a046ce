"""Loading the demo data: idempotent, in one transaction, with a history reason.

What "a person has changed" means here: every record the demo writes gets a
history row whose reason is CHANGE_REASON. A record whose latest history row
carries another reason (or none: an edit in the admin, the portal or the API)
has been changed by a person since, and a plain run leaves it as it is. A
record of a model without history is left alone once it exists. `reset`
restores every demo record whatever its history.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction

from alliances.models import (
    Alliance,
    AllianceSignatory,
    PlanObjective,
    StrategicActionPlan,
)
from alliances.services import alliance_store_end
from core.content import source_values
from members.models import (
    BoardMandate,
    Liaison,
    MemberCity,
    Person,
    Region,
    RegionalSecretariat,
)
from members.permissions import SECRETARIAT_GROUP
from news.models import Category, NewsPost
from tools.demo import clock, data, pictures, translations
from tools.demo.alive import load_alive
from tools.demo.documents import load_documents
from tools.demo.dues import load_dues
from tools.demo.governance import load_governance

CHANGE_REASON = "load_demo"
EDITOR_USERNAME = "editor"
LIAISON_USERNAME = "guangzhou-liaison"


class DemoDataError(Exception):
    """The demo data cannot be loaded as asked."""


@dataclass
class DemoResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Differ from the demo because a person changed them; left as they are.
    kept: int = 0
    # username -> the password just set: for accounts created or reset only.
    passwords: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def load_demo(*, with_accounts: bool = False, reset: bool = False) -> DemoResult:
    """Create the demo records that are missing; a second run writes nothing.

    Records are found by natural key (slug, code, name, dates). A record that
    differs from the demo is brought back to the demo's values only if the
    demo wrote it last (see the module's docstring) or with `reset`; an
    unchanged record gets no history row. Each record is validated before it
    is saved, in one transaction: a clash with existing data (say, another
    President today) raises ValidationError and nothing is written.

    With `with_accounts` (DEBUG only), also the users "editor" (secretariat)
    and "guangzhou-liaison": created with a random password when missing, left
    alone when they exist, and given new passwords with `reset`. The result's
    `passwords` holds the passwords just set, to be shown once.
    """
    if with_accounts and not settings.DEBUG:
        raise DemoDataError(
            "Demo accounts get passwords printed on the console: they are only "
            "created with DEBUG on (DJANGO_DEBUG=1). Nothing was loaded."
        )
    loader = _Loader(reset=reset)
    loader.load()
    if with_accounts:
        loader.result.passwords = _load_accounts(
            loader.cities["guangzhou"], reset=reset
        )
    return loader.result


class _Loader:
    def __init__(self, *, reset: bool = False):
        self.reset = reset
        self.result = DemoResult()
        self.regions: dict[str, Region] = {}
        self.cities: dict[str, MemberCity] = {}
        self.people: dict[str, Person] = {}
        self.alliances: dict[str, Alliance] = {}

    def load(self) -> None:
        for region in data.REGIONS:
            self.regions[region["slug"]] = self.upsert(
                Region, {"code": region["code"]}, region
            )
        for values in data.CITIES:
            city = {
                **values,
                **translations.CITY_SUMMARIES.get(values["slug"], {}),
                **pictures.city_pictures(
                    values["slug"], values["name"], values["region"]
                ),
                "region": self.regions[values["region"]],
            }
            self.cities[city["slug"]] = self.upsert(
                MemberCity, {"slug": city["slug"]}, city
            )
        for values in data.PEOPLE:
            person = {**values, "organisation": self.city(values["organisation"])}
            self.people[person["name"]] = self.upsert(
                Person, {"name": person["name"]}, person
            )
        for mandate in data.BOARD_MANDATES:
            self.upsert(
                BoardMandate,
                {
                    "member": self.cities[mandate["member"]],
                    "role": mandate["role"],
                    "start_date": mandate["start_date"],
                },
                {"end_date": mandate["end_date"]},
            )
        for term in data.SECRETARIATS:
            self.upsert(
                RegionalSecretariat,
                {
                    "region": self.regions[term["region"]],
                    "member": self.cities[term["member"]],
                    "start_date": term["start_date"],
                },
                {
                    "end_date": term["end_date"],
                    "secretary": self.person(term["secretary"]),
                },
            )
        plan = self.load_plan()
        self.load_alliance(plan)
        self.load_news_post()
        today = clock.today()
        load_alive(self, today)
        self.result.created += load_dues(
            cities=self.cities, today=today, reset=self.reset
        )
        self.result.created += load_governance(
            cities=self.cities, today=today, reset=self.reset
        )
        self.result.created += load_documents(today=today, reset=self.reset)

    def load_plan(self) -> StrategicActionPlan:
        plan = self.upsert(StrategicActionPlan, {"slug": data.PLAN["slug"]}, data.PLAN)
        for position, text in enumerate(data.PLAN_OBJECTIVES, start=1):
            self.upsert(
                PlanObjective, {"plan": plan, "position": position}, {"text": text}
            )
        return plan

    def load_alliance(self, plan: StrategicActionPlan) -> Alliance:
        values = {
            **data.ALLIANCE,
            "granting_member": self.cities[data.ALLIANCE["granting_member"]],
            "plan": plan,
            "contact": self.people[data.ALLIANCE["contact"]],
        }
        alliance = self.upsert(Alliance, {"slug": values["slug"]}, values)
        # Its stored end, from the term and any extension (alliances.services).
        alliance_store_end(alliance=alliance)
        self.alliances[alliance.slug] = alliance
        for signatory in data.SIGNATORIES:
            self.upsert(
                AllianceSignatory,
                {"alliance": alliance, "person": self.people[signatory["person"]]},
                {"side": signatory["side"]},
            )
        return alliance

    def load_news_post(self) -> NewsPost:
        category = self.upsert(
            Category,
            {"slug": data.CATEGORY["slug"]},
            {"name": data.CATEGORY["name"], **translations.CATEGORY_NAME},
        )
        values = {
            **data.NEWS_POST,
            **translations.NEWS_POST,
            **pictures.reference_post_picture(),
            "category": category,
        }
        members = [self.cities[slug] for slug in values.pop("related_members")]
        alliances = [self.alliances[slug] for slug in values.pop("related_alliances")]
        post = self.upsert(NewsPost, {"slug": values["slug"]}, values)
        self.sync_m2m(post, "related_members", members)
        self.sync_m2m(post, "related_alliances", alliances)
        return post

    def city(self, slug: str | None) -> MemberCity | None:
        return self.cities[slug] if slug else None

    def person(self, name: str | None) -> Person | None:
        return self.people[name] if name else None

    def upsert(self, model: type[models.Model], lookup: dict, values: dict):
        """The row matching `lookup`, created or updated to `values` if need be.

        `values` may repeat the lookup's keys; those are not compared. A
        translated field's plain name is its English text (core.content).
        """
        values = {name: value for name, value in values.items() if name not in lookup}
        values = source_values(model, values)
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            self.result.created += 1
        else:
            changed = [
                name for name, value in values.items() if not _same(obj, name, value)
            ]
            if not changed:
                self.result.unchanged += 1
                return obj
            if not self.reset and _changed_by_a_person(obj):
                self.result.kept += 1
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            self.result.updated += 1
        obj.full_clean()
        obj._change_reason = CHANGE_REASON
        obj.save()
        return obj

    def sync_m2m(self, obj: models.Model, name: str, targets: list) -> None:
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) == {t.pk for t in targets}:
            return
        if not self.reset and _changed_by_a_person(obj):
            return
        # The history row that the m2m change writes reads the reason from obj.
        obj._change_reason = CHANGE_REASON
        manager.set(targets)


def _changed_by_a_person(obj: models.Model) -> bool:
    """Whether someone other than the demo wrote `obj` last (one query).

    A model without history cannot tell: an existing row counts as changed.
    """
    history = getattr(type(obj), "history", None)
    if history is None:
        return True
    latest = (
        obj.history.order_by("-history_date", "-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    return latest != CHANGE_REASON


def _same(obj: models.Model, name: str, value) -> bool:
    """Whether obj's `name` already holds `value`; a foreign key costs no query."""
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(obj, model_field.attname) == (value.pk if value else None)
    return getattr(obj, name) == value


def _load_accounts(guangzhou: MemberCity, *, reset: bool) -> dict[str, str]:
    """The demo editor and Guangzhou liaison: created when missing (or, with
    `reset`, restored) with a random password; existing accounts are left
    as they are. Returns the passwords just set."""
    passwords = {}
    editor, passwords[EDITOR_USERNAME] = _demo_user(
        EDITOR_USERNAME,
        reset=reset,
        first_name="Demo",
        last_name="Editor",
        is_staff=True,
    )
    if passwords[EDITOR_USERNAME]:
        group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
        editor.groups.add(group)
    liaison, passwords[LIAISON_USERNAME] = _demo_user(
        LIAISON_USERNAME,
        reset=reset,
        first_name="Guangzhou",
        last_name="Liaison",
        is_staff=False,
    )
    if passwords[LIAISON_USERNAME]:
        link = Liaison.objects.filter(user=liaison).first()
        if link is None or link.member_id != guangzhou.pk:
            link = link or Liaison(user=liaison)
            link.member = guangzhou
            link._change_reason = CHANGE_REASON
            link.save()
    return {username: password for username, password in passwords.items() if password}


def _demo_user(username: str, *, reset: bool, **fields):
    """The user and the password just set (None when it was left alone)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is not None and not reset:
        return user, None
    user = user or get_user_model()(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.email = f"{username}@example.org"
    user.is_active = True
    user.is_superuser = False
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    return user, password
