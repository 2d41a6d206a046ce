"""`/api/v1/webhook-endpoints/`: a partner key manages its own endpoints.

Each partner key (read or write) sees and changes its own endpoints only:
another key's are 404, as missing ones. People logged in and visitors read
an empty list (editors manage every endpoint in the admin) and may not write.
"""

from http import HTTPStatus

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.decorators import action
from rest_framework.response import Response

from members.api.viewsets import ResourceViewSet
from partners.models import PartnerKey
from webhooks.api.serializers import (
    NewWebhookEndpointSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointSerializer,
)
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import endpoint_send_test


def calling_key(request) -> PartnerKey | None:
    return request.auth if isinstance(request.auth, PartnerKey) else None


class PartnerKeyWrites(permissions.BasePermission):
    """Reads are open (the queryset holds the calling key's endpoints only);
    writes need a partner key."""

    open_reads = True
    message = _("Webhook endpoints are managed with a partner API key.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return calling_key(request) is not None


class WebhookEndpointViewSet(ResourceViewSet):
    """The calling key's webhook endpoints. The signing secret is in the
    answer to the creation only."""

    queryset = WebhookEndpoint.objects.all()
    serializer_class = WebhookEndpointSerializer
    permission_classes = [PartnerKeyWrites]
    ordering_fields = ["created_at", "url"]
    ordering = ["created_at"]

    def visible(self, queryset, viewer):
        key = calling_key(self.request)
        return queryset.none() if key is None else queryset.of_key(key)

    @extend_schema(responses={HTTPStatus.CREATED: NewWebhookEndpointSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with self.write_transaction():
            endpoint = serializer.save()
            answer = NewWebhookEndpointSerializer(
                endpoint, context=self.get_serializer_context()
            ).data
        return Response(answer, status=HTTPStatus.CREATED)

    @extend_schema(
        summary="Send a test event",
        description='Queues a "webhook.test" event to the endpoint.',
        request=None,
        responses={HTTPStatus.ACCEPTED: WebhookDeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def test(self, request, *args, **kwargs):
        with self.write_transaction():
            delivery = endpoint_send_test(endpoint=self.get_object())
        return Response(
            WebhookDeliverySerializer(delivery).data, status=HTTPStatus.ACCEPTED
        )

    @extend_schema(
        summary="The endpoint's deliveries",
        description="Newest first: status, attempts, the receiver's answer.",
        responses=WebhookDeliverySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def deliveries(self, request, *args, **kwargs):
        endpoint = self.get_object()
        queryset = WebhookDelivery.objects.of_endpoint(endpoint).order_by(
            "-created_at", "-pk"
        )
        page = self.paginate_queryset(queryset)
        data = WebhookDeliverySerializer(page, many=True).data
        return self.get_paginated_response(data)
