"""Dues in the API. Confidential: the secretariat and `write` keys read and
write; a liaison reads its own city's invoices, payments and standing (and
the fee grids); `read` keys and visitors see nothing of dues: lists are
empty and objects are 404 (not 403), so that existence is not revealed."""

from http import HTTPStatus

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.conditional import none_match, representation_etag
from dues import filters
from dues.api import serializers
from dues.models import FeeGrid, FeeGridCell, Invoice, Payment
from dues.services import invoice_cancel
from dues.standing import standing as member_standing
from dues.standing import voting_right
from members.api.viewsets import ResourceViewSet
from members.models import MemberCity
from members.viewers import get_viewer

READ_AND_CREATE = ["get", "post", "head", "options"]


def sees_dues(viewer) -> bool:
    return viewer.secretariat or viewer.is_liaison


class FeeGridViewSet(ResourceViewSet):
    """Fee grids with their cells. Created whole (every cell); never changed
    through the API."""

    queryset = FeeGrid.objects.prefetch_related(
        Prefetch("cells", queryset=FeeGridCell.objects.order_by("pk"))
    )
    serializer_class = serializers.FeeGridSerializer
    filterset_class = filters.FeeGridFilter
    ordering_fields = ["first_year"]
    http_method_names = READ_AND_CREATE

    def visible(self, queryset, viewer):
        return queryset if sees_dues(viewer) else queryset.none()


class InvoiceViewSet(ResourceViewSet):
    """Invoices, with today's status, paid amount and outstanding balance
    (Europe/Madrid). Issued through the same service as the admin; never
    changed or deleted: cancelled with a credit note (`cancel`)."""

    queryset = Invoice.objects.select_related("member", "cell__grid", "credit_note")
    serializer_class = serializers.InvoiceSerializer
    filterset_class = filters.InvoiceFilter
    lookup_field = "number"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # 2026-0001, bulk-2026-000001
    search_fields = ["number", "member__name"]
    ordering_fields = ["number", "issued_on", "due_on", "amount", "year"]
    http_method_names = READ_AND_CREATE

    def visible(self, queryset, viewer):
        return queryset.visible_to(viewer).with_status(self.today)

    @extend_schema(
        summary="Cancel an invoice with a credit note",
        request=serializers.InvoiceCancelSerializer,
        responses={HTTPStatus.CREATED: serializers.InvoiceSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        given = serializers.InvoiceCancelSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with transaction.atomic():
            invoice = self.get_object()
            invoice_cancel(
                invoice=invoice,
                reason=given.validated_data["reason"],
                by=request.user,
            )
            invoice = self.get_object()
            data = self.get_serializer(invoice).data
        return Response(data, status=HTTPStatus.CREATED)


class PaymentViewSet(ResourceViewSet):
    """Payments received. Recorded through the same service as the admin: an
    overpayment or a cancelled invoice is refused, naming the field."""

    queryset = Payment.objects.select_related("invoice")
    serializer_class = serializers.PaymentSerializer
    filterset_class = filters.PaymentFilter
    search_fields = ["reference", "invoice__number"]
    ordering_fields = ["received_on", "amount"]
    http_method_names = READ_AND_CREATE

    def visible(self, queryset, viewer):
        if viewer.secretariat:
            return queryset
        if viewer.is_liaison:
            return queryset.filter(invoice__member=viewer.member_id)
        return queryset.none()


class MemberStandingView(generics.GenericAPIView):
    """A member's standing today: what it owes, whether it is in arrears, and
    whether it may vote at a General Assembly held today, and why. The
    secretariat, write keys and the city's own liaisons; 404 for anyone else."""

    serializer_class = serializers.StandingSerializer
    queryset = MemberCity.objects.all()
    lookup_field = "slug"

    def get(self, request, slug):
        viewer = get_viewer(request)
        member = get_object_or_404(MemberCity, slug=slug)
        if not viewer.sees_private_of(member.pk):
            raise Http404
        day = timezone.localdate()
        current = member_standing(member, day)
        right = voting_right(member, day)
        data = {
            "member": member.slug,
            "day": day,
            "amount_due": current.amount_due,
            "in_arrears": current.in_arrears,
            "next_due_on": current.next_due_on,
            "entitled_to_vote": right.entitled,
            "vote_reason": right.reason,
            "fee_year": right.fee_year,
        }
        data = self.get_serializer(data).data
        # An ETag as every resource has, for this caller's view of it.
        etag = representation_etag(viewer.cache_tag, data)
        if none_match(request.headers.get("If-None-Match"), etag):
            return Response(status=HTTPStatus.NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})
