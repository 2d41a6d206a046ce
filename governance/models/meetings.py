"""The statutory bodies' meetings: the General Assembly and the Board, their
agenda, attendance and proxies. Their resolutions are in resolutions.py.

What is derived (the roll, quorum, majority, outcome) lives in
governance/roll.py; what writes under a rule lives in governance/services.py.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import TextField
from members.models import FOUNDING_YEAR, MemberCity
from news.markdown import render_markdown, validate_markdown_body


def notice_days() -> int:
    """Days of notice a General Assembly needs (statutes; default 15)."""
    return getattr(settings, "GOVERNANCE_NOTICE_DAYS", 15)


def proxy_limit() -> int:
    """Proxies one member city may hold at a meeting (default 1)."""
    return getattr(settings, "GOVERNANCE_PROXY_LIMIT", 1)


def attendance_deadline_days() -> int:
    """A liaison registers its city's attendance until this many days before
    the meeting's day (default 2)."""
    return getattr(settings, "GOVERNANCE_ATTENDANCE_DEADLINE_DAYS", 2)


def validate_meeting_time(value: datetime.datetime) -> None:
    """From the association's founding on (before 1900 a time zone's offsets
    are local mean times, which no calendar or ISO 8601 reader takes)."""
    if value is not None and value.year < FOUNDING_YEAR:
        raise ValidationError(
            _("The association was founded in %(year)s."),
            code="before_founding",
            params={"year": FOUNDING_YEAR},
        )


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "MeetingQuerySet":
        """Meetings are public facts: every viewer reads every meeting."""
        return self

    def coming(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    class Body(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")
        BOARD = "board", _("Board of Directors")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.CharField(
        pgettext_lazy("the statutory body that meets", "body"),
        max_length=20,
        choices=Body,
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), validators=[validate_meeting_time])
    place = models.CharField(_("place"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=Format, default=Format.IN_PERSON
    )
    convened_on = models.DateField(
        _("convened on"),
        null=True,
        blank=True,
        help_text=_("The day the notice was sent."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PLANNED
    )
    minutes = TextField(
        _("minutes"),
        blank=True,
        validators=[validate_markdown_body],
        help_text=_("Markdown. Public once approved."),
    )
    minutes_html = models.TextField(_("minutes (HTML)"), blank=True, editable=False)
    minutes_approved = models.BooleanField(_("minutes approved"), default=False)

    history = HistoricalRecords(excluded_fields=["minutes_html"])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], name="governance_meeting_slug_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "cancelled"])
                | Q(convened_on__isnull=False),
                name="governance_meeting_convened_has_date",
            ),
            models.CheckConstraint(
                condition=Q(minutes_approved=False) | ~Q(minutes=""),
                name="governance_meeting_approved_minutes_not_empty",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.minutes_html = str(render_markdown(self.minutes)) if self.minutes else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "minutes" in update_fields:
            kwargs["update_fields"] = {*update_fields, "minutes_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("governance:meeting-detail", kwargs={"slug": self.slug})

    @property
    def day(self) -> datetime.date:
        """The meeting's day in the association's time zone."""
        return timezone.localdate(self.starts_at)

    @property
    def is_general_assembly(self) -> bool:
        return self.body == self.Body.GENERAL_ASSEMBLY

    @property
    def attendance_closes_on(self) -> datetime.date:
        """The last day a liaison may register its city's attendance."""
        return self.day - datetime.timedelta(days=attendance_deadline_days())

    @property
    def public_minutes(self) -> str:
        return self.minutes_html if self.minutes_approved else ""

    def clean(self):
        errors = {}
        if self.status in (self.Status.CONVENED, self.Status.HELD) and not (
            self.convened_on
        ):
            errors["convened_on"] = _("Give the day the meeting was convened.")
        if self.minutes_approved and not (self.minutes or "").strip():
            errors["minutes_approved"] = _("There are no minutes to approve.")
        if (
            self.convened_on
            and self.starts_at
            and self.body == self.Body.GENERAL_ASSEMBLY
        ):
            days = notice_days()
            latest = self.day - datetime.timedelta(days=days)
            if self.convened_on > latest:
                errors["convened_on"] = _(
                    "A General Assembly is convened at least %(days)s days before "
                    "it meets: on %(latest)s at the latest."
                ) % {"days": days, "latest": latest.isoformat()}
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="governance_agendaitem_position_unique",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        REPRESENTED = "represented", _("Represented (proxy)")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("member city"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    proxy_holder = models.ForeignKey(
        MemberCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proxies_held",
        verbose_name=_("proxy holder"),
        help_text=_("The member city that votes for this one."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "member__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="governance_attendance_one_per_member",
            ),
            models.CheckConstraint(
                condition=Q(status="represented", proxy_holder__isnull=False)
                | (~Q(status="represented") & Q(proxy_holder__isnull=True)),
                name="governance_attendance_proxy_iff_represented",
            ),
            models.CheckConstraint(
                condition=~Q(proxy_holder=F("member")),
                name="governance_attendance_not_own_proxy",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"

    def clean(self):
        """The proxy rules: a holder present and entitled to vote, holding at
        most the configured number of proxies, itself nobody's principal."""
        from governance.roll import may_vote

        errors = {}
        represented = self.status == self.Status.REPRESENTED
        if represented and not self.proxy_holder_id:
            errors["proxy_holder"] = _("Name the member city that holds the proxy.")
        elif not represented and self.proxy_holder_id:
            errors["proxy_holder"] = _("Only a represented member city has a proxy.")
        elif represented and self.proxy_holder_id == self.member_id:
            errors["proxy_holder"] = _("A member city cannot hold its own proxy.")
        elif represented:
            errors.update(self._clean_holder(may_vote))
        if (
            self.meeting_id
            and self.member_id
            and self.status != self.Status.PRESENT
            and Attendance.objects.filter(
                meeting_id=self.meeting_id, proxy_holder_id=self.member_id
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["status"] = _(
                "This member city holds a proxy at this meeting: it must be present."
            )
        if errors:
            raise ValidationError(errors)

    def _clean_holder(self, may_vote) -> dict:
        holder_attendance = Attendance.objects.filter(
            meeting_id=self.meeting_id, member_id=self.proxy_holder_id
        ).first()
        if holder_attendance is None or holder_attendance.status != self.Status.PRESENT:
            if (
                holder_attendance
                and holder_attendance.status == self.Status.REPRESENTED
            ):
                return {
                    "proxy_holder": _(
                        "The proxy holder is itself represented: proxies do not chain."
                    )
                }
            return {"proxy_holder": _("The proxy holder must be present.")}
        right = may_vote(self.meeting, self.proxy_holder)
        if not right.entitled:
            return {
                "proxy_holder": _("The proxy holder may not vote: %(reason)s")
                % {"reason": right.reason}
            }
        held = (
            Attendance.objects.filter(
                meeting_id=self.meeting_id, proxy_holder_id=self.proxy_holder_id
            )
            .exclude(pk=self.pk)
            .count()
        )
        if held >= proxy_limit():
            return {
                "proxy_holder": _(
                    "The proxy holder already holds %(count)s proxies, the most "
                    "allowed."
                )
                % {"count": held}
            }
        return {}
