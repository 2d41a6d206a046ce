"""Conditional requests and writes as a client meets them: the ETag covers what
that caller received and nothing more, keyed with the server's secret;
If-Match compares the object's state, whoever read it; a create answers 201
with a Location on Django's own server too; a caller's hidden fields are
never read for that caller."""

import json
import urllib.request
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliances.models import Alliance
from members.models import MemberCity, Person
from news.models import NewsPost
from tests import factories
from tests.api_utils import key_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(key_owner):
    """A partner system with a `read` key."""
    return key_client(key_owner, "read")


@pytest.fixture
def hidden_person(member):
    return factories.PersonFactory(
        organisation=member, is_public=False, email="zhan@example.cn"
    )


@pytest.fixture
def alliance(member):
    return factories.AllianceFactory(
        kind=Alliance.Kind.GRANTING_MEMBER,
        granting_member=member,
        internal_notes="Renewal talks in spring.",
    )


def person_url(person) -> str:
    return reverse("api:person-detail", args=[person.pk])


def alliance_url(alliance) -> str:
    return reverse("api:alliance-detail", args=[alliance.slug])


def member_url(member) -> str:
    return reverse("api:membercity-detail", args=[member.slug])


# The ETag covers what the caller received --------------------------------------


def test_a_hidden_email_does_not_move_a_read_keys_etag(reader, hidden_person):
    etag = reader.get(person_url(hidden_person))["ETag"]
    Person.objects.filter(pk=hidden_person.pk).update(email="guess@example.cn")

    response = reader.get(person_url(hidden_person), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_a_shown_email_moves_the_secretariats_etag(writer, hidden_person):
    etag = writer.get(person_url(hidden_person))["ETag"]
    Person.objects.filter(pk=hidden_person.pk).update(email="new@example.cn")

    response = writer.get(person_url(hidden_person), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["email"] == "new@example.cn"


def test_a_posts_author_does_not_move_a_visitors_etag(api, editor):
    post = factories.NewsPostFactory()
    url = reverse("api:newspost-detail", args=[post.slug])
    etag = api.get(url)["ETag"]
    NewsPost.objects.filter(pk=post.pk).update(author=editor)

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == HTTPStatus.NOT_MODIFIED


def test_internal_notes_do_not_move_a_read_keys_etag(reader, alliance):
    etag = reader.get(alliance_url(alliance))["ETag"]
    Alliance.objects.filter(pk=alliance.pk).update(internal_notes="Changed.")

    response = reader.get(alliance_url(alliance), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED


def test_the_etag_is_keyed_with_the_servers_secret(api, member, settings):
    etag = api.get(member_url(member))["ETag"]
    settings.SECRET_KEY = "another-secret-" + "x" * 40

    assert api.get(member_url(member))["ETag"] != etag


def test_an_etag_is_not_a_plain_hash_of_the_body(api, member):
    import hashlib

    response = api.get(member_url(member))
    digest = response["ETag"].strip('"').split("-")[-1]

    for algorithm in ("md5", "sha1", "sha256", "blake2b"):
        plain = hashlib.new(algorithm, response.content).hexdigest()
        assert digest not in plain


# If-Match compares the state, whoever read it ----------------------------------


def test_a_read_keys_etag_is_good_for_a_write_keys_update(reader, writer, member):
    etag = reader.get(member_url(member))["ETag"]

    response = writer.patch(member_url(member), {"summary": "New."}, HTTP_IF_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    member.refresh_from_db()
    assert member.summary == "New."


def test_a_visitors_etag_is_good_for_a_secretariat_delete(api, editor, member):
    etag = api.get(member_url(member))["ETag"]
    api.force_login(editor)

    response = api.delete(member_url(member), HTTP_IF_MATCH=etag)

    assert response.status_code == HTTPStatus.NO_CONTENT


def test_a_read_keys_stale_etag_is_412_for_a_write_key(reader, writer, member):
    etag = reader.get(member_url(member))["ETag"]
    MemberCity.objects.filter(pk=member.pk).update(summary="Changed meanwhile.")

    response = writer.patch(member_url(member), {"summary": "New."}, HTTP_IF_MATCH=etag)

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED
    member.refresh_from_db()
    assert member.summary == "Changed meanwhile."


def test_a_forged_scope_in_an_etag_is_412(reader, writer, member):
    etag = reader.get(member_url(member))["ETag"]
    forged = etag.replace('"k-', '"s-')

    response = writer.patch(
        member_url(member), {"summary": "New."}, HTTP_IF_MATCH=forged
    )

    assert response.status_code == HTTPStatus.PRECONDITION_FAILED


def test_a_read_keys_etag_after_a_hidden_change_is_still_good(
    reader, writer, hidden_person
):
    etag = reader.get(person_url(hidden_person))["ETag"]
    Person.objects.filter(pk=hidden_person.pk).update(phone="+86 1")

    response = writer.patch(
        person_url(hidden_person), {"position_title": "Head"}, HTTP_IF_MATCH=etag
    )

    # What the read key saw has not changed: the write is not a lost update.
    assert response.status_code == HTTPStatus.OK


# 304 costs no more than a read -------------------------------------------------


@pytest.mark.parametrize("persona", ["visitor", "editor"])
def test_a_304_costs_what_it_did(
    api, editor, member, alliance, persona, django_assert_max_num_queries
):
    post = factories.NewsPostFactory()
    post.related_members.add(member)
    if persona == "editor":
        api.force_login(editor)
    urls = [
        member_url(member),
        alliance_url(alliance) if persona == "editor" else None,
        reverse("api:newspost-detail", args=[post.slug]),
    ]
    for url, most in zip(urls, [1, 3, 3], strict=True):
        if url is None:
            continue
        etag = api.get(url)["ETag"]
        # Besides the object's own: the session, the user and the user's groups.
        with django_assert_max_num_queries(most + (3 if persona == "editor" else 0)):
            response = api.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == HTTPStatus.NOT_MODIFIED


# Hidden columns are never read for those who may not see them ------------------


def sql_of(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == HTTPStatus.OK
    return "\n".join(query["sql"] for query in queries.captured_queries)


def test_internal_notes_are_not_read_for_a_read_key(reader, alliance):
    assert "internal_notes" not in sql_of(reader, alliance_url(alliance))
    assert "internal_notes" not in sql_of(reader, reverse("api:alliance-list"))


def test_internal_notes_are_read_for_the_secretariat(writer, alliance):
    assert "internal_notes" in sql_of(writer, alliance_url(alliance))


def test_a_posts_author_is_not_read_for_a_visitor(api):
    post = factories.NewsPostFactory()

    sql = sql_of(api, reverse("api:newspost-detail", args=[post.slug]))

    assert "author_id" not in sql
    assert "auth_user" not in sql


def test_a_read_key_reads_contact_details_of_public_people_only(reader, hidden_person):
    public = factories.PersonFactory(email="octavi@example.org")

    sql = sql_of(reader, reverse("api:person-list"))
    rows = {
        row["id"]: row
        for row in reader.get(reverse("api:person-list")).json()["results"]
    }

    # The columns only under the rows' condition, never plainly selected.
    assert '"members_person"."email",' not in sql
    assert "CASE WHEN" in sql
    assert rows[public.pk]["email"] == "octavi@example.org"
    assert "email" not in rows[hidden_person.pk]
    assert "phone" not in rows[hidden_person.pk]


# Django's own server -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_create_on_djangos_own_server_answers_201_with_a_location(
    live_server, key_owner
):
    from partners.models import PartnerKey

    _, key = PartnerKey.objects.create_key(name="CRM", owner=key_owner, scope="write")
    request = urllib.request.Request(
        live_server.url + reverse("api:region-list"),
        data=json.dumps({"code": "ZZ", "name": "Test", "slug": "test"}).encode(),
        headers={"Authorization": f"Api-Key {key}", "Content-Type": "application/json"},
        method="POST",
    )

    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == HTTPStatus.CREATED
        location = response.headers["Location"]
        body = json.load(response)

    assert location == body["url"]
    assert location.startswith(live_server.url)


def test_people_who_are_not_public_are_not_read_for_visitors(api, monkeypatch):
    hidden = factories.PersonFactory(is_public=False)
    alliance = factories.AllianceFactory(contact=hidden)
    factories.AllianceSignatoryFactory(alliance=alliance, person=hidden)
    loaded = []
    from_db = Person.from_db.__func__

    def recording(cls, db, field_names, values):
        person = from_db(cls, db, field_names, values)
        loaded.append(person.pk)
        return person

    monkeypatch.setattr(Person, "from_db", classmethod(recording))

    data = api.get(alliance_url(alliance)).json()

    assert (data["contact"], data["signatories"]) == (None, [])
    assert hidden.pk not in loaded


def test_the_schema_documents_confidential_fields_as_optional(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]

    for name, fields in [
        ("Person", ["email", "phone"]),
        ("Alliance", ["internal_notes"]),
        ("NewsPost", ["author"]),
    ]:
        for field in fields:
            assert field in components[name]["properties"], (name, field)
            assert field not in components[name].get("required", []), (name, field)
