from django.urls import path

from portal import dues, governance, notifications, personal_data, views

app_name = "portal"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("contacts/", views.ContactListView.as_view(), name="contacts"),
    path("dues/", dues.DuesView.as_view(), name="dues"),
    path("meetings/", governance.MeetingsView.as_view(), name="meetings"),
    path(
        "notifications/",
        notifications.PreferenceView.as_view(),
        name="notifications",
    ),
    path(
        "my-data/",
        personal_data.PersonalDataView.as_view(),
        name="personal-data",
    ),
    path("proposals/", views.ProposalListView.as_view(), name="proposal-list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path(
        "proposals/<int:pk>/",
        views.ProposalDetailView.as_view(),
        name="proposal-detail",
    ),
    path(
        "proposals/<int:pk>/edit/",
        views.ProposalEditView.as_view(),
        name="proposal-edit",
    ),
]
