"""The alliances resources of the REST API: strategic action plans and alliances."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from alliances.models import Alliance, AllianceExtension, StrategicActionPlan
from partners.models import PartnerKey
from tests import factories
from tests.api_utils import key_client

pytestmark = pytest.mark.django_db

D = datetime.date
JUNE_1 = D(2024, 6, 1)
PERSONAS = ["anonymous", "read_key", "write_key", "liaison", "other_liaison", "editor"]


@pytest.fixture
def on_day(monkeypatch):
    """Freeze the association's date (Europe/Madrid) on a given day."""
    real_localdate = timezone.localdate

    def freeze(day: datetime.date):
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return freeze


@pytest.fixture
def june_1(on_day):
    """1 June 2024: six weeks before the Guangzhou MoU ends."""
    on_day(JUNE_1)


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_login(editor)
    return client


@pytest.fixture
def client_as(key_owner, liaison, other_liaison, editor):
    """An API client for one of the personas in PERSONAS."""

    def make(persona: str) -> APIClient:
        if persona == "read_key":
            return key_client(key_owner, PartnerKey.Scope.READ)
        if persona == "write_key":
            return key_client(key_owner, PartnerKey.Scope.WRITE)
        client = APIClient()
        users = {"liaison": liaison, "other_liaison": other_liaison, "editor": editor}
        if persona in users:
            client.force_login(users[persona])
        return client

    return make


@pytest.fixture
def plan():
    plan = factories.StrategicActionPlanFactory(
        title="Strategic Action Plan 2021–2023", slug="sap-2021-2023"
    )
    for position, text in enumerate(["Advocacy", "Learning", "Services"], start=1):
        factories.PlanObjectiveFactory(plan=plan, position=position, text=text)
    return plan


@pytest.fixture
def bickart():
    return factories.PersonFactory(
        name="Agnès Charlotte Bickart",
        position_title="Senior Manager for Institutional Relations",
    )


@pytest.fixture
def mou(member, plan, bickart):
    """The Guangzhou MoU: three years from 15 July 2021, signed virtually."""
    alliance = factories.AllianceFactory(
        title="Alliance with Guangzhou",
        slug="guangzhou",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        counterpart="Guangzhou Foreign Affairs Office",
        plan=plan,
        contact=bickart,
        summary="Urban innovation.",
        internal_notes="Renewal talks planned for spring 2024.",
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance,
        person=factories.PersonFactory(name="Octavi de la Varga"),
    )
    return alliance


@pytest.fixture
def draft(member):
    """An agreement of Guangzhou still being negotiated: not signed."""
    return factories.AllianceFactory(
        title="Draft with Guangzhou",
        slug="guangzhou-draft",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        signed_on=None,
        start_date=None,
        term_years=None,
    )


@pytest.fixture
def agreements(mou, other_member):
    """On 1 June 2024: the MoU (expiring), plus one of each other status."""
    factories.AllianceFactory(
        title="Dakar cooperation",
        slug="dakar",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
        instrument=Alliance.Instrument.COOPERATION_AGREEMENT,
        counterpart="City of Dakar",
        signed_on=D(2022, 12, 1),
        start_date=D(2023, 1, 1),
        term_years=3,
    )
    factories.AllianceFactory(
        title="Upcoming partner",
        slug="upcoming",
        counterpart="Habitat Partners",
        signed_on=D(2024, 5, 1),
        start_date=D(2024, 9, 1),
        term_years=2,
    )
    factories.AllianceFactory(
        title="Expired support",
        slug="expired",
        kind=Alliance.Kind.SUPPORTING_ENTITY,
        signed_on=D(2019, 12, 1),
        start_date=D(2020, 1, 1),
        term_years=2,
    )


def detail_url(alliance) -> str:
    return reverse("api:alliance-detail", args=[alliance.slug])


def plan_url(plan) -> str:
    return reverse("api:strategicactionplan-detail", args=[plan.slug])


ALLIANCES = reverse("api:alliance-list")
PLANS = reverse("api:strategicactionplan-list")


