"""The API's filter backends: the FilterSets, search and ordering. The
filter building blocks the site shares live in core/filters.py."""

import re

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters_rest
from rest_framework import exceptions, filters
from rest_framework.settings import api_settings

from core.db import SEARCH_MAX_WORDS
from core.filters import (  # noqa: F401  (kept importable from here)
    BOOLEAN_VALUES,
    BooleanSelect,
    IntegerFilter,
    StrictBooleanField,
    StrictBooleanFilter,
    VisitorFilterMixin,
)


class DjangoFilterBackend(django_filters_rest.DjangoFilterBackend):
    """The view's FilterSet, and no query parameter that nothing reads.

    django-filter and DRF ignore a parameter they do not know, so a misspelt
    filter (`?megacty=true`) gives the whole list as if it were filtered.
    Here it is a 400 that names it and lists the parameters the list reads:
    its filters (and their old names), pagination, search, ordering, format.

    A request that names none of the FilterSet's parameters is not filtered:
    no FilterSet (and no form of it) is built for it, as none would filter.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        filters_read = self.filter_parameters(filterset_class)
        valid = filters_read | self.other_parameters(view)
        unknown = [name for name in request.query_params if name not in valid]
        if unknown:
            message = _("Unknown query parameter. This list reads: %(valid)s.") % {
                "valid": ", ".join(sorted(valid))
            }
            raise exceptions.ValidationError({name: [message] for name in unknown})
        if filters_read.isdisjoint(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def filter_parameters(self, filterset_class) -> set[str]:
        """The FilterSet's parameters: its filters and their old names."""
        if filterset_class is None:
            return set()
        return set(filterset_class.base_filters) | set(
            getattr(filterset_class, "aliases", {})
        )

    def other_parameters(self, view) -> set[str]:
        """What the list reads besides its filters: pagination, search,
        ordering, format."""
        names = {api_settings.URL_FORMAT_OVERRIDE}
        paginator = getattr(view, "paginator", None)
        for attribute in (
            "page_query_param",
            "page_size_query_param",
            "cursor_query_param",
            "limit_query_param",
            "offset_query_param",
        ):
            names.add(getattr(paginator, attribute, None))
        for backend in view.filter_backends:
            if issubclass(backend, filters.SearchFilter) and (
                getattr(view, "search_fields", None)
                or getattr(view, "search_method", None)
            ):
                names.add(backend.search_param)
            if issubclass(backend, filters.OrderingFilter):
                names.add(backend.ordering_param)
        return names - {None}


class SearchFilter(filters.SearchFilter):
    """`?search=`: a value it refuses (a NUL character) is an error that names
    the parameter, as every other parameter's is.

    A view that sets `search_method` searches with that QuerySet method, given
    the text (word prefixes on a full-text index, see
    core.db.word_search); others look for each term anywhere in their
    `search_fields` (DRF's icontains, fine for small tables).
    """

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except exceptions.ValidationError as exc:
            raise exceptions.ValidationError({self.search_param: exc.detail}) from None

    def filter_queryset(self, request, queryset, view):
        method = getattr(view, "search_method", None)
        if method is None:
            return super().filter_queryset(request, queryset, view)
        terms = self.get_search_terms(request)
        return getattr(queryset, method)(" ".join(terms)) if terms else queryset

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        names = [
            f"`{field.replace('__', '.')}`"
            for field in getattr(view, "search_fields", None) or ()
        ]
        fields = " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))
        if getattr(view, "search_method", None):
            description = (
                f"Words to look for in {fields}: every word must begin a word "
                "of one of them, in any case (`barc` finds “Barcelona”, "
                "`harbour` finds “harbours”). Punctuation and spaces only "
                f"separate words; at most {SEARCH_MAX_WORDS} words are used, "
                "and text without a word filters nothing."
            )
        else:
            description = (
                f"Text to look for in {fields}, anywhere and in any case; "
                "every term (separated by spaces or commas) must match."
            )
        for parameter in parameters:
            parameter["description"] = description
        return parameters


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=name,-join_year` over the view's `ordering_fields`.

    A field that cannot be ordered by is an error naming the allowed ones
    (DRF's filter silently ignores it). The view's `ordering_aliases` maps a
    public name to what to order by (e.g. an annotation). Ties are broken by
    primary key, so that pages never overlap.
    """

    def allowed(self, queryset, view, request) -> list[str]:
        fields = self.get_valid_fields(queryset, view, {"request": request})
        return [name for name, _label in fields]

    def remove_invalid_fields(self, queryset, fields, view, request):
        allowed = self.allowed(queryset, view, request)
        unknown = [term for term in fields if term.removeprefix("-") not in allowed]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _(
                            "Cannot order by %(unknown)s. Order by %(allowed)s, "
                            "separated by commas; a leading “-” reverses the order."
                        )
                        % {
                            "unknown": ", ".join(f"“{term}”" for term in unknown),
                            "allowed": ", ".join(allowed),
                        }
                    ]
                }
            )
        return fields

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        aliases = getattr(view, "ordering_aliases", {})
        terms = []
        for term in ordering:
            name = term.lstrip("-")
            terms.append(term.replace(name, aliases.get(name, name), 1))
        return [*terms, "pk"]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if isinstance(fields, list | tuple):
            names = [field if isinstance(field, str) else field[0] for field in fields]
            term = "-?(" + "|".join(map(re.escape, names)) + ")"
            listed = ", ".join(f"`{name}`" for name in names)
            for parameter in parameters:
                parameter["description"] = (
                    f"Order by {listed}, separated by commas; a leading `-` "
                    "reverses the order. Any other field is an error (400)."
                )
                parameter["schema"]["pattern"] = f"^{term}(,{term})*$"
        return parameters
