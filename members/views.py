from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from django_countries import countries
from django_filters import CharFilter, OrderingFilter
from django_filters.views import FilterView

from core.counts import CachedCountMixin, CachedCountPaginator, versions_key
from core.filters import VisitorFilterMixin
from core.paginators import EitherEndPaginator
from members.filters import MemberCityFilter
from members.models import (
    ROLE_ORDER,
    BoardMandate,
    MemberCity,
    Person,
    Region,
    RegionalSecretariat,
    by_role,
)
from members.viewers import ANONYMOUS


def period_then_role(mandate):
    return (
        -mandate.end_date.toordinal(),
        -mandate.start_date.toordinal(),
        ROLE_ORDER[mandate.role],
    )


class MemberDirectoryFilter(VisitorFilterMixin, MemberCityFilter):
    """The API's member filters that a visitor needs, with search and sorting."""

    status = None
    join_year = None
    join_year_min = None
    join_year_max = None
    hosts_secretariat = None
    search = CharFilter(method="filter_search", label=_("Search"))
    ordering = OrderingFilter(
        fields=["name", "country", "join_year", "population"],
        field_labels={
            "name": _("Name"),
            "country": _("Country"),
            "join_year": _("Year joined"),
            "population": _("Population"),
        },
        label=_("Sort by"),
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = self.countries_in_directory()

    def countries_in_directory(self):
        """The countries of the directory's members (and the one asked for):
        a short list to choose from, and a lighter page than all 249."""
        present = set(
            MemberCity.objects.active()
            .order_by()  # DISTINCT over the country alone, not the name too
            .values_list("country", flat=True)
            .distinct()
        )
        present.add(self.data.get("country"))
        return [(code, name) for code, name in countries if code in present]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class DirectoryPaginator(CachedCountMixin, EitherEndPaginator):
    """Deferred-join pages read from the nearer end, counted once until a
    member changes."""


class MemberListView(FilterView):
    """The public directory: active members only."""

    filterset_class = MemberDirectoryFilter
    template_name = "members/membercity_list.html"
    paginate_by = 24
    paginator_class = DirectoryPaginator
    extra_context = {"section": "members"}

    def get_queryset(self):
        # Today's roles in the page's own query (the paginator reads the
        # page's rows only, so the roles of skipped rows are not computed).
        return (
            MemberCity.objects.visible_to(ANONYMOUS)
            .active()
            .select_related("region")
            .with_current_roles(timezone.localdate())
        )


class MemberDetailView(DetailView):
    extra_context = {"section": "members"}

    def get_queryset(self):
        members = MemberCity.objects.visible_to(ANONYMOUS)
        return members.select_related("region").prefetch_related(
            Prefetch(
                "mandates",
                queryset=BoardMandate.objects.order_by("start_date", "role"),
                to_attr="board_history",
            ),
            Prefetch(
                "secretariat_terms",
                queryset=RegionalSecretariat.objects.select_related(
                    "region", "secretary"
                ).order_by("start_date"),
                to_attr="secretariat_history",
            ),
            Prefetch(
                "people",
                queryset=Person.objects.visible_to(ANONYMOUS),
                to_attr="public_contacts",
            ),
        )

    def get_context_data(self, **kwargs):
        member = self.object
        alliances = member.granted_alliances.visible_to(ANONYMOUS)
        news = member.news_posts.visible_to(ANONYMOUS)
        return super().get_context_data(
            canonical_url=self.request.build_absolute_uri(member.get_absolute_url()),
            alliances=alliances,
            news_posts=news.select_related("category").without_bodies()[:5],
            today=timezone.localdate(),
            **kwargs,
        )


# The tables the board page shows: its fragments are kept, in the "api"
# cache, while these keep their versions (core.versions), with the day (a
# mandate becomes past) and the language in their keys.
BOARD_TABLES = ("members_boardmandate", "members_membercity")
FRAGMENT_TIMEOUT = 24 * 60 * 60


class BoardView(TemplateView):
    """The current board in role order, and past mandates grouped by period,
    `periods_per_page` periods a page, the latest first: the page's size and
    queries do not grow with the history (40,000 mandates at bulk `large`).
    The current board and each page of past mandates are fragments made
    only when missing (`current` and `past` read the mandates then)."""

    template_name = "members/board.html"
    extra_context = {"section": "board"}
    periods_per_page = 20

    def get_context_data(self, **kwargs):
        self.today = timezone.localdate()
        periods = (
            BoardMandate.objects.past_on(self.today)
            .order_by("-end_date", "-start_date")
            .values_list("start_date", "end_date")
            .distinct()
        )
        # Counted once until a mandate changes (core.counts), not over every
        # mandate at each request.
        paginator = CachedCountPaginator(periods, self.periods_per_page)
        # get_page(): a page number that is not one gives the first or the
        # last page, never an error; its periods are read only by `past`.
        self.page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=self.page,
            is_paginated=self.page.has_other_pages(),
            today=self.today,
            board_key=versions_key(BOARD_TABLES),
            fragment_timeout=FRAGMENT_TIMEOUT,
            **kwargs,
        )

    @cached_property
    def current(self) -> list[BoardMandate]:
        """Today's mandates in role order: one query."""
        return by_role(
            BoardMandate.objects.select_related("member").current_on(self.today)
        )

    @cached_property
    def past(self) -> list[BoardMandate]:
        """The page's mandates, the latest period first, each period together
        for {% regroup %}: two queries (the page's periods, their mandates)."""
        shown = Q()
        for start, end in self.page.object_list:
            shown |= Q(start_date=start, end_date=end)
        if not shown:
            return []
        past = BoardMandate.objects.select_related("member").filter(shown)
        return sorted(past, key=period_then_role)


CURRENT_TABLES = (
    "members_region",
    "members_regionalsecretariat",
    "members_membercity",
    "members_person",
)


class SecretariatListView(ListView):
    """Every region with its current secretariat, then the past terms."""

    template_name = "members/secretariats.html"
    extra_context = {"section": "secretariats"}

    def get_queryset(self):
        current = RegionalSecretariat.objects.current_on().select_related(
            "member", "secretary"
        )
        return Region.objects.prefetch_related(
            Prefetch("secretariats", queryset=current, to_attr="current_terms")
        )

    def get_context_data(self, **kwargs):
        past = RegionalSecretariat.objects.past_on().select_related(
            "region", "member", "secretary"
        )
        return super().get_context_data(
            past_terms=past,
            # The current terms and the regions' maps: a fragment kept while
            # these tables are unchanged (with the day and the language);
            # the regions are read only to make it.
            current_key=versions_key(CURRENT_TABLES),
            today=timezone.localdate(),
            fragment_timeout=24 * 60 * 60,
            **kwargs,
        )
