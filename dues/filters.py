"""The FilterSets of dues lists (the API's; the admin has its own list filters)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, IntegerFilter, StrictBooleanFilter
from dues.models import Band, FeeGrid, Invoice, Payment
from members.models import MemberCity, Region
from members.viewers import get_viewer


class FeeGridFilter(FilterSet):
    year = IntegerFilter(method="filter_year", label=_("In force in year"))

    class Meta:
        model = FeeGrid
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.for_year(value)


class InvoiceFilter(FilterSet):
    """Status and overdue are today's (the queryset is annotated with them)."""

    member = django_filters.ModelChoiceFilter(
        queryset=MemberCity.objects.all(), to_field_name="slug"
    )
    region = django_filters.ModelChoiceFilter(
        field_name="member__region", queryset=Region.objects.all(), to_field_name="slug"
    )
    band = django_filters.ChoiceFilter(
        field_name="cell__income_band", choices=Band.choices, label=_("Income band")
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


def visible_invoices(request):
    if request is None:  # the schema
        return Invoice.objects.none()
    return Invoice.objects.visible_to(get_viewer(request))


class PaymentFilter(FilterSet):
    # Among the invoices the caller may read: another's number is no valid
    # choice, whether it exists or not.
    invoice = django_filters.ModelChoiceFilter(
        queryset=visible_invoices, to_field_name="number"
    )
    member = django_filters.ModelChoiceFilter(
        field_name="invoice__member",
        queryset=MemberCity.objects.all(),
        to_field_name="slug",
    )
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte"
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte"
    )

    class Meta:
        model = Payment
        fields = ["invoice", "member", "method", "received_after", "received_before"]
