from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPost
from tests import factories
from tests.news.test_views import UNSAFE_MARKDOWN
from tests.portal.conftest import proposal

pytestmark = pytest.mark.django_db

NEW = reverse("portal:proposal-create")
SIZES = [1, 12]


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


@pytest.fixture
def data(category):
    return {
        "title": "Guangzhou opens a climate lab",
        "category": category.pk,
        "summary": "A lab for the Pearl River Delta.",
        "body": "The lab opens in **May**.",
    }


def edit_url(post) -> str:
    return reverse("portal:proposal-edit", args=[post.pk])


# Writing and previewing


def test_proposal_form_offers_only_the_city_alliances(liaison_client, member):
    own = factories.AllianceFactory(
        title="Guangzhou MoU", kind="granting_member", granting_member=member
    )
    factories.AllianceFactory(title="Partner MoU")

    response = liaison_client.get(NEW)

    field = response.context["form"].fields["related_alliances"]
    assert list(field.queryset) == [own]
    assert "Partner MoU" not in response.content.decode()


def test_preview_shows_the_rendered_post_and_saves_nothing(liaison_client, data):
    response = liaison_client.post(NEW, {**data, "preview": "1"})

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Preview — not saved" in html
    assert "<p>The lab opens in <strong>May</strong>.</p>" in html
    assert not NewsPost.objects.exists()


def test_preview_renders_unsafe_markdown_inert(liaison_client, data):
    response = liaison_client.post(
        NEW, {**data, "body": UNSAFE_MARKDOWN, "preview": "1"}
    )

    preview = response.context["preview"]
    assert "<script" not in preview
    assert "onerror" not in preview
    assert "javascript:" not in preview
    assert "click me" in preview
    # The form gives the text back as typed, escaped.
    assert "&lt;script&gt;alert(" in response.content.decode()
    assert "<script>alert(" not in response.content.decode()


def test_preview_of_an_incomplete_form_shows_the_errors(liaison_client, data):
    response = liaison_client.post(NEW, {**data, "title": "", "preview": "1"})

    assert list(response.context["form"].errors) == ["title"]
    assert "preview" not in response.context
    assert not NewsPost.objects.exists()


# Submitting


def test_submitting_creates_a_proposal_awaiting_review(
    liaison_client, liaison, member, data
):
    response = liaison_client.post(NEW, {**data, "submit": "1"}, follow=True)

    post = NewsPost.objects.get()
    assert (post.status, post.proposed_by, post.author) == (
        NewsPost.Status.SUBMITTED,
        member,
        liaison,
    )
    assert post.slug == "guangzhou-opens-a-climate-lab"
    assert list(post.related_members.all()) == [member]
    assert response.redirect_chain[-1][0] == reverse(
        "portal:proposal-detail", args=[post.pk]
    )
    html = response.content.decode()
    assert "was submitted for review" in html
    assert "Submitted for review" in html


def test_a_second_proposal_with_the_same_title_gets_its_own_slug(liaison_client, data):
    factories.NewsPostFactory(slug="guangzhou-opens-a-climate-lab")

    liaison_client.post(NEW, data)

    assert NewsPost.objects.filter(
        slug="guangzhou-opens-a-climate-lab-2", status=NewsPost.Status.SUBMITTED
    ).exists()


def test_proposal_links_the_chosen_city_alliance(liaison_client, member, data):
    mou = factories.AllianceFactory(kind="granting_member", granting_member=member)

    liaison_client.post(NEW, {**data, "related_alliances": [mou.pk]})

    assert list(NewsPost.objects.get().related_alliances.all()) == [mou]


def test_proposal_cannot_link_another_city_alliance(
    liaison_client, member, other_member, data
):
    factories.AllianceFactory(kind="granting_member", granting_member=member)
    theirs = factories.AllianceFactory(
        kind="granting_member", granting_member=other_member
    )

    response = liaison_client.post(NEW, {**data, "related_alliances": [theirs.pk]})

    assert "related_alliances" in response.context["form"].errors
    assert not NewsPost.objects.exists()


