"""`manage.py generate_bulk`: valid, deterministic synthetic data for benchmarks."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max

from alliances.models import (
    Alliance,
    AllianceExtension,
    AllianceSignatory,
    StrategicActionPlan,
)
from members.models import BoardMandate, MemberCity, Person, Region
from news.markdown import render_markdown
from news.models import Category, NewsPost
from tests import factories
from tools.bulk import PREFIX, SCALES
from tools.bulk.places import BOXES

pytestmark = pytest.mark.django_db

TINY = SCALES["tiny"]
# full_clean() on this many rows of each model.
SAMPLE = 15


def generate_bulk(*args) -> str:
    out = StringIO()
    call_command("generate_bulk", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def tiny():
    return generate_bulk("--scale", "tiny")


def bulk(model):
    return model.objects.filter(slug__startswith=PREFIX)


def sample(queryset):
    return list(queryset.order_by("?")[:SAMPLE])


def test_tiny_scale_makes_the_counts_promised(tiny):
    assert bulk(MemberCity).count() == TINY.members
    assert BoardMandate.objects.filter(member__in=bulk(MemberCity)).count() == (
        TINY.mandates
    )
    assert bulk(Alliance).count() == TINY.alliances
    assert bulk(NewsPost).count() == TINY.posts
    assert Person.objects.filter(email__endswith="@bulk.example").count() == (
        TINY.people
    )


def test_small_scale_makes_the_counts_promised():
    generate_bulk("--scale", "small")

    small = SCALES["small"]
    assert (small.members, small.alliances, small.posts) == (100, 200, 2000)
    assert bulk(MemberCity).count() == small.members
    assert BoardMandate.objects.count() == small.mandates
    assert bulk(Alliance).count() == small.alliances
    assert bulk(NewsPost).count() == small.posts


def test_cities_spread_over_the_five_regions(tiny):
    assert Region.objects.count() == 5
    assert bulk(MemberCity).values("region").distinct().count() == 5


def test_most_cities_are_placed_inside_their_country(tiny):
    cities = list(bulk(MemberCity))
    placed = [city for city in cities if city.has_coordinates]

    # Nine in ten, by a stream of draws of their own.
    assert len(cities) / 2 < len(placed) <= len(cities)
    for city in placed:
        south, north, west, east = BOXES[city.country.code]
        assert south <= city.latitude <= north, city.name
        assert west <= city.longitude <= east, city.name


def test_an_existing_region_is_reused_by_code():
    europe = factories.RegionFactory(code="EU", name="Europe", slug="europe")

    generate_bulk("--scale", "tiny")

    assert Region.objects.filter(code="EU").get() == europe
    assert Region.objects.count() == 5


@pytest.mark.parametrize(
    "model",
    [
        MemberCity,
        Person,
        BoardMandate,
        Alliance,
        AllianceSignatory,
        NewsPost,
        Category,
        StrategicActionPlan,
    ],
)
def test_a_sample_of_rows_passes_full_clean(tiny, model):
    rows = sample(model.objects.all())

    assert rows
    for row in rows:
        row.full_clean()


def test_the_latest_extension_of_each_alliance_passes_full_clean(tiny):
    latest = AllianceExtension.objects.values("alliance").annotate(
        end=Max("new_end_date")
    )
    extensions = [
        AllianceExtension.objects.get(alliance=row["alliance"], new_end_date=row["end"])
        for row in latest
    ]

    assert extensions
    for extension in extensions:
        extension.full_clean()


def test_every_extension_ends_after_the_end_before_it(tiny):
    extensions = AllianceExtension.objects.select_related("alliance")

    assert extensions
    for extension in extensions:
        earlier = extension.alliance.extensions.filter(
            new_end_date__lt=extension.new_end_date
        ).aggregate(end=Max("new_end_date"))["end"]
        assert extension.new_end_date > (earlier or extension.alliance.agreed_end_date)


def test_there_is_at_most_one_president_on_any_day(tiny):
    presidents = BoardMandate.objects.presidents()

    assert presidents.count() > 1
    for mandate in presidents:
        assert not mandate.overlapping(presidents).exists()


def test_bulk_presidents_keep_clear_of_a_stored_presidency():
    stored = factories.BoardMandateFactory(
        role=BoardMandate.Role.PRESIDENT,
        start_date=datetime.date(2000, 1, 1),
        end_date=datetime.date(2004, 12, 31),
    )

    generate_bulk("--scale", "tiny")

    assert not stored.overlapping(BoardMandate.objects.presidents()).exists()


def test_the_demo_loads_after_the_bulk_data(tiny):
    call_command("load_demo", stdout=StringIO())

    guangzhou = BoardMandate.objects.president_on(datetime.date(2021, 8, 2))
    assert guangzhou.member.slug == "guangzhou"


def test_an_alliance_has_a_granting_member_exactly_when_its_kind_says_so(tiny):
    granting = bulk(Alliance).filter(kind=Alliance.Kind.GRANTING_MEMBER)

    assert granting.exists()
    assert not granting.filter(granting_member__isnull=True).exists()
    assert (
        not bulk(Alliance)
        .exclude(kind=Alliance.Kind.GRANTING_MEMBER)
        .filter(granting_member__isnull=False)
    )


def test_each_signed_alliance_has_one_signatory_per_side(tiny):
    signed = bulk(Alliance).filter(signed_on__isnull=False)

    sides = signed.annotate(sides=Count("signatories__side", distinct=True))
    assert signed.exists()
    assert set(sides.values_list("sides", flat=True)) == {2}


def test_every_alliance_stores_the_end_its_save_would_compute(tiny):
    alliances = list(bulk(Alliance).prefetch_related("extensions"))

    assert len(alliances) == TINY.alliances
    for alliance in alliances:
        ends = [extension.new_end_date for extension in alliance.extensions.all()]
        expected = max(ends, default=None) or alliance.agreed_end_date
        assert alliance.ends_on == expected, alliance.slug
    # Drafts without a term, alliances with a term, extended ones: all there.
    assert any(alliance.ends_on is None for alliance in alliances)
    assert any(alliance.extensions.all() for alliance in alliances)


def test_some_alliances_are_expiring_within_90_days(tiny):
    assert Alliance.objects.expiring_within(90).exists()


def test_most_posts_are_public_and_some_are_drafts_or_scheduled(tiny):
    assert NewsPost.objects.published().count() > TINY.posts * 0.8
    assert NewsPost.objects.scheduled().exists()
    assert NewsPost.objects.filter(status=NewsPost.Status.DRAFT).exists()


def test_posts_are_about_member_cities_and_alliances(tiny):
    assert NewsPost.related_members.through.objects.exists()
    assert NewsPost.related_alliances.through.objects.exists()


def test_every_post_stores_the_html_its_save_would_render(tiny):
    rendered = {}
    posts = list(bulk(NewsPost).values_list("slug", "body", "body_html"))

    assert len(posts) == TINY.posts
    for slug, body, body_html in posts:
        if body not in rendered:
            rendered[body] = render_markdown(body)
        assert body_html == rendered[body], slug
    # The bodies come from a bounded pool, yet posts seldom share one.
    assert len(rendered) > TINY.posts * 0.8
    assert all("<h2>" in html and "<li>" in html for html in rendered.values())


def test_bulk_rows_have_no_history(tiny):
    assert not MemberCity.history.exists()
    assert not NewsPost.history.exists()


def test_the_output_reports_peak_memory_and_no_history(tiny):
    assert "peak RSS" in tiny
    assert "No history rows were written" in tiny


def test_the_same_seed_gives_the_same_names():
    def posts():
        return list(
            bulk(NewsPost).order_by("slug").values_list("title", "body", "body_html")
        )

    generate_bulk("--scale", "tiny", "--seed", "7")
    first = posts()
    cities = list(bulk(MemberCity).order_by("slug").values_list("name", flat=True))

    generate_bulk("--scale", "tiny", "--seed", "7", "--reset")

    assert posts() == first
    assert list(bulk(MemberCity).order_by("slug").values_list("name", flat=True)) == (
        cities
    )


def test_another_seed_gives_other_names():
    generate_bulk("--scale", "tiny", "--seed", "7")
    first = list(bulk(MemberCity).order_by("slug").values_list("name", flat=True))

    generate_bulk("--scale", "tiny", "--seed", "8", "--reset")

    assert list(bulk(MemberCity).order_by("slug").values_list("name", flat=True)) != (
        first
    )


def test_a_second_run_is_refused_without_reset(tiny):
    with pytest.raises(CommandError, match="--reset"):
        generate_bulk("--scale", "tiny")

    assert bulk(MemberCity).count() == TINY.members


def test_reset_replaces_the_bulk_data(tiny):
    generate_bulk("--scale", "tiny", "--reset")

    assert bulk(MemberCity).count() == TINY.members
    assert bulk(NewsPost).count() == TINY.posts


def test_remove_keeps_the_real_data(tiny, member):
    generate_bulk("--remove")

    assert list(MemberCity.objects.all()) == [member]
    assert not Person.objects.exists()
    assert not NewsPost.objects.exists()
    assert Region.objects.count() == 6


def test_remove_refuses_while_real_records_refer_to_bulk_data(tiny):
    city = bulk(MemberCity).first()
    factories.PersonFactory(name="Real contact", organisation=city)

    with pytest.raises(CommandError, match="refer to the bulk data"):
        generate_bulk("--remove")

    assert bulk(MemberCity).count() == TINY.members
