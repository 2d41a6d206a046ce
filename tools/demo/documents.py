"""Demo documents: illustrative PDFs generated from the demo's own records,
so that the documents feature shows on the first page view.

- The minutes of the most recent held General Assembly, public; and of the
  Board meeting held the same day, if any, not public (the secretariat and
  the member cities' liaisons download it).
- The signed agreement of the illustrative alliance in force that a member
  city grants, not public (the secretariat and that city's liaisons), in two
  versions: the draft for signature, then the signed copy.

Each PDF says on its first and last lines that the demo generated it and that
it is not a real agreement or real minutes. It is rendered (WeasyPrint, as
the invoices) in the demo's language and uploaded through
documents.services.document_upload, the one write path, so it passes the
same checks as any upload.

Idempotent: a subject that already has its document is left alone, whatever
its versions (a person may have added one), and nothing is rendered. With
`reset`: the document is marked public or not as the demo marks it, and the
demo's last file (the minutes, the signed copy) is uploaded again as the next
version only if no version carries its file name any more.
"""

import datetime
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from alliances.models import Alliance
from documents.models import Document
from documents.services import document_set_public, document_upload
from dues.documents import ASSOCIATION_NAME
from governance.documents import decisions
from governance.models import Meeting
from governance.roll import roll
from tools.demo.alive import PREFIX

# (the uploaded file's name, what renders its bytes), in upload order.
DemoFiles = list[tuple[str, Callable[[], bytes]]]


def load_documents(*, today: datetime.date, reset: bool = False) -> int:
    """Attach the demo's documents (see the module); the number of versions
    uploaded."""
    uploaded = 0
    assembly = (
        Meeting.objects.filter(
            body=Meeting.Body.GENERAL_ASSEMBLY, status=Meeting.Status.HELD
        )
        .order_by("-starts_at")
        .first()
    )
    if assembly is not None:
        uploaded += _attach(
            assembly, public=True, files=_minutes(assembly), reset=reset
        )
        board = _board_beside(assembly)
        if board is not None:
            uploaded += _attach(board, public=False, files=_minutes(board), reset=reset)
    alliance = (
        Alliance.objects.filter(slug__startswith=PREFIX, granting_member__isnull=False)
        .active_on(today)
        .order_by("-start_date", "pk")
        .first()
    )
    if alliance is not None:
        uploaded += _attach(
            alliance, public=False, files=_agreement(alliance), reset=reset
        )
    return uploaded


def _board_beside(assembly: Meeting) -> Meeting | None:
    """The Board meeting held on the Assembly's day (in the association's
    time zone)."""
    start = datetime.datetime.combine(
        assembly.day, datetime.time(), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )
    return (
        Meeting.objects.filter(
            body=Meeting.Body.BOARD,
            status=Meeting.Status.HELD,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .order_by("starts_at")
        .first()
    )


def _attach(
    subject: Alliance | Meeting, *, public: bool, files: DemoFiles, reset: bool
) -> int:
    document = Document.objects.of(subject).first()
    if document is None:
        for name, render in files:
            _upload(subject, name, render(), public)
        return len(files)
    if not reset:
        return 0
    document_set_public(document=document, public=public)
    name, render = files[-1]
    if document.versions.filter(original_name=name).exists():
        return 0
    _upload(subject, name, render(), public)
    return 1


def _upload(subject, name: str, content: bytes, public: bool) -> None:
    document_upload(
        subject=subject,
        upload=SimpleUploadedFile(name, content, "application/pdf"),
        by=None,
        public=public,
    )


def _pdf(template: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported.
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def _minutes(meeting: Meeting) -> DemoFiles:
    def render() -> bytes:
        with translation.override(settings.LANGUAGE_CODE):
            meeting_roll = roll(meeting)
            return _pdf(
                "demo/minutes.html",
                {
                    "title": _("Minutes: %(title)s") % {"title": meeting.title},
                    "notice": _(
                        "Illustrative document generated by the demo — not real "
                        "minutes."
                    ),
                    "meeting": meeting,
                    "agenda": list(meeting.agenda_items.all()),
                    "roll": meeting_roll,
                    "attendance": [
                        line for line in meeting_roll.lines if line.attendance
                    ],
                    "quorum": meeting_roll.quorum_needed(),
                    "decisions": decisions(meeting, meeting_roll),
                },
            )

    return [(f"demo-{meeting.slug}-minutes.pdf", render)]


def _agreement(alliance: Alliance) -> DemoFiles:
    def render(signed: bool) -> bytes:
        with translation.override(settings.LANGUAGE_CODE):
            return _pdf(
                "demo/agreement.html",
                {
                    "title": alliance.title,
                    "notice": _(
                        "Illustrative document generated by the demo — not a "
                        "real agreement."
                    ),
                    "alliance": alliance,
                    "signed": signed,
                    "association_name": ASSOCIATION_NAME,
                },
            )

    return [
        (f"demo-{alliance.slug}-draft.pdf", lambda: render(signed=False)),
        (f"demo-{alliance.slug}-signed.pdf", lambda: render(signed=True)),
    ]
