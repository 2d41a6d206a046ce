from django.contrib import admin
from django.urls import include, path

from metropolis import views

admin.site.site_header = "Metropolis Members"
admin.site.site_title = "Metropolis Members"
admin.site.index_title = "Secretariat"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("metropolis.api.urls")),
]
