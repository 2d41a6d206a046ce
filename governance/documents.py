"""A meeting's roll and minutes as CSV and PDF (WeasyPrint, as dues' invoices)."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from governance.models import Meeting, Resolution
from governance.roll import Roll, outcome, roll


def _csv_response(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


def roll_csv(meeting: Meeting) -> HttpResponse:
    response, writer = _csv_response(f"{meeting.slug}-roll.csv")
    writer.writerow(
        [
            _("member city"),
            _("attendance"),
            _("proxy holder"),
            _("on the roll"),
            _("why"),
        ]
    )
    for line in roll(meeting).lines:
        holder = line.attendance.proxy_holder if line.attendance else None
        writer.writerow(
            [
                line.member.name,
                line.status_label,
                holder.name if holder else "",
                _("yes") if line.on_roll else _("no"),
                line.why,
            ]
        )
    return response


def decisions(meeting: Meeting, meeting_roll: Roll) -> list[tuple]:
    rows = []
    resolutions = Resolution.objects.filter(
        agenda_item__meeting=meeting
    ).select_related("agenda_item", "agenda_item__meeting", "member_city", "plan")
    for resolution in resolutions:
        result = outcome(resolution, meeting_roll)
        rows.append((resolution, Resolution.Outcome(result).label if result else ""))
    return rows


def minutes_csv(meeting: Meeting) -> HttpResponse:
    """The decisions of the minutes, one row each."""
    response, writer = _csv_response(f"{meeting.slug}-decisions.csv")
    writer.writerow(
        [
            _("agenda item"),
            _("kind"),
            _("text"),
            _("votes for"),
            _("votes against"),
            _("abstentions"),
            _("outcome"),
        ]
    )
    for resolution, label in decisions(meeting, roll(meeting)):
        writer.writerow(
            [
                resolution.agenda_item.position,
                resolution.get_kind_display(),
                resolution.text,
                resolution.votes_for,
                resolution.votes_against,
                resolution.abstentions,
                label,
            ]
        )
    return response


def _pdf(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template, context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def roll_pdf(meeting: Meeting) -> HttpResponse:
    meeting_roll = roll(meeting)
    return _pdf(
        "governance/roll_document.html",
        {
            "meeting": meeting,
            "roll": meeting_roll,
            "quorum": meeting_roll.quorum_needed(),
        },
        f"{meeting.slug}-roll.pdf",
    )


def _minutes_context(meeting: Meeting, notice: str = "") -> dict:
    meeting_roll = roll(meeting)
    return {
        "meeting": meeting,
        "roll": meeting_roll,
        "quorum": meeting_roll.quorum_needed(),
        "decisions": decisions(meeting, meeting_roll),
        "notice": notice,
    }


def minutes_pdf(meeting: Meeting) -> HttpResponse:
    return _pdf(
        "governance/minutes_document.html",
        _minutes_context(meeting),
        f"{meeting.slug}-minutes.pdf",
    )


def minutes_document(meeting: Meeting, *, notice: str = "") -> bytes:
    """The minutes' PDF as minutes_pdf() gives it, with `notice` printed above
    and below them when given (the demo marks its minutes illustrative)."""
    return render_pdf(
        "governance/minutes_document.html", _minutes_context(meeting, notice)
    )
