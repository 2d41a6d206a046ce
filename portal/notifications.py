"""A liaison's e-mail preferences: whether to receive the non-statutory
messages (news, alliance reminders) and in which language. Statutory ones
(invoices, General Assemblies) are always sent; the outbox reads the choice
when it queues a message (notifications.outbox.queue_email)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from core.locale import remember_language
from notifications.models import Preference
from notifications.outbox import preference_for
from portal.views import LiaisonRequiredMixin


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["non_statutory", "language"]


class PreferenceView(LiaisonRequiredMixin, UpdateView):
    form_class = PreferenceForm
    template_name = "portal/notifications.html"
    success_url = reverse_lazy("portal:notifications")

    def get_object(self, queryset=None):
        # The defaults until the liaison saves a choice: nothing written on GET.
        return preference_for(self.request.user)

    def form_valid(self, form):
        form.instance.user = self.request.user
        form.save()
        # The admin speaks it from now on, not from the next login on.
        remember_language(self.request, form.instance.language)
        messages.success(self.request, _("Your e-mail preferences were saved."))
        return redirect(self.success_url)
