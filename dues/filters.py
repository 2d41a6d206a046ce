"""The FilterSets of dues lists (the API's; the admin has its own list filters)."""

import django_filters

from core.filters import FilterSet, IntegerFilter, StrictBooleanFilter
from dues.models import Band, FeeGrid, Invoice, Payment


class FeeGridFilter(FilterSet):
    year = IntegerFilter(method="filter_year", label="In force in year")

    class Meta:
        model = FeeGrid
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.for_year(value)


class InvoiceFilter(FilterSet):
    """Status and overdue are today's (the queryset is annotated with them)."""

    member = django_filters.CharFilter(field_name="member__slug", label="Member slug")
    region = django_filters.CharFilter(
        field_name="member__region__slug", label="Region slug"
    )
    band = django_filters.ChoiceFilter(
        field_name="cell__income_band", choices=Band.choices, label="Income band"
    )
    status = django_filters.ChoiceFilter(choices=Invoice.Status.choices)
    year = IntegerFilter()
    overdue = StrictBooleanFilter(method="filter_overdue")

    class Meta:
        model = Invoice
        fields = ["year", "member", "region", "band", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = {"status": Invoice.Status.OVERDUE}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class PaymentFilter(FilterSet):
    invoice = django_filters.CharFilter(field_name="invoice__number")
    member = django_filters.CharFilter(field_name="invoice__member__slug")
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte"
    )

    class Meta:
        model = Payment
        fields = ["invoice", "member", "method", "received_after", "received_before"]
