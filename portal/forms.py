from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.content import SourceLanguageModelForm
from members.models import LIAISON_EDITABLE_FIELDS, MemberCity
from news.models import NewsPost
from news.services import NOT_THE_CITY_ALLIANCE, PROPOSAL_FIELDS, proposal_alliances


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.URLField):
        # Django 6's default; "www.example.org" becomes https://www.example.org.
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProfileForm(SourceLanguageModelForm):
    """The profile fields a liaison may change; the model's validators and
    clean() check them, as they do in the admin and the API. The texts are
    the English source, whatever the page's language (core.content)."""

    class Meta:
        model = MemberCity
        fields = LIAISON_EDITABLE_FIELDS
        formfield_callback = _formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }


class ProposalForm(SourceLanguageModelForm):
    """A news post a city proposes; it may link alliances the city granted.
    The texts are the English source (core.content)."""

    class Meta:
        model = NewsPost
        fields = [*PROPOSAL_FIELDS, "related_alliances"]
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
