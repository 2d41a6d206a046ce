"""`manage.py load_demo`: the plan, the alliance and the reference news post."""

import datetime

import pytest
from django.utils import timezone

from alliances.models import Alliance, AllianceSignatory, StrategicActionPlan
from news.models import Category, NewsPost

pytestmark = pytest.mark.django_db

POST_TITLE = (
    "Metropolis signs collaboration agreement with Guangzhou to expand our mission "
    "worldwide"
)


# -- the plan -----------------------------------------------------------------


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