def titles(response) -> list[str]:
    assert response.status_code == HTTPStatus.OK, response.content
    return [row["title"] for row in response.json()["results"]]


def errors(response) -> dict:
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    return response.json()["errors"]


# Alliances: reads --------------------------------------------------------------


def test_an_alliance_shows_its_agreement(api, june_1, mou, member, plan, bickart):
    data = api.get(detail_url(mou)).json()

    assert data["title"] == "Alliance with Guangzhou"
    assert data["kind"] == "granting_member"
    assert data["instrument"] == "mou"
    assert data["counterpart"] == "Guangzhou Foreign Affairs Office"
    assert data["signed_on"] == "2021-07-15"
    assert data["signing_format"] == "virtual"
    assert data["start_date"] == "2021-07-15"
    assert data["term_years"] == 3
    assert data["granting_member"]["name"] == "Guangzhou"
    assert data["granting_member"]["url"].endswith(
        reverse("api:membercity-detail", args=["guangzhou"])
    )
    assert data["plan"]["name"] == "Strategic Action Plan 2021–2023"
    assert data["plan"]["url"].endswith(plan_url(plan))
    assert data["contact"]["name"] == "Agnès Charlotte Bickart"
    assert data["signatories"] == [
        {
            "person": {
                "id": mou.signatories.get().person_id,
                "name": "Octavi de la Varga",
                "url": data["signatories"][0]["person"]["url"],
            },
            "side": "association",
        }
    ]
    assert data["url"].endswith(detail_url(mou))


def test_an_alliance_shows_its_end_status_and_days_left(api, june_1, mou):
    data = api.get(detail_url(mou)).json()

    assert data["agreed_end_date"] == "2024-07-14"
    assert data["end_date"] == "2024-07-14"
    assert data["status"] == "expiring"
    assert data["days_remaining"] == 44  # 1 June to 14 July, both counted
    assert data["extensions"] == []


def test_an_extension_moves_the_end_date(api, june_1, mou):
    factories.AllianceExtensionFactory(
        alliance=mou,
        new_end_date=D(2025, 7, 14),
        agreed_on=D(2024, 5, 20),
        note="One more year.",
    )

    data = api.get(detail_url(mou)).json()

    assert data["agreed_end_date"] == "2024-07-14"
    assert data["end_date"] == "2025-07-14"
    assert data["status"] == "active"
    assert data["days_remaining"] == 409
    assert data["extensions"] == [
        {
            "new_end_date": "2025-07-14",
            "agreed_on": "2024-05-20",
            "note": "One more year.",
        }
    ]


def test_an_expired_alliance_has_no_days_remaining(api, on_day, mou):
    on_day(D(2024, 7, 15))

    data = api.get(detail_url(mou)).json()

    assert data["status"] == "expired"
    assert data["days_remaining"] is None


