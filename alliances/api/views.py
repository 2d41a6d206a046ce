from http import HTTPStatus

from django.db.models import Count, FilteredRelation, Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from alliances.api import filters, serializers
from alliances.models import Alliance, AllianceSignatory, PlanObjective
from alliances.models import StrategicActionPlan as Plan
from alliances.services import alliance_extend, alliance_written
from core.api.cache import cached_list
from core.api.schema import IF_MATCH
from core.api.slugs import GeneratedSlugMixin
from core.api.viewsets import RecordsTranslationsMixin
from core.translations import stored_texts
from members.api.viewsets import ResourceViewSet
from members.viewers import get_viewer


class StrategicActionPlanViewSet(
    RecordsTranslationsMixin, GeneratedSlugMixin, ResourceViewSet
):
    """The association's strategic action plans and their ordered objectives."""

    queryset = Plan.objects.prefetch_related(
        Prefetch("objectives", queryset=PlanObjective.objects.order_by("position"))
    )
    serializer_class = serializers.StrategicActionPlanSerializer
    filterset_class = filters.StrategicActionPlanFilter
    lookup_field = "slug"
    search_fields = ["title"]
    ordering_fields = ["first_year", "title", "alliance_count"]
    # By the English title (core.content): one order in every language.
    ordering_aliases = {"title": "title_en"}

    def get_queryset(self):
        # Counts only the alliances this caller may read, as the list would.
        alliances = Alliance.objects.visible_to(get_viewer(self.request), self.today)
        return (
            super()
            .get_queryset()
            .annotate(
                alliance_count=Count("alliances", filter=Q(alliances__in=alliances))
            )
        )


class AllianceViewSet(GeneratedSlugMixin, ResourceViewSet):
    """Alliances, with their end date, status and days remaining for today
    (Europe/Madrid). Drafts are the secretariat's and the granting member's;
    internal notes too."""

    queryset = Alliance.objects.select_related(
        "granting_member", "plan"
    ).prefetch_related(
        "extensions",  # AllianceExtension.Meta.ordering: by new end date
    )
    serializer_class = serializers.AllianceSerializer
    filterset_class = filters.AllianceFilter
    lookup_field = "slug"
    search_fields = ["title", "counterpart"]
    ordering_fields = ["signed_on", "start_date", "end_date", "title"]
    ordering_aliases = {"end_date": "ends_on", "title": "title_en"}

    def visible(self, queryset, viewer):
        return queryset.visible_to(viewer, self.today)

    @cached_list
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return self.with_people(super().get_queryset(), self.get_viewer())

    def with_people(self, queryset, viewer):
        """The contact and the signatories. People who are not public stay out
        of the public view: not read for it (one join, as for any caller).
        How to reach them is not shown here: not read either."""
        signatories = AllianceSignatory.objects.select_related("person").defer(
            "person__email", "person__phone"
        )
        if viewer.sees_details:
            queryset = queryset.select_related("contact").defer(
                "contact__email", "contact__phone"
            )
        else:
            signatories = signatories.filter(person__is_public=True)
            queryset = (
                queryset.annotate(
                    public_contact=FilteredRelation(
                        "contact", condition=Q(contact__is_public=True)
                    )
                )
                .select_related("public_contact")
                .defer("public_contact__email", "public_contact__phone")
            )
        return queryset.prefetch_related(
            Prefetch("signatories", signatories.order_by("side", "person__name"))
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "day": self.today}

    # The stored end follows a new or changed term, and the translations'
    # sources are recorded (alliances.services).
    def perform_create(self, serializer):
        alliance_written(alliance=serializer.save(), before=None)
        self.read_back(serializer)

    def perform_update(self, serializer):
        before = stored_texts(serializer.instance)
        alliance_written(alliance=serializer.save(), before=before)
        self.read_back(serializer)

    def confidential_rows(self, viewer):
        # Internal notes: the secretariat and the granting member's liaisons.
        if viewer.secretariat:
            return True
        if viewer.is_liaison:
            return Q(granting_member_id=viewer.member_id)
        return False

    @extend_schema(
        summary="Extend an alliance",
        description="Records an extension to a new end date, after the current "
        "end (extensions included). Secretariat only. Answers with the alliance, "
        "its end date and status moved.",
        request=serializers.AllianceExtensionSerializer,
        responses={HTTPStatus.CREATED: serializers.AllianceSerializer},
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def extend(self, request, *args, **kwargs):
        given = serializers.AllianceExtensionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with self.write_transaction():
            serializer = self.get_serializer(self.get_object())
            alliance_extend(alliance=serializer.instance, **given.validated_data)
            # With the new end and status, in the transaction: nothing stays
            # written if answering fails.
            self.read_back(serializer)
            return self.with_etag(Response(serializer.data, status=HTTPStatus.CREATED))
