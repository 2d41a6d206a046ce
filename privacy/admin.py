"""The personal-data desk in the admin: "Export personal data" and "Erase
personal data" on people and on user accounts, the erasure's confirmation page
(what is removed, what is kept), and the log of erasures.

Who may: a person's data, whoever may change people (the Secretariat's
editors, superusers); a user account's, superusers only (editors may look
users up, not change them). The admins registered for people and users
are extended once all are registered (extend_admins), whichever class they
are by then.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from members.models import Person
from privacy.collect import export_filename, json_download, person_export, user_export
from privacy.erase import person_erase, person_plan, user_erase, user_plan
from privacy.models import Erasure

User = get_user_model()


class PersonalDataMixin:
    """The two actions and the confirmation page, for one model."""

    subject: str
    export = staticmethod(person_export)
    plan = staticmethod(person_plan)
    erase = staticmethod(person_erase)
    action_permission = "change"

    def _allowed(self, request, obj=None) -> bool:
        check = getattr(self, f"has_{self.action_permission}_permission")
        return check(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._allowed(request):
            actions.pop("export_personal_data", None)
            actions.pop("erase_personal_data", None)
        return actions

    @admin.action(description=_("Export personal data"))
    def export_personal_data(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) == 1:
            data, name = self.export(records[0]), records[0].pk
        else:
            data, name = [self.export(record) for record in records], "selection"
        return json_download(data, export_filename(self.subject, name))

    @admin.action(description=_("Erase personal data…"))
    def erase_personal_data(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True)[:2])
        if len(pks) != 1:
            self.message_user(
                request,
                _("Select exactly one record to erase: each is confirmed alone."),
                messages.WARNING,
            )
            return None
        return redirect(self._erase_url(pks[0]))

    def _erase_url(self, pk) -> str:
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_erase",
            args=[pk],
            current_app=self.admin_site.name,
        )

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/erase/",
                self.admin_site.admin_view(self.erase_view),
                name=f"{opts.app_label}_{opts.model_name}_erase",
            ),
            *super().get_urls(),
        ]

    def erase_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self._allowed(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            erasure = self.erase(**{self.subject: obj, "by": request.user})
            self.message_user(
                request,
                _("The personal data of %(record)s were erased and the erasure logged.")
                % {"record": erasure},
                messages.SUCCESS,
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "plan": self.plan(obj),
            "title": _("Erase the personal data of %(record)s") % {"record": obj},
        }
        return TemplateResponse(request, "admin/privacy/erase_confirm.html", context)


def _extended(model, mixin, **attrs):
    """The admin registered for `model`, with the mixin's actions added."""
    base = type(admin.site.get_model_admin(model))
    actions = [*(base.actions or []), "export_personal_data", "erase_personal_data"]
    extended = type(base.__name__, (mixin, base), {"actions": actions, **attrs})
    admin.site.unregister(model)
    admin.site.register(model, extended)


class UserPersonalDataMixin(PersonalDataMixin):
    subject = "user"
    export = staticmethod(user_export)
    plan = staticmethod(user_plan)
    erase = staticmethod(user_erase)
    action_permission = "erase"

    def has_erase_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser


def extend_admins() -> None:
    """PrivacyConfig.ready(): once every app's admin module has registered
    its admins (another app may have replaced the people's or the users'
    admin), add the actions to the one in place."""
    _extended(Person, PersonalDataMixin, subject="person", __module__=__name__)
    _extended(User, UserPersonalDataMixin, __module__=__name__)


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The log: read only, for whoever may view it."""

    list_display = ["erased_at", "subject", "subject_id", "erased_by"]
    list_filter = ["subject"]
    list_select_related = ["erased_by"]
    fields = ["subject", "subject_id", "erased_at", "erased_by", "done"]
    readonly_fields = fields

    @admin.display(description=_("what was done"))
    def done(self, obj):
        return "; ".join(obj.action_lines())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
