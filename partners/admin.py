from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from partners.models import PartnerKey

# The library's own key model is unused: partner keys carry owner and scope.
admin.site.unregister(APIKey)


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    """Administrators create and revoke keys; the key is shown once, on creation."""

    list_display = (
        "prefix",
        "name",
        "owner",
        "scope",
        "created",
        "last_used_at",
        "expiry_date",
        "_has_expired",
        "revoked",
    )
    list_filter = ("scope", "revoked", "created")
    list_select_related = ("owner",)
    search_fields = ("name", "prefix", "owner__username")
    autocomplete_fields = ("owner",)

    def get_object(self, request, object_id, from_field=None):
        # A key's id is text: PostgreSQL cannot even look up one with a NUL.
        if "\x00" in object_id:
            return None
        return super().get_object(request, object_id, from_field)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "last_used_at")
