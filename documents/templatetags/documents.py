"""{% document_links subject %}: the documents of an alliance or a meeting
that the person viewing the page may download, with their versions."""

from django import template

from documents.models import Document
from members.viewers import get_viewer

register = template.Library()


@register.inclusion_tag("documents/includes/document_links.html", takes_context=True)
def document_links(context, subject):
    """Two queries: the documents, their versions."""
    request = context["request"]
    documents = (
        Document.objects.visible_to(get_viewer(request))
        .of(subject)
        .prefetch_related("versions")
    )
    return {"documents": list(documents)}
