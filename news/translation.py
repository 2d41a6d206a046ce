"""The categories' and posts' texts in every language (django-modeltranslation;
see core.content). A post's body_html is its body rendered per language
(NewsPost.save)."""

from modeltranslation.translator import TranslationOptions, register

from news.models import Category, NewsPost


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(NewsPost)
class NewsPostTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "body_html",
        "lead_image_alt",
        "lead_image_caption",
    )
    required_languages = ("en",)
