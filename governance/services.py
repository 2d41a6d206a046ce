"""Writes on governance under a rule: attendance and proxies, votes, and the
effects of an adopted resolution (applied once, atomically with the outcome;
reversed only by an explicit action that says what it undoes). The admin, the
API and the portal all come here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import lock_exclusion_guarded_table
from core.events import emit
from dues.models import FeeGrid, Invoice
from governance.models import Attendance, Meeting, Resolution
from governance.roll import outcome, roll
from members.models import BoardMandate, MemberCity

PRESIDING = (BoardMandate.Role.PRESIDENT, BoardMandate.Role.ACTING_PRESIDENT)


def _with_author(obj, by):
    """simple-history names `by` as the author (outside a request too)."""
    if by is not None and getattr(by, "is_authenticated", False):
        obj._history_user = by
    return obj


def _lock_meeting(meeting: Meeting) -> Meeting:
    """One writer per meeting at a time: the proxy count and the roll are
    read, then written."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_save(*, meeting: Meeting, by=None) -> Meeting:
    """Save `meeting` from the admin or the API. The save that convenes it
    (its status becomes convened) announces "meeting.convened": the member
    cities' liaisons are told of a General Assembly (notifications), partner
    systems of either body (webhooks)."""
    was = None
    if meeting.pk is not None:
        # Locked, so that two saves at once cannot both see it unconvened.
        was = (
            Meeting.objects.select_for_update()
            .filter(pk=meeting.pk)
            .values_list("status", flat=True)
            .first()
        )
    _with_author(meeting, by).save()
    if meeting.status == Meeting.Status.CONVENED and was != Meeting.Status.CONVENED:
        emit("meeting.convened", meeting, by=by)
    return meeting


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    member: MemberCity,
    status: str,
    proxy_holder: MemberCity | None = None,
    by=None,
) -> Attendance:
    """Record `member`'s attendance at `meeting` (creating or changing it)."""
    meeting = _lock_meeting(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"meeting": _("The meeting was cancelled.")})
    if Resolution.objects.filter(
        agenda_item__meeting=meeting, votes_for__isnull=False
    ).exists():
        raise ValidationError(
            {"status": _("Votes are recorded at this meeting: its roll is closed.")}
        )
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
    attendance = attendance or Attendance(meeting=meeting, member=member)
    attendance.status = status
    attendance.proxy_holder = proxy_holder
    attendance.full_clean(exclude=["meeting", "member"], validate_unique=False)
    _with_author(attendance, by).save()
    return attendance


@transaction.atomic
def attendance_register_by_liaison(
    *,
    meeting: Meeting,
    member: MemberCity,
    status: str,
    proxy_holder: MemberCity | None = None,
    today: datetime.date | None = None,
    by=None,
) -> Attendance:
    """A liaison's registration for its own city: attend, send apologies or
    name a proxy, until the meeting's deadline."""
    today = today or timezone.localdate()
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.CONVENED):
        raise ValidationError({"meeting": _("This meeting takes no registration.")})
    if today > meeting.attendance_closes_on:
        raise ValidationError(
            {
                "status": _("Registration closed on %(day)s.")
                % {"day": meeting.attendance_closes_on.isoformat()}
            }
        )
    if status == Attendance.Status.ABSENT:
        raise ValidationError({"status": _("Attend, send apologies or name a proxy.")})
    return attendance_record(
        meeting=meeting, member=member, status=status, proxy_holder=proxy_holder, by=by
    )


@transaction.atomic
def resolution_record_votes(
    *,
    resolution: Resolution,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    by=None,
) -> Resolution:
    """Record the counts; if the resolution is then adopted, apply its effect
    in the same transaction (once)."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    meeting = _lock_meeting(resolution.agenda_item.meeting)
    if resolution.applied_at is not None:
        raise ValidationError(
            {
                "votes_for": _(
                    "This resolution has taken effect: reverse it before changing "
                    "its votes."
                )
            }
        )
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {"votes_for": _("Votes are recorded once the meeting is held.")}
        )
    counts = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
    }
    for name, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError({name: _("Give a whole number, 0 or more.")})
    meeting_roll = roll(meeting)
    total = votes_for + votes_against + abstentions
    if total > meeting_roll.size:
        raise ValidationError(
            {
                "votes_for": _(
                    "%(total)s votes, but only %(size)s member cities are on the roll."
                )
                % {"total": total, "size": meeting_roll.size}
            }
        )
    for name, value in counts.items():
        setattr(resolution, name, value)
    resolution.full_clean()
    resolution.outcome = outcome(resolution, meeting_roll)
    _with_author(resolution, by).save()
    if resolution.outcome == Resolution.Outcome.ADOPTED:
        return resolution_apply(resolution=resolution, by=by)
    return resolution


@transaction.atomic
def resolution_apply(*, resolution: Resolution, by=None) -> Resolution:
    """Apply an adopted resolution's effect, once: a second call does nothing."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if resolution.applied_at is not None:
        return resolution
    if outcome(resolution) != Resolution.Outcome.ADOPTED:
        raise ValidationError(
            {"votes_for": _("Only an adopted resolution takes effect.")}
        )
    day = resolution.agenda_item.meeting.day
    apply = {
        Resolution.Kind.ADMISSION: _admit,
        Resolution.Kind.BOARD_ELECTION: _elect,
        Resolution.Kind.ACCOUNTS: _approve_grid,
    }.get(resolution.kind)
    resolution.effect = apply(resolution, day, by) if apply else {}
    resolution.applied_at = timezone.now()
    _with_author(resolution, by).save(update_fields=["effect", "applied_at"])
    emit("resolution.adopted", resolution, by=by)
    return resolution


