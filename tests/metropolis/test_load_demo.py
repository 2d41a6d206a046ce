"""`manage.py load_demo`: the reference post and its facts, idempotent, accounts."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from alliances.models import Alliance, AllianceSignatory, StrategicActionPlan
from members.models import (
    BoardMandate,
    Liaison,
    MemberCity,
    Person,
    Region,
    RegionalSecretariat,
)
from members.permissions import is_secretariat
from news.models import Category, NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

Role = BoardMandate.Role
POST_TITLE = (
    "Metropolis signs collaboration agreement with Guangzhou to expand our mission "
    "worldwide"
)
# Every table the demo could touch: models, their history and m2m tables, users.
TRACKED_APPS = ("members", "alliances", "news", "auth")


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"Demo account (\S+) .*password: (\S+)", output))


def tracked_models():
    for label in TRACKED_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in tracked_models()}


def all_rows() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in tracked_models()
    }


@pytest.fixture
def demo():
    load_demo()


@pytest.fixture
def guangzhou(demo):
    return MemberCity.objects.get(slug="guangzhou")


@pytest.fixture
def alliance(demo):
    return Alliance.objects.get(counterpart="Guangzhou Foreign Affairs Office")


# -- regions and Guangzhou ---------------------------------------------------


def test_the_five_regions_are_loaded_with_codes_and_slugs(demo):
    assert set(Region.objects.values_list("name", "code", "slug")) == {
        ("Africa", "AF", "africa"),
        ("Asia-Pacific", "AP", "asia-pacific"),
        ("Europe", "EU", "europe"),
        ("Latin America & Caribbean", "LAC", "latin-america-caribbean"),
        ("North America", "NA", "north-america"),
    }


def test_guangzhou_is_a_full_member_in_china_asia_pacific_since_1993(guangzhou):
    assert guangzhou.name == "Guangzhou"
    assert guangzhou.country.code == "CN"
    assert guangzhou.region.slug == "asia-pacific"
    assert guangzhou.category == MemberCity.Category.FULL
    assert guangzhou.join_year == 1993


def test_guangzhou_profile(guangzhou):
    assert guangzhou.is_capital is False
    assert guangzhou.status == MemberCity.Status.ACTIVE
    assert guangzhou.income_band == MemberCity.IncomeBand.UPPER_MIDDLE
    assert guangzhou.membership_type == MemberCity.MembershipType.JOINT
    assert guangzhou.website == "https://www.gz.gov.cn/"
    assert "33 megacities" in guangzhou.summary
    assert "Maritime Silk Road" in guangzhou.description


def test_guangzhou_is_a_megacity_of_more_than_22_million(guangzhou):
    assert guangzhou.population >= 22_000_000
    assert guangzhou.population_year == 2021
    assert guangzhou.is_megacity
    assert guangzhou in MemberCity.objects.megacities()


def test_guangzhou_gross_regional_product_is_2_36_trillion_cny_in_2019(guangzhou):
    assert guangzhou.grp_amount == Decimal("2360000000000")
    assert guangzhou.grp_currency == "CNY"
    assert guangzhou.grp_year == 2019


# -- board and secretariats ----------------------------------------------------


def test_guangzhou_board_history(guangzhou):
    history = guangzhou.mandates.order_by("start_date").values_list(
        "role", "start_date", "end_date"
    )
    assert list(history) == [
        (Role.BOARD_MEMBER, datetime.date(1996, 1, 1), datetime.date(2013, 12, 31)),
        (Role.CO_PRESIDENT, datetime.date(2014, 1, 1), datetime.date(2020, 10, 31)),
        (Role.PRESIDENT, datetime.date(2020, 11, 1), None),
    ]


def test_the_president_today_is_guangzhou(guangzhou):
    assert BoardMandate.objects.president_on().member == guangzhou


def test_the_president_when_the_post_was_published_is_guangzhou(guangzhou):
    assert BoardMandate.objects.president_on(datetime.date(2021, 8, 2)).member == (
        guangzhou
    )


def test_the_president_before_guangzhou_was_berlin(demo):
    mandate = BoardMandate.objects.president_on(datetime.date(2019, 1, 1))
    assert mandate.member.slug == "berlin"


@pytest.mark.parametrize(
    "day", [datetime.date(2021, 7, 15), None], ids=["signing-day", "today"]
)
def test_guangzhou_runs_asia_pacific_secretariat_with_zhan_decun(guangzhou, day):
    term = RegionalSecretariat.objects.current_on(day).get(region__slug="asia-pacific")
    assert term.member == guangzhou
    assert term.secretary.name == "Zhan Decun"


def test_every_region_has_a_current_secretariat(demo):
    current = RegionalSecretariat.objects.current_on().values_list(
        "region__slug", "member__slug"
    )
    assert dict(current) == {
        "africa": "dakar",
        "asia-pacific": "guangzhou",
        "europe": "berlin",
        "latin-america-caribbean": "montevideo",
        "north-america": "mexico-city",
    }


# -- people and plan -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "position", "organisation"),
    [
        ("Octavi de la Varga", "Secretary General", None),
        ("Zhan Decun", "Regional Secretary for Asia-Pacific", "guangzhou"),
        (
            "Agnès Charlotte Bickart",
            "Senior Manager for Institutional Relations and the Asia Portfolio",
            None,
        ),
    ],
)
def test_people(demo, name, position, organisation):
    person = Person.objects.get(name=name)
    assert person.position_title == position
    assert (person.organisation.slug if person.organisation else None) == organisation
    assert person.is_public


def test_secretariat_general_people_show_as_such(demo):
    person = Person.objects.get(name="Octavi de la Varga")
    assert person.organisation_name == "Secretariat General"


def test_strategic_action_plan_2021_2023_has_ordered_objectives(demo):
    plan = StrategicActionPlan.objects.get(slug="strategic-action-plan-2021-2023")
    assert (plan.first_year, plan.last_year) == (2021, 2023)
    assert plan.summary
    objectives = list(plan.objectives.values_list("position", "text"))
    assert [position for position, _ in objectives] == [1, 2, 3, 4]
    assert objectives[0][1].startswith("Listen actively")


# -- the alliance ---------------------------------------------------------------


def test_alliance_terms(alliance, guangzhou):
    assert alliance.kind == Alliance.Kind.GRANTING_MEMBER
    assert alliance.granting_member == guangzhou
    assert alliance.instrument == Alliance.Instrument.MOU
    assert alliance.signed_on == datetime.date(2021, 7, 15)
    assert alliance.signing_format == Alliance.SigningFormat.VIRTUAL
    assert alliance.start_date == datetime.date(2021, 7, 15)
    assert alliance.term_years == 3
    assert alliance.plan.slug == "strategic-action-plan-2021-2023"
    assert alliance.contact.name == "Agnès Charlotte Bickart"


def test_alliance_ends_on_14_july_2024(alliance):
    assert alliance.end_date == datetime.date(2024, 7, 14)
    assert Alliance.objects.with_dates().get(pk=alliance.pk).end == (
        datetime.date(2024, 7, 14)
    )


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (datetime.date(2021, 7, 14), Alliance.Status.UPCOMING),
        (datetime.date(2021, 7, 15), Alliance.Status.ACTIVE),
        (datetime.date(2024, 4, 14), Alliance.Status.ACTIVE),
        (datetime.date(2024, 4, 15), Alliance.Status.EXPIRING),
        (datetime.date(2024, 7, 14), Alliance.Status.EXPIRING),
        (datetime.date(2024, 7, 15), Alliance.Status.EXPIRED),
    ],
)
def test_alliance_status_on_day(alliance, day, status):
    assert alliance.status_on(day) == status
    assert Alliance.objects.with_dates(day).get(pk=alliance.pk).status == status


def test_alliance_has_expired_today(alliance):
    assert alliance.status_on() == Alliance.Status.EXPIRED


def test_alliance_signatories_and_their_sides(alliance):
    assert set(alliance.signatories.values_list("person__name", "side")) == {
        ("Octavi de la Varga", AllianceSignatory.Side.ASSOCIATION),
        ("Zhan Decun", AllianceSignatory.Side.COUNTERPART),
    }


def test_alliance_summary_objectives_and_internal_notes(alliance):
    assert "Guangzhou Foreign Affairs Office" in alliance.summary
    assert "Strategic Action Plan 2021–2023" in alliance.objectives
    assert alliance.internal_notes


# -- the news post --------------------------------------------------------------


def test_the_post_is_published_on_2_august_2021_in_urban_innovation(demo):
    post = NewsPost.objects.published().get(title=POST_TITLE)
    assert timezone.localdate(post.published_at) == datetime.date(2021, 8, 2)
    assert post.category == Category.objects.get(name="Urban Innovation")
    assert post.category.slug == "urban-innovation"


def test_the_post_is_linked_to_guangzhou_and_the_alliance(guangzhou, alliance):
    post = NewsPost.objects.get(title=POST_TITLE)
    assert list(post.related_members.all()) == [guangzhou]
    assert list(post.related_alliances.all()) == [alliance]
    assert post in NewsPost.objects.about_member(guangzhou)


def test_the_post_body_transcribes_the_reference_post(demo):
    body = NewsPost.objects.get(title=POST_TITLE).body
    for passage in (
        "Metropolis and the Guangzhou Foreign Affairs Office signed an Agreement on "
        "15 July 2021.",
        "Guangzhou has been a member of Metropolis since 1993",
        "currently acts as **President of the association**.",
        "**Guangzhou embodies the metropolisation process**—a phenomenon",
        "With a 2.36 trillion-yuan gross regional product in 2019",
        "This agreement is part of Metropolis' Alliances with its Granting Members",
        "As Regional Secretariat for the Asia Pacific region, Guangzhou is committed",
        "contact Agnès Charlotte Bickart, Senior Manager for Institutional Relations "
        "and the Asia Portfolio.",
    ):
        assert passage in body


def test_the_post_body_renders_its_bold_passages(demo):
    html = NewsPost.objects.get(title=POST_TITLE).body_html
    assert "<strong>President of the association</strong>" in html
    assert "<strong>Guangzhou embodies the metropolisation process</strong>" in html


# -- the other cities -----------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "name", "country", "region", "is_capital"),
    [
        ("barcelona", "Barcelona", "ES", "europe", False),
        ("berlin", "Berlin", "DE", "europe", True),
        ("dakar", "Dakar", "SN", "africa", True),
        ("montevideo", "Montevideo", "UY", "latin-america-caribbean", True),
        ("mexico-city", "Mexico City", "MX", "north-america", True),
    ],
)
def test_other_member_cities(demo, slug, name, country, region, is_capital):
    city = MemberCity.objects.active().get(slug=slug)
    assert city.name == name
    assert city.country.code == country
    assert city.region.slug == region
    assert city.is_capital is is_capital
    assert city.population and city.population_year
    assert 1985 <= city.join_year <= timezone.localdate().year


def test_berlin_joined_in_1991(demo):
    assert MemberCity.objects.get(slug="berlin").join_year == 1991


# -- idempotence and history -----------------------------------------------------


def test_a_second_run_adds_no_row_to_any_table_or_history(demo):
    before = row_counts()
    load_demo()
    assert row_counts() == before


def test_a_second_run_changes_no_value(demo):
    before = all_rows()
    load_demo()
    assert all_rows() == before


def test_a_second_run_reports_nothing_created_or_updated(demo):
    assert "0 created, 0 updated" in load_demo()


def test_history_rows_carry_the_load_demo_reason(demo):
    history_models = [
        model for model in tracked_models() if model.__name__.startswith("Historical")
    ]
    reasons = {
        reason
        for model in history_models
        if hasattr(model, "history_change_reason")
        for reason in model.objects.values_list("history_change_reason", flat=True)
    }
    assert MemberCity.history.filter(slug="guangzhou").exists()
    assert reasons == {"load_demo"}


def test_a_rerun_restores_an_edited_fact_with_one_history_row(guangzhou):
    guangzhou.join_year = 2000
    guangzhou.save()
    history_rows = guangzhou.history.count()
    load_demo()
    guangzhou.refresh_from_db()
    assert guangzhou.join_year == 1993
    assert guangzhou.history.count() == history_rows + 1
    assert guangzhou.history.latest().history_change_reason == "load_demo"


def test_a_clash_with_existing_data_loads_nothing():
    factories.BoardMandateFactory(
        role=Role.PRESIDENT, start_date=datetime.date(2020, 1, 1), end_date=None
    )
    counts = row_counts()
    with pytest.raises(CommandError, match="at most one President"):
        load_demo()
    assert row_counts() == counts


# -- demo accounts ------------------------------------------------------------------


def test_without_accounts_no_user_is_created(demo):
    assert not get_user_model().objects.exists()


def test_accounts_are_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo("--accounts")
    assert not get_user_model().objects.exists()
    assert not MemberCity.objects.exists()


def test_accounts_create_a_secretariat_editor(settings):
    settings.DEBUG = True
    password = printed_passwords(load_demo("--accounts"))["editor"]
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff
    assert editor.groups.filter(name="Secretariat").exists()
    assert is_secretariat(editor)
    assert editor.check_password(password)


def test_accounts_create_a_guangzhou_liaison(settings):
    settings.DEBUG = True
    password = printed_passwords(load_demo("--accounts"))["guangzhou-liaison"]
    liaison = get_user_model().objects.get(username="guangzhou-liaison")
    assert liaison.liaison.member.slug == "guangzhou"
    assert not liaison.is_staff
    assert liaison.check_password(password)


def test_accounts_rerun_sets_new_passwords(settings):
    settings.DEBUG = True
    first = printed_passwords(load_demo("--accounts"))
    second = printed_passwords(load_demo("--accounts"))
    editor = get_user_model().objects.get(username="editor")
    assert not editor.check_password(first["editor"])
    assert editor.check_password(second["editor"])
    assert Liaison.objects.count() == 1
    assert get_user_model().objects.count() == 2
