from itertools import combinations

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from core.content import SourceLanguageModelForm, translation_fieldset
from core.images import image_tag
from core.imports import ImportExportAdminMixin
from core.translation_admin import TranslationStatusMixin
from members.forms import CityImagesFormMixin
from members.imports import (
    BoardMandateResource,
    MemberCityResource,
    PersonResource,
)
from members.models import (
    IMAGE_FIELDS,
    MEGACITY_POPULATION,
    PHOTO_TEXTS,
    PRESIDING_ROLES,
    BoardMandate,
    Liaison,
    MemberCity,
    Person,
    Region,
    RegionalSecretariat,
)
from members.services import mandate_save, member_save


def periods_meet(a, b) -> bool:
    """Whether two inclusive periods (start_date, end_date or None) share a day."""
    return (a.end_date is None or b.start_date <= a.end_date) and (
        b.end_date is None or a.start_date <= b.end_date
    )


class NoOverlapFormSet(BaseInlineFormSet):
    """Rows of one form that clash with each other: the database can't see them yet.

    Each row's clean() already checks the saved rows; `clash_key(form)` says which
    rows must not overlap (None: this row may overlap anything).
    """

    message = ""

    def clash_key(self, form):
        raise NotImplementedError

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("start_date")
            and self.clash_key(form) is not None
        ]
        for first, second in combinations(rows, 2):
            if self.clash_key(first) == self.clash_key(second) and periods_meet(
                first.instance, second.instance
            ):
                second.add_error("start_date", self.message)


class BoardMandateFormSet(NoOverlapFormSet):
    message = _("There is at most one President on any day.")

    def clash_key(self, form):
        role = form.cleaned_data.get("role")
        # President and Acting President share one seat (statutes, art. 9).
        return "presiding" if role in PRESIDING_ROLES else None


class RegionalSecretariatFormSet(NoOverlapFormSet):
    message = _("Two secretariats of one region cannot overlap.")

    def clash_key(self, form):
        return form.cleaned_data.get("region")


class BoardMandateInline(admin.TabularInline):
    model = BoardMandate
    formset = BoardMandateFormSet
    fields = ["role", "start_date", "end_date"]
    extra = 0


class RegionalSecretariatInline(admin.TabularInline):
    model = RegionalSecretariat
    formset = RegionalSecretariatFormSet
    fields = ["region", "secretary", "start_date", "end_date"]
    autocomplete_fields = ["region", "secretary"]
    extra = 0


class LiaisonInline(admin.TabularInline):
    model = Liaison
    autocomplete_fields = ["user"]
    extra = 0


class MegacityFilter(admin.SimpleListFilter):
    title = _("megacity")
    parameter_name = "megacity"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.megacities()
        if self.value() == "no":
            return queryset.exclude(population__gte=MEGACITY_POPULATION)
        return queryset


class MemberCityAdminForm(CityImagesFormMixin, SourceLanguageModelForm):
    """Summary, description and the photo's texts are the English source;
    their translations have a fieldset of their own (core.content)."""


