from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from core import images, views
from portal import home, language
from portal.accounts import AccountView
from portal.password_reset import PasswordResetView
from publicdata import site
from publicdata.sitemaps import SITEMAPS

admin.site.site_header = "Metropolis Members"
admin.site.site_title = "Metropolis Members"
admin.site.index_title = "Secretariat"

# Under /api/ a failure is the API's JSON error body, never an HTML page.
handler500 = "core.views.server_error"

# The site in each language: /fr/… and /es/…, English unprefixed. The admin,
# the API and the files for machines stay unprefixed (core.locale).
urlpatterns = i18n_patterns(
    path("", home.HomeView.as_view(), name="home"),
    # Before members.urls: /members/map/ is not a member's page.
    path("", include("publicdata.urls")),
    path("", include("members.urls")),
    path("", include("alliances.urls")),
    path("news/", include("news.urls")),
    path("dues/", include("dues.urls")),
    path("", include("governance.urls")),
    path("documents/", include("documents.urls")),
    path("accounts/", AccountView.as_view(), name="account"),
    # Before django.contrib.auth's own: the same page, landing in the user's
    # language.
    path("accounts/login/", language.LoginView.as_view(), name="login"),
    # Before django.contrib.auth's own: the same page, with a rate limit.
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("portal/", include("portal.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path(f"{images.served_path()}<str:name>", images.serve, name="media-image"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", site.robots_txt, name="robots"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("metropolis.api.urls")),
]
