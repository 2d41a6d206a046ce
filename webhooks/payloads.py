"""A webhook's `data`: the object as the API shows it to the endpoint's key.

The API's own viewset reads the object for the key (its `visible_to` rule,
its confidential fields for that scope: a `read` key gets nothing a `read` key
may not read over the API) and its serializer writes it, for a request-like
object made for the key on settings.SITE_URL. An object the key may not read
gives no payload, so no delivery.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from alliances.api.views import AllianceViewSet
from alliances.models import Alliance
from dues.api.views import InvoiceViewSet
from dues.models import Invoice
from governance.api.views import MeetingViewSet, ResolutionViewSet
from governance.models import Meeting, Resolution
from members.api.views import MemberCityViewSet
from members.models import MemberCity
from news.api.views import NewsPostViewSet
from news.models import NewsPost
from partners.models import PartnerKey

# The API resource of each model an event may be about.
VIEWSETS = {
    MemberCity: MemberCityViewSet,
    Alliance: AllianceViewSet,
    NewsPost: NewsPostViewSet,
    Meeting: MeetingViewSet,
    Resolution: ResolutionViewSet,
    Invoice: InvoiceViewSet,
}


class SiteRequest(HttpRequest):
    """A GET on settings.SITE_URL: absolute URLs in a payload name the site."""

    def __init__(self):
        super().__init__()
        self.site = urlsplit(settings.SITE_URL)
        self.method = "GET"
        self.path = self.path_info = "/api/v1/"

    def _get_scheme(self):
        return self.site.scheme

    def get_host(self):
        return self.site.netloc


def key_request(key: PartnerKey) -> Request:
    """A request by `key`, as the API's authentication would make it."""
    request = Request(SiteRequest())
    request.user = key.owner
    request.auth = key
    return request


def representation(instance, key: PartnerKey) -> dict | None:
    """`instance` as the API's detail shows it to `key`, as plain JSON data;
    None when the key may not read it (or the API has no such resource)."""
    viewset_class = VIEWSETS.get(type(instance))
    if viewset_class is None:
        return None
    view = viewset_class(
        request=key_request(key), args=(), kwargs={}, format_kwarg=None
    )
    view.action = "retrieve"
    view.detail = True
    with translation.override(settings.LANGUAGE_CODE):
        seen = view.get_queryset().filter(pk=instance.pk).first()
        if seen is None:
            return None
        data = view.get_serializer(seen).data
        # Through the API's renderer: dates, decimals and lazy texts as the
        # API writes them.
        return json.loads(JSONRenderer().render(data))
