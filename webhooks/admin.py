"""The secretariat's view of webhooks: every key's endpoints (the secret shown
once, on creation; enable again; send a test event) and the delivery log."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.attention import Panel
from webhooks.events import EVENTS
from webhooks.models import URL_MAX_LENGTH, WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    deliveries_send_again,
    endpoint_save,
    endpoint_send_test,
    endpoint_set_active,
)


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=URL_MAX_LENGTH,
        assume_scheme="https",
        help_text=_("Where the events are posted: an http or https URL."),
    )
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=[
            (name, format_lazy("{}: {}", name, text)) for name, text in EVENTS.items()
        ],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["key", "url", "events"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = [
        "url",
        "key",
        "event_list",
        "is_active",
        "consecutive_failures",
        "disabled_at",
    ]
    list_filter = ["is_active", "key__scope"]
    list_select_related = ["key"]
    search_fields = ["url", "key__name", "key__prefix"]
    readonly_fields = [
        "is_active",
        "disabled_at",
        "disabled_reason",
        "consecutive_failures",
        "created_at",
        "updated_at",
    ]
    actions = ["enable", "send_test"]

    @admin.display(description=_("events"))
    def event_list(self, obj):
        return ", ".join(obj.events)

    def save_model(self, request, obj, form, change):
        endpoint_save(endpoint=obj)
        if not change:
            # The only time the secret is shown.
            self.message_user(
                request,
                _(
                    "The signing secret of this endpoint is %(secret)s. Give it "
                    "to the partner now: it is not shown again."
                )
                % {"secret": obj.secret},
                messages.WARNING,
            )

    @admin.action(description=_("Enable again"), permissions=["change"])
    def enable(self, request, queryset):
        enabled = 0
        for endpoint in queryset.filter(is_active=False):
            try:
                endpoint_set_active(endpoint=endpoint, active=True)
            except ValidationError as exc:
                self.message_user(
                    request, f"{endpoint}: {' '.join(exc.messages)}", messages.ERROR
                )
            else:
                enabled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s endpoint enabled.", "%(count)s endpoints enabled.", enabled
            )
            % {"count": enabled},
        )

    @admin.action(description=_("Send a test event"), permissions=["change"])
    def send_test(self, request, queryset):
        count = 0
        for endpoint in queryset:
            endpoint_send_test(endpoint=endpoint)
            count += 1
        self.message_user(
            request,
            ngettext(
                "A test event is queued for %(count)s endpoint.",
                "A test event is queued for %(count)s endpoints.",
                count,
            )
            % {"count": count},
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read only, but a failed delivery may be sent again."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "response_ms",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "response_status", "created_at"]
    list_select_related = ["endpoint"]
    search_fields = ["msg_id", "endpoint__url", "object_id"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "endpoint",
        "event",
        "msg_id",
        "object_type",
        "object_id",
        "offset",
        "status",
        "attempts",
        "next_attempt_at",
        "response_status",
        "response_ms",
        "response_body",
        "last_error",
        "created_at",
        "delivered_at",
        "payload",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_send_again_permission(self, request):
        return request.user.has_perm("webhooks.change_webhookendpoint")

    @admin.action(description=_("Send again"), permissions=["send_again"])
    def send_again(self, request, queryset):
        count = len(deliveries_send_again(queryset))
        self.message_user(
            request,
            ngettext(
                "%(count)s delivery queued again.",
                "%(count)s deliveries queued again.",
                count,
            )
            % {"count": count},
        )


# The admin's front page: webhook deliveries that failed, the latest first.
admin.site.add_panel(
    Panel(
        key="webhooks-failed",
        title=_("Failed webhook deliveries"),
        model=WebhookDelivery,
        rows=lambda: WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.FAILED
        ).select_related("endpoint"),
        query=f"status__exact={WebhookDelivery.Status.FAILED}",
        order=60,
    )
)
