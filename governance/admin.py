"""The secretariat's admin: meetings with their agenda inline and their
resolutions listed; a roll-call page for the day (who may vote and why, live
quorum, attendance and votes recorded through the services); the roll and the
minutes as CSV and PDF."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from core.attention import Panel
from governance import documents
from governance.models import (
    AgendaItem,
    Attendance,
    ElectedMandate,
    Meeting,
    Resolution,
)
from governance.roll import outcome, roll
from governance.services import (
    attendance_record,
    meeting_save,
    resolution_record_votes,
    resolution_reverse,
)
from members.models import MemberCity


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["position", "title", "description"]


class AttendanceForm(forms.Form):
    member = forms.ModelChoiceField(MemberCity.objects.all(), widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("attendance"), choices=Attendance.Status)
    proxy_holder = forms.ModelChoiceField(
        MemberCity.objects.all(), label=_("proxy holder"), required=False
    )


class VotesForm(forms.Form):
    resolution = forms.IntegerField(widget=forms.HiddenInput)
    votes_for = forms.IntegerField(label=_("for"), min_value=0)
    votes_against = forms.IntegerField(label=_("against"), min_value=0)
    abstentions = forms.IntegerField(label=_("abstentions"), min_value=0)


class WhenFilter(admin.SimpleListFilter):
    """Coming or past, as the public calendar splits them."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("coming", _("Coming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "coming":
            return queryset.coming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["title", "body", "starts_at", "status", "minutes_approved"]
    list_filter = [WhenFilter, "body", "status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AgendaItemInline]
    readonly_fields = ["resolutions", "tools"]
    fieldsets = [
        (None, {"fields": ["body", "title", "slug", "status", "tools"]}),
        (
            _("When and where"),
            {"fields": ["starts_at", "format", "place", "convened_on"]},
        ),
        (_("Minutes"), {"fields": ["minutes", "minutes_approved"]}),
        (_("Resolutions"), {"fields": ["resolutions"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Through the service: convening a meeting tells the members.
        meeting_save(meeting=obj, by=request.user)

    @admin.display(description=_("resolutions"))
    def resolutions(self, obj):
        if obj.pk is None:
            return "—"
        rows = Resolution.objects.filter(agenda_item__meeting=obj).select_related(
            "agenda_item"
        )
        add = format_html(
            '<a class="addlink" href="{}">{}</a>',
            reverse("admin:governance_resolution_add"),
            gettext("Add a resolution"),
        )
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:governance_resolution_change", args=[r.pk]), str(r))
                for r in rows
            ),
        )
        return format_html("<ul>{}</ul>{}", links, add)

    @admin.display(description=_("roll call and documents"))
    def tools(self, obj):
        if obj.pk is None:
            return "—"
        links = [
            ("roll_call", gettext("Roll call")),
            ("roll_csv", gettext("Roll (CSV)")),
            ("roll_pdf", gettext("Roll (PDF)")),
            ("minutes_csv", gettext("Decisions (CSV)")),
            ("minutes_pdf", gettext("Minutes (PDF)")),
        ]
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse(f"admin:governance_meeting_{name}", args=[obj.pk]), label)
                for name, label in links
            ),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/roll-call/",
                view(self.roll_call_view),
                name="governance_meeting_roll_call",
            ),
            *(
                path(
                    f"<int:pk>/{name.replace('_', '.')}",
                    view(self.document_view(function)),
                    name=f"governance_meeting_{name}",
                )
                for name, function in [
                    ("roll_csv", documents.roll_csv),
                    ("roll_pdf", documents.roll_pdf),
                    ("minutes_csv", documents.minutes_csv),
                    ("minutes_pdf", documents.minutes_pdf),
                ]
            ),
            *super().get_urls(),
        ]

    def document_view(self, function):
        def view(request, pk):
            if not self.has_view_permission(request):
                raise PermissionDenied
            return function(get_object_or_404(Meeting, pk=pk))

        return view

    def roll_call_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=pk)
        attendance_form = votes_form = None
        if request.method == "POST":
            if "status" in request.POST:
                attendance_form = AttendanceForm(request.POST)
                if self._record_attendance(request, meeting, attendance_form):
                    return redirect("admin:governance_meeting_roll_call", meeting.pk)
            else:
                votes_form = VotesForm(request.POST)
                if self._record_votes(request, meeting, votes_form):
                    return redirect("admin:governance_meeting_roll_call", meeting.pk)
        meeting_roll = roll(meeting)
        resolutions = [
            (resolution, outcome(resolution, meeting_roll))
            for resolution in Resolution.objects.filter(
                agenda_item__meeting=meeting
            ).select_related("agenda_item__meeting")
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Roll call: %(meeting)s") % {"meeting": meeting},
            "meeting": meeting,
            "roll": meeting_roll,
            "quorum_needed": meeting_roll.quorum_needed(),
            "has_quorum": meeting_roll.has_quorum(),
            "statuses": Attendance.Status.choices,
            "members": MemberCity.objects.active().order_by("name"),
            "resolutions": resolutions,
            "attendance_form": attendance_form,
            "votes_form": votes_form,
        }
        return TemplateResponse(
            request, "admin/governance/meeting/roll_call.html", context
        )

    def _record_attendance(self, request, meeting, form) -> bool:
        if not form.is_valid():
            return False
        try:
            attendance_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return False
        self.message_user(request, gettext("Attendance recorded."))
        return True

    def _record_votes(self, request, meeting, form) -> bool:
        if not form.is_valid():
            return False
        resolution = Resolution.objects.filter(
            pk=form.cleaned_data.pop("resolution"), agenda_item__meeting=meeting
        ).first()
        if resolution is None:
            form.add_error(None, gettext("Choose a resolution of this meeting."))
            return False
        try:
            resolution = resolution_record_votes(
                resolution=resolution, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return False
        self.message_user(request, gettext("Votes recorded."))
        if resolution.applied_at:
            self.message_user(request, gettext("The resolution has taken effect."))
        return True


class ElectedMandateInline(admin.TabularInline):
    model = ElectedMandate
    extra = 1
    autocomplete_fields = ["member"]


class ReverseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Undo what this resolution changed and clear its votes")
    )


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "agenda_item", "applied_at"]
    list_filter = ["kind"]
    list_select_related = ["agenda_item__meeting"]
    autocomplete_fields = ["member_city"]
    inlines = [ElectedMandateInline]
    # Votes are recorded on the meeting's roll-call page, through the service.
    readonly_fields = [
        "votes_for",
        "votes_against",
        "abstentions",
        "applied_at",
        "reverse_link",
    ]
    fields = [
        "agenda_item",
        "kind",
        "text",
        "member_city",
        "plan",
        "fee_grid",
        "votes_for",
        "votes_against",
        "abstentions",
        "applied_at",
        "reverse_link",
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.applied_at:
            fields += ["agenda_item", "kind", "member_city", "plan", "fee_grid"]
        return fields

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.applied_at is None

    @admin.display(description=_("reverse"))
    def reverse_link(self, obj):
        if obj.pk is None or obj.applied_at is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:governance_resolution_reverse", args=[obj.pk]),
            gettext("Reverse this resolution's effect"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/reverse/",
                view(self.reverse_view),
                name="governance_resolution_reverse",
            ),
            *super().get_urls(),
        ]

    def reverse_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        resolution = get_object_or_404(Resolution, pk=pk)
        form = ReverseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                undone = resolution_reverse(resolution=resolution, by=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                for line in undone:
                    self.message_user(request, line, messages.WARNING)
                return redirect("admin:governance_resolution_change", resolution.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Reverse: %(resolution)s") % {"resolution": resolution},
            "form": form,
        }
        return TemplateResponse(request, "admin/dues/invoice/form_page.html", context)


# The admin's front page: meetings to come, the soonest first.
admin.site.add_panel(
    Panel(
        key="meetings-coming",
        title=_("Meetings coming"),
        model=Meeting,
        rows=lambda: Meeting.objects.coming(),
        query="when=coming",
        order=40,
    )
)
