"""Included at the site's root before members.urls: /members/map/ must win
over the member page /members/<slug>/."""

app_name = "publicdata"
urlpatterns = []
