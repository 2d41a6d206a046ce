from django.urls import path

from alliances import views

app_name = "alliances"
urlpatterns = [
    path("alliances/", views.AllianceListView.as_view(), name="alliance-list"),
    path(
        "alliances/<slug:slug>/",
        views.AllianceDetailView.as_view(),
        name="alliance-detail",
    ),
    path("strategic-plans/", views.PlanListView.as_view(), name="plan-list"),
    path(
        "strategic-plans/<slug:slug>/",
        views.PlanDetailView.as_view(),
        name="plan-detail",
    ),
]
