"""Texts that people write, in every language of the site (django-modeltranslation).

A translated field `title` is a column per language (`title_en`, `title_fr`,
`title_es`) beside the original column `title`, which holds the English
source: SourceLanguageModel saves in English. Reading `obj.title` gives the
current language's text, else English, else any (MODELTRANSLATION_FALLBACK_
LANGUAGES); text_language() says which language that text is in, for the
"Only available in English" notice.

Writes name the English source by its plain name (`title`) and a
translation by its column (`title_fr`): source_values() turns the plain
names into `_en` columns, so that a service writes the same columns whatever
language the request is in.
"""

from collections.abc import Iterable, Mapping

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# In English, for the API's schema: "French", "Spanish".
LANGUAGE_NAMES = {
    code: translation.get_language_info(code)["name"] for code in LANGUAGES
}


def columns(field: str) -> tuple[str, ...]:
    """The columns of translated `field`, one per language, English first."""
    return tuple(build_localized_fieldname(field, lang) for lang in LANGUAGES)


def history_excluded(*fields: str) -> list[str]:
    """The columns of `fields` for HistoricalRecords(excluded_fields=...): the
    history keeps the English source in the original column (see
    SourceLanguageModel); its table was made before the columns were added."""
    return [column for field in fields for column in columns(field)]


def source_column(field: str) -> str:
    return build_localized_fieldname(field, SOURCE_LANGUAGE)


def translated_fields(model) -> tuple[str, ...]:
    """The names of `model`'s translated fields (none when not registered)."""
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def fallback_order(language: str | None = None) -> tuple[str, ...]:
    """The languages a text is looked for in: the one asked for (else the
    current one), then English, then the others."""
    language = language or translation.get_language() or SOURCE_LANGUAGE
    language = language.split("-")[0]
    order = [language] if language in LANGUAGES else []
    for lang in (SOURCE_LANGUAGE, *LANGUAGES):
        if lang not in order:
            order.append(lang)
    return tuple(order)


def pick(values: Mapping[str, object], field: str, language: str | None = None):
    """(text, its language) of translated `field` among `values` (a row of
    its columns, or an object's __dict__): the first language of
    fallback_order() with a text; ("", None) when there is none."""
    for lang in fallback_order(language):
        value = values.get(build_localized_fieldname(field, lang))
        if value:
            return value, lang
    return "", None


def text_picker(fields: Iterable[str]):
    """For a page of `.values()` rows that read every column of the
    translated `fields` (columns()): a function that sets each of them in a
    row to its text as pick() chooses it (else ""), for the current
    language, looked up once for the page. modeltranslation's own `.values()`
    does it for every row and field through the field's descriptor, the
    language looked up each time."""
    order = fallback_order()
    sources = [
        (field, tuple(build_localized_fieldname(field, lang) for lang in order))
        for field in fields
    ]

    def set_texts(row: dict) -> None:
        for field, names in sources:
            text = ""
            for name in names:
                if row[name]:
                    text = row[name]
                    break
            row[field] = text

    return set_texts


def stored_values(queryset: models.QuerySet, *names: str) -> models.QuerySet:
    """`queryset.values(*names)` as Django makes it, for a page that names
    each language's column itself and picks its texts with text_picker():
    modeltranslation's values() would also rebuild every row as a new dict
    to set the names it rewrites (none here)."""
    if hasattr(queryset, "rewrite"):  # a modeltranslation queryset
        queryset = queryset.rewrite(False)
    return queryset.values(*names)


def text_language(obj, field: str, language: str | None = None) -> str | None:
    """The language of the text `obj.<field>` shows now (None: no text)."""
    return pick(
        {name: getattr(obj, name, None) for name in columns(field)}, field, language
    )[1]


def source_values(model, data: Mapping[str, object]) -> dict[str, object]:
    """`data` for writing `model`: a translated field's plain name becomes its
    English column (`title` → `title_en`); other keys, translation columns
    included, stay."""
    translated = translated_fields(model)
    return {
        (source_column(key) if key in translated else key): value
        for key, value in data.items()
    }


def with_columns(model, fields: Iterable[str]) -> set[str]:
    """`fields` (save()'s update_fields) with every column of the translated
    ones among them."""
    translated = translated_fields(model)
    names = set(fields)
    for field in translated:
        if field in names or any(column in names for column in columns(field)):
            names.update((field, *columns(field)))
    return names


class SourceLanguageModel(models.Model):
    """A model with translated fields whose original column keeps the English
    source: the original column is written as English reads it, whatever the
    language of the request (lists sorted and joined through it, the history
    and the events read English), and a save that names a translated field in
    `update_fields` writes all its columns."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The English text is never NULL where the original column never was:
        # an empty text is "", as before the translations.
        deferred = self.get_deferred_fields()
        for field in translated_fields(type(self)):
            column = source_column(field)
            if column in deferred or self._meta.get_field(field).null:
                continue
            if getattr(self, column) is None:
                setattr(self, column, "")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = with_columns(type(self), kwargs["update_fields"])
        with translation.override(SOURCE_LANGUAGE):
            super().save(*args, **kwargs)


class SourceLanguageFormMixin:
    """For a ModelForm whose fields name translated fields by their plain name
    (the portal's): they show and write the English source, whatever the
    language of the page (modeltranslation would read and write the page's
    language)."""

    def __init__(self, *args, instance=None, **kwargs):
        record = getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is not None:
            # A past version (simple-history's revert form): its history keeps
            # the English source in the original column, and the version's
            # object got today's columns of every language; the source of
            # that version is the one to show and save.
            for field in translated_fields(type(instance)):
                if hasattr(record, field):
                    setattr(instance, source_column(field), getattr(record, field))
        with translation.override(SOURCE_LANGUAGE):
            super().__init__(*args, instance=instance, **kwargs)
        # The English column itself, not its fallback: an empty English text
        # shows empty, not another language's.
        for field in translated_fields(type(self.instance)):
            if field in self.fields and field not in kwargs.get("initial", {}):
                self.initial[field] = getattr(self.instance, source_column(field))

    def _post_clean(self):
        with translation.override(SOURCE_LANGUAGE):
            super()._post_clean()


class SourceLanguageModelForm(SourceLanguageFormMixin, forms.ModelForm):
    """The admin's form of a model with translated fields: the plain name is
    the English source (required as the model says), and the fieldset of
    translation_fieldset() holds the other languages (optional)."""


def translation_fieldset(*fields: str) -> tuple:
    """The admin fieldset of the French and Spanish texts of `fields`."""
    names = [column for field in fields for column in columns(field)[1:]]
    return (_("Translations"), {"fields": names})
