"""/sitemap.xml: an index of one sitemap per section, each what a visitor may
read (the same visible_to(ANONYMOUS) as the pages), paginated by the
framework: a section past LIMIT URLs is read a page at a time (?p=2), so a
page costs one query and bounded memory whatever the data."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from alliances.models import Alliance, StrategicActionPlan
from core.counts import CachedCountPaginator, cached_latest
from governance.views import public_meetings
from members.models import MemberCity
from members.viewers import ANONYMOUS
from news.models import NewsPost

# URLs per sitemap page (the protocol allows 50,000; a smaller page keeps a
# request's rows and response small at the bulk scale).
LIMIT = 5000


class AlternatesSitemap(Sitemap):
    """Each URL (the English one) with the same page in every language, and
    x-default, as hreflang alternates. Not the framework's `i18n = True`,
    which lists each URL once per language and reads a whole section into
    memory to paginate it."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            url["alternates"] = [
                {"lang_code": code, "location": origin + self.location_in(url, code)}
                for code, _name in settings.LANGUAGES
            ] + [{"lang_code": "x-default", "location": url["location"]}]
        return urls

    def location_in(self, url, language: str) -> str:
        with translation.override(language):
            return self.location(url["item"])


class PagesSitemap(AlternatesSitemap):
    """The public pages that are not one record's."""

    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "members:member-list",
            "publicdata:member-map",
            "members:board",
            "members:secretariats",
            "alliances:alliance-list",
            "alliances:plan-list",
            "news:post-list",
            "governance:meeting-list",
        ]

    def location(self, item):
        return reverse(item)


class SlugSitemap(AlternatesSitemap):
    """Records whose page is found by their slug; reads only the slug. The
    index's page count of each section is counted once until its rows change
    (core.counts), not over every row at each request."""

    limit = LIMIT

    @property
    def paginator(self):
        return CachedCountPaginator(self._items(), self.limit)

    def location(self, item):
        return item.get_absolute_url()


class MemberSitemap(SlugSitemap):
    def items(self):
        return MemberCity.objects.visible_to(ANONYMOUS).only("slug").order_by("slug")


class AllianceSitemap(SlugSitemap):
    def items(self):
        return Alliance.objects.visible_to(ANONYMOUS).only("slug").order_by("slug")


class PlanSitemap(SlugSitemap):
    def items(self):
        return StrategicActionPlan.objects.only("slug").order_by("slug")


class NewsSitemap(SlugSitemap):
    def items(self):
        return self.public_posts

    @cached_property
    def public_posts(self):
        # published()'s rows in SQL that stays the same until the next
        # scheduled post is due: its count and latest change can be kept.
        # Once per request (the index reads the section twice).
        return (
            NewsPost.objects.published_until_next()
            .only("slug", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """The index's date for the section: the latest change of a public
        post, kept until a post changes (the framework's reads every post)."""
        return cached_latest(self.items(), "updated_at")


class MeetingSitemap(SlugSitemap):
    def items(self):
        return public_meetings().only("slug").order_by("-starts_at", "-id")


SITEMAPS = {
    "pages": PagesSitemap,
    "members": MemberSitemap,
    "alliances": AllianceSitemap,
    "plans": PlanSitemap,
    "news": NewsSitemap,
    "meetings": MeetingSitemap,
}
