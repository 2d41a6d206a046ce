"""The REST API v1: one router for every resource, its schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import routers

from members.api import views as members

router = routers.DefaultRouter()
router.register("regions", members.RegionViewSet)
router.register("members", members.MemberCityViewSet)
router.register("board-mandates", members.BoardMandateViewSet)
router.register("regional-secretariats", members.RegionalSecretariatViewSet)
router.register("people", members.PersonViewSet)

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
