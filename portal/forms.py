from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from members.models import LIAISON_EDITABLE_FIELDS, MemberCity, this_year
from news.models import NewsPost
from news.services import PROPOSAL_FIELDS

FIRST_YEAR = 1900


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.URLField):
        # Django 6's default; "www.example.org" becomes https://www.example.org.
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    """The profile fields a liaison may change; the model's clean() checks them."""

    class Meta:
        model = MemberCity
        fields = LIAISON_EDITABLE_FIELDS
        formfield_callback = _formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def _clean_year(self, name: str) -> int | None:
        # The model takes any small integer; a count is from a past year.
        year = self.cleaned_data[name]
        if year is not None and not FIRST_YEAR <= year <= this_year():
            raise ValidationError(
                _("Give a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year()}
            )
        return year

    def clean_population_year(self):
        return self._clean_year("population_year")

    def clean_grp_year(self):
        return self._clean_year("grp_year")


class ProposalForm(forms.ModelForm):
    """A news post a city proposes; it may link alliances the city granted."""

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
        alliances = Alliance.objects.filter(granting_member=member).order_by("title")
        if alliances.exists():
            self.fields["related_alliances"].queryset = alliances
        else:
            del self.fields["related_alliances"]