@admin.register(Region)
class RegionAdmin(HistoryAdmin):
    list_display = ["name", "code", "member_count"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


@admin.register(MemberCity)
class MemberCityAdmin(TranslationStatusMixin, ImportExportAdminMixin, HistoryAdmin):
    resource_classes = [MemberCityResource]
    # Five columns fit beside the navigation and the filters at 1280 pixels;
    # region, category, status and megacity are filters.
    list_display = ["name", "country_name", "join_year", "population", "board_roles"]
    # A spreadsheet has room for what the changelist leaves to its filters.
    export_columns = [
        "name",
        "country_name",
        "region",
        "category",
        "status",
        "join_year",
        "population",
        "is_megacity",
        "board_roles",
    ]
    list_filter = [
        "region",
        "category",
        "status",
        MegacityFilter,
        "is_capital",
        "income_band",
        "membership_type",
    ]
    list_select_related = ["region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region"]
    inlines = [BoardMandateInline, RegionalSecretariatInline, LiaisonInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = MemberCityAdminForm
    readonly_fields = ["emblem_preview", "photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "region", "is_capital"]}),
        (
            _("Membership"),
            {
                "fields": [
                    "category",
                    "membership_type",
                    "join_year",
                    ("status", "status_changed_on"),
                    "income_band",
                ]
            },
        ),
        (
            _("Figures"),
            {
                "fields": [
                    ("population", "population_year"),
                    ("grp_amount", "grp_currency", "grp_year"),
                ]
            },
        ),
        (_("Profile"), {"fields": ["website", "summary", "description"]}),
        (_("On the map"), {"fields": [("latitude", "longitude")]}),
        (
            _("Images"),
            {
                "fields": [
                    "emblem_preview",
                    "emblem_upload",
                    "emblem_remove",
                    "photo_preview",
                    "photo_upload",
                    "photo_remove",
                    "photo_alt",
                    "photo_caption",
                ]
            },
        ),
        translation_fieldset("summary", "description", *PHOTO_TEXTS),
    ]

    def get_fieldsets(self, request, obj=None):
        # A box to remove an image only where there is one (as the form).
        absent = {
            f"{field}_{part}"
            for field in IMAGE_FIELDS
            if not getattr(obj, field, None)
            for part in ("preview", "remove")
        }
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in absent],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_queryset(self, request):
        # Every row's current board roles in the same query.
        return super().get_queryset(request).with_current_roles(timezone.localdate())

    def save_model(self, request, obj, form, change):
        # Through the service that the API and the portal use too: it stores
        # the uploads' renditions before the row.
        member_save(member=obj, images=form.image_changes())

    @admin.display(description=_("current emblem"))
    def emblem_preview(self, obj):
        return image_tag(obj.emblem, alt=obj.emblem_alt, sizes="160px")

    @admin.display(description=_("current photo"))
    def photo_preview(self, obj):
        return image_tag(obj.photo, alt=obj.photo_alt, sizes="320px")

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        """The name from django-countries' map of codes: the column "country"
        would rebuild its 250 choices for every row."""
        return obj.country.name

    @admin.display(boolean=True, description=_("megacity"), ordering="population")
    def is_megacity(self, obj):
        return obj.is_megacity

    @admin.display(description=_("board role"))
    def board_roles(self, obj):
        return ", ".join(map(str, obj.current_role_labels))


@admin.register(Person)
class PersonAdmin(ImportExportAdminMixin, HistoryAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "position_title", "organisation", "email", "is_public"]
    list_filter = ["is_public", "organisation__region"]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", "position_title", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(BoardMandate)
class BoardMandateAdmin(ImportExportAdminMixin, HistoryAdmin):
    resource_classes = [BoardMandateResource]
    list_display = ["member", "role", "start_date", "end_date", "is_current"]
    list_filter = ["role", "member__region"]
    list_select_related = ["member"]
    search_fields = ["member__name"]
    autocomplete_fields = ["member"]

    def save_model(self, request, obj, form, change):
        # Through the service that the import and governance use too.
        mandate_save(mandate=obj)

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, obj):
        return obj.is_current_on()


@admin.register(RegionalSecretariat)
class RegionalSecretariatAdmin(HistoryAdmin):
    list_display = [
        "member",
        "region",
        "secretary",
        "start_date",
        "end_date",
        "is_current",
    ]
    list_filter = ["region"]
    list_select_related = ["region", "member", "secretary"]
    search_fields = ["member__name", "region__name", "secretary__name"]
    autocomplete_fields = ["region", "member", "secretary"]

    @admin.display(boolean=True, description=_("current"))
    def is_current(self, obj):
        return obj.is_current_on()


@admin.register(Liaison)
class LiaisonAdmin(HistoryAdmin):
    list_display = ["user", "member", "user_email"]
    list_filter = ["member__region"]
    list_select_related = ["user", "member"]
    search_fields = ["user__username", "user__email", "member__name"]
    autocomplete_fields = ["user", "member"]

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email
