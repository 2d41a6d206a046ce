"""The REST API v1: one router for every resource, its schema and its docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from alliances.api import views as alliances
from core.api.errors import not_found
from documents.api import views as documents
from dues.api import views as dues
from governance.api import views as governance
from members.api import views as members
from news.api import views as news
from webhooks.api import views as webhooks

router = routers.DefaultRouter()
router.register("regions", members.RegionViewSet)
router.register("members", members.MemberCityViewSet)
router.register("board-mandates", members.BoardMandateViewSet)
router.register("regional-secretariats", members.RegionalSecretariatViewSet)
router.register("people", members.PersonViewSet)
router.register("plans", alliances.StrategicActionPlanViewSet)
router.register("alliances", alliances.AllianceViewSet)
router.register("categories", news.CategoryViewSet)
router.register("posts", news.NewsPostViewSet)
router.register("fee-grids", dues.FeeGridViewSet)
router.register("invoices", dues.InvoiceViewSet)
router.register("payments", dues.PaymentViewSet)
router.register("meetings", governance.MeetingViewSet)
router.register("resolutions", governance.ResolutionViewSet)
router.register("webhook-endpoints", webhooks.WebhookEndpointViewSet)

app_name = "api"
urlpatterns = [
    # Beside the members resource, from dues (members knows nothing of dues).
    re_path(
        r"^members/(?P<slug>[-a-zA-Z0-9_]+)/standing/$",
        dues.MemberStandingView.as_view(),
        name="membercity-standing",
    ),
    # A subject's documents, beside the alliances and meetings resources.
    re_path(
        r"^alliances/(?P<slug>[-a-zA-Z0-9_]+)/documents/$",
        documents.AllianceDocumentsView.as_view(),
        name="alliance-documents",
    ),
    re_path(
        r"^meetings/(?P<slug>[-a-zA-Z0-9_]+)/documents/$",
        documents.MeetingDocumentsView.as_view(),
        name="meeting-documents",
    ),
    path(
        "documents/<int:pk>/download/",
        documents.DownloadView.as_view(),
        name="document-download",
    ),
    path(
        "documents/<int:pk>/versions/<int:number>/download/",
        documents.DownloadView.as_view(),
        name="document-version-download",
    ),
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves the page's start-up script as a file of its own:
    # the Content-Security-Policy allows no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Any other URL under /api/v1/ is a 404 with the API's error body, not the
    # site's page. Slash-less URLs are left to APPEND_SLASH.
    re_path(r"^[\s\S]*/$", not_found),
]
