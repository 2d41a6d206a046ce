"""The agreement timeline: on /in-figures/ (the alliances that started
last) and on the alliance list (that page's alliances): the term, its
extensions, today marked, the plans behind, never a draft."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from publicdata.charts import agreements as agreements_module
from tests import factories
from tests.publicdata.charts.helpers import charts, spans, table

pytestmark = pytest.mark.django_db

CHARTS = reverse("publicdata:charts")
LIST = reverse("alliances:alliance-list")
TODAY = timezone.localdate()


def test_an_extension_follows_the_agreed_term(client):
    alliance = factories.AllianceFactory(
        title="Water Alliance", start_date=datetime.date(2021, 7, 15), term_years=3
    )
    factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=datetime.date(2025, 7, 14)
    )

    response = client.get(CHARTS)

    svg = charts(response)["agreements-chart"]
    assert spans(svg) == [
        "Water Alliance, term: 2021-07-15 – 2024-07-14",
        "Water Alliance, extension: 2024-07-15 – 2025-07-14",
    ]
    term, extension = (rect for rect in svg.iter("rect") if rect.get("data-kind"))
    assert float(term.get("x")) + float(term.get("width")) == pytest.approx(
        float(extension.get("x")), abs=0.2
    )
    _header, row = table(response, "agreements-table")
    assert row[0] == "Water Alliance"
    assert "July 14, 2025" in row[3] and "July 14, 2025" in row[4]


def test_a_terminated_alliance_stops_at_its_termination(client):
    factories.AllianceFactory(
        title="Short",
        start_date=datetime.date(2020, 1, 1),
        term_years=5,
        terminated_on=datetime.date(2021, 6, 30),
    )

    svg = charts(client.get(CHARTS))["agreements-chart"]

    assert spans(svg) == ["Short, term: 2020-01-01 – 2021-06-30"]


def test_a_draft_never_appears_whoever_looks(client, member, liaison, editor):
    factories.AllianceFactory(title="Public Pact")
    factories.AllianceFactory(
        title="Secret Draft",
        kind="granting_member",
        granting_member=member,
        signed_on=None,
        start_date=datetime.date(2022, 1, 1),
    )

    for user in (None, liaison, editor):
        if user:
            client.force_login(user)
        for url in (CHARTS, LIST):
            page = client.get(url).content.decode()
            assert "Public Pact" in page
            assert "Secret Draft" not in page


def test_today_is_marked_and_the_plans_are_behind(client):
    factories.StrategicActionPlanFactory(
        title="Plan 2021-2023", first_year=2021, last_year=2023
    )
    factories.AllianceFactory(start_date=datetime.date(2021, 7, 15), term_years=10)

    response = client.get(CHARTS)

    svg = charts(response)["agreements-chart"]
    today = svg.find("line[@class='chart-today']")
    timeline = response.context["view"].agreements.timeline
    assert float(today.get("x1")) == timeline.scale.x(TODAY)
    band = svg.find("g[@class='chart-bands']/rect")
    assert band.findtext("title") == "Plan 2021-2023"
    assert float(band.get("x")) == timeline.scale.x(datetime.date(2021, 1, 1))


def test_the_charts_page_draws_the_latest_alliances_only(client, monkeypatch):
    monkeypatch.setattr(agreements_module, "RECENT", 3)
    for year in range(2015, 2021):
        factories.AllianceFactory(
            title=f"Started {year}", start_date=datetime.date(year, 1, 1)
        )

    response = client.get(CHARTS)

    _header, *rows = table(response, "agreements-table")
    assert [row[0] for row in rows] == ["Started 2020", "Started 2019", "Started 2018"]
    assert len(spans(charts(response)["agreements-chart"])) == 3


def test_the_alliance_list_draws_its_page(client):
    for number in range(25):
        factories.AllianceFactory(
            title=f"Pact {number:02d}", signed_on=datetime.date(2000 + number, 1, 1)
        )

    response = client.get(LIST)

    assert response.status_code == HTTPStatus.OK
    _header, *rows = table(response, "agreements-table")
    page = [alliance.title for alliance in response.context["object_list"]]
    assert [row[0] for row in rows] == page
    assert len(page) == 20


def test_the_alliance_lists_queries_do_not_grow(client, django_assert_max_num_queries):
    def visit(count):
        for _ in range(count):
            alliance = factories.AllianceFactory()
            factories.AllianceExtensionFactory(alliance=alliance)
        factories.StrategicActionPlanFactory()
        with django_assert_max_num_queries(12) as captured:
            client.get(LIST)
        return len(captured)

    assert visit(1) == visit(8) == visit(25)
