from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alliances.models import (
    Alliance,
    AllianceExtension,
    AllianceSignatory,
    PlanObjective,
    StrategicActionPlan,
)
from alliances.services import (
    alliance_extension_delete,
    alliance_extension_save,
    alliance_extensions_delete,
    alliance_save,
    alliance_store_end,
)
from core.admin import HistoryAdmin, YearListFilter
from core.attention import Panel
from core.content import SourceLanguageModelForm, columns, translation_fieldset
from core.translation_admin import (
    RecordsTranslationsAdminMixin,
    TranslationStatusMixin,
)


class PlanObjectiveInline(admin.TabularInline):
    model = PlanObjective
    form = SourceLanguageModelForm
    fields = ["position", "text", *columns("text")[1:]]
    extra = 0


@admin.register(StrategicActionPlan)
class StrategicActionPlanAdmin(
    RecordsTranslationsAdminMixin, TranslationStatusMixin, HistoryAdmin
):
    form = SourceLanguageModelForm
    list_display = ["title", "first_year", "last_year", "objective_count"]
    search_fields = columns("title")
    fieldsets = [
        (None, {"fields": ["title", "slug", "first_year", "last_year", "summary"]}),
        translation_fieldset("title", "summary"),
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PlanObjectiveInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(objective_count=Count("objectives"))
        )

    @admin.display(description=_("objectives"), ordering="objective_count")
    def objective_count(self, obj):
        return obj.objective_count


class AllianceSignatoryInline(admin.TabularInline):
    model = AllianceSignatory
    autocomplete_fields = ["person"]
    extra = 0


class AllianceExtensionInline(admin.TabularInline):
    model = AllianceExtension
    fields = ["new_end_date", "agreed_on", "note"]
    extra = 0


class StatusFilter(admin.SimpleListFilter):
    """Filters on the status today, as `Alliance.objects.with_dates()` shows it."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Alliance.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Alliance.Status.values:
            return queryset.with_status(self.value())
        return queryset


@admin.register(Alliance)
class AllianceAdmin(TranslationStatusMixin, HistoryAdmin):
    # Title, summary and objectives are the English source; their
    # translations have a fieldset of their own (core.content).
    form = SourceLanguageModelForm
    # Five columns fit beside the navigation and the filters at 1280 pixels;
    # kind is a filter, and so is the year of signing.
    list_display = [
        "title",
        "counterpart",
        "granting_member",
        "end_date",
        "status",
    ]
    # A spreadsheet has room for what the changelist leaves to its filters.
    export_columns = [
        "title",
        "kind",
        "counterpart",
        "granting_member",
        "signed_on",
        "end_date",
        "status",
        "days_remaining",
    ]
    # Years in place of a date hierarchy, whose DISTINCT sorts every row.
    list_filter = [
        StatusFilter,
        "kind",
        "instrument",
        "signing_format",
        "plan",
        ("signed_on", YearListFilter),
    ]
    list_select_related = ["granting_member"]
    search_fields = [*columns("title"), "counterpart", "granting_member__name"]
    autocomplete_fields = ["granting_member", "plan", "contact"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AllianceSignatoryInline, AllianceExtensionInline]
    # Computed from the term, the extensions and today: shown, not edited.
    readonly_fields = ["end_date", "status"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "instrument"]}),
        (_("Parties"), {"fields": ["granting_member", "counterpart", "contact"]}),
        (
            _("Term"),
            {
                "fields": [
                    ("signed_on", "signing_format"),
                    ("start_date", "term_years"),
                    "terminated_on",
                    ("end_date", "status"),
                ]
            },
        ),
        (_("Content"), {"fields": ["plan", "summary", "objectives", "internal_notes"]}),
        translation_fieldset("title", "summary", "objectives"),
    ]

    def get_queryset(self, request):
        # The status comes from SQL, on the stored end: no query per row.
        return super().get_queryset(request).with_dates()

    # The stored end follows the term and the extensions through the services.
    def save_model(self, request, obj, form, change):
        alliance_save(alliance=obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is AllianceExtension:
            alliance_store_end(alliance=form.instance)

    @admin.display(description=_("end date"), ordering="ends_on")
    def end_date(self, obj):
        """The last day in force, extensions included (none yet on a new
        alliance: the admin would print a bare None)."""
        return obj.end_date or self.get_empty_value_display()

    @admin.display(description=_("days remaining"), ordering="ends_on")
    def days_remaining(self, obj):
        return obj.days_remaining()

    @admin.display(description=_("status"), ordering="status")
    def status(self, obj):
        """Today's status, with the days left while in force."""
        days = obj.days_remaining()
        if days is None:
            return obj.get_status_display()
        return ngettext(
            "%(status)s, %(days)d day left",
            "%(status)s, %(days)d days left",
            days,
        ) % {"status": obj.get_status_display(), "days": days}


@admin.register(AllianceSignatory)
class AllianceSignatoryAdmin(HistoryAdmin):
    list_display = ["person", "alliance", "side"]
    # Latest first, from the primary key: the model's order sorts every row
    # by its alliance's date and title and the person's name.
    ordering = ["-id"]
    list_filter = ["side"]
    list_select_related = ["person", "alliance"]
    search_fields = ["person__name", *(f"alliance__{c}" for c in columns("title"))]
    autocomplete_fields = ["alliance", "person"]


@admin.register(AllianceExtension)
class AllianceExtensionAdmin(HistoryAdmin):
    list_display = ["alliance", "new_end_date", "agreed_on"]
    list_filter = [("agreed_on", YearListFilter)]
    list_select_related = ["alliance"]
    search_fields = [*(f"alliance__{c}" for c in columns("title")), "note"]
    autocomplete_fields = ["alliance"]

    # Each write moves the stored end of the alliance(s) concerned.
    def save_model(self, request, obj, form, change):
        alliance_extension_save(extension=obj)

    def delete_model(self, request, obj):
        alliance_extension_delete(extension=obj)

    def delete_queryset(self, request, queryset):
        alliance_extensions_delete(extensions=queryset)


# The admin's front page: agreements in force that end within 90 days (the
# "expiring" status), the nearest end first.
admin.site.add_panel(
    Panel(
        key="alliances-expiring",
        title=_("Agreements ending within 90 days"),
        model=Alliance,
        rows=lambda: Alliance.objects.with_status(Alliance.Status.EXPIRING).order_by(
            "ends_on", "pk"
        ),
        query=f"status={Alliance.Status.EXPIRING}",
        order=20,
    )
)
