"""The API's fast representation (core.api.serializers: plain fields,
URLs from per-request templates, country names) answers exactly what DRF's
general code answers, for every resource, list and detail, per persona."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.api import serializers as api_serializers
from metropolis.api.urls import router
from tests import factories
from tests.api_utils import key_client
from tools.demo import load_demo

pytestmark = pytest.mark.django_db

RESOURCES = [basename for _prefix, _viewset, basename in router.registry]


@pytest.fixture
def data(member, other_member):
    """The demo, plus a post and an extended alliance with every field set."""
    load_demo()
    alliance = factories.AllianceFactory(
        kind="granting_member",
        granting_member=member,
        start_date=datetime.date(2020, 2, 29),
        term_years=3,
        internal_notes="Only the secretariat sees this.",
    )
    factories.AllianceExtensionFactory(
        alliance=alliance, new_end_date=datetime.date(2030, 1, 1)
    )
    post = factories.NewsPostFactory(
        title="Ça va, Bogotá?", published_at=timezone.now(), proposed_by=member
    )
    post.related_members.add(member, other_member)
    post.related_alliances.add(alliance)


@pytest.fixture(params=["anonymous", "read key", "editor"])
def caller(request, key_owner, editor):
    from rest_framework.test import APIClient

    if request.param == "anonymous":
        return APIClient()
    if request.param == "read key":
        return key_client(key_owner, "read")
    client = APIClient()
    client.force_login(editor)
    return client


def both_ways(monkeypatch, caller, url):
    fast = caller.get(url, {"page_size": 100})
    monkeypatch.setattr(api_serializers, "FAST", False)
    general = caller.get(url, {"page_size": 100})
    monkeypatch.setattr(api_serializers, "FAST", True)
    assert fast.status_code == general.status_code == 200
    return fast.json(), general.json()


@pytest.mark.parametrize("basename", RESOURCES)
def test_lists_and_details_are_the_same_as_drfs(data, caller, monkeypatch, basename):
    fast, general = both_ways(monkeypatch, caller, reverse(f"api:{basename}-list"))

    assert fast == general
    assert fast["results"], "every resource has rows in the demo"
    detail_fast, detail_general = both_ways(
        monkeypatch, caller, fast["results"][0]["url"]
    )
    assert detail_fast == detail_general


def test_html_urls_from_templates_are_the_models_own(data, api):
    for basename in ["membercity", "alliance", "newspost"]:
        rows = api.get(reverse(f"api:{basename}-list")).json()["results"]
        for row in rows:
            assert row["html_url"].startswith("http://testserver/")
            page = api.get(row["html_url"].removeprefix("http://testserver"))
            assert page.status_code == 200, row["html_url"]
