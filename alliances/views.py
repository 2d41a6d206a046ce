import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters import CharFilter, ChoiceFilter
from django_filters.views import FilterView

from alliances.filters import AllianceFilter
from alliances.models import Alliance, AllianceSignatory, StrategicActionPlan
from core.counts import CachedCountPaginator
from core.filters import VisitorFilterMixin
from members.models import Person
from members.viewers import ANONYMOUS, get_viewer

Status = Alliance.Status
# The latest news about an alliance shown on its page.
NEWS_POSTS = 5


class PublicAllianceFilter(VisitorFilterMixin, AllianceFilter):
    """The API's filters a visitor needs: kind, status, plan, granting member."""

    instrument = None
    signed_on_after = None
    signed_on_before = None
    end_date_after = None
    end_date_before = None
    active_on = None
    expiring_within = None
    status = ChoiceFilter(
        choices=[
            (value, label) for value, label in Status.choices if value != Status.DRAFT
        ],
        method="filter_status",
        label=_("Status today"),
    )
    # The start of the granting member's name (or its slug, as the API takes
    # it): a list to choose from would hold every member city, most of the
    # page at 10,000 members.
    granting_member = CharFilter(
        method="filter_granting_member", label=_("Granting member")
    )

    def filter_granting_member(self, queryset, name, value):
        return queryset.filter(
            Q(granting_member__slug=value) | Q(granting_member__name__istartswith=value)
        )


def elapsed_class(start, end, day) -> str:
    """A CSS width class, "w-0" to "w-100" in steps of ten: the share of the
    term from `start` to `end` (inclusive) that has run by `day`."""
    total = (end - start).days + 1
    elapsed = (min(max(day, start), end + datetime.timedelta(days=1)) - start).days
    return f"w-{round(elapsed * 10 / total) * 10}"


def term_timeline(alliance, today):
    """The term's milestones in date order, today included. Uses the
    alliance's prefetched extensions."""
    events = []
    if alliance.signed_on:
        events.append((alliance.signed_on, "signed", _("Signed")))
    if alliance.start_date:
        events.append((alliance.start_date, "start", _("Start of the term")))
    extensions = list(alliance.extensions.all())
    if extensions:
        events.append((alliance.agreed_end_date, "agreed-end", _("Agreed end")))
    for extension in extensions:
        label = _("Extension agreed: the term now ends on %(date)s") % {
            "date": date_format(extension.new_end_date)
        }
        events.append((extension.agreed_on, "extension", label))
    if alliance.end_date:
        events.append((alliance.end_date, "end", _("Last day in force")))
    if alliance.terminated_on:
        events.append((alliance.terminated_on, "terminated", _("Terminated")))
    events.append((today, "today", _("Today")))
    # Today goes after the other milestones of the same day.
    events.sort(key=lambda event: (event[0], event[1] == "today"))
    return [{"date": d, "kind": kind, "label": label} for d, kind, label in events]


class AllianceListView(FilterView):
    filterset_class = PublicAllianceFilter
    template_name = "alliances/alliance_list.html"
    paginate_by = 20
    # Counted once until an alliance changes (or the day does: the
    # statuses are today's).
    paginator_class = CachedCountPaginator
    extra_context = {"section": "alliances"}

    def get_queryset(self):
        return Alliance.objects.visible_to(ANONYMOUS).select_related(
            "granting_member", "plan"
        )


class AllianceDetailView(DetailView):
    """An alliance's page, as a visitor reads it; the secretariat, who reads
    every alliance, also previews drafts."""

    extra_context = {"section": "alliances"}

    def get_queryset(self):
        # The page is public: the signatories a visitor may read.
        signatories = AllianceSignatory.objects.filter(
            person__in=Person.objects.visible_to(ANONYMOUS)
        )
        viewer = get_viewer(self.request)
        alliances = Alliance.objects.visible_to(
            viewer if viewer.secretariat else ANONYMOUS
        )
        return alliances.select_related(
            "granting_member", "plan", "contact__organisation"
        ).prefetch_related(
            "extensions",
            Prefetch(
                "signatories",
                queryset=signatories.select_related("person__organisation"),
                to_attr="public_signatories",
            ),
        )

    def get_context_data(self, **kwargs):
        alliance = self.object
        today = timezone.localdate()
        news = alliance.news_posts.visible_to(ANONYMOUS)
        context = {
            "today": today,
            "timeline": term_timeline(alliance, today),
            "days_remaining": alliance.days_remaining(today),
            "news_posts": news.select_related("category").without_bodies()[:NEWS_POSTS],
        }
        if alliance.start_date:
            stop = min(today, alliance.terminated_on or today)
            context["elapsed_class"] = elapsed_class(
                alliance.start_date, alliance.end_date, stop
            )
        return super().get_context_data(**context, **kwargs)


class PlanListView(ListView):
    model = StrategicActionPlan
    paginate_by = 20
    extra_context = {"section": "plans"}


class PlanDetailView(DetailView):
    queryset = StrategicActionPlan.objects.prefetch_related("objectives")
    extra_context = {"section": "plans"}

    def get_context_data(self, **kwargs):
        alliances = Alliance.objects.visible_to(ANONYMOUS).filter(plan=self.object)
        return super().get_context_data(
            alliances=alliances.select_related("granting_member"), **kwargs
        )
