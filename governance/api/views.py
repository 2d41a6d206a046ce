"""Meetings and resolutions in the API.

Everyone reads the meetings that are no longer drafts (planned ones: the
secretariat only) and their resolutions with counts and outcomes. The
secretariat and write keys write, through the services. The roll and
attendance: the secretariat and write keys see every line; a liaison sees and
registers its own city's (before the deadline); anyone else gets 404.
"""

from http import HTTPStatus

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from governance.api import serializers
from governance.models import AgendaItem, Meeting, Resolution
from governance.roll import roll
from governance.services import (
    attendance_record,
    attendance_register_by_liaison,
    resolution_record_votes,
    resolution_reverse,
)
from members.api.viewsets import ResourceViewSet

READ_AND_WRITE = ["get", "post", "patch", "head", "options"]


def public_meetings(queryset, viewer):
    if viewer.secretariat:
        return queryset
    return queryset.exclude(status=Meeting.Status.PLANNED)


class MeetingViewSet(ResourceViewSet):
    """Meetings of the General Assembly and the Board, with their agenda."""

    queryset = Meeting.objects.prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position"))
    )
    serializer_class = serializers.MeetingSerializer
    lookup_field = "slug"
    ordering_fields = ["starts_at"]
    search_fields = ["title"]
    http_method_names = READ_AND_WRITE
    liaison_actions = ("attendance", "roll")

    def visible(self, queryset, viewer):
        return public_meetings(queryset.visible_to(viewer), viewer)

    def liaison_owner_id(self, obj):
        # A liaison may act on any meeting, for its own city only (checked
        # in the action).
        return self.get_viewer().member_id

    def check_roll_reader(self):
        viewer = self.get_viewer()
        if not (viewer.secretariat or viewer.is_liaison):
            raise Http404
        return viewer

    @extend_schema(
        summary="The voting roll: who may vote and why",
        responses=serializers.RollLineSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def roll(self, request, *args, **kwargs):
        viewer = self.check_roll_reader()
        meeting = self.get_object()
        lines = roll(meeting).lines
        if not viewer.secretariat:
            lines = [line for line in lines if line.member.pk == viewer.member_id]
        return Response(serializers.RollLineSerializer(lines, many=True).data)

    @extend_schema(
        summary="Record a member city's attendance (a liaison: its own city)",
        request=serializers.AttendanceSerializer,
        responses=serializers.RollLineSerializer,
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, *args, **kwargs):
        viewer = self.check_roll_reader()
        given = serializers.AttendanceSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        with transaction.atomic():
            meeting = self.get_object()
            if viewer.secretariat:
                attendance_record(meeting=meeting, by=request.user, **data)
            elif data["member"].pk != viewer.member_id:
                raise PermissionDenied
            else:
                attendance_register_by_liaison(meeting=meeting, by=request.user, **data)
            line = next(
                line for line in roll(meeting).lines if line.member == data["member"]
            )
        return Response(
            serializers.RollLineSerializer(line).data, status=HTTPStatus.CREATED
        )


class ResolutionViewSet(ResourceViewSet):
    """Resolutions with their counts and outcome (never how each city voted).
    Votes are recorded (`votes`) and reversed (`reverse`) through the services;
    an adopted resolution takes effect once."""

    queryset = Resolution.objects.select_related(
        "agenda_item__meeting", "member_city", "plan"
    )
    serializer_class = serializers.ResolutionSerializer
    ordering_fields = ["id"]
    search_fields = ["text"]
    http_method_names = ["get", "post", "head", "options"]

    def visible(self, queryset, viewer):
        if viewer.secretariat:
            return queryset.visible_to(viewer)
        return queryset.visible_to(viewer).exclude(
            agenda_item__meeting__status=Meeting.Status.PLANNED
        )

    @extend_schema(
        summary="Record the votes (applies an adopted resolution's effect)",
        request=serializers.VotesSerializer,
        responses=serializers.ResolutionSerializer,
    )
    @action(detail=True, methods=["post"])
    def votes(self, request, *args, **kwargs):
        given = serializers.VotesSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with transaction.atomic():
            resolution_record_votes(
                resolution=self.get_object(), by=request.user, **given.validated_data
            )
            data = self.get_serializer(self.get_object()).data
        return Response(data)

    @extend_schema(
        summary="Reverse an adopted resolution's effect; says what it undid",
        request=None,
    )
    @action(detail=True, methods=["post"])
    def reverse(self, request, *args, **kwargs):
        with transaction.atomic():
            undone = resolution_reverse(resolution=self.get_object(), by=request.user)
        return Response({"undone": undone})
