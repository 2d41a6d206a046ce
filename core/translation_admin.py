"""The admin of translations older than their source (core.translations):
the change form's notes, a list filter and a review action per language, the
page of what is missing or stale, and its panel on the admin's front page."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Window
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from core.admin import HistoryAdmin
from core.attention import ROWS, Panel
from core.content import source_column
from core.models import TranslationSource
from core.translations import (
    ATTENTION,
    LANGUAGE_LABELS,
    MISSING,
    MISSING_NOTES,
    STALE,
    STALE_NOTES,
    TARGETS,
    mark_reviewed,
    needing_q,
    record_translations,
    statuses,
    stored_texts,
    tracked_fields,
)

# Rows per model and language on the page; the changelist's filter shows all.
PAGE_ROWS = 20
FILTER_TITLES = {"fr": _("French translation"), "es": _("Spanish translation")}
REVIEW_LABELS = {
    "fr": _("Mark the French translation as reviewed"),
    "es": _("Mark the Spanish translation as reviewed"),
}


def filter_parameter(language: str) -> str:
    return f"translation_{language}"


def translation_filter(language: str) -> type[admin.SimpleListFilter]:
    """The changelist filter "missing / older than the English" for `language`."""

    class TranslationFilter(admin.SimpleListFilter):
        title = FILTER_TITLES[language]
        parameter_name = filter_parameter(language)

        def lookups(self, request, model_admin):
            return [
                (ATTENTION, _("Missing or older than the English")),
                (MISSING, _("Missing")),
                (STALE, _("Older than the English")),
            ]

        def queryset(self, request, queryset):
            if self.value() in (ATTENTION, MISSING, STALE):
                return queryset.filter(
                    needing_q(queryset.model, language, self.value())
                )
            return queryset

    TranslationFilter.__name__ = f"TranslationFilter_{language}"
    return TranslationFilter


def review_action(language: str):
    def action(modeladmin, request, queryset):
        count = mark_reviewed(queryset, language=language, by=request.user)
        modeladmin.message_user(
            request,
            ngettext(
                "%d translation was older than its source and is current now.",
                "%d translations were older than their source and are current now.",
                count,
            )
            % count,
            messages.SUCCESS,
        )

    action.__name__ = f"mark_reviewed_{language}"
    return admin.action(description=REVIEW_LABELS[language], permissions=["change"])(
        action
    )


REVIEW_ACTIONS = [review_action(language) for language in TARGETS]


class RecordsTranslationsAdminMixin:
    """For the ModelAdmin of a translated model that has no service of its own
    (a category, a plan): a save records the sources of its translations, as
    the services record them for cities, alliances and posts."""

    def save_model(self, request, obj, form, change):
        before = stored_texts(obj)
        super().save_model(request, obj, form, change)
        record_translations(obj, before=before, by=request.user)


class TranslationStatusMixin:
    """For the ModelAdmin of a model with translated fields: the change form
    notes each translation missing or older than its English source beside
    its field, the changelist filters them per language, and the editor who
    may change the objects marks a translation as reviewed."""

    def get_list_filter(self, request):
        return [
            *super().get_list_filter(request),
            *(translation_filter(language) for language in TARGETS),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if actions is not None and self.has_change_permission(request):
            for action in REVIEW_ACTIONS:
                actions[action.__name__] = (
                    action,
                    action.__name__,
                    action.short_description,
                )
        return actions

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form
        # modelform_factory made this class for this request alone.
        for (field, language), (status, since) in statuses(obj).items():
            column = build_localized_fieldname(field, language)
            if column not in form.base_fields:
                continue
            if status == STALE:
                note = STALE_NOTES[language] % {
                    "date": date_format(since, "DATE_FORMAT")
                }
            else:
                note = MISSING_NOTES[language]
            form.base_fields[column].help_text = note
        return form


def _read(model_admin, language: str) -> dict:
    """The first rows of `model_admin`'s model needing a translation into
    `language`, with their count, in two queries."""
    model = model_admin.model
    opts = model._meta
    rows = list(
        model._default_manager.filter(needing_q(model, language))
        .annotate(translation_total=Window(Count("*")))
        .order_by("pk")[:PAGE_ROWS]
    )
    stale = (
        set(
            TranslationSource.objects.stale()
            .filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[row.pk for row in rows],
                language=language,
            )
            .values_list("object_id", flat=True)
        )
        if rows
        else set()
    )
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return {
        "name": opts.verbose_name_plural,
        "count": rows[0].translation_total if rows else 0,
        "url": f"{changelist}?{filter_parameter(language)}={ATTENTION}",
        "rows": [
            {
                "label": str(row),
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]
                ),
                "missing": any(
                    getattr(row, source_column(field))
                    and not getattr(row, build_localized_fieldname(field, language))
                    for field in tracked_fields(model)
                ),
                "stale": row.pk in stale,
            }
            for row in rows
        ],
    }


def translations_view(request, site):
    """Per language, the objects whose translation is missing or older than
    its English source, each a link to its change form (PAGE_ROWS per model;
    the changelist's filter lists the rest)."""
    admins = [
        model_admin
        for model_admin in site._registry.values()
        if isinstance(model_admin, TranslationStatusMixin)
        and model_admin.has_view_permission(request)
    ]
    admins.sort(key=lambda model_admin: str(model_admin.model._meta.verbose_name))
    languages = [
        {
            "code": language,
            "name": LANGUAGE_LABELS[language],
            "models": [_read(model_admin, language) for model_admin in admins],
        }
        for language in TARGETS
    ]
    return TemplateResponse(
        request,
        "admin/translations.html",
        {
            **site.each_context(request),
            "title": _("Translations missing or older than their source"),
            "languages": languages,
        },
    )


def _translations(request):
    return translations_view(request, admin.site)


admin.site.add_view(
    path("translations/", admin.site.admin_view(_translations), name="translations")
)


class StaleTranslationsPanel(Panel):
    """The front page's panel: translations older than their source, the
    oldest first, each a link to its object; the panel's link is the page
    of what is missing or stale."""

    def changelist_url(self) -> str:
        return reverse("admin:translations")

    def read(self) -> dict:
        records = list(
            self.rows()
            .select_related("content_type")
            .annotate(attention_total=Window(Count("*")))[:ROWS]
        )
        rows = []
        for record in records:
            model = record.content_type.model_class()
            opts = model._meta
            rows.append(
                {
                    "label": f"{opts.verbose_name} {record.object_id}: "
                    f"{opts.get_field(record.field).verbose_name}, "
                    f"{LANGUAGE_LABELS.get(record.language, record.language)}",
                    "url": reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[record.object_id],
                    ),
                }
            )
        return {
            "key": self.key,
            "title": self.title,
            "count": records[0].attention_total if records else 0,
            "url": self.changelist_url(),
            "rows": rows,
        }


@admin.register(TranslationSource)
class TranslationSourceAdmin(HistoryAdmin):
    """Read only: the services and the review action write these rows."""

    list_display = ["content_type", "object_id", "field", "language", "stale_since"]
    list_filter = ["language", "content_type"]
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.add_panel(
    StaleTranslationsPanel(
        key="stale-translations",
        title=_("Translations older than their source"),
        model=TranslationSource,
        rows=lambda: TranslationSource.objects.stale().order_by("stale_since", "pk"),
        query="",
        order=70,
    )
)
