from rest_framework import serializers

from alliances.api.serializers import AllianceSummary
from alliances.models import Alliance
from core.api.images import ImageInfoField, ImageUploadField
from core.api.serializers import (
    CleanModelSerializer,
    HtmlUrlField,
    SlugRelatedField,
    SummarySerializer,
)
from members.api.serializers import MemberCitySummary
from members.models import MemberCity
from news.filters import readable_alliances
from news.models import Category, NewsPost


class CategorySummary(SummarySerializer):
    class Meta(SummarySerializer.Meta):
        model = Category
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class CategorySerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:category-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    post_count = serializers.IntegerField(
        read_only=True, help_text="Posts of this category on the public site now."
    )

    class Meta:
        model = Category
        fields = ["id", "url", "html_url", "name", "slug", "post_count"]


class NewsPostSerializer(CleanModelSerializer):
    """A news post. A liaison's new post is stored as submitted for review, for
    its city, whatever it sends (see NewsPostViewSet.get_serializer_context)."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:newspost-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    category = CategorySummary(read_only=True)
    category_slug = SlugRelatedField(
        source="category",
        slug_field="slug",
        queryset=Category.objects.all(),
        write_only=True,
        help_text="The category, by slug.",
    )
    body_html = serializers.CharField(
        read_only=True, help_text="The body rendered from Markdown and sanitized."
    )
    is_public = serializers.BooleanField(
        read_only=True, help_text="Published and its publish time has come."
    )
    proposed_by = MemberCitySummary(
        read_only=True,
        allow_null=True,
        help_text="The member city that proposed the post.",
    )
    # The viewset prefetches both relations as lists (see NewsPostViewSet).
    related_members = MemberCitySummary(many=True, read_only=True, source="member_list")
    related_member_slugs = SlugRelatedField(
        source="related_members",
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="The member cities the post is about, by slug.",
    )
    related_alliances = AllianceSummary(
        many=True, read_only=True, source="alliance_list"
    )
    related_alliance_slugs = SlugRelatedField(
        source="related_alliances",
        slug_field="slug",
        queryset=Alliance.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="The alliances the post is about, by slug.",
    )
    lead_image = ImageInfoField(
        help_text="The lead image's largest JPEG and its WebP widths, or null."
    )
    lead_image_upload = ImageUploadField(
        write_only=True,
        required=False,
        help_text=(
            "A new lead image (multipart/form-data): JPEG, PNG or WebP, at most "
            "5 MB; needs `lead_image_alt`, `lead_image_alt_fr` and "
            "`lead_image_alt_es`."
        ),
    )
    author = serializers.CharField(
        source="author.username",
        read_only=True,
        allow_null=True,
        help_text="The author's username (secretariat only).",
    )

    class Meta:
        model = NewsPost
        fields = [
            "id",
            "url",
            "html_url",
            "title",
            "slug",
            "category",
            "category_slug",
            "summary",
            "body",
            "body_html",
            "status",
            "published_at",
            "is_public",
            "proposed_by",
            "related_members",
            "related_member_slugs",
            "related_alliances",
            "related_alliance_slugs",
            "lead_image",
            "lead_image_upload",
            "lead_image_alt",
            "lead_image_caption",
            "author",
            "created_at",
            "updated_at",
        ]
        confidential_fields = ["author"]  # see NewsPostViewSet

    def validate(self, attrs):
        # The model's clean() sees the new image (and asks for its alt text);
        # the view stores the renditions once the post is valid.
        prepared = attrs.pop("lead_image_upload", None)
        if prepared is not None:
            attrs["lead_image"] = prepared.image
        attrs = super().validate(attrs)
        if prepared is not None:
            attrs["lead_image_upload"] = prepared
        return attrs

    def get_fields(self):
        fields = super().get_fields()
        # Only alliances the caller may read can be named, not another city's
        # draft.
        fields["related_alliance_slugs"].child_relation.queryset = readable_alliances(
            self.context.get("request")
        )
        return fields
