"""The public site's home page: it reads every app. Error pages are
templates/403.html, 404.html and 500.html, rendered by Django's default
handlers."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from alliances.models import EXPIRING_WITHIN_DAYS, Alliance
from core.counts import cached_count, versions_key
from governance.models import Meeting
from members.models import ROLE_ORDER, BoardMandate, MemberCity, Region
from members.viewers import ANONYMOUS
from news.models import NewsPost

LATEST_NEWS = 3
# Agreements in force on the home page, those ending first at the top.
AGREEMENTS_SHOWN = 5


# The tables that the map and the board read: each fragment is kept, in the
# "api" cache, while its tables keep their versions (core.versions).
MAP_TABLES = ("members_membercity", "members_region")
BOARD_TABLES = ("members_membercity", "members_boardmandate")
# A fragment's keys carry the day and the language too: a day is enough.
FRAGMENT_TIMEOUT = 24 * 60 * 60


class HomeView(TemplateView):
    """The figures, the map, the board and the latest news. The map and the
    board are fragments kept while the rows they show are unchanged, so
    that the page costs the same with 100 members or 10,000 (the board and
    the map are made only when their fragment is missing)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        members = MemberCity.objects.visible_to(ANONYMOUS).active()
        # Counted once until a table they read changes: one query reads
        # the versions for all four and the fragments (core.versions'
        # reader, once per request), where counting reads every row.
        figures = {
            "members": cached_count(members),
            "megacities": cached_count(members.megacities()),
            "regions": cached_count(Region.objects.all()),
            "alliances": cached_count(Alliance.objects.active_on(today)),
        }
        return super().get_context_data(
            figures=figures,
            today=today,
            map_key=versions_key(MAP_TABLES),
            board_key=versions_key(BOARD_TABLES),
            fragment_timeout=FRAGMENT_TIMEOUT,
            next_meeting=self.next_meeting(),
            agreements=self.agreements(today),
            expiring_within=EXPIRING_WITHIN_DAYS,
            news_posts=NewsPost.objects.visible_to(ANONYMOUS)
            .select_related("category")
            .without_bodies()[:LATEST_NEWS],
            **kwargs,
        )

    def next_meeting(self) -> Meeting | None:
        """The next meeting convened (announced), one query; one planned but
        not convened is not yet a public fact of the page."""
        return (
            Meeting.objects.visible_to(ANONYMOUS)
            .coming()
            .filter(status=Meeting.Status.CONVENED)
            .first()
        )

    def agreements(self, today) -> list[Alliance]:
        """The public agreements in force today, those ending soonest first
        (their status says which end within EXPIRING_WITHIN_DAYS); one query.
        Read as the public reads them, whoever asks: never a draft."""
        return list(
            Alliance.objects.visible_to(ANONYMOUS, today)
            .active_on(today)
            .order_by("ends_on", "title_en")[:AGREEMENTS_SHOWN]
        )

    @cached_property
    def seats(self) -> list[tuple[str, MemberCity]]:
        """Today's (role, member), President first; one query, made by the
        board's fragment when it is not in the cache."""
        today = timezone.localdate()
        # Today's roles as the directory, the admin and the API read them; a
        # city holding two roles has two seats.
        board = MemberCity.objects.on_board(today).with_current_roles(today)
        return sorted(
            (
                (role, member)
                for member in board.only("name", "slug")
                for role in member.current_roles
            ),
            key=lambda seat: (ROLE_ORDER[seat[0]], seat[1].name),
        )

    @property
    def president(self) -> MemberCity | None:
        return next(
            (m for role, m in self.seats if role == BoardMandate.Role.PRESIDENT), None
        )

    @property
    def board(self) -> list[dict]:
        return [
            {"role": BoardMandate.Role(role).label, "member": member}
            for role, member in self.seats
            if role != BoardMandate.Role.PRESIDENT
        ]
