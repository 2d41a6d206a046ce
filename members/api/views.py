from django.db.models import Count, Q
from rest_framework.generics import get_object_or_404

from core.api.cache import cached_list
from core.api.pagination import DeferredJoinPagination
from core.api.slugs import GeneratedSlugMixin
from members.api import filters, serializers
from members.api.rows import member_columns, member_rows
from members.api.viewsets import ResourceViewSet
from members.models import BoardMandate, MemberCity, Person, Region, RegionalSecretariat


class RegionViewSet(GeneratedSlugMixin, ResourceViewSet):
    """The association's five regions."""

    queryset = Region.objects.annotate(member_count=Count("members"))
    serializer_class = serializers.RegionSerializer
    lookup_field = "slug"
    search_fields = ["name", "code"]
    ordering_fields = ["name", "code", "member_count"]
    slug_source = "name"


class MemberCityViewSet(GeneratedSlugMixin, ResourceViewSet):
    """Member cities. A liaison may change its own city's profile fields."""

    queryset = MemberCity.objects.select_related("region")
    serializer_class = serializers.MemberCitySerializer
    filterset_class = filters.MemberCityFilter
    lookup_field = "slug"
    search_fields = ["name", "summary"]
    search_method = "search"
    # Today's roles are a subquery per row: deep pages must not compute them
    # for every row they skip.
    pagination_class = DeferredJoinPagination
    ordering_fields = ["name", "join_year", "population", "country"]
    liaison_actions = ("update", "partial_update")
    slug_source = "name"

    def visible(self, queryset, viewer):
        return queryset.visible_to(viewer)

    def get_queryset(self):
        # Today's roles in the same query as the cities, not one more.
        return super().get_queryset().with_current_roles(self.today)

    def liaison_owner_id(self, obj):
        return obj.pk

    # Reads from `.values()` rows through member_rows(), equal to the
    # serializer's output (tests/members/test_api_rows.py): no model object or
    # serializer per city. Writes go through the serializer. The page reads
    # the rows' columns (page_values), so that the keys' subquery needs no join.
    @property
    def page_values(self):
        return member_columns()

    @cached_list
    def list(self, request, *args, **kwargs):
        # The list as most callers read it (no filter, search or order given)
        # from statements compiled once per shape (core.api.prepared): its
        # queryset reads nothing from the database while it is built.
        page = self.paginator.prepared_page(request, self)
        if page is None:
            queryset = self.filter_queryset(self.get_queryset())
            page = self.paginate_queryset(queryset)
        data = member_rows(page, request=request, format=self.format_kwarg)
        return self.get_paginated_response(data)

    # A member's page is read again and again with If-None-Match: answered
    # from its bytes and ETag while the data versions of what it read are
    # unchanged (core.api.cache), the 304 without reading the city again.
    @cached_list
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def representation(self):
        # ApiAccess lets every caller read any city it may list (a safe
        # method needs no object permission), so no object is made for it.
        queryset = self.get_queryset().values(*member_columns())
        row = get_object_or_404(queryset, **self.lookup_kwargs())
        (data,) = member_rows([row], request=self.request, format=self.format_kwarg)
        return data


class BoardMandateViewSet(ResourceViewSet):
    """Board roles held by member cities over time, past holders included."""

    queryset = BoardMandate.objects.select_related("member")
    serializer_class = serializers.BoardMandateSerializer
    filterset_class = filters.BoardMandateFilter
    search_fields = ["member__name"]
    ordering_fields = ["start_date", "end_date", "role"]


class RegionalSecretariatViewSet(ResourceViewSet):
    """Member cities appointed to run a region's secretariat, over time."""

    # The secretary as a summary: how to reach them is not read.
    queryset = RegionalSecretariat.objects.select_related(
        "region", "member", "secretary"
    ).defer("secretary__email", "secretary__phone")
    serializer_class = serializers.RegionalSecretariatSerializer
    filterset_class = filters.RegionalSecretariatFilter
    search_fields = ["member__name", "region__name", "secretary__name"]
    ordering_fields = ["start_date", "end_date"]


class PersonViewSet(ResourceViewSet):
    """Contacts. Visitors see public people only; contact details of people who
    are not public go to the secretariat and their own city's liaison."""

    queryset = Person.objects.select_related("organisation")
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    search_fields = ["name", "position_title"]
    ordering_fields = ["name"]

    def confidential_rows(self, viewer):
        # How to reach a person: everyone for public people; the secretariat,
        # and the liaisons of the person's own city.
        if viewer.secretariat:
            return True
        if viewer.is_liaison:
            return Q(is_public=True) | Q(organisation=viewer.member_id)
        return Q(is_public=True)

    def visible(self, queryset, viewer):
        return queryset.visible_to(viewer)
