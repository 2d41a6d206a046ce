"""The alliances' and plans' texts in every language (django-modeltranslation;
see core.content)."""

from modeltranslation.translator import TranslationOptions, register

from alliances.models import Alliance, PlanObjective, StrategicActionPlan


@register(Alliance)
class AllianceTranslation(TranslationOptions):
    fields = ("title", "summary", "objectives")
    required_languages = ("en",)


@register(StrategicActionPlan)
class StrategicActionPlanTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ("en",)


@register(PlanObjective)
class PlanObjectiveTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
