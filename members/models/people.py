"""The people of the member cities and the Secretariat General, and the
liaisons: the users who look after one member city's profile."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.db import trigram_index
from members.models.cities import MemberCity

if TYPE_CHECKING:
    from members.viewers import Viewer


class PersonQuerySet(models.QuerySet):
    def visible_to(self, viewer: "Viewer") -> "PersonQuerySet":
        """The people `viewer` may read: public contacts for visitors; keys see
        who works where too (how to reach them is a serializer's concern); a
        liaison, the public ones and its own city's; the secretariat, all."""
        if viewer.secretariat or viewer.is_key:
            return self.all()
        if viewer.is_liaison:
            return self.filter(Q(is_public=True) | Q(organisation=viewer.member_id))
        return self.filter(is_public=True)


class Person(models.Model):
    name = models.CharField(_("name"), max_length=150)
    position_title = models.CharField(
        pgettext_lazy("a person's job", "position"), max_length=200, blank=True
    )
    organisation = models.ForeignKey(
        MemberCity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for the Secretariat General."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site and API.")
    )

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The admin's list in this order (it adds "-pk" to break ties): a
            # page reads its rows from here.
            models.Index(fields=["name", "-id"], name="members_person_order_idx"),
            # The admin's searches by a person's name (icontains), here and
            # through the signatories: on PostgreSQL.
            trigram_index("name", name="members_person_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The organisation's page; None for the Secretariat General. Uses
        organisation."""
        return self.organisation.get_absolute_url() if self.organisation_id else None

    @property
    def organisation_name(self) -> str:
        """The member city's name, or the Secretariat General. Uses organisation."""
        return (
            str(self.organisation) if self.organisation_id else _("Secretariat General")
        )


class Liaison(models.Model):
    """A user who looks after one member city's profile. The only access link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison",
        verbose_name=_("user"),
    )
    member = models.ForeignKey(
        MemberCity,
        on_delete=models.CASCADE,
        related_name="liaisons",
        verbose_name=_("member city"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name", "user__username"]
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")

    def __str__(self):
        return f"{self.user} → {self.member}"
