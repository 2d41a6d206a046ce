"""The member cities' texts in every language (django-modeltranslation; see
core.content)."""

from modeltranslation.translator import TranslationOptions, register

from members.models import MemberCity


@register(MemberCity)
class MemberCityTranslation(TranslationOptions):
    fields = ("summary", "description", "photo_alt", "photo_caption")
    required_languages = ("en",)
