"""Import and export of member cities, people and board mandates in the admin
(django-import-export; core.imports holds what every resource shares).

Columns are named as in the open data files where they overlap (README,
"Import and export"); a row is found by its natural key, so importing the
same file again updates rather than duplicates."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from core.content import source_column
from core.imports import GovernedResource, NullableTextWidget, SlugWidget
from members.models import BoardMandate, MemberCity, Person, Region
from members.services import mandate_save, member_save

MEMBER_COLUMNS = (
    "slug",
    "name",
    "country",
    "region",
    "category",
    "is_capital",
    "population",
    "population_year",
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
    "summary_fr",
    "summary_es",
    "description_fr",
    "description_es",
)


class MemberCityResource(GovernedResource):
    region = fields.Field(
        attribute="region", column_name="region", widget=SlugWidget(Region)
    )
    # The English source by its plain name, whatever the admin's language
    # (the plain attribute reads and writes the current language's column);
    # the translations by their columns (core.content).
    summary = fields.Field(source_column("summary"), "summary", widgets.CharWidget())
    description = fields.Field(
        source_column("description"), "description", widgets.CharWidget()
    )
    summary_fr = fields.Field("summary_fr", "summary_fr", NullableTextWidget())
    summary_es = fields.Field("summary_es", "summary_es", NullableTextWidget())
    description_fr = fields.Field(
        "description_fr", "description_fr", NullableTextWidget()
    )
    description_es = fields.Field(
        "description_es", "description_es", NullableTextWidget()
    )

    class Meta(GovernedResource.Meta):
        model = MemberCity
        fields = MEMBER_COLUMNS
        import_id_fields = ["slug"]
        name = _("member cities")

    def save_governed(self, instance, *, is_create, user):
        # The admin's, the API's and the portal's service: a change is the
        # event "member.updated".
        member_save(member=instance)


class PersonResource(GovernedResource):
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=SlugWidget(MemberCity),
    )

    class Meta(GovernedResource.Meta):
        model = Person
        fields = (
            "name",
            "position_title",
            "organisation",
            "email",
            "phone",
            "is_public",
        )
        # No two people of one organisation share a name in the demo or in
        # the association's directory; an empty organisation is the
        # Secretariat General.
        import_id_fields = ["name", "organisation"]
        name = _("people")


class BoardMandateResource(GovernedResource):
    member = fields.Field(
        attribute="member", column_name="city", widget=SlugWidget(MemberCity)
    )
    role = fields.Field(attribute="role", column_name="office")

    class Meta(GovernedResource.Meta):
        model = BoardMandate
        fields = ("member", "role", "start_date", "end_date")
        import_id_fields = ["member", "role", "start_date"]
        name = _("board mandates")

    def save_governed(self, instance, *, is_create, user):
        # At most one President or Acting President on any day.
        mandate_save(mandate=instance)
