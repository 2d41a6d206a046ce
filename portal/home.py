"""The public site's home page: it reads every app. Error pages are
templates/403.html, 404.html and 500.html, rendered by Django's default
handlers."""

from django.utils import timezone
from django.views.generic import TemplateView

from alliances.models import Alliance
from members.models import BoardMandate, MemberCity, Region, by_role
from news.models import NewsPost

LATEST_NEWS = 3


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
