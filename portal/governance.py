"""The city's meetings in the liaison portal: the coming General Assemblies
and Board meetings, and its attendance registered before the deadline
(attend, send apologies or name a proxy) through the same service as the
API (governance.services.attendance_register_by_liaison)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from governance.models import Attendance, Meeting
from governance.services import attendance_register_by_liaison
from members.models import MemberCity
from portal.views import LiaisonRequiredMixin

CHOICES = [
    (Attendance.Status.PRESENT, gettext_lazy("We will attend")),
    (Attendance.Status.APOLOGIES, gettext_lazy("We send our apologies")),
    (
        Attendance.Status.REPRESENTED,
        gettext_lazy("Another member city holds our proxy"),
    ),
]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Attendance"), choices=CHOICES)
    proxy_holder = forms.ModelChoiceField(
        MemberCity.objects.active().order_by("name"),
        label=gettext_lazy("Proxy holder"),
        required=False,
        to_field_name="slug",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proxy_holder"].queryset = (
            MemberCity.objects.active().exclude(pk=member.pk).order_by("name")
        )


def open_meetings():
    return Meeting.objects.coming().filter(status=Meeting.Status.CONVENED)


class MeetingsView(LiaisonRequiredMixin, TemplateView):
    template_name = "portal/meetings.html"

    def get_context_data(self, forms_by_slug=None, **kwargs):
        today = timezone.localdate()
        forms_by_slug = forms_by_slug or {}
        meetings = list(open_meetings())
        attendances = {
            a.meeting_id: a
            for a in Attendance.objects.filter(
                member=self.member, meeting__in=meetings
            ).select_related("proxy_holder")
        }
        rows = []
        for meeting in meetings:
            attendance = attendances.get(meeting.pk)
            initial = {}
            if attendance is not None:
                initial = {
                    "status": attendance.status,
                    "proxy_holder": attendance.proxy_holder,
                }
            form = forms_by_slug.get(meeting.slug) or AttendanceForm(
                initial=initial, member=self.member, prefix=meeting.slug
            )
            rows.append(
                {
                    "meeting": meeting,
                    "attendance": attendance,
                    "open": today <= meeting.attendance_closes_on,
                    "form": form,
                }
            )
        return super().get_context_data(rows=rows, page="meetings", **kwargs)

    def post(self, request, *args, **kwargs):
        meeting = open_meetings().filter(slug=request.POST.get("meeting")).first()
        if meeting is None:
            raise Http404
        form = AttendanceForm(request.POST, member=self.member, prefix=meeting.slug)
        if form.is_valid():
            try:
                attendance_register_by_liaison(
                    meeting=meeting,
                    member=self.member,
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Your city's attendance is registered."))
                return redirect("portal:meetings")
        context = self.get_context_data(forms_by_slug={meeting.slug: form})
        return self.render_to_response(context)
