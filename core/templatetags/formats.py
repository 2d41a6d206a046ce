"""Template filters for numbers and money in the reader's language (core.formats):
{% load formats %} {{ invoice.amount|money:invoice.currency }},
{{ city.population|number }}, {{ city.grp_amount|large_amount:city.grp_currency }}."""

from django import template

from core import formats

register = template.Library()


@register.filter
def number(value, places=None):
    if value is None or value == "":
        return ""
    return formats.number(value, None if places is None else int(places))


@register.filter
def money(value, currency):
    if value is None or value == "":
        return ""
    return formats.money(value, currency)


@register.filter
def large_amount(value, currency=""):
    if value is None or value == "":
        return ""
    return formats.large_amount(value, currency or "")
