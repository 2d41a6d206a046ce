"""Documents in the API: a subject's documents listed (what the caller may
download) and uploaded (the secretariat: editors and write keys), and the
downloads. A document the caller may not see is a 404."""

from http import HTTPStatus

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from alliances.models import Alliance
from documents.api import serializers
from documents.models import Document, DocumentVersion
from documents.services import document_upload
from documents.serving import latest_version, version_response
from governance.models import Meeting
from members.viewers import get_viewer


class SubjectDocumentsView(generics.GenericAPIView):
    serializer_class = serializers.DocumentSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    @property
    def action(self) -> str:
        """As a viewset's (ApiAccess reads it): liaisons may take none here."""
        return self.request.method.lower()

    def get_subject(self, viewer, slug):
        raise NotImplementedError

    def documents(self, subject, viewer):
        return (
            Document.objects.visible_to(viewer).of(subject).prefetch_related("versions")
        )

    @extend_schema(summary="The documents the caller may download")
    def get(self, request, slug):
        viewer = get_viewer(request)
        subject = self.get_subject(viewer, slug)
        documents = self.documents(subject, viewer)
        return Response(self.get_serializer(documents, many=True).data)

    @extend_schema(
        summary="Upload a PDF: the next version of the document",
        request={"multipart/form-data": serializers.UploadSerializer},
        responses={HTTPStatus.CREATED: serializers.DocumentSerializer},
    )
    def post(self, request, slug):
        viewer = get_viewer(request)
        subject = self.get_subject(viewer, slug)
        given = serializers.UploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        version = document_upload(
            subject=subject,
            upload=data["file"],
            public=data["public"],
            kind=data.get("kind"),
            by=request.user,
        )
        document = self.documents(subject, viewer).get(pk=version.document_id)
        return Response(self.get_serializer(document).data, status=HTTPStatus.CREATED)


class AllianceDocumentsView(SubjectDocumentsView):
    """An alliance's signed agreement, with its versions."""

    queryset = Alliance.objects.all()

    def get_subject(self, viewer, slug):
        return get_object_or_404(Alliance.objects.visible_to(viewer), slug=slug)


class MeetingDocumentsView(SubjectDocumentsView):
    """A meeting's minutes (the signed PDF), with their versions."""

    queryset = Meeting.objects.all()

    def get_subject(self, viewer, slug):
        meetings = Meeting.objects.visible_to(viewer)
        if not viewer.secretariat:
            meetings = meetings.exclude(status=Meeting.Status.PLANNED)
        return get_object_or_404(meetings, slug=slug)


class AnyAccept(DefaultContentNegotiation):
    """The download is a PDF whatever the client accepts (`Accept:
    application/pdf` included); errors are the API's JSON body."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DownloadView(APIView):
    """The PDF, as an attachment: a version, or the latest one."""

    content_negotiation_class = AnyAccept

    @extend_schema(
        summary="Download a document (PDF)",
        responses={(HTTPStatus.OK, "application/pdf"): bytes},
    )
    def get(self, request, pk, number=None):
        viewer = get_viewer(request)
        if not Document.objects.visible_to(viewer).filter(pk=pk).exists():
            raise Http404
        versions = DocumentVersion.objects.filter(document_id=pk)
        if number is None:
            return version_response(latest_version(versions))
        return version_response(get_object_or_404(versions, number=number))
