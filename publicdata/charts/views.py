"""The association in figures, /in-figures/: every chart of the public
data on one page. Each chart is a fragment kept in the "api" cache while
the tables it reads keep their versions (core.versions), for the day and
the language: while nothing changes the page reads only the versions,
whatever the number of rows; a chart missing from the cache is made with
the queries its module names."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from core.counts import versions_key
from publicdata.charts.agreements import agreement_timeline, recent_alliances
from publicdata.charts.composition import composition_chart
from publicdata.charts.membership import membership_chart

# The tables each chart reads (the board's: publicdata.charts.board.TABLES).
# The membership chart reads members_historicalmembercity too, which has no
# version: a history row is written only by a save of its member city (the
# admin's revert saves the city; the demo only names a reason on rows,
# privacy erasure touches people's rows, nothing deletes them), and
# the chart counts only the rows whose join year is before the city's
# current one, which only a later save of the city (a new version) makes
# true of a row.
MEMBERSHIP_TABLES = ("members_membercity", "members_region")
COMPOSITION_TABLES = ("members_membercity",)
AGREEMENT_TABLES = (
    "alliances_alliance",
    "alliances_allianceextension",
    "alliances_strategicactionplan",
)
FRAGMENT_TIMEOUT = 24 * 60 * 60


def legend(chart) -> list[tuple[str, str]]:
    return [(series.name, series.colour) for series in chart.series]


class ChartsView(TemplateView):
    template_name = "publicdata/charts/page.html"
    extra_context = {"section": "members"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=timezone.localdate(),
            membership_key=versions_key(MEMBERSHIP_TABLES),
            composition_key=versions_key(COMPOSITION_TABLES),
            agreements_key=versions_key(AGREEMENT_TABLES),
            fragment_timeout=FRAGMENT_TIMEOUT,
            **kwargs,
        )

    # Each chart read only when its fragment is made.

    @cached_property
    def membership(self):
        return membership_chart()

    @cached_property
    def membership_legend(self) -> list[tuple[str, str]]:
        return legend(self.membership)

    @cached_property
    def composition(self):
        return composition_chart()

    @cached_property
    def composition_legend(self) -> list[tuple[str, str]]:
        return legend(self.composition)

    @cached_property
    def agreements(self):
        return agreement_timeline(recent_alliances())
