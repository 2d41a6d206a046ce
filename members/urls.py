from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path(
        "members/<slug:slug>/", views.MemberDetailView.as_view(), name="member-detail"
    ),
    path("board/", views.BoardView.as_view(), name="board"),
    path(
        "regional-secretariats/",
        views.SecretariatListView.as_view(),
        name="secretariats",
    ),
]
