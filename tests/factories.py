import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from alliances.models import (
    Alliance,
    AllianceExtension,
    AllianceSignatory,
    PlanObjective,
    StrategicActionPlan,
)
from alliances.services import alliance_extension_save, alliance_save
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

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EditorFactory(UserFactory):
    """Secretariat staff: in the Secretariat group, allowed into the admin."""

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True

    @factory.post_generation
    def secretariat(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n}")
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class MemberCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberCity

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "FR"
    region = factory.SubFactory(RegionFactory)
    join_year = 2000
    population = 2_000_000
    population_year = 2020


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison

    user = factory.SubFactory(UserFactory)
    member = factory.SubFactory(MemberCityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    position_title = "Officer"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    is_public = True


class BoardMandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMandate

    member = factory.SubFactory(MemberCityFactory)
    role = BoardMandate.Role.BOARD_MEMBER
    start_date = datetime.date(2020, 1, 1)
    end_date = None


class RegionalSecretariatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalSecretariat

    member = factory.SubFactory(MemberCityFactory)
    region = factory.SelfAttribute("member.region")
    start_date = datetime.date(2021, 1, 1)
    end_date = datetime.date(2023, 12, 31)


class StrategicActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicActionPlan

    title = factory.Sequence(lambda n: f"Strategic Action Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    first_year = 2021
    last_year = 2023


class PlanObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanObjective

    plan = factory.SubFactory(StrategicActionPlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Objective {n}")


class AllianceFactory(factory.django.DjangoModelFactory):
    """A signed partner alliance: three years from 15 July 2021."""

    class Meta:
        model = Alliance

    title = factory.Sequence(lambda n: f"Alliance {n}")
    slug = factory.Sequence(lambda n: f"alliance-{n}")
    kind = Alliance.Kind.PARTNER
    instrument = Alliance.Instrument.MOU
    counterpart = "Partner Office"
    signed_on = datetime.date(2021, 7, 15)
    signing_format = Alliance.SigningFormat.VIRTUAL
    start_date = datetime.date(2021, 7, 15)
    term_years = 3

    class Params:
        granting = factory.Trait(
            kind=Alliance.Kind.GRANTING_MEMBER,
            granting_member=factory.SubFactory(MemberCityFactory),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, as every entry point: it stores the end.
        return alliance_save(alliance=model_class(*args, **kwargs))


class AllianceSignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllianceSignatory

    alliance = factory.SubFactory(AllianceFactory)
    person = factory.SubFactory(PersonFactory)
    side = AllianceSignatory.Side.ASSOCIATION


class AllianceExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllianceExtension

    alliance = factory.SubFactory(AllianceFactory)
    new_end_date = datetime.date(2025, 7, 14)
    agreed_on = datetime.date(2024, 6, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, as the admin: it moves the alliance's end.
        extension = alliance_extension_save(extension=model_class(*args, **kwargs))
        extension.alliance.refresh_from_db(fields=["ends_on"])
        return extension


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class NewsPostFactory(factory.django.DjangoModelFactory):
    """A post published an hour ago."""

    class Meta:
        model = NewsPost

    title = factory.Sequence(lambda n: f"News post {n}")
    slug = factory.Sequence(lambda n: f"news-post-{n}")
    category = factory.SubFactory(CategoryFactory)
    summary = "A summary."
    body = "Some **Markdown**."
    status = NewsPost.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
