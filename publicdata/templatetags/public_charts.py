"""Charts on pages of other apps (the board, the alliance list), which know
nothing of this app: their templates `{% load public_charts %}`. Each tag
says the queries it makes."""

from django import template
from django.db.models import prefetch_related_objects
from django.utils import timezone

from core.counts import versions_key
from publicdata.charts.agreements import agreement_timeline
from publicdata.charts.board import TABLES as BOARD_TABLES
from publicdata.charts.board import board_chart

register = template.Library()


@register.inclusion_tag("publicdata/charts/board.html")
def board_over_time():
    """The board over time with its table: two queries (three when more
    mandates than drawn)."""
    return {"board": board_chart()}


@register.simple_tag
def board_chart_key() -> str | None:
    """The key of the board chart's fragment: the versions of the tables it
    reads and today (None when one has no version: it is then made every
    time). One query, the versions (once per request)."""
    versions = versions_key(BOARD_TABLES)
    return versions and f"{versions}-{timezone.localdate().isoformat()}"


@register.inclusion_tag("publicdata/charts/agreements.html")
def alliances_timeline(alliances):
    """The timeline of `alliances` (a page of the list, read already): two
    queries, their extensions and the plans."""
    alliances = list(alliances)
    prefetch_related_objects(alliances, "extensions")
    return {"agreements": agreement_timeline(alliances)}
