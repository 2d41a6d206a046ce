"""FilterSets for news, shared by the API and the public pages."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from alliances.models import Alliance
from core.filters import FilterSet
from members.models import MemberCity
from members.viewers import get_viewer
from news.models import Category, NewsPost


class DateOrDateTimeField(forms.Field):
    """An ISO 8601 date (`2021-08-02`) or date and time (`2021-08-02T10:00Z`).

    Cleans to a date or to an aware datetime (Europe/Madrid when no offset).
    """

    default_error_messages = {
        "invalid": _("Enter a date (YYYY-MM-DD) or a date and time (ISO 8601)."),
        "out_of_range": _("Enter a date between the years 1000 and 9000."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        try:
            parsed = parse_date(value) or parse_datetime(value)
        except ValueError:  # well formed, but not a real day or time
            parsed = None
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not 1000 <= parsed.year <= 9000:  # keeps time zone arithmetic in range
            raise forms.ValidationError(
                self.error_messages["out_of_range"], code="out_of_range"
            )
        if isinstance(parsed, datetime.datetime) and timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the association's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@extend_schema_field(
    {
        "type": "string",
        "description": "A date (YYYY-MM-DD, the whole day in Europe/Madrid) or an "
        "ISO 8601 date and time.",
    }
)
class PublishedFilter(django_filters.Filter):
    """`published_at` from (`after`) or up to (`before`) a date or a time; a date
    means the whole of that day."""

    field_class = DateOrDateTimeField

    def __init__(self, *, side: str, **kwargs):
        self.side = side
        super().__init__(field_name="published_at", **kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        if isinstance(value, datetime.datetime):
            lookup = "gte" if self.side == "after" else "lte"
            return queryset.filter(**{f"published_at__{lookup}": value})
        if self.side == "after":
            return queryset.filter(published_at__gte=start_of(value))
        next_day = value + datetime.timedelta(days=1)
        return queryset.filter(published_at__lt=start_of(next_day))


def readable_alliances(request):
    """The alliances the caller may read, for choosing among them by slug and
    naming them beside a post (no dates shown)."""
    if request is None:
        return Alliance.objects.all()
    return Alliance.objects.readable_by(get_viewer(request))


class NewsPostFilter(FilterSet):
    aliases = {
        "member": "related_members",
        "alliance": "related_alliances",
        "published_after": "published_at_after",
        "published_before": "published_at_before",
    }

    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug"
    )
    related_members = django_filters.ModelChoiceFilter(
        field_name="related_members",
        queryset=MemberCity.objects.all(),
        to_field_name="slug",
        label=_("About the member city"),
    )
    related_alliances = django_filters.ModelChoiceFilter(
        field_name="related_alliances",
        queryset=readable_alliances,
        to_field_name="slug",
        label=_("About the alliance"),
    )
    published_at_after = PublishedFilter(
        side="after", label=_("Published at or after (date or date and time)")
    )
    published_at_before = PublishedFilter(
        side="before", label=_("Published at or before (date or date and time)")
    )
    status = django_filters.ChoiceFilter(choices=NewsPost.Status.choices)

    class Meta:
        model = NewsPost
        fields = []
