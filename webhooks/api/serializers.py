from django.db import transaction
from rest_framework import serializers

from webhooks.events import EVENTS
from webhooks.models import URL_MAX_LENGTH, WebhookDelivery, WebhookEndpoint
from webhooks.services import endpoint_save, endpoint_set_active


class EventNameField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(EVENTS), **kwargs)


class EventListField(serializers.ListField):
    """Event names; an error is the field's own list of messages (the API's
    error body), not one per position."""

    child = EventNameField()

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as exc:
            detail = exc.detail
            if isinstance(detail, dict):
                detail = [message for errors in detail.values() for message in errors]
            raise serializers.ValidationError(detail) from None


class WebhookEndpointSerializer(serializers.ModelSerializer):
    url = serializers.URLField(
        max_length=URL_MAX_LENGTH,
        help_text="Where the events are posted: an http or https URL that "
        "resolves to a public address.",
    )
    events = EventListField(
        min_length=1,
        max_length=len(EVENTS),
        help_text="The events it receives (see the README's list).",
    )
    is_active = serializers.BooleanField(
        required=False,
        help_text="False once disabled after repeated failures; send true to "
        "enable it again.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "events",
            "is_active",
            "disabled_at",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "disabled_at",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]

    def create(self, validated_data):
        validated_data.pop("is_active", None)
        key = self.context["request"].auth
        return endpoint_save(endpoint=WebhookEndpoint(key=key, **validated_data))

    @transaction.atomic
    def update(self, instance, validated_data):
        active = validated_data.pop("is_active", None)
        if validated_data:
            for name, value in validated_data.items():
                setattr(instance, name, value)
            endpoint_save(endpoint=instance)
        if active is not None:
            endpoint_set_active(endpoint=instance, active=active)
        return instance


class NewWebhookEndpointSerializer(WebhookEndpointSerializer):
    """The answer to a creation: the signing secret, shown this once."""

    secret = serializers.CharField(
        read_only=True,
        help_text='The signing secret ("whsec_..."); it is not shown again.',
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "msg_id",
            "event",
            "status",
            "attempts",
            "next_attempt_at",
            "response_status",
            "response_ms",
            "last_error",
            "created_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields
