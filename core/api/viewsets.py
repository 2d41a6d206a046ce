"""The base viewset every resource uses: DRF's ModelViewSet with conditional
requests and atomic writes (core.api.conditional), and confidential fields
read only for the callers who may see them."""

import datetime
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, When
from django.utils import timezone
from rest_framework import viewsets

from core.api.conditional import ConditionalMixin
from core.api.serializers import PER_ROW, SHOWN, WITHHELD
from core.translations import record_translations, stored_texts

# What a URL may carry as an object's key. Any other character is a 404 before
# the database is asked (PostgreSQL cannot even look up a NUL).
SLUG_REGEX = "[-a-zA-Z0-9_]+"
PK_REGEX = "[0-9]+"


def lookup_regex(field: models.Field) -> str:
    if isinstance(field, models.SlugField):
        return SLUG_REGEX
    if isinstance(field, models.IntegerField):  # AutoFields too
        return PK_REGEX
    raise ImproperlyConfigured(
        f"Set lookup_value_regex: no default for a lookup on {field!r}."
    )


class ResourceViewSet(ConditionalMixin, viewsets.ModelViewSet):
    """A model resource. Subclasses set queryset/serializer_class/filterset_class
    and may override:

    - `visible(queryset, viewer)`: what this caller may read;
    - `confidential_rows(viewer)`: where this caller may see the serializer's
      `Meta.confidential_fields`: True (every row), False (none: the columns
      are not read), or a Q (those rows: the columns are read there only);
    - `liaison_actions` and `liaison_owner_id(obj)`: what a liaison may write.

    The URL's key matches the lookup field (a slug or a number) unless a
    subclass sets `lookup_value_regex`. `ordering_aliases` maps a name in
    `ordering_fields` to what to order by (see OrderingFilter).
    """

    liaison_actions: tuple[str, ...] = ()
    ordering_aliases: dict[str, str] = {}
    lookup_regex_given = False  # True below a class that sets lookup_value_regex

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "lookup_value_regex" in cls.__dict__:
            cls.lookup_regex_given = True
        elif not cls.lookup_regex_given and cls.queryset is not None:
            model = cls.queryset.model
            field = (
                model._meta.pk
                if cls.lookup_field == "pk"
                else model._meta.get_field(cls.lookup_field)
            )
            cls.lookup_value_regex = lookup_regex(field)

    @cached_property
    def today(self) -> datetime.date:
        """The association's date (Europe/Madrid), fixed for the request:
        derived dates and statuses are computed for this one day."""
        return timezone.localdate()

    def cached_list_until(self) -> datetime.datetime | None:
        """For a list answered from the cache (core.api.cache.cached_list):
        the next moment its answer may change with no write to its tables
        (the day is in the cache's key already). None: no such moment."""
        return None

    def get_viewer(self):
        """Who is asking, as the domain's rules see it. Infrastructure knows no
        personas: members.api.viewsets.ResourceViewSet says who."""
        return None

    def visible(self, queryset, viewer):
        return queryset

    def confidential_rows(self, viewer) -> bool | Q:
        return False

    def confidential_fields(self) -> list[str]:
        meta = getattr(self.get_serializer_class(), "Meta", None)
        return list(getattr(meta, "confidential_fields", ()))

    def read_confidential(self, queryset, rows: bool | Q):
        """`queryset` reading the confidential columns where `rows` says."""
        names = self.confidential_fields()
        if rows is True or not names:
            return queryset
        queryset = queryset.defer(*names)
        if rows is False:
            return queryset
        return queryset.annotate(
            confidential_shown=ExpressionWrapper(rows, output_field=BooleanField()),
            **{
                f"confidential_{name}": Case(When(rows, then=F(name))) for name in names
            },
        )

    def get_queryset(self):
        viewer = self.get_viewer()
        queryset = self.visible(super().get_queryset(), viewer)
        return self.read_confidential(queryset, self.confidential_rows(viewer))

    def get_serializer_context(self):
        if getattr(self, "swagger_fake_view", False):
            reach = SHOWN  # the schema documents every field
        else:
            rows = self.confidential_rows(self.get_viewer())
            reach = SHOWN if rows is True else WITHHELD if rows is False else PER_ROW
        return {**super().get_serializer_context(), "confidential": reach}

    def filter_queryset(self, queryset):
        if self.detail:
            # The list's query parameters (filters, search, ordering) do not
            # apply to one object: building them for it would only cost time.
            return queryset
        queryset = super().filter_queryset(queryset)
        if not queryset.ordered:
            # An aggregate (GROUP BY) drops Meta.ordering; pages need an order.
            queryset = queryset.order_by(*queryset.model._meta.ordering, "pk")
        return queryset

    def liaison_owner_id(self, obj) -> int | None:
        return None


class RecordsTranslationsMixin:
    """Before ResourceViewSet, for a resource whose serializer writes its
    translated texts itself (no service of its own): after each write the
    sources of its translations are recorded, as the services and the admin
    record them (core.translations)."""

    def perform_create(self, serializer):
        super().perform_create(serializer)
        record_translations(serializer.instance, before=None, by=self.request.user)

    def perform_update(self, serializer):
        before = stored_texts(serializer.instance)
        super().perform_update(serializer)
        record_translations(serializer.instance, before=before, by=self.request.user)
