"""Signed agreements of alliances and minutes of meetings, as PDF files with
versions: a new upload is a new version, never a replacement.

The files live in the "documents" storage (settings.STORAGES), outside any
public tree; they are read through documents/views.py and documents/api/ only,
after `Document.objects.visible_to(viewer)`. Writes go through
documents/services.py.
"""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from governance.models import Meeting
from members.viewers import Viewer


def documents_storage():
    """The private storage of settings.STORAGES["documents"]."""
    return storages["documents"]


def version_path(version: "DocumentVersion", filename: str) -> str:
    """The name in the storage: never the uploader's file name (kept apart,
    sanitised, for the download), so no name can reach outside the folder."""
    return f"{version.document_id}/v{version.number}-{secrets.token_hex(8)}.pdf"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, viewer: Viewer) -> "DocumentQuerySet":
        """What `viewer` may download.

        The secretariat (editors, write keys): everything. Anyone else: a
        document whose subject they may read (an alliance that is no draft to
        them, a meeting that is no longer planned) and that is public; or,
        for a liaison, an agreement of an alliance its city grants, and the
        minutes of any meeting (every member city is on the body's record).
        """
        if viewer.secretariat:
            return self
        alliances = Alliance.objects.visible_to(viewer).values("pk")
        meetings = (
            Meeting.objects.visible_to(viewer)
            .exclude(status=Meeting.Status.PLANNED)
            .values("pk")
        )
        allowed = Q(public=True)
        if viewer.is_liaison:
            allowed |= Q(alliance__granting_member_id=viewer.member_id)
            allowed |= Q(meeting__isnull=False)
        return self.filter(allowed).filter(
            Q(alliance__in=alliances) | Q(meeting__in=meetings)
        )

    def of(self, subject: Alliance | Meeting) -> "DocumentQuerySet":
        if isinstance(subject, Alliance):
            return self.filter(alliance=subject)
        return self.filter(meeting=subject)


class Document(models.Model):
    """One document of a subject (an alliance or a meeting) and kind, with
    its versions."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Signed agreement")
        MINUTES = "minutes", _("Minutes")

    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("alliance"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Everyone may download it. Otherwise the secretariat and the "
            "liaisons concerned only."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(alliance__isnull=False, meeting__isnull=True)
                | Q(alliance__isnull=True, meeting__isnull=False),
                name="documents_document_one_subject",
            ),
            models.CheckConstraint(
                condition=(Q(alliance__isnull=True) | Q(kind="agreement"))
                & (Q(meeting__isnull=True) | Q(kind="minutes")),
                name="documents_document_kind_fits_subject",
            ),
            models.UniqueConstraint(
                fields=["alliance", "kind"],
                condition=Q(alliance__isnull=False),
                name="documents_document_alliance_kind_unique",
            ),
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=Q(meeting__isnull=False),
                name="documents_document_meeting_kind_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.subject}"

    def get_absolute_url(self):
        return reverse("documents:download-latest", kwargs={"pk": self.pk})

    @property
    def subject(self) -> Alliance | Meeting:
        return self.alliance if self.alliance_id else self.meeting


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("file"), storage=documents_storage, upload_to=version_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="documents_documentversion_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="documents_documentversion_number_positive",
            ),
        ]

    def __str__(self):
        return f"{self.document} — v{self.number}"

    def get_absolute_url(self):
        return reverse(
            "documents:download",
            kwargs={"pk": self.document_id, "number": self.number},
        )
