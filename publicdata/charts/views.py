"""The association in figures, /in-figures/: every chart of the public
data on one page. Ten queries at most, whatever the number of rows."""

from django.views.generic import TemplateView

from publicdata.charts.agreements import agreement_timeline, recent_alliances
from publicdata.charts.board import board_chart
from publicdata.charts.composition import composition_chart
from publicdata.charts.membership import membership_chart


def legend(chart) -> list[tuple[str, str]]:
    return [(series.name, series.colour) for series in chart.series]


class ChartsView(TemplateView):
    template_name = "publicdata/charts/page.html"
    extra_context = {"section": "members"}

    def get_context_data(self, **kwargs):
        membership = membership_chart()
        composition = composition_chart()
        return super().get_context_data(
            membership=membership,
            membership_legend=legend(membership),
            composition=composition,
            composition_legend=legend(composition),
            board=board_chart(),
            agreements=agreement_timeline(recent_alliances()),
            **kwargs,
        )
