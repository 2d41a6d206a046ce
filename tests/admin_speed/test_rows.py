"""The changelists' rows (core.admin_rows) are Django's own HTML, byte for
byte: on every changelist of the admin, with its search, a sort and its
second page (each kept in the rows' links), in three languages; and for
every kind of column Django tells apart (fields, links, methods, booleans,
empty values, model attributes), filtered, sorted and in a popup."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results as django_results
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html

from core import admin_rows
from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url
from tests.demo_utils import load_demo
from tools.bulk import SCALES, generate

pytestmark = pytest.mark.django_db
QUERIES = [{}, {"q": "harbour"}, {"o": "-2.1"}, {"p": "2"}]


def rows(cl, render) -> list[list[str]]:
    return [list(row) for row in render(cl)]


def differences(cl) -> list:
    """(Django's row, ours) for every row where they differ, in each language."""
    found = []
    for language in ("en", "fr", "es"):
        with translation.override(language):
            theirs, ours = rows(cl, django_results), rows(cl, admin_rows.results)
        found += [pair for pair in zip(theirs, ours, strict=True) if pair[0] != pair[1]]
    return found


def test_every_changelist_shows_django_s_own_rows(client, superuser):
    load_demo()
    generate(scale=SCALES["tiny"])
    client.force_login(superuser)
    compared, differ = 0, {}
    for model in admin.site._registry:
        url = admin_url(model._meta.label_lower, "changelist")
        for query in QUERIES:
            response = client.get(url, query)
            assert response.status_code == 200, (url, query)
            cl = response.context["cl"]
            compared += len(cl.result_list)
            if found := differences(cl):
                differ[f"{url}?{query}"] = found[0]
    assert differ == {}
    assert compared > 1000  # the rows of every list, not a few empty pages


class EveryKindAdmin(admin.ModelAdmin):
    """One column of each kind items_for_result tells apart."""

    list_display = [
        "title",
        "category",
        "proposed_by",
        "published_at",
        "status",
        "flag",
        "nothing",
        "blank",
        "day",
        "html",
        "__str__",
        "get_absolute_url",
        lambda post: post.slug.upper(),
    ]

    @admin.display(boolean=True)
    def flag(self, post):
        return None if post.title.endswith("1") else post.title.endswith("2")

    @admin.display(empty_value="(none)")
    def nothing(self, post):
        return None

    def blank(self, post):
        return "   "

    def day(self, post):
        return post.published_at.date()

    def html(self, post):
        return format_html("<b>{}</b> & {}", post.title, "<i>")


@pytest.mark.parametrize(
    "links", [None, [], ["category"], ["title", "status"]], ids=repr
)
@pytest.mark.parametrize(
    "query",
    [{}, {"o": "-4"}, {"status__exact": "published", "o": "2"}, {"_popup": "1"}],
    ids=repr,
)
def test_every_kind_of_column_is_shown_as_django_shows_it(superuser, links, query):
    for n in range(3):
        factories.NewsPostFactory(
            title=f'Harbour "works" <{n}> & {n}',
            proposed_by=factories.MemberCityFactory() if n else None,
            published_at=datetime.datetime(2026, 5, n + 1, 9, tzinfo=datetime.UTC),
        )
    model_admin = EveryKindAdmin(NewsPost, admin.site)
    model_admin.list_display_links = links
    request = RequestFactory().get(admin_url("news.newspost", "changelist"), query)
    request.user = superuser
    cl = model_admin.get_changelist_instance(request)
    cl.formset = None

    assert len(cl.result_list) == 3
    assert differences(cl) == []


def test_the_changelist_page_renders_its_rows_here(editor_client, monkeypatch):
    factories.NewsPostFactory(title="Harbour works")
    made = []
    render = admin_rows.results
    monkeypatch.setattr(admin_rows, "results", lambda cl: made.append(cl) or render(cl))

    response = editor_client.get(admin_url("news.newspost", "changelist"))

    assert made == [response.context["cl"]]
    assert "Harbour works</a></th>" in response.content.decode()
