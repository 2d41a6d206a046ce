"""The public site's home page and what its pages share. Error pages are
templates/403.html, 404.html and 500.html, rendered by Django's default
handlers."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters import ChoiceFilter

from alliances.models import Alliance
from members.models import BoardMandate, MemberCity, Region
from news.models import NewsPost

LATEST_NEWS = 3
ROLE_ORDER = {role: position for position, role in enumerate(BoardMandate.Role)}


def by_role(mandates):
    """Mandates in the board's order: President first, board members last."""
    return sorted(mandates, key=lambda mandate: ROLE_ORDER[mandate.role])


class VisitorFilterMixin:
    """For a FilterSet shown as a form on the site: "Any" rather than dashes
    for an empty choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An explicit empty_label=None (no empty choice) is left alone.
        for filter_ in self.filters.values():
            if (
                isinstance(filter_, ChoiceFilter)
                and filter_.extra.get("empty_label", "") is not None
            ):
                filter_.extra["empty_label"] = _("Any")


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        members = MemberCity.objects.active()
        board = BoardMandate.objects.current_on(today).select_related("member")
        figures = {
            "members": members.count(),
            "megacities": members.megacities().count(),
            "regions": Region.objects.count(),
            "alliances": Alliance.objects.active_on(today).count(),
        }
        return super().get_context_data(
            figures=figures,
            president=BoardMandate.objects.president_on(today),
            board=by_role(board.exclude(role=BoardMandate.Role.PRESIDENT)),
            news_posts=NewsPost.objects.published()
            .select_related("category")
            .without_bodies()[:LATEST_NEWS],
            **kwargs,
        )
