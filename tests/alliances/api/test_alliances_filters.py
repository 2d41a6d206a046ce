"""The alliances API: filters, search, ordering and pages."""

import pytest

from alliances.models import Alliance
from tests import factories
from tests.alliances.api.utils import ALLIANCES, D, errors, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "granting_member"}, {"Alliance with Guangzhou", "Dakar cooperation"}),
        ({"kind": "supporting_entity"}, {"Expired support"}),
        ({"instrument": "cooperation_agreement"}, {"Dakar cooperation"}),
        ({"status": "expiring"}, {"Alliance with Guangzhou"}),
        ({"status": "active"}, {"Dakar cooperation"}),
        ({"status": "upcoming"}, {"Upcoming partner"}),
        ({"status": "expired"}, {"Expired support"}),
        ({"granting_member": "guangzhou"}, {"Alliance with Guangzhou"}),
        ({"plan": "sap-2021-2023"}, {"Alliance with Guangzhou"}),
        ({"signed_on_after": "2022-12-01"}, {"Dakar cooperation", "Upcoming partner"}),
        (
            {"signed_on_before": "2021-07-15"},
            {"Alliance with Guangzhou", "Expired support"},
        ),
        ({"ends_before": "2024-07-14"}, {"Alliance with Guangzhou", "Expired support"}),
        ({"ends_after": "2025-12-31"}, {"Dakar cooperation", "Upcoming partner"}),
        ({"active_on": "2021-07-15"}, {"Alliance with Guangzhou", "Expired support"}),
        ({"active_on": "2021-07-14"}, {"Expired support"}),
        ({"active_on": "2025-06-01"}, {"Dakar cooperation", "Upcoming partner"}),
        ({"expiring_within": "43"}, {"Alliance with Guangzhou"}),
        ({"expiring_within": "42"}, set()),
        ({"expiring_within": "0"}, set()),
    ],
)
def test_alliances_filter(api, june_1, agreements, query, expected):
    assert set(titles(api.get(ALLIANCES, query))) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "asleep"}, "status"),
        ({"kind": "treaty"}, "kind"),
        ({"granting_member": "atlantis"}, "granting_member"),
        ({"plan": "no-such-plan"}, "plan"),
        ({"signed_on_after": "15/07/2021"}, "signed_on_after"),
        ({"ends_before": "2024-02-30"}, "ends_before"),
        ({"active_on": "tomorrow"}, "active_on"),
        ({"active_on": "9999-12-31"}, "active_on"),
        ({"expiring_within": "-1"}, "expiring_within"),
        ({"expiring_within": "ten"}, "expiring_within"),
        ({"expiring_within": "99999999999"}, "expiring_within"),
    ],
)
def test_a_bad_alliance_filter_value_is_400_naming_it(api, agreements, query, field):
    assert field in errors(api.get(ALLIANCES, query))


def test_alliances_search_titles_and_counterparts(api, agreements):
    assert titles(api.get(ALLIANCES, {"search": "foreign affairs"})) == [
        "Alliance with Guangzhou"
    ]
    assert titles(api.get(ALLIANCES, {"search": "dakar"})) == ["Dakar cooperation"]


def test_alliances_are_listed_latest_signed_first(api, agreements):
    assert titles(api.get(ALLIANCES)) == [
        "Upcoming partner",
        "Dakar cooperation",
        "Alliance with Guangzhou",
        "Expired support",
    ]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (
            "end_date",
            [
                "Expired support",
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Upcoming partner",
            ],
        ),
        (
            "-end_date",
            [
                "Upcoming partner",
                "Dakar cooperation",
                "Alliance with Guangzhou",
                "Expired support",
            ],
        ),
        (
            "start_date",
            [
                "Expired support",
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Upcoming partner",
            ],
        ),
        (
            "title",
            [
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Expired support",
                "Upcoming partner",
            ],
        ),
    ],
)
def test_alliances_ordering(api, agreements, ordering, expected):
    assert titles(api.get(ALLIANCES, {"ordering": ordering})) == expected


def test_the_end_date_ordering_counts_extensions(api, agreements, mou):
    factories.AllianceExtensionFactory(alliance=mou, new_end_date=D(2030, 1, 1))

    ordered = titles(api.get(ALLIANCES, {"ordering": "-end_date"}))

    assert ordered[0] == "Alliance with Guangzhou"


def test_alliances_come_in_pages(api, agreements):
    first = api.get(ALLIANCES, {"page_size": 3, "ordering": "title"}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 4
    assert first["previous"] is None
    assert [row["title"] for row in second["results"]] == ["Upcoming partner"]
    assert second["next"] is None
    assert second["previous"] is not None


def test_a_page_holds_at_most_100_alliances(api):
    Alliance.objects.bulk_create(
        Alliance(
            title=f"Alliance {n}",
            slug=f"alliance-{n}",
            kind=Alliance.Kind.PARTNER,
            counterpart="Partner",
            signed_on=D(2021, 7, 15),
            start_date=D(2021, 7, 15),
            term_years=3,
        )
        for n in range(101)
    )

    data = api.get(ALLIANCES, {"page_size": 500}).json()

    assert data["count"] == 101
    assert len(data["results"]) == 100
    assert data["next"] is not None
