"""Every write to documents, from the admin and the API alike."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from alliances.models import Alliance
from documents.checks import check_upload
from documents.models import Document, DocumentVersion
from governance.models import Meeting

KIND_OF_SUBJECT = {Alliance: Document.Kind.AGREEMENT, Meeting: Document.Kind.MINUTES}


def subject_kind(subject: Alliance | Meeting) -> str:
    """The kind of document a subject carries: an alliance its signed
    agreement, a meeting its minutes."""
    return KIND_OF_SUBJECT[type(subject)]


@transaction.atomic
def document_upload(
    *,
    subject: Alliance | Meeting,
    upload: UploadedFile,
    by: AbstractBaseUser | AnonymousUser | None,
    public: bool | None = None,
    kind: str | None = None,
) -> DocumentVersion:
    """Store `upload` as the next version of the subject's document (created
    with its first version); `public`, when given, sets who may download it.

    Raises ValidationError naming the field ("file", "kind") for a file that
    is no PDF, too large, truncated or badly named: then nothing is written,
    neither a row nor a file. A file written to the storage is removed again
    if its row cannot be saved.
    """
    expected = subject_kind(subject)
    if kind is not None and kind != expected:
        raise ValidationError(
            {
                "kind": _("This record carries a document of kind “%(kind)s” only.")
                % {"kind": Document.Kind(expected).label}
            }
        )
    checked = check_upload(upload)
    field = "alliance" if isinstance(subject, Alliance) else "meeting"
    document, _created = Document.objects.get_or_create(
        **{field: subject}, kind=expected, defaults={"public": bool(public)}
    )
    # The row lock makes two uploads to one document take numbers in turn.
    document = Document.objects.select_for_update().get(pk=document.pk)
    if public is not None and document.public != public:
        document.public = public
        document.save(update_fields=["public"])
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by if by is not None and by.is_authenticated else None,
    )
    version.file.save(checked.name, upload, save=False)
    try:
        with transaction.atomic():
            version.save()
    except BaseException:
        version.file.delete(save=False)
        raise
    return version


@transaction.atomic
def document_set_public(*, document: Document, public: bool) -> Document:
    """Whether everyone may download the document (every version)."""
    if document.public != public:
        document.public = public
        document.save(update_fields=["public"])
    return document
