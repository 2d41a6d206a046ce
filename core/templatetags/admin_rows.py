"""{% result_rows cl %}: Django's {% result_list cl %}, its rows made by
core.admin_rows (templates/admin/change_list.html uses it)."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from core import admin_rows

register = template.Library()


@register.tag(name="result_rows")
def result_rows_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=admin_rows.result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
