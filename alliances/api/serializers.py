from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alliances.models import (
    Alliance,
    AllianceExtension,
    AllianceSignatory,
    StrategicActionPlan,
)
from alliances.services import plan_set_objectives
from core.api.serializers import (
    CleanModelSerializer,
    HtmlUrlField,
    SlugRelatedField,
    StrictCharField,
    SummarySerializer,
)
from core.db import term_end
from members.api.serializers import MemberCitySummary, PersonSummary
from members.models import MemberCity, Person
from members.viewers import get_viewer


class PlanSummary(SummarySerializer):
    name = serializers.CharField(source="title", read_only=True)

    class Meta(SummarySerializer.Meta):
        model = StrategicActionPlan
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class AllianceSummary(SummarySerializer):
    name = serializers.CharField(source="title", read_only=True)

    class Meta(SummarySerializer.Meta):
        model = Alliance
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class ObjectivesField(serializers.ListField):
    """A plan's objectives as text, in order; a list sent replaces them all."""

    child = StrictCharField()

    def get_attribute(self, instance):
        # Needs the `objectives` prefetch (see StrategicActionPlanViewSet).
        return [objective.text for objective in instance.objectives.all()]

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            # {"1": ["…"]} as plain messages, as every error body has them.
            raise serializers.ValidationError(
                [
                    _("Objective %(number)s: %(message)s")
                    % {"number": int(index) + 1, "message": message}
                    for index, messages in exc.detail.items()
                    for message in messages
                ]
            ) from None


class StrategicActionPlanSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:strategicactionplan-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    objectives = ObjectivesField(
        required=False,
        help_text="The plan's objectives in order. Sending a list replaces them.",
    )
    alliance_count = serializers.IntegerField(
        read_only=True, help_text="Alliances serving this plan that you may read."
    )

    class Meta:
        model = StrategicActionPlan
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "slug",
            "first_year",
            "last_year",
            "summary",
            "objectives",
            "alliance_count",
        ]

    def validate(self, attrs):
        # Objectives are rows of their own, not a field of the plan to clean.
        objectives = attrs.pop("objectives", None)
        attrs = super().validate(attrs)
        if objectives is not None:
            attrs["objectives"] = objectives
        return attrs

    def create(self, validated_data):
        objectives = validated_data.pop("objectives", [])
        plan = super().create(validated_data)
        plan_set_objectives(plan=plan, objectives=objectives)
        return plan

    def update(self, instance, validated_data):
        objectives = validated_data.pop("objectives", None)
        plan = super().update(instance, validated_data)
        if objectives is not None:
            plan_set_objectives(plan=plan, objectives=objectives)
        return plan


class SignatorySerializer(serializers.ModelSerializer):
    person = PersonSummary(read_only=True)

    class Meta:
        model = AllianceSignatory
        fields = ["person", "side"]


class AllianceExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AllianceExtension
        fields = ["new_end_date", "agreed_on", "note"]


class AllianceSerializer(CleanModelSerializer):
    # Reads need `Alliance.objects.with_dates()` and AllianceViewSet's
    # prefetches; the dates are for `context["day"]` (today by default).

    url = serializers.HyperlinkedIdentityField(
        view_name="api:alliance-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    granting_member = MemberCitySummary(read_only=True, allow_null=True)
    granting_member_slug = SlugRelatedField(
        source="granting_member",
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The granting member city, by slug: required exactly when the "
        "kind is `granting_member`.",
    )
    agreed_end_date = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The last day of the agreed term, inclusive.",
    )
    end_date = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The last day in force, inclusive: the latest extension's, or "
        "the agreed one.",
    )
    status = serializers.ChoiceField(
        choices=Alliance.Status.choices,
        read_only=True,
        help_text="Derived from the dates, today in Europe/Madrid.",
    )
    days_remaining = serializers.SerializerMethodField(
        help_text="Days left in force, counting today and the end day; null "
        "unless active or expiring."
    )
    plan = PlanSummary(read_only=True, allow_null=True)
    plan_slug = SlugRelatedField(
        source="plan",
        slug_field="slug",
        queryset=StrategicActionPlan.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The strategic action plan it serves, by slug.",
    )
    contact = PersonSummary(read_only=True, allow_null=True)
    contact_id = serializers.PrimaryKeyRelatedField(
        source="contact",
        queryset=Person.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The contact person, by id.",
    )
    signatories = SignatorySerializer(many=True, read_only=True)
    extensions = AllianceExtensionSerializer(many=True, read_only=True)

    class Meta:
        model = Alliance
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "slug",
            "kind",
            "instrument",
            "granting_member",
            "granting_member_slug",
            "counterpart",
            "signed_on",
            "signing_format",
            "start_date",
            "term_years",
            "agreed_end_date",
            "end_date",
            "status",
            "days_remaining",
            "plan",
            "plan_slug",
            "contact",
            "contact_id",
            "signatories",
            "extensions",
            "summary",
            "objectives",
            "internal_notes",
            "terminated_on",
        ]
        confidential_fields = ["internal_notes"]  # see AllianceViewSet

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        years = attrs.get("term_years", getattr(self.instance, "term_years", None))
        try:
            term_end(start, years)
        except (ValueError, OverflowError):  # past 31 December 9999
            raise serializers.ValidationError(
                {"term_years": [_("The term would end after the year 9999.")]}
            ) from None
        return super().validate(attrs)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_days_remaining(self, obj) -> int | None:
        return obj.days_remaining(self.context.get("day"))

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not get_viewer(request).sees_details:
            # The public view's contact: public people only (AllianceViewSet
            # reads no other for it).
            fields["contact"] = PersonSummary(
                source="public_contact", read_only=True, allow_null=True
            )
        return fields
