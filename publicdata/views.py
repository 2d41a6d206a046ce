"""The map of the members, /members/map/: an SVG drawn on the server (no
script, no tile server), with the same members in a table beneath it."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from core.counts import CachedCountMixin, cached_count, versions_key
from core.paginators import EitherEndPaginator
from members.models import Region
from publicdata.filters import MemberMapFilter
from publicdata.maps import world
from publicdata.points import COLUMNS, full_map, map_members, table_rows

# The tables the map reads: its fragment is kept, in the "api" cache, while
# they keep their versions (core.versions), for each filter and language.
MAP_TABLES = ("members_membercity", "members_region")
# A fragment's key carries the language too: a day is enough.
FRAGMENT_TIMEOUT = 24 * 60 * 60


class MapTablePaginator(CachedCountMixin, EitherEndPaginator):
    """The table's pages, as the directory's: deferred-join pages read from
    the nearer end, counted once until a member changes."""


class MemberMapView(FilterView):
    """The directory's members with coordinates as points coloured by
    region (a point per group of nearby members past points.MEMBER_POINTS),
    filtered as the directory is; a region's map is fitted to its points.
    The table beneath is in pages. The map is a fragment kept while the
    members and regions are unchanged, made only when it is missing, so
    that the page costs the same with 100 members or 10,000. The same
    queries whatever the number of members: the versions of the kept
    counts and fragment, the table's page and the regions of the filter
    form; while they are not kept, the table's and the map's counts, the
    map's points (one query: the members, or their groups) and the regions
    of its legend."""

    filterset_class = MemberMapFilter
    template_name = "publicdata/member_map.html"
    paginate_by = 100
    paginator_class = MapTablePaginator
    extra_context = {"section": "members"}

    def get_queryset(self):
        return map_members()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, fields=COLUMNS, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # get_page(): a page number that is not one gives the first or the
        # last page, never an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        # No filter at all is an unbound filterset (FilterView), not an
        # invalid one.
        valid = filterset.is_valid()
        region = valid and filterset.form.cleaned_data.get("region")
        context = super().get_context_data(**kwargs)
        members = self.object_list
        located = cached_count(members.located())
        if region:
            label = _("Map of the member cities in %(region)s") % {
                "region": region.name
            }
        else:
            label = _("World map of the member cities")
        context.update(
            # Drawn when the template first reads it: not at all while the
            # fragment is kept.
            map=SimpleLazyObject(
                lambda: full_map(
                    members,
                    list(Region.objects.all()),
                    located=located,
                    crop=bool(region),
                )
            ),
            map_key=self.map_key() if valid or not filterset.is_bound else None,
            fragment_timeout=FRAGMENT_TIMEOUT,
            map_label=label,
            rows=table_rows(context["object_list"]),
            located=located,
            world=world(),
            region=region or None,
        )
        return context

    def map_key(self) -> str | None:
        """The fragment's key: the versions of MAP_TABLES and the filters
        given (a region by its id); None when a version is missing."""
        versions = versions_key(MAP_TABLES)
        if versions is None:
            return None
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        filters = "&".join(
            f"{name}={getattr(value, 'pk', value)}"
            for name, value in sorted(cleaned.items())
            if value not in (None, "")
        )
        return f"{versions}:{filters}"
