from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api.images import ImageInfoField, ImageUploadField
from core.api.serializers import (
    CleanModelSerializer,
    CountryCodeField,
    CountryNameField,
    HtmlUrlField,
    SlugRelatedField,
    SummarySerializer,
)
from core.content import with_columns
from members.forms import BOTH
from members.models import (
    IMAGE_FIELDS,
    LIAISON_EDITABLE_FIELDS,
    BoardMandate,
    MemberCity,
    Person,
    Region,
    RegionalSecretariat,
)
from members.services import member_save
from members.viewers import get_viewer


class RegionSummary(SummarySerializer):
    class Meta(SummarySerializer.Meta):
        model = Region
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class MemberCitySummary(SummarySerializer):
    class Meta(SummarySerializer.Meta):
        model = MemberCity
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class PersonSummary(SummarySerializer):
    class Meta(SummarySerializer.Meta):
        model = Person


class RegionSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:region-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Region
        fields = ["id", "url", "html_url", "code", "name", "slug", "member_count"]


class MemberCitySerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:membercity-detail", lookup_field="slug"
    )
    html_url = HtmlUrlField()
    region = RegionSummary(read_only=True)
    region_slug = SlugRelatedField(
        source="region",
        slug_field="slug",
        queryset=Region.objects.all(),
        write_only=True,
        help_text="The region, by slug.",
    )
    country = CountryCodeField()
    country_name = CountryNameField(source="country")
    is_megacity = serializers.BooleanField(read_only=True)
    current_roles = serializers.SerializerMethodField(
        help_text="Board roles held today (Europe/Madrid)."
    )
    emblem = ImageInfoField(
        help_text="The emblem's largest JPEG and its WebP widths, or null."
    )
    emblem_alt = serializers.CharField(
        read_only=True,
        help_text="The emblem's alt text (\"Emblem of …\"), in the request's language.",
    )
    emblem_upload = ImageUploadField(
        write_only=True,
        required=False,
        help_text=(
            "A new emblem (multipart/form-data): JPEG, PNG or WebP, at most 5 MB."
        ),
    )
    emblem_remove = serializers.BooleanField(
        write_only=True, required=False, help_text="true removes the emblem."
    )
    photo = ImageInfoField(
        help_text="The photo's largest JPEG and its WebP widths, or null."
    )
    photo_upload = ImageUploadField(
        write_only=True,
        required=False,
        help_text=(
            "A new photo (multipart/form-data): JPEG, PNG or WebP, at most 5 MB; "
            "needs `photo_alt`, `photo_alt_fr` and `photo_alt_es`."
        ),
    )
    photo_remove = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="true removes the photo, with its alt text and caption.",
    )

    class Meta:
        model = MemberCity
        fields = [
            "id",
            "url",
            "html_url",
            "name",
            "slug",
            "country",
            "country_name",
            "region",
            "region_slug",
            "category",
            "is_capital",
            "population",
            "population_year",
            "is_megacity",
            "join_year",
            "status",
            "status_changed_on",
            "income_band",
            "membership_type",
            "website",
            "summary",
            "description",
            "grp_amount",
            "grp_currency",
            "grp_year",
            "latitude",
            "longitude",
            "emblem",
            "emblem_alt",
            "emblem_upload",
            "emblem_remove",
            "photo",
            "photo_upload",
            "photo_remove",
            "photo_alt",
            "photo_caption",
            "current_roles",
        ]

    def get_current_roles(self, obj) -> list[str]:
        """Needs `with_current_roles()` (see MemberCityViewSet)."""
        return obj.current_roles

    # Through the service that the admin and the portal use too: it stores
    # the uploads' renditions before the row.
    def create(self, validated_data):
        images = self._images(validated_data)
        return member_save(member=MemberCity(**validated_data), images=images)

    def update(self, instance, validated_data):
        images = self._images(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return member_save(member=instance, images=images)

    @staticmethod
    def _images(validated_data) -> dict:
        """The images sent (a validated upload, or None to remove one)."""
        return {
            field: validated_data.pop(f"{field}_upload")
            for field in IMAGE_FIELDS
            if f"{field}_upload" in validated_data
        }

    def validate(self, attrs):
        # The model's clean() sees the new images (a photo asks for its alt
        # text); member_save() stores the renditions once the city is valid.
        uploads = {}
        for field in IMAGE_FIELDS:
            upload = attrs.pop(f"{field}_upload", None)
            if attrs.pop(f"{field}_remove", False):
                if upload is not None:
                    raise serializers.ValidationError({f"{field}_remove": [BOTH]})
                uploads[field] = None
            elif upload is not None:
                uploads[field] = upload
        for field, prepared in uploads.items():
            attrs[field] = prepared.image if prepared is not None else None
        attrs = self._validate_fields(attrs)
        attrs.update({f"{field}_upload": image for field, image in uploads.items()})
        return attrs

    def _validate_fields(self, attrs):
        request = self.context.get("request")
        if request is not None and self.instance is not None:
            viewer = get_viewer(request)
            if not viewer.secretariat:
                # Errors name the field as sent (region_slug, not region).
                sent_as = {
                    field.source: name
                    for name, field in self.fields.items()
                    if not field.read_only
                }
                # A text's translations with the text (core.content).
                editable = {
                    *LIAISON_EDITABLE_FIELDS,
                    *with_columns(MemberCity, LIAISON_EDITABLE_FIELDS),
                    *IMAGE_FIELDS,
                }
                refused = {
                    sent_as.get(name, name): [_("A liaison cannot change this field.")]
                    for name, value in attrs.items()
                    if name not in editable and getattr(self.instance, name) != value
                }
                if refused:
                    raise serializers.ValidationError(refused)
        return super().validate(attrs)


class BoardMandateSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:boardmandate-detail")
    html_url = HtmlUrlField()
    member = MemberCitySummary(read_only=True)
    member_slug = SlugRelatedField(
        source="member",
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        write_only=True,
        help_text="The member city, by slug.",
    )
    is_current = serializers.BooleanField(
        source="is_current_on",
        read_only=True,
        help_text="Whether the period includes today (Europe/Madrid).",
    )

    class Meta:
        model = BoardMandate
        fields = [
            "id",
            "url",
            "html_url",
            "member",
            "member_slug",
            "role",
            "start_date",
            "end_date",
            "is_current",
        ]


class RegionalSecretariatSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:regionalsecretariat-detail"
    )
    html_url = HtmlUrlField()
    region = RegionSummary(read_only=True)
    region_slug = SlugRelatedField(
        source="region",
        slug_field="slug",
        queryset=Region.objects.all(),
        write_only=True,
        help_text="The region, by slug.",
    )
    member = MemberCitySummary(read_only=True)
    member_slug = SlugRelatedField(
        source="member",
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        write_only=True,
        help_text="The member city, by slug.",
    )
    secretary = PersonSummary(read_only=True, allow_null=True)
    secretary_id = serializers.PrimaryKeyRelatedField(
        source="secretary",
        queryset=Person.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The regional secretary, by id.",
    )
    is_current = serializers.BooleanField(
        source="is_current_on",
        read_only=True,
        help_text="Whether the period includes today (Europe/Madrid).",
    )

    class Meta:
        model = RegionalSecretariat
        fields = [
            "id",
            "url",
            "html_url",
            "region",
            "region_slug",
            "member",
            "member_slug",
            "secretary",
            "secretary_id",
            "start_date",
            "end_date",
            "is_current",
        ]


class PersonSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail")
    html_url = HtmlUrlField()
    organisation = MemberCitySummary(read_only=True, allow_null=True)
    organisation_slug = SlugRelatedField(
        source="organisation",
        slug_field="slug",
        queryset=MemberCity.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The member city the person works for; empty for the "
        "Secretariat General.",
    )
    organisation_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "html_url",
            "name",
            "position_title",
            "organisation",
            "organisation_slug",
            "organisation_name",
            "email",
            "phone",
            "is_public",
        ]
        # How to reach people who are not public (see PersonViewSet).
        confidential_fields = ["email", "phone"]
