"""Loading the demo data: idempotent, in one transaction, with a history reason."""

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
from tools.demo import data

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
    # username -> the password just set (only with accounts).
    passwords: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def load_demo(*, with_accounts: bool = False) -> DemoResult:
    """Create or bring back the demo records; a second run writes nothing.

    Records are found by natural key (slug, code, name, dates) and saved only
    when a value differs, so that an unchanged record gets no history row.
    Each record is validated before it is saved, in one transaction: a clash
    with existing data (say, another President today) raises ValidationError
    and nothing is written.

    With `with_accounts` (DEBUG only), also the users "editor" (secretariat) and
    "guangzhou-liaison", whose passwords are set anew on every run.
    """
    if with_accounts and not settings.DEBUG:
        raise DemoDataError(
            "Demo accounts get passwords printed on the console: they are only "
            "created with DEBUG on (DJANGO_DEBUG=1). Nothing was loaded."
        )
    loader = _Loader()
    loader.load()
    if with_accounts:
        loader.result.passwords = _load_accounts(loader.cities["guangzhou"])
    return loader.result


class _Loader:
    def __init__(self):
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
            city = {**values, "region": self.regions[values["region"]]}
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
            Category, {"slug": data.CATEGORY["slug"]}, {"name": data.CATEGORY["name"]}
        )
        values = {**data.NEWS_POST, "category": category}
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

        `values` may repeat the lookup's keys; those are not compared.
        """
        values = {name: value for name, value in values.items() if name not in lookup}
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
        # The history row that the m2m change writes reads the reason from obj.
        obj._change_reason = CHANGE_REASON
        manager.set(targets)


def _same(obj: models.Model, name: str, value) -> bool:
    """Whether obj's `name` already holds `value`; a foreign key costs no query."""
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(obj, model_field.attname) == (value.pk if value else None)
    return getattr(obj, name) == value


def _load_accounts(guangzhou: MemberCity) -> dict[str, str]:
    """The demo editor and Guangzhou liaison, with new random passwords."""
    editor, editor_password = _reset_user(
        EDITOR_USERNAME, first_name="Demo", last_name="Editor", is_staff=True
    )
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    editor.groups.add(group)
    liaison, liaison_password = _reset_user(
        LIAISON_USERNAME, first_name="Guangzhou", last_name="Liaison", is_staff=False
    )
    Liaison.objects.update_or_create(user=liaison, defaults={"member": guangzhou})
    return {EDITOR_USERNAME: editor_password, LIAISON_USERNAME: liaison_password}


def _reset_user(username: str, **fields):
    user, _ = get_user_model().objects.get_or_create(username=username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.email = f"{username}@example.org"
    user.is_active = True
    user.is_superuser = False
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    return user, password
