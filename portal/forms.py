from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content import SourceLanguageModelForm, columns
from core.images import ImageUploadFormMixin, upload_field
from core.translations import LANGUAGE_LABELS
from members.forms import IMAGE_FORM_FIELDS, CityImagesFormMixin
from members.models import LIAISON_EDITABLE_FIELDS, PHOTO_TEXTS, MemberCity
from news.models import NewsPost
from news.services import NOT_THE_CITY_ALLIANCE, PROPOSAL_FIELDS, proposal_alliances


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.URLField):
        # Django 6's default; "www.example.org" becomes https://www.example.org.
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def with_translations(fields, translated) -> list[str]:
    """`fields` with the French and Spanish columns of the `translated` ones
    right after each: a liaison proposes those texts beside the English."""
    names = []
    for field in fields:
        names.append(field)
        if field in translated:
            names.extend(columns(field)[1:])
    return names


class TranslationLabelsMixin:
    """A translation's label names its field and language ("Summary —
    French"); its help says the secretariat reviews it like the English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            base, _sep, language = name.rpartition("_")
            if language in LANGUAGE_LABELS and base in self.fields:
                field.label = _("%(field)s — %(language)s") % {
                    "field": self.fields[base].label,
                    "language": LANGUAGE_LABELS[language],
                }
                field.help_text = _("Optional: leave empty if you have no translation.")
                field.widget = type(self.fields[base].widget)(
                    attrs=self.fields[base].widget.attrs
                )


class ProfileForm(CityImagesFormMixin, TranslationLabelsMixin, SourceLanguageModelForm):
    """The profile fields a liaison may change, and its city's emblem and
    photo; the model's validators and clean() check them, as they do in the
    admin and the API. The texts are the English source, whatever the page's
    language (core.content)."""

    class Meta:
        model = MemberCity
        # The uploads just before the photo's texts.
        fields = with_translations(
            [
                *(name for name in LIAISON_EDITABLE_FIELDS if name not in PHOTO_TEXTS),
                *IMAGE_FORM_FIELDS,
                *PHOTO_TEXTS,
            ],
            translated=("summary", "description", *PHOTO_TEXTS),
        )
        formfield_callback = _formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }


class ProposalForm(
    ImageUploadFormMixin, TranslationLabelsMixin, SourceLanguageModelForm
):
    """A news post a city proposes; it may link alliances the city granted,
    and a lead image (core.images). The texts are the English source
    (core.content)."""

    image_uploads = {"lead_image_upload": "lead_image"}
    lead_image_upload = upload_field(_("lead image"))

    class Meta:
        model = NewsPost
        fields = [
            *with_translations(
                PROPOSAL_FIELDS,
                translated=(
                    "title",
                    "summary",
                    "body",
                    "lead_image_alt",
                    "lead_image_caption",
                ),
            ),
            "related_alliances",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "related_alliances": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "body": _(
                "Markdown: a blank line between paragraphs, **bold**, *italic*, "
                "[a link](https://example.org), ## a heading."
            ),
            "related_alliances": _("Optional: the agreements this story is about."),
        }

    def __init__(self, *args, member: MemberCity, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["related_alliances"]
        field.queryset = proposal_alliances(member).order_by("title")
        # The API's message for the same rule.
        field.error_messages["invalid_choice"] = NOT_THE_CITY_ALLIANCE
        if not field.queryset.exists():
            # Nothing to choose: no list to show, and still no other city's.
            field.widget = forms.MultipleHiddenInput()
