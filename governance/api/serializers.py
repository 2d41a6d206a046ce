"""Meetings and resolutions in the API: public facts (counts and outcomes,
never how each city voted); attendance and the roll are read and written by
the secretariat, write keys and a city's own liaison."""

from rest_framework import serializers

from core.api.serializers import CleanModelSerializer, SlugRelatedField
from governance.models import AgendaItem, Attendance, Meeting, Resolution
from governance.services import meeting_save
from members.models import MemberCity


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "description"]


class MeetingSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:meeting-detail", lookup_field="slug"
    )
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    minutes_html = serializers.CharField(source="public_minutes", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "slug",
            "body",
            "title",
            "starts_at",
            "place",
            "format",
            "convened_on",
            "status",
            "minutes_approved",
            "minutes_html",
            "agenda_items",
        ]
        read_only_fields = ["minutes_approved"]

    def create(self, validated_data):
        return meeting_save(meeting=Meeting(**validated_data), by=_user(self))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return meeting_save(meeting=instance, by=_user(self))


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class ResolutionSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:resolution-detail")
    meeting = serializers.SlugRelatedField(
        source="agenda_item.meeting", slug_field="slug", read_only=True
    )
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), write_only=True
    )
    position = serializers.IntegerField(source="agenda_item.position", read_only=True)
    member_city = SlugRelatedField(
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        required=False,
        allow_null=True,
    )
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "url",
            "meeting",
            "agenda_item",
            "position",
            "kind",
            "text",
            "member_city",
            "plan",
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "applied_at",
        ]
        read_only_fields = [
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "applied_at",
        ]


class VotesSerializer(serializers.Serializer):
    votes_for = serializers.IntegerField(min_value=0, max_value=100_000)
    votes_against = serializers.IntegerField(min_value=0, max_value=100_000)
    abstentions = serializers.IntegerField(min_value=0, max_value=100_000)


class AttendanceSerializer(serializers.Serializer):
    member = SlugRelatedField(slug_field="slug", queryset=MemberCity.objects.all())
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    proxy_holder = SlugRelatedField(
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        required=False,
        allow_null=True,
    )


class RollLineSerializer(serializers.Serializer):
    member = serializers.SlugField(source="member.slug")
    attendance = serializers.CharField(source="attendance.status", default=None)
    proxy_holder = serializers.SlugField(
        source="attendance.proxy_holder.slug", default=None
    )
    entitled = serializers.BooleanField()
    on_roll = serializers.BooleanField()
    why = serializers.CharField()
