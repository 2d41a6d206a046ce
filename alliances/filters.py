"""FilterSets for alliances and plans, shared by the API and the public pages."""

import datetime

import django_filters
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from alliances.models import Alliance, StrategicActionPlan
from core.filters import FilterSet, IntegerFilter
from members.models import MemberCity

# Far enough for any agreement, near enough that the date arithmetic never
# overflows.
MAX_DAYS = 100 * 366
LATEST_DAY = datetime.date(9000, 12, 31)


class StrategicActionPlanFilter(FilterSet):
    year = IntegerFilter(method="filter_year", label=_("Covers the year"))

    class Meta:
        model = StrategicActionPlan
        fields = []

    def filter_year(self, queryset, name, value: int):
        return queryset.filter(first_year__lte=value, last_year__gte=value)


class AllianceFilter(FilterSet):
    """Filters alliances; the statuses are those of `day` (today in Madrid)."""

    aliases = {"ends_after": "end_date_after", "ends_before": "end_date_before"}

    kind = django_filters.ChoiceFilter(choices=Alliance.Kind.choices)
    instrument = django_filters.ChoiceFilter(choices=Alliance.Instrument.choices)
    status = django_filters.ChoiceFilter(
        choices=Alliance.Status.choices,
        method="filter_status",
        label=_("Status today"),
    )
    granting_member = django_filters.ModelChoiceFilter(
        queryset=MemberCity.objects.all(), to_field_name="slug"
    )
    plan = django_filters.ModelChoiceFilter(
        queryset=StrategicActionPlan.objects.all(), to_field_name="slug"
    )
    signed_on_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after")
    )
    signed_on_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before")
    )
    end_date_after = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="gte", label=_("Ends on or after")
    )
    end_date_before = django_filters.DateFilter(
        field_name="ends_on", lookup_expr="lte", label=_("Ends on or before")
    )
    active_on = django_filters.DateFilter(
        method="filter_active_on",
        label=_("In force on (YYYY-MM-DD)"),
        validators=[MaxValueValidator(LATEST_DAY)],
    )
    expiring_within = IntegerFilter(
        method="filter_expiring_within",
        min_value=0,
        max_value=MAX_DAYS,
        label=_("In force and ending within this many days from today"),
    )

    class Meta:
        model = Alliance
        fields = []

    @cached_property
    def day(self) -> datetime.date:
        """The day the statuses are for: the API view's own `today` (fixed
        for the request, see ResourceViewSet), else today in Madrid."""
        context = getattr(self.request, "parser_context", None) or {}
        view_day = getattr(context.get("view"), "today", None)
        return view_day or timezone.localdate()

    def filter_status(self, queryset, name, value: str):
        return queryset.with_status(value, day=self.day)

    def filter_active_on(self, queryset, name, value: datetime.date):
        return queryset.active_on(value)

    @extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_DAYS})
    def filter_expiring_within(self, queryset, name, value: int):
        return queryset.expiring_within(value, self.day)
