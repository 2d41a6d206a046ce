"""{% picture %} and {% image_url %}: a stored image (core.images) in a page."""

from django import template

from core.images import image_tag

register = template.Library()


@register.simple_tag
def picture(image, *, alt: str, sizes: str, css: str = "", lead: bool = False):
    """A <picture> of `image`, nothing when there is none: lazy-loaded, or
    fetched first when it leads the page (lead=True)."""
    return image_tag(image, alt=alt, sizes=sizes, css=css, lead=lead)


@register.simple_tag(takes_context=True)
def image_url(context, image, width: int = 1280):
    """The absolute URL of a JPEG rendition (OpenGraph's og:image)."""
    if not image:
        return ""
    return context["request"].build_absolute_uri(image.url(min(width, image.width)))
