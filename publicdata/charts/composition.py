"""Members by income band and by category: today's active members (the
public directory's) in a bar per income band, stacked by category. One
query, counted in SQL."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from members.models import MemberCity
from members.viewers import ANONYMOUS
from publicdata.charts.geometry import BarChart, Series

# Two colours apart from the regions' (Paul Tol's "muted" indigo and sand),
# dark and light enough to tell apart without colour vision.
CATEGORY_COLOURS = {
    MemberCity.Category.FULL: "#332288",
    MemberCity.Category.ASSOCIATE: "#DDCC77",
}
NOT_GIVEN = ""


def composition_chart() -> BarChart:
    """Active members by income band (World Bank, in its order; "not given"
    last) and category: one query."""
    counts = Counter(
        {
            (row["income_band"], row["category"]): row["n"]
            for row in MemberCity.objects.visible_to(ANONYMOUS)
            .active()
            .order_by()
            .values("income_band", "category")
            .annotate(n=Count("pk"))
        }
    )
    bands = [(band.value, band.label) for band in MemberCity.IncomeBand]
    bands.append((NOT_GIVEN, _("Not given")))
    return BarChart(
        slug="composition",
        title=_("Members by income band and category"),
        description=_(
            "Today's active members in a bar per income band (World Bank "
            "classification), each bar divided by category of member."
        ),
        x_title=_("Income band"),
        y_title=_("Active members"),
        categories=[str(label) for _band, label in bands],
        series=[
            Series(category.value, category.label, CATEGORY_COLOURS[category])
            for category in MemberCity.Category
        ],
        values=[
            [counts[(band, category.value)] for band, _label in bands]
            for category in MemberCity.Category
        ],
    )