def test_an_alliance_etag_changes_with_the_day(api, on_day, mou):
    on_day(JUNE_1)
    etag = api.get(detail_url(mou))["ETag"]
    assert api.get(detail_url(mou), HTTP_IF_NONE_MATCH=etag).status_code == (
        HTTPStatus.NOT_MODIFIED
    )

    on_day(D(2024, 6, 2))
    response = api.get(detail_url(mou), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["days_remaining"] == 43


@pytest.mark.parametrize("slug", ["nowhere", "guang%00zhou", "guang zhou"])
def test_an_unknown_alliance_is_404(api, mou, slug):
    response = api.get(f"{ALLIANCES}{slug}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_contact_who_is_not_public_is_left_out_for_visitors(api, mou, bickart):
    bickart.is_public = False
    bickart.save()

    assert api.get(detail_url(mou)).json()["contact"] is None


def test_a_contact_who_is_not_public_is_shown_to_partners(client_as, mou, bickart):
    bickart.is_public = False
    bickart.save()

    data = client_as("read_key").get(detail_url(mou)).json()

    assert data["contact"]["name"] == "Agnès Charlotte Bickart"


# Alliances: who sees what -------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_it"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", True),  # Guangzhou's own draft
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_a_draft_is_seen_by_the_secretariat_and_its_city(
    client_as, mou, draft, persona, sees_it
):
    client = client_as(persona)

    detail = client.get(detail_url(draft))
    listed = titles(client.get(ALLIANCES))

    assert detail.status_code == (HTTPStatus.OK if sees_it else HTTPStatus.NOT_FOUND)
    assert ("Draft with Guangzhou" in listed) is sees_it
    assert "Alliance with Guangzhou" in listed
    if sees_it:
        assert detail.json()["status"] == "draft"
        assert detail.json()["end_date"] is None


def test_a_liaison_does_not_see_another_citys_draft(client_as, other_member):
    factories.AllianceFactory(
        slug="dakar-draft",
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=other_member,
        signed_on=None,
    )

    response = client_as("liaison").get(
        reverse("api:alliance-detail", args=["dakar-draft"])
    )

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("persona", "sees_notes"),
    [
        ("anonymous", False),
        ("read_key", False),
        ("write_key", True),
        ("liaison", True),  # liaison of Guangzhou, the granting member
        ("other_liaison", False),
        ("editor", True),
    ],
)
def test_internal_notes_go_to_the_secretariat_and_the_granting_city(
    client_as, mou, persona, sees_notes
):
    client = client_as(persona)

    detail = client.get(detail_url(mou)).json()
    row = client.get(ALLIANCES).json()["results"][0]

    assert ("internal_notes" in detail) is sees_notes
    assert ("internal_notes" in row) is sees_notes
    if sees_notes:
        assert detail["internal_notes"] == "Renewal talks planned for spring 2024."


# Alliances: filters, search, ordering, pages -----------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "granting_member"}, {"Alliance with Guangzhou", "Dakar cooperation"}),
        ({"kind": "supporting_entity"}, {"Expired support"}),
        ({"instrument": "cooperation_agreement"}, {"Dakar cooperation"}),
        ({"status": "expiring"}, {"Alliance with Guangzhou"}),
        ({"status": "active"}, {"Dakar cooperation"}),
        ({"status": "upcoming"}, {"Upcoming partner"}),
        ({"status": "expired"}, {"Expired support"}),
        ({"granting_member": "guangzhou"}, {"Alliance with Guangzhou"}),
        ({"plan": "sap-2021-2023"}, {"Alliance with Guangzhou"}),
        ({"signed_on_after": "2022-12-01"}, {"Dakar cooperation", "Upcoming partner"}),
        (
            {"signed_on_before": "2021-07-15"},
            {"Alliance with Guangzhou", "Expired support"},
        ),
        ({"ends_before": "2024-07-14"}, {"Alliance with Guangzhou", "Expired support"}),
        ({"ends_after": "2025-12-31"}, {"Dakar cooperation", "Upcoming partner"}),
        ({"active_on": "2021-07-15"}, {"Alliance with Guangzhou", "Expired support"}),
        ({"active_on": "2021-07-14"}, {"Expired support"}),
        ({"active_on": "2025-06-01"}, {"Dakar cooperation", "Upcoming partner"}),
        ({"expiring_within": "43"}, {"Alliance with Guangzhou"}),
        ({"expiring_within": "42"}, set()),
        ({"expiring_within": "0"}, set()),
    ],
)
def test_alliances_filter(api, june_1, agreements, query, expected):
    assert set(titles(api.get(ALLIANCES, query))) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "asleep"}, "status"),
        ({"kind": "treaty"}, "kind"),
        ({"granting_member": "atlantis"}, "granting_member"),
        ({"plan": "no-such-plan"}, "plan"),
        ({"signed_on_after": "15/07/2021"}, "signed_on_after"),
        ({"ends_before": "2024-02-30"}, "ends_before"),
        ({"active_on": "tomorrow"}, "active_on"),
        ({"active_on": "9999-12-31"}, "active_on"),
        ({"expiring_within": "-1"}, "expiring_within"),
        ({"expiring_within": "ten"}, "expiring_within"),
        ({"expiring_within": "99999999999"}, "expiring_within"),
    ],
)
def test_a_bad_alliance_filter_value_is_400_naming_it(api, agreements, query, field):
    assert field in errors(api.get(ALLIANCES, query))


