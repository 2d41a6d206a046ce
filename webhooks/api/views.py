"""`/api/v1/webhook-endpoints/`: a partner key manages its own endpoints.

Only partner keys (read or write) call it, each seeing its own endpoints only
(another key's are 404). People logged in are refused: editors manage every
endpoint in the admin.
"""

from http import HTTPStatus

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from partners.models import PartnerKey
from webhooks.api.serializers import (
    NewWebhookEndpointSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointSerializer,
)
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import endpoint_send_test


class PartnerKeyOnly(permissions.BasePermission):
    message = _("Webhook endpoints are managed with a partner API key.")

    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerKey)


class WebhookEndpointViewSet(viewsets.ModelViewSet):
    """The calling key's webhook endpoints. The signing secret is in the
    answer to the creation only."""

    queryset = WebhookEndpoint.objects.all()
    serializer_class = WebhookEndpointSerializer
    permission_classes = [PartnerKeyOnly]
    lookup_value_regex = "[0-9]+"
    filter_backends = []
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookEndpoint.objects.none()
        return WebhookEndpoint.objects.of_key(self.request.auth).order_by("pk")

    @extend_schema(responses={HTTPStatus.CREATED: NewWebhookEndpointSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = serializer.save()
        answer = NewWebhookEndpointSerializer(
            endpoint, context=self.get_serializer_context()
        )
        return Response(answer.data, status=HTTPStatus.CREATED)

    @extend_schema(
        summary="Send a test event",
        description='Queues a "webhook.test" event to the endpoint.',
        request=None,
        responses={HTTPStatus.ACCEPTED: WebhookDeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def test(self, request, *args, **kwargs):
        delivery = endpoint_send_test(endpoint=self.get_object())
        return Response(
            WebhookDeliverySerializer(delivery).data, status=HTTPStatus.ACCEPTED
        )

    @extend_schema(
        summary="The endpoint's deliveries",
        description="Newest first: status, attempts, the receiver's answer.",
        responses=WebhookDeliverySerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, *args, **kwargs):
        endpoint = self.get_object()
        queryset = WebhookDelivery.objects.of_endpoint(endpoint).order_by(
            "-created_at", "-pk"
        )
        page = self.paginate_queryset(queryset)
        data = WebhookDeliverySerializer(page, many=True).data
        return self.get_paginated_response(data)
