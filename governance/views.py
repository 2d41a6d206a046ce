"""Public pages of the statutory bodies: meetings coming and past, each with
its agenda, its decisions and their counts (never how each city voted), and
its minutes once approved; the meetings as an iCalendar feed."""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event, Timezone

from governance.models import AgendaItem, Meeting, Resolution
from governance.roll import outcome, roll
from members.viewers import ANONYMOUS

MEETING_HOURS = 3


def public_meetings():
    return Meeting.objects.visible_to(ANONYMOUS).exclude(status=Meeting.Status.PLANNED)


class MeetingListView(ListView):
    template_name = "governance/meeting_list.html"
    paginate_by = 20
    extra_context = {"section": "governance"}

    def get_queryset(self):
        return public_meetings().past().filter(status=Meeting.Status.HELD)

    def get_context_data(self, **kwargs):
        coming = public_meetings().coming().exclude(status=Meeting.Status.HELD)
        return super().get_context_data(coming=list(coming), **kwargs)


class MeetingDetailView(DetailView):
    template_name = "governance/meeting_detail.html"
    extra_context = {"section": "governance"}

    def get_queryset(self):
        resolutions = Resolution.objects.select_related(
            "member_city", "plan", "fee_grid"
        ).prefetch_related("elected_mandates__member")
        return public_meetings().prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related(
                    Prefetch("resolutions", queryset=resolutions)
                ),
            )
        )

    def get_context_data(self, **kwargs):
        meeting = self.object
        decisions = []
        items = list(meeting.agenda_items.all())
        if meeting.status == Meeting.Status.HELD:
            meeting_roll = roll(meeting)
            for item in items:
                for resolution in item.resolutions.all():
                    result = outcome(resolution, meeting_roll)
                    label = Resolution.Outcome(result).label if result else ""
                    decisions.append((resolution, result, label))
            context = {
                "roll_size": meeting_roll.size,
                "entitled_count": meeting_roll.entitled_count,
                "quorum_needed": meeting_roll.quorum_needed(),
            }
        else:
            context = {}
        return super().get_context_data(
            agenda=items, decisions=decisions, **context, **kwargs
        )


def _vtimezone(
    tz: zoneinfo.ZoneInfo, first: datetime.datetime, last: datetime.datetime
):
    return Timezone.from_tzinfo(tz, first_date=first.date(), last_date=last.date())


def meetings_ics(request):
    """Every convened, held or cancelled meeting as an iCalendar feed, times
    in the association's zone (TZID with its VTIMEZONE)."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Metropolis//Members//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Metropolis meetings"))
    meetings = list(public_meetings().order_by("starts_at"))
    if meetings:
        calendar.add_component(
            _vtimezone(tz, meetings[0].starts_at, meetings[-1].starts_at)
        )
    host = request.get_host()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", meeting.title)
        start = timezone.localtime(meeting.starts_at, tz)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(hours=MEETING_HOURS))
        event.add("dtstamp", timezone.now())
        if meeting.place:
            event.add("location", meeting.place)
        event.add(
            "status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED"
        )
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