def test_alliances_search_titles_and_counterparts(api, agreements):
    assert titles(api.get(ALLIANCES, {"search": "foreign affairs"})) == [
        "Alliance with Guangzhou"
    ]
    assert titles(api.get(ALLIANCES, {"search": "dakar"})) == ["Dakar cooperation"]


def test_alliances_are_listed_latest_signed_first(api, agreements):
    assert titles(api.get(ALLIANCES)) == [
        "Upcoming partner",
        "Dakar cooperation",
        "Alliance with Guangzhou",
        "Expired support",
    ]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (
            "end_date",
            [
                "Expired support",
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Upcoming partner",
            ],
        ),
        (
            "-end_date",
            [
                "Upcoming partner",
                "Dakar cooperation",
                "Alliance with Guangzhou",
                "Expired support",
            ],
        ),
        (
            "start_date",
            [
                "Expired support",
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Upcoming partner",
            ],
        ),
        (
            "title",
            [
                "Alliance with Guangzhou",
                "Dakar cooperation",
                "Expired support",
                "Upcoming partner",
            ],
        ),
    ],
)
def test_alliances_ordering(api, agreements, ordering, expected):
    assert titles(api.get(ALLIANCES, {"ordering": ordering})) == expected


def test_the_end_date_ordering_counts_extensions(api, agreements, mou):
    factories.AllianceExtensionFactory(alliance=mou, new_end_date=D(2030, 1, 1))

    ordered = titles(api.get(ALLIANCES, {"ordering": "-end_date"}))

    assert ordered[0] == "Alliance with Guangzhou"


def test_alliances_come_in_pages(api, agreements):
    first = api.get(ALLIANCES, {"page_size": 3, "ordering": "title"}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 4
    assert first["previous"] is None
    assert [row["title"] for row in second["results"]] == ["Upcoming partner"]
    assert second["next"] is None
    assert second["previous"] is not None


def test_a_page_holds_at_most_100_alliances(api):
    Alliance.objects.bulk_create(
        Alliance(
            title=f"Alliance {n}",
            slug=f"alliance-{n}",
            kind=Alliance.Kind.PARTNER,
            counterpart="Partner",
            signed_on=D(2021, 7, 15),
            start_date=D(2021, 7, 15),
            term_years=3,
        )
        for n in range(101)
    )

    data = api.get(ALLIANCES, {"page_size": 500}).json()

    assert data["count"] == 101
    assert len(data["results"]) == 100
    assert data["next"] is not None


# Alliances: writes ------------------------------------------------------------


def new_alliance(**changes) -> dict:
    return {
        "title": "Alliance with Montevideo",
        "slug": "montevideo",
        "kind": "granting_member",
        "granting_member_slug": "guangzhou",
        "counterpart": "Intendencia de Montevideo",
        "signed_on": "2024-03-01",
        "signing_format": "in_person",
        "start_date": "2024-03-01",
        "term_years": 2,
        "plan_slug": "sap-2021-2023",
        "internal_notes": "Signed at the congress.",
        **changes,
    }


def test_a_writer_creates_an_alliance(writer, key_owner, june_1, member, plan, bickart):
    response = writer.post(ALLIANCES, new_alliance(contact_id=bickart.pk))

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert data["end_date"] == "2026-02-28"
    assert data["status"] == "active"
    assert data["contact"]["name"] == "Agnès Charlotte Bickart"
    assert data["internal_notes"] == "Signed at the congress."
    assert response["Location"].endswith(
        reverse("api:alliance-detail", args=["montevideo"])
    )
    alliance = Alliance.objects.get(slug="montevideo")
    assert alliance.granting_member == member
    assert alliance.plan == plan
    assert alliance.history.latest().history_user == key_owner


def test_an_editor_changes_an_alliance_in_the_history(editor_api, editor, mou):
    response = editor_api.patch(detail_url(mou), {"terminated_on": "2023-12-31"})

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == "terminated"
    mou.refresh_from_db()
    assert mou.terminated_on == D(2023, 12, 31)
    assert mou.history.latest().history_user == editor


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"granting_member_slug": None}, "granting_member"),
        ({"kind": "partner"}, "granting_member"),
        ({"granting_member_slug": "atlantis"}, "granting_member_slug"),
        ({"granting_member_slug": "guang\x00zhou"}, "granting_member_slug"),
        ({"plan_slug": "no-such-plan"}, "plan_slug"),
        ({"plan_slug": "sap-2021-2023\x00"}, "plan_slug"),
        ({"contact_id": 999_999}, "contact_id"),
        ({"term_years": None}, "term_years"),
        ({"term_years": 0}, "term_years"),
        ({"term_years": 9000}, "term_years"),
        ({"start_date": None}, "start_date"),
        ({"terminated_on": "2024-01-01", "start_date": "2024-03-01"}, "terminated_on"),
        ({"kind": "treaty"}, "kind"),
        ({"signed_on": "yesterday"}, "signed_on"),
        ({"slug": "guangzhou"}, "slug"),
        ({"title": ""}, "title"),
    ],
)
def test_an_invalid_alliance_is_refused_naming_the_field(writer, mou, changes, field):
    response = writer.post(ALLIANCES, new_alliance(**changes))

    assert field in errors(response)
    assert response.json()["status"] == HTTPStatus.BAD_REQUEST
    assert not Alliance.objects.filter(title="Alliance with Montevideo").exists()