def test_incomplete_proposal_is_refused_on_its_fields(liaison_client, data):
    response = liaison_client.post(NEW, {**data, "title": "", "category": "999"})

    assert set(response.context["form"].errors) == {"title", "category"}
    assert "Nothing was sent" in response.content.decode()
    assert not NewsPost.objects.exists()


def test_proposal_status_cannot_be_forced(liaison_client, data):
    liaison_client.post(NEW, {**data, "status": "published", "published_at": "2021"})

    assert NewsPost.objects.get().status == NewsPost.Status.SUBMITTED
    assert not NewsPost.objects.published().exists()


# Following the review


def test_proposal_page_shows_the_review_status_and_comment(liaison_client, returned):
    response = liaison_client.get(reverse("portal:proposal-detail", args=[returned.pk]))

    html = response.content.decode()
    assert "Returned to you" in html
    assert "Please add the dates of the forum." in html
    assert f'href="{edit_url(returned)}"' in html


def test_proposal_page_shows_the_body_sanitized(liaison_client, member):
    post = proposal(member, body=UNSAFE_MARKDOWN)

    response = liaison_client.get(reverse("portal:proposal-detail", args=[post.pk]))

    html = response.content.decode()
    assert "click me" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


@pytest.mark.parametrize("size", SIZES)
def test_proposal_list_costs_the_same_queries_whatever_its_size(
    liaison_client, member, django_assert_num_queries, size
):
    for _ in range(size):
        proposal(member)

    # Session, user, liaison and city, count, page.
    with django_assert_num_queries(5):
        liaison_client.get(reverse("portal:proposal-list"))


# Changing a returned proposal


def test_returned_proposal_form_shows_the_comment_and_the_text(
    liaison_client, returned
):
    response = liaison_client.get(edit_url(returned))

    assert response.context["form"]["title"].value() == "Guangzhou hosts the forum"
    assert "Please add the dates of the forum." in response.content.decode()


def test_returned_proposal_is_changed_and_submitted_again(
    liaison_client, liaison, returned, data
):
    data = {**data, "title": "Guangzhou hosts the forum on 3–5 May"}
    slug = returned.slug

    liaison_client.post(edit_url(returned), data)

    returned.refresh_from_db()
    assert returned.title == "Guangzhou hosts the forum on 3–5 May"
    assert returned.status == NewsPost.Status.SUBMITTED
    assert returned.slug == slug
    latest = returned.history.latest()
    assert (latest.status, latest.history_user) == (NewsPost.Status.SUBMITTED, liaison)


def test_preview_of_a_returned_proposal_saves_nothing(liaison_client, returned, data):
    response = liaison_client.post(edit_url(returned), {**data, "preview": "1"})

    assert "Preview — not saved" in response.content.decode()
    returned.refresh_from_db()
    assert returned.status == NewsPost.Status.DRAFT
    assert returned.title == "Guangzhou hosts the forum"


@pytest.mark.parametrize(
    "status",
    [NewsPost.Status.SUBMITTED, NewsPost.Status.PUBLISHED, NewsPost.Status.ARCHIVED],
)
def test_proposal_out_of_the_city_hands_cannot_be_changed(
    liaison_client, member, data, status
):
    published_at = None if status == NewsPost.Status.SUBMITTED else timezone.now()
    post = proposal(member, title="Original", status=status, published_at=published_at)

    shown = liaison_client.get(edit_url(post), follow=True)
    sent = liaison_client.post(edit_url(post), data)

    detail = reverse("portal:proposal-detail", args=[post.pk])
    assert shown.redirect_chain == [(detail, HTTPStatus.FOUND)]
    assert "Only a proposal returned to you can be changed" in shown.content.decode()
    assert sent.url == detail
    post.refresh_from_db()
    assert (post.title, post.status) == ("Original", status)
