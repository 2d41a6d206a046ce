"""FilterSets for member data, shared by the API (members/api/filters.py)
and the public pages."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import FilterSet, IntegerFilter, StrictBooleanFilter
from members.models import BoardMandate, MemberCity, Person, Region, RegionalSecretariat


class MemberCityFilter(FilterSet):
    aliases = {"megacity": "is_megacity", "board_role": "current_roles"}

    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", label=_("Region")
    )
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    category = django_filters.ChoiceFilter(choices=MemberCity.Category.choices)
    status = django_filters.ChoiceFilter(choices=MemberCity.Status.choices)
    join_year = IntegerFilter(label=_("Joined in"))
    join_year_min = IntegerFilter(
        field_name="join_year", lookup_expr="gte", label=_("Joined in or after")
    )
    join_year_max = IntegerFilter(
        field_name="join_year", lookup_expr="lte", label=_("Joined in or before")
    )
    is_megacity = StrictBooleanFilter(method="filter_megacity", label=_("Megacity"))
    current_roles = django_filters.ChoiceFilter(
        choices=BoardMandate.Role.choices,
        method="filter_board_role",
        label=_("Current board role"),
    )
    hosts_secretariat = StrictBooleanFilter(
        method="filter_hosts_secretariat", label=_("Runs a regional secretariat now")
    )

    class Meta:
        model = MemberCity
        fields = []

    def filter_megacity(self, queryset, name, value):
        megacities = queryset.megacities()
        return megacities if value else queryset.exclude(pk__in=megacities.values("pk"))

    def filter_board_role(self, queryset, name, value):
        mandates = BoardMandate.objects.current_on(timezone.localdate()).filter(
            role=value
        )
        return queryset.filter(pk__in=mandates.values("member"))

    def filter_hosts_secretariat(self, queryset, name, value):
        hosts = queryset.hosting_secretariat()
        return hosts if value else queryset.exclude(pk__in=hosts.values("pk"))


class CurrentOnFilterSet(FilterSet):
    aliases = {"current": "is_current"}

    current_on = django_filters.DateFilter(
        method="filter_current_on", label=_("Current on (YYYY-MM-DD)")
    )
    is_current = StrictBooleanFilter(method="filter_current", label=_("Current today"))

    def filter_current_on(self, queryset, name, value):
        return queryset.current_on(value)

    def filter_current(self, queryset, name, value):
        current = queryset.current_on()
        return current if value else queryset.exclude(pk__in=current.values("pk"))


class BoardMandateFilter(CurrentOnFilterSet):
    role = django_filters.ChoiceFilter(choices=BoardMandate.Role.choices)
    member = django_filters.ModelChoiceFilter(
        queryset=MemberCity.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = BoardMandate
        fields = []


class RegionalSecretariatFilter(CurrentOnFilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug"
    )
    member = django_filters.ModelChoiceFilter(
        queryset=MemberCity.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = RegionalSecretariat
        fields = []


class PersonFilter(FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        queryset=MemberCity.objects.all(), to_field_name="slug"
    )
    secretariat_general = StrictBooleanFilter(
        field_name="organisation", lookup_expr="isnull", label=_("Secretariat General")
    )
    is_public = StrictBooleanFilter(label=_("Public"))

    class Meta:
        model = Person
        fields = []