def test_an_invalid_change_leaves_the_alliance_as_it_was(writer, mou):
    response = writer.patch(detail_url(mou), {"kind": "partner", "summary": "New."})

    assert "granting_member" in errors(response)
    mou.refresh_from_db()
    assert (mou.kind, mou.summary) == ("granting_member", "Urban innovation.")
    assert mou.history.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
        ("other_liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_writes_alliances(client_as, mou, persona, status):
    client = client_as(persona)

    created = client.post(ALLIANCES, new_alliance(slug="other"))
    changed = client.patch(detail_url(mou), {"summary": "Changed."})
    deleted = client.delete(detail_url(mou))

    assert (created.status_code, changed.status_code, deleted.status_code) == (
        status,
        status,
        status,
    )
    mou.refresh_from_db()
    assert mou.summary == "Urban innovation."
    assert Alliance.objects.count() == 1


def test_a_writer_deletes_an_alliance(writer, mou):
    response = writer.delete(detail_url(mou))

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert not Alliance.objects.exists()


# Alliances: extend -------------------------------------------------------------


def extend_url(alliance) -> str:
    return reverse("api:alliance-extend", args=[alliance.slug])


def test_the_secretariat_extends_an_alliance(editor_api, editor, june_1, mou):
    response = editor_api.post(
        extend_url(mou),
        {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20", "note": "A year."},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    data = response.json()
    assert data["end_date"] == "2025-07-14"
    assert data["agreed_end_date"] == "2024-07-14"
    assert data["status"] == "active"
    assert data["extensions"][0]["note"] == "A year."
    assert response["ETag"] == editor_api.get(detail_url(mou))["ETag"]
    extension = mou.extensions.get()
    assert extension.new_end_date == D(2025, 7, 14)
    assert extension.history.latest().history_user == editor


def test_a_writer_extends_an_extended_alliance_again(writer, mou):
    factories.AllianceExtensionFactory(alliance=mou, new_end_date=D(2025, 7, 14))

    response = writer.post(
        extend_url(mou), {"new_end_date": "2026-07-14", "agreed_on": "2025-06-01"}
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["end_date"] == "2026-07-14"
    assert mou.extensions.count() == 2


@pytest.mark.parametrize("new_end", ["2024-07-14", "2024-01-01"])
def test_an_extension_must_end_after_the_current_end(writer, mou, new_end):
    response = writer.post(
        extend_url(mou), {"new_end_date": new_end, "agreed_on": "2024-05-20"}
    )

    assert "2024-07-14" in errors(response)["new_end_date"][0]
    assert not AllianceExtension.objects.exists()


def test_an_extension_needs_its_dates(writer, mou):
    response = writer.post(extend_url(mou), {"new_end_date": "2025-07-14"})

    assert "agreed_on" in errors(response)
    assert not AllianceExtension.objects.exists()


def test_a_draft_cannot_be_extended(writer, draft):
    response = writer.post(
        extend_url(draft), {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"}
    )

    assert "new_end_date" in errors(response)


def test_an_extension_with_a_stale_etag_is_refused(writer, mou):
    etag = writer.get(detail_url(mou))["ETag"]
    Alliance.objects.filter(pk=mou.pk).update(summary="Changed meanwhile.")

    response = writer.post(
        extend_url(mou),
        {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"},
        HTTP_IF_MATCH=etag,
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    assert not AllianceExtension.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
        ("other_liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_extends(client_as, mou, persona, status):
    response = client_as(persona).post(
        extend_url(mou), {"new_end_date": "2025-07-14", "agreed_on": "2024-05-20"}
    )

    assert response.status_code == status
    assert not AllianceExtension.objects.exists()


# Plans ---------------------------------------------------------------------------


def test_a_plan_shows_its_objectives_in_order(api, plan, mou):
    data = api.get(plan_url(plan)).json()

    assert data["title"] == "Strategic Action Plan 2021–2023"
    assert (data["first_year"], data["last_year"]) == (2021, 2023)
    assert data["objectives"] == ["Advocacy", "Learning", "Services"]
    assert data["alliance_count"] == 1


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("anonymous", 1),
        ("read_key", 1),
        ("liaison", 2),
        ("other_liaison", 1),
        ("editor", 2),
    ],
)
def test_a_plan_counts_the_alliances_the_caller_may_read(
    client_as, plan, mou, draft, persona, count
):
    draft.plan = plan
    draft.save()

    data = client_as(persona).get(plan_url(plan)).json()

    assert data["alliance_count"] == count


def new_plan(**changes) -> dict:
    return {
        "title": "Strategic Action Plan 2024–2026",
        "slug": "sap-2024-2026",
        "first_year": 2024,
        "last_year": 2026,
        "summary": "The next three years.",
        "objectives": ["Climate", "Housing"],
        **changes,
    }


def test_a_writer_creates_a_plan_with_its_objectives(writer):
    response = writer.post(PLANS, new_plan())

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert response.json()["objectives"] == ["Climate", "Housing"]
    plan = StrategicActionPlan.objects.get(slug="sap-2024-2026")
    assert [(o.position, o.text) for o in plan.objectives.all()] == [
        (1, "Climate"),
        (2, "Housing"),
    ]


def test_sending_objectives_replaces_them(writer, plan):
    response = writer.patch(plan_url(plan), {"objectives": ["Learning", "Advocacy"]})

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["objectives"] == ["Learning", "Advocacy"]
    assert list(plan.objectives.values_list("text", flat=True)) == [
        "Learning",
        "Advocacy",
    ]


def test_changing_a_plan_without_objectives_keeps_them(writer, plan):
    response = writer.patch(plan_url(plan), {"summary": "Three years."})

    assert response.json()["objectives"] == ["Advocacy", "Learning", "Services"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"last_year": 2020}, "last_year"),
        ({"objectives": ["Climate", ""]}, "objectives"),
        ({"objectives": "Climate"}, "objectives"),
        ({"objectives": [1, 2]}, "objectives"),
        ({"slug": "sap-2021-2023"}, "slug"),
    ],
)
def test_an_invalid_plan_is_refused_and_nothing_is_written(
    writer, plan, changes, field
):
    response = writer.post(PLANS, new_plan(**changes))

    assert field in errors(response)
    assert StrategicActionPlan.objects.count() == 1
    assert plan.objectives.count() == 3


def test_a_blank_objective_is_refused_by_its_number(writer):
    response = writer.post(PLANS, new_plan(objectives=["Climate", ""]))

    assert errors(response)["objectives"] == [
        "Objective 2: This field may not be blank."
    ]


def test_an_invalid_plan_change_keeps_its_objectives(writer, plan):
    response = writer.put(
        plan_url(plan), new_plan(slug=plan.slug, first_year=2030, objectives=["X"])
    )

    assert "last_year" in errors(response)
    assert list(plan.objectives.values_list("text", flat=True)) == [
        "Advocacy",
        "Learning",
        "Services",
    ]


def test_a_plan_served_by_alliances_cannot_be_deleted(writer, plan, mou):
    response = writer.delete(plan_url(plan))

    assert response.status_code == HTTPStatus.CONFLICT
    assert StrategicActionPlan.objects.filter(pk=plan.pk).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", HTTPStatus.UNAUTHORIZED),
        ("read_key", HTTPStatus.FORBIDDEN),
        ("liaison", HTTPStatus.FORBIDDEN),
    ],
)
def test_only_the_secretariat_writes_plans(client_as, plan, persona, status):
    client = client_as(persona)

    assert client.post(PLANS, new_plan()).status_code == status
    assert client.patch(plan_url(plan), {"objectives": []}).status_code == status
    assert plan.objectives.count() == 3


@pytest.fixture
def plans(plan):
    factories.StrategicActionPlanFactory(
        title="Strategic Action Plan 2018–2020",
        slug="sap-2018-2020",
        first_year=2018,
        last_year=2020,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Strategic Action Plan 2021–2023", "Strategic Action Plan 2018–2020"]),
        ({"year": 2020}, ["Strategic Action Plan 2018–2020"]),
        ({"year": 2022}, ["Strategic Action Plan 2021–2023"]),
        ({"search": "2018"}, ["Strategic Action Plan 2018–2020"]),
        (
            {"ordering": "first_year"},
            ["Strategic Action Plan 2018–2020", "Strategic Action Plan 2021–2023"],
        ),
    ],
)
def test_plans_filter_search_and_order(api, plans, query, expected):
    assert titles(api.get(PLANS, query)) == expected


