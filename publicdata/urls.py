"""Included at the site's root before members.urls: /members/map/ must win
over the member page /members/<slug>/ (and "map" is no member's slug:
core.slugs reserves it)."""

from django.urls import path

from publicdata import views

app_name = "publicdata"
urlpatterns = [
    path("members/map/", views.MemberMapView.as_view(), name="member-map"),
]
