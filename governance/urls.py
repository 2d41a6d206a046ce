from django.urls import path

from governance import views

app_name = "governance"
urlpatterns = [
    path("governance/", views.MeetingListView.as_view(), name="meeting-list"),
    path(
        "governance/<slug:slug>/",
        views.MeetingDetailView.as_view(),
        name="meeting-detail",
    ),
    path("calendar/meetings.ics", views.meetings_ics, name="meetings-ics"),
]