def test_a_bad_plan_filter_value_is_400(api, plans):
    assert "year" in errors(api.get(PLANS, {"year": "2021.5"}))


# Speed ---------------------------------------------------------------------------


def make_plans(n):
    for plan in factories.StrategicActionPlanFactory.create_batch(n):
        factories.PlanObjectiveFactory.create_batch(2, plan=plan)
        factories.AllianceFactory(plan=plan)


def make_alliances(n):
    for alliance in factories.AllianceFactory.create_batch(
        n, granting=True, contact=factories.PersonFactory()
    ):
        factories.AllianceSignatoryFactory(alliance=alliance)
        factories.AllianceExtensionFactory(alliance=alliance)


# (list, rows maker, queries): the editor's session, user and group, then count
# and page; alliances add one prefetch each for signatories and extensions,
# plans one for objectives.
QUERY_COUNTS = [
    ("strategicactionplan", make_plans, 6),
    ("alliance", make_alliances, 7),
]


@pytest.mark.parametrize(("basename", "make", "queries"), QUERY_COUNTS)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(
    editor_api, django_assert_num_queries, basename, make, queries
):
    url = reverse(f"api:{basename}-list")
    make(3)
    with django_assert_num_queries(queries):
        small = editor_api.get(url, {"page_size": 100})
    make(27)
    with django_assert_num_queries(queries):
        large = editor_api.get(url, {"page_size": 100})

    assert small.json()["count"] == len(small.json()["results"]) >= 3
    assert len(large.json()["results"]) == small.json()["count"] + 27


@pytest.mark.parametrize(
    "query",
    [
        {"expiring_within": 500},
        {"status": "active"},
        {"active_on": "2024-06-01"},
        {"ends_before": "2025-12-31"},
        {"ordering": "-end_date"},
    ],
)
def test_a_filtered_alliance_list_costs_the_same_queries_for_3_and_30_rows(
    editor_api, june_1, django_assert_num_queries, query
):
    url = reverse("api:alliance-list")
    make_alliances(3)
    with django_assert_num_queries(7):
        small = editor_api.get(url, {**query, "page_size": 100})
    make_alliances(27)
    with django_assert_num_queries(7):
        large = editor_api.get(url, {**query, "page_size": 100})

    assert small.json()["count"] == 3
    assert large.json()["count"] == 30
