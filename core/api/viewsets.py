"""The base viewset every resource uses: conditional requests, atomic writes
through the model's rules, and the author recorded in the change history."""

import datetime
from functools import cached_property
from http import HTTPStatus

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from core.api.conditional import if_match_fails, none_match, object_etag
from core.api.errors import PreconditionFailed
from core.db import lock_exclusion_guarded_table

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


class ResourceViewSet(viewsets.ModelViewSet):
    """A model resource. Subclasses set queryset/serializer_class/filterset_class
    and may override:

    - `visible(queryset, viewer)`: what this caller may read;
    - `etag_parts(obj)`: extra inputs to the ETag (the day, for derived status);
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

    def get_viewer(self):
        """Who is asking, as the domain's rules see it. Infrastructure knows no
        personas: members.api.viewsets.ResourceViewSet says who."""
        return None

    def etag_scope(self) -> str:
        """What this caller may see, as a short label the ETag covers."""
        return ""

    def visible(self, queryset, viewer):
        return queryset

    def get_queryset(self):
        return self.visible(super().get_queryset(), self.get_viewer())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not queryset.ordered:
            # An aggregate (GROUP BY) drops Meta.ordering; pages need an order.
            queryset = queryset.order_by(*queryset.model._meta.ordering, "pk")
        return queryset

    def get_object(self):
        """The object the URL names, among those this caller may read. The
        list's query parameters (filters, search, ordering) do not apply to
        one object: building them for it would only cost time."""
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(
            self.get_queryset(), **{self.lookup_field: self.kwargs[lookup_url_kwarg]}
        )
        self.check_object_permissions(self.request, obj)
        return obj

    def liaison_owner_id(self, obj) -> int | None:
        return None

    def etag_parts(self, obj) -> tuple:
        return ()

    def etag(self, obj) -> str:
        return object_etag(obj, (self.etag_scope(), *self.etag_parts(obj)))

    def get_object_locked(self):
        """The object, with its row locked until the transaction ends (PostgreSQL)."""
        obj = self.get_object()
        type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
        return self.get_object()

    def with_etag(self, response: Response, obj) -> Response:
        response["ETag"] = self.etag(obj)
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        etag = self.etag(obj)
        if none_match(request.headers.get("If-None-Match"), etag):
            return Response(status=HTTPStatus.NOT_MODIFIED, headers={"ETag": etag})
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag
        return response

    def read_back(self, obj):
        """`obj` as a GET shows it, with its derived facts. A read: the write's
        permission was checked already (a liaison's new post has no owner yet)."""
        return get_object_or_404(self.get_queryset(), pk=obj.pk)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # One transaction: nothing stays written if answering fails.
        with transaction.atomic():
            lock_exclusion_guarded_table(self.queryset.model)
            obj = self.read_back(serializer.save())
            data = self.get_serializer(obj).data
        response = Response(data, status=HTTPStatus.CREATED)
        response["Location"] = response.data.get("url", "")
        return self.with_etag(response, obj)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            lock_exclusion_guarded_table(self.queryset.model)
            obj = self.get_object_locked()
            if if_match_fails(request.headers.get("If-Match"), self.etag(obj)):
                raise PreconditionFailed()
            serializer = self.get_serializer(obj, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            obj = self.read_back(serializer.save())
            data = self.get_serializer(obj).data
        return self.with_etag(Response(data), obj)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            obj = self.get_object_locked()
            if if_match_fails(request.headers.get("If-Match"), self.etag(obj)):
                raise PreconditionFailed()
            obj.delete()
        return Response(status=HTTPStatus.NO_CONTENT)
