"""The public site's home page: it reads every app. Error pages are
templates/403.html, 404.html and 500.html, rendered by Django's default
handlers."""

from django.utils import timezone
from django.views.generic import TemplateView

from alliances.models import Alliance
from core.counts import cached_count
from core.versions import read_versions
from members.models import ROLE_ORDER, BoardMandate, MemberCity, Region
from members.viewers import ANONYMOUS
from news.models import NewsPost

LATEST_NEWS = 3


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        members = MemberCity.objects.visible_to(ANONYMOUS).active()
        # Today's roles as the directory, the admin and the API read them; a
        # city holding two roles has two seats.
        board = MemberCity.objects.on_board(today).with_current_roles(today)
        seats = sorted(
            (
                (role, member)
                for member in board.only("name", "slug")
                for role in member.current_roles
            ),
            key=lambda seat: (ROLE_ORDER[seat[0]], seat[1].name),
        )
        president = next(
            (m for role, m in seats if role == BoardMandate.Role.PRESIDENT), None
        )
        # Counted once until a table they read changes: one query reads
        # the versions for all four, where counting reads every row.
        versions = read_versions()
        figures = {
            "members": cached_count(members, versions),
            "megacities": cached_count(members.megacities(), versions),
            "regions": cached_count(Region.objects.all(), versions),
            "alliances": cached_count(Alliance.objects.active_on(today), versions),
        }
        return super().get_context_data(
            figures=figures,
            president=president,
            board=[
                {"role": BoardMandate.Role(role).label, "member": member}
                for role, member in seats
                if role != BoardMandate.Role.PRESIDENT
            ],
            news_posts=NewsPost.objects.visible_to(ANONYMOUS)
            .select_related("category")
            .without_bodies()[:LATEST_NEWS],
            **kwargs,
        )
