"""The e-mail log: every message with its status, read only, and "send again"
for the ones that failed."""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.attention import Panel
from notifications.models import Message
from notifications.outbox import send_again


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "recipient_email",
        "object_label",
        "offset",
        "status",
        "attempts",
        "short_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["kind", "status", "language"]
    search_fields = ["recipient_email"]
    actions = ["send_again"]
    fields = [
        "kind",
        "recipient_email",
        "recipient_user",
        "content_type",
        "object_id",
        "object_label",
        "offset",
        "for_day",
        "language",
        "status",
        "attempts",
        "last_error",
        "leased_until",
        "created_at",
        "updated_at",
        "sent_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return Truncator(obj.last_error).chars(80)

    # A log: the worker writes it, nobody edits it. Change permission is kept
    # for the "send again" action on the list.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    @admin.action(
        description=_("Send the failed messages again"), permissions=["change"]
    )
    def send_again(self, request, queryset):
        count = send_again(queryset)
        if count:
            self.message_user(
                request,
                ngettext(
                    "%d failed message queued again.",
                    "%d failed messages queued again.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("None of the selected messages had failed."),
                messages.WARNING,
            )


# The admin's front page: e-mails that failed, the latest first.
admin.site.add_panel(
    Panel(
        key="messages-failed",
        title=_("Failed notifications"),
        model=Message,
        rows=lambda: Message.objects.filter(status=Message.Status.FAILED),
        query=f"status__exact={Message.Status.FAILED}",
        order=50,
    )
)