def _admit(resolution: Resolution, day: datetime.date, by) -> dict:
    member = MemberCity.objects.select_for_update().get(pk=resolution.member_city_id)
    before = {
        "status": member.status,
        "status_changed_on": (
            member.status_changed_on.isoformat() if member.status_changed_on else None
        ),
        "join_year": member.join_year,
    }
    member.status = MemberCity.Status.ACTIVE
    member.status_changed_on = day
    member.join_year = day.year
    member.full_clean()
    _with_author(member, by).save()
    return {"member": member.pk, "before": before}


def _approve_grid(resolution: Resolution, day: datetime.date, by) -> dict:
    """The fee grid approved on the meeting's day, which puts it in force
    (accounts approved without a grid change nothing)."""
    if not resolution.fee_grid_id:
        return {}
    grid = FeeGrid.objects.select_for_update().get(pk=resolution.fee_grid_id)
    before = grid.approved_on.isoformat() if grid.approved_on else None
    grid.approved_on = day
    _with_author(grid, by).save(update_fields=["approved_on"])
    return {"fee_grid": grid.pk, "approved_on_before": before}


def _elect(resolution: Resolution, day: datetime.date, by) -> dict:
    """End the running mandates of the roles elected (the President's ends an
    Acting President's too) the day before the new ones start, then create
    the new ones: the one-President rule is checked on each."""
    lock_exclusion_guarded_table(BoardMandate)
    elected = list(resolution.elected_mandates.all())
    if not elected:
        raise ValidationError(
            {"kind": _("A board election names the mandates it creates.")}
        )
    ended = []
    for new in elected:
        roles = PRESIDING if new.role in PRESIDING else (new.role,)
        running = BoardMandate.objects.filter(role__in=roles).current_on(new.start_date)
        for mandate in running.exclude(pk__in=[e["id"] for e in ended]):
            if mandate.start_date >= new.start_date:
                continue
            ended.append(
                {
                    "id": mandate.pk,
                    "end_date": mandate.end_date.isoformat()
                    if mandate.end_date
                    else None,
                }
            )
            mandate.end_date = new.start_date - datetime.timedelta(days=1)
            mandate.full_clean()
            _with_author(mandate, by).save()
    created = []
    for new in elected:
        mandate = BoardMandate(
            member_id=new.member_id,
            role=new.role,
            start_date=new.start_date,
            end_date=new.end_date,
        )
        mandate.full_clean()
        _with_author(mandate, by).save()
        created.append(mandate.pk)
    return {"ended": ended, "created": created}


@transaction.atomic
def resolution_reverse(*, resolution: Resolution, by=None) -> list[str]:
    """Undo what applying `resolution` changed, and say what: the mandates it
    created deleted, the ones it ended running again as before, an admitted
    member back to its former status and join year, an approved fee grid
    back to unapproved (refused once invoices are issued from it). Plans keep
    no state of their own: their adoption is this resolution's applied_at."""
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if resolution.applied_at is None:
        raise ValidationError(
            {"applied_at": _("This resolution has not taken effect.")}
        )
    effect = resolution.effect or {}
    undone = []
    if "fee_grid" in effect:
        undone.extend(_unapprove_grid(effect, by))
    if "created" in effect:
        lock_exclusion_guarded_table(BoardMandate)
        for mandate in BoardMandate.objects.filter(pk__in=effect["created"]):
            undone.append(_("Deleted the mandate %(mandate)s.") % {"mandate": mandate})
            mandate.delete()
        for row in effect.get("ended", []):
            mandate = BoardMandate.objects.filter(pk=row["id"]).first()
            if mandate is None:
                continue
            end = row["end_date"]
            mandate.end_date = datetime.date.fromisoformat(end) if end else None
            mandate.full_clean()
            _with_author(mandate, by).save()
            undone.append(_("Restored the mandate %(mandate)s.") % {"mandate": mandate})
    if "member" in effect:
        member = MemberCity.objects.select_for_update().get(pk=effect["member"])
        before = effect["before"]
        member.status = before["status"]
        changed = before["status_changed_on"]
        member.status_changed_on = (
            datetime.date.fromisoformat(changed) if changed else None
        )
        member.join_year = before["join_year"]
        _with_author(member, by).save()
        undone.append(
            _("%(member)s is %(status)s again, joined in %(year)s.")
            % {
                "member": member,
                "status": member.get_status_display().lower(),
                "year": member.join_year,
            }
        )
    if resolution.kind == Resolution.Kind.PLAN_ADOPTION:
        undone.append(_("%(plan)s is no longer adopted.") % {"plan": resolution.plan})
    resolution.applied_at = None
    resolution.effect = {}
    resolution.votes_for = resolution.votes_against = resolution.abstentions = None
    resolution.outcome = ""
    _with_author(resolution, by).save()
    return undone


def _unapprove_grid(effect: dict, by) -> list[str]:
    """The grid's approval as it was before the resolution. Refused when
    invoices were issued from the grid: they rest on its approval."""
    grid = FeeGrid.objects.select_for_update().get(pk=effect["fee_grid"])
    if Invoice.objects.filter(cell__grid=grid).exists():
        raise ValidationError(
            {
                "fee_grid": _(
                    "Invoices were issued from the fee grid %(grid)s: its "
                    "approval cannot be reversed."
                )
                % {"grid": grid}
            }
        )
    before = effect["approved_on_before"]
    grid.approved_on = datetime.date.fromisoformat(before) if before else None
    _with_author(grid, by).save(update_fields=["approved_on"])
    if grid.approved_on is None:
        return [_("The fee grid %(grid)s is no longer approved.") % {"grid": grid}]
    return [
        _("The fee grid %(grid)s is approved on %(day)s again.")
        % {"grid": grid, "day": grid.approved_on.isoformat()}
    ]
