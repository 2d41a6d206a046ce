"""Included at the site's root before members.urls: /members/map/ must win
over the member page /members/<slug>/ (and "map" is no member's slug:
core.slugs reserves it)."""

from django.urls import path

from publicdata import views
from publicdata.charts.views import ChartsView
from publicdata.opendata import views as open_data

app_name = "publicdata"
urlpatterns = [
    path("members/map/", views.MemberMapView.as_view(), name="member-map"),
    path("in-figures/", ChartsView.as_view(), name="charts"),
    path("open-data/", open_data.OpenDataView.as_view(), name="open-data"),
    path(
        "open-data/datapackage.json",
        open_data.datapackage_json,
        name="open-data-package",
    ),
    path("open-data/<str:filename>", open_data.data_file, name="open-data-file"),
]
