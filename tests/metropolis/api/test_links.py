"""core.api.links builds a page's URLs from one reverse() of each route's list:
for every route of the API's router that names an object, and for the site's
pages it serves, the URL of every object of the demo is the very URL
reverse() gives, whatever the request (host, scheme, format suffix,
`?format=`) and the language."""

import itertools

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from rest_framework.reverse import reverse as api_reverse

from core.api.links import api_links, page_links
from metropolis.api.urls import router
from partners.models import PartnerKey
from tests import factories
from tests.demo_utils import load_demo
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "es")
# (request, format suffix): the ways a list can be asked for.
REQUESTS = [
    (RequestFactory().get("/api/v1/members/"), None),
    (RequestFactory().get("/api/v1/members.json"), "json"),
    (RequestFactory().get("/api/v1/members/", {"format": "json"}), None),
    (RequestFactory().get("/api/v1/members/", secure=True, SERVER_PORT="8443"), None),
]
# The site's pages the fast lists link to: (list, detail, model).
PAGES = [
    ("members:member-list", "members:member-detail", "members.MemberCity"),
    ("news:post-list", "news:post-detail", "news.NewsPost"),
]


@pytest.fixture
def demo(key_owner):
    load_demo()
    # Unusual slugs, and a webhook endpoint (the demo registers none).
    factories.MemberCityFactory(slug="a_b-9")
    factories.NewsPostFactory(slug="x--y_")
    key, _ = PartnerKey.objects.create_key(name="CRM", owner=key_owner, scope="read")
    WebhookEndpoint.objects.create(
        key=key, url="http://127.0.0.1:9/crm", events=["member.updated"], secret="x"
    )


def routes_with_a_lookup():
    for _prefix, viewset, basename in router.registry:
        field = viewset.lookup_field
        yield basename, field, viewset.lookup_url_kwarg or field, viewset.queryset


def test_every_api_route_s_urls_are_reverse_s(demo):
    checked = set()
    for request, format in REQUESTS:
        for basename, field, kwarg, queryset in routes_with_a_lookup():
            links = api_links(basename, request=request, format=format)
            for key in queryset.model._default_manager.values_list(field, flat=True):
                expected = api_reverse(
                    f"api:{basename}-detail",
                    kwargs={kwarg: key},
                    request=request,
                    format=format,
                )
                assert links(key) == expected
                checked.add(basename)

    assert checked == {basename for basename, *_ in routes_with_a_lookup()}


def test_the_api_urls_keep_the_format_asked_for():
    request, format = REQUESTS[2]

    url = api_links("membercity", request=request, format=format)("guangzhou")

    assert url == "http://testserver/api/v1/members/guangzhou/?format=json"


def test_every_page_s_urls_are_reverse_s_in_each_language(demo):
    for (request, _format), language in itertools.product(REQUESTS, LANGUAGES):
        translation.activate(language)
        for list_name, detail_name, label in PAGES:
            links = page_links(list_name, request=request)
            for obj in apps.get_model(label)._default_manager.all():
                expected = request.build_absolute_uri(
                    reverse(detail_name, kwargs={"slug": obj.slug})
                )
                assert links(obj.slug) == expected
                assert expected == request.build_absolute_uri(obj.get_absolute_url())


def test_a_page_s_url_carries_its_language_prefix():
    request = REQUESTS[0][0]
    with translation.override("fr"):
        url = page_links("members:member-list", request=request)("guangzhou")

    assert url == "http://testserver/fr/members/guangzhou/"
