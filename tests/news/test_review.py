"""The review of proposals: the services, the editor's side in the admin, and a
proposal's way from the portal to the public site and the feed."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse

from news.models import NewsPost
from news.services import (
    ProposalNotEditable,
    news_propose,
    news_resubmit,
    news_return,
)
from tests import factories
from tests.admin_utils import admin_url

pytestmark = pytest.mark.django_db

CHANGELIST = "news.newspost"
COMMENT = "Please add the dates of the forum."


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation")


@pytest.fixture
def submitted(member, liaison, category):
    return news_propose(
        member=member,
        author=liaison,
        data={"title": "Guangzhou hosts the forum", "category": category, "body": "Hi"},
    )


# Services


def test_propose_submits_a_post_for_the_city(submitted, member, liaison):
    assert (submitted.status, submitted.proposed_by, submitted.author) == (
        NewsPost.Status.SUBMITTED,
        member,
        liaison,
    )
    assert submitted.slug == "guangzhou-hosts-the-forum"
    assert list(submitted.related_members.all()) == [member]
    assert submitted.history.earliest().history_user == liaison


def test_propose_gives_a_title_without_latin_letters_a_slug(member, liaison, category):
    post = news_propose(
        member=member, author=liaison, data={"title": "广州", "category": category}
    )

    assert post.slug == "proposal"


def test_propose_links_only_the_city_own_alliances(
    member, other_member, liaison, category
):
    own = factories.AllianceFactory(kind="granting_member", granting_member=member)
    theirs = factories.AllianceFactory(
        kind="granting_member", granting_member=other_member
    )

    post = news_propose(
        member=member,
        author=liaison,
        data={"title": "T", "category": category, "related_alliances": [own, theirs]},
    )

    assert list(post.related_alliances.all()) == [own]


def test_return_sends_the_proposal_back_with_the_comment(submitted, editor):
    news_return(post=submitted, by=editor, comment=COMMENT)

    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (
        NewsPost.Status.DRAFT,
        COMMENT,
    )
    assert submitted.history.latest().history_user == editor


@pytest.mark.parametrize("status", [NewsPost.Status.DRAFT, NewsPost.Status.ARCHIVED])
def test_only_a_submitted_post_can_be_returned(submitted, editor, status):
    NewsPost.objects.filter(pk=submitted.pk).update(status=status)

    with pytest.raises(ProposalNotEditable):
        news_return(post=submitted, by=editor, comment=COMMENT)


def test_resubmit_refuses_a_post_awaiting_review(submitted, liaison):
    with pytest.raises(ProposalNotEditable):
        news_resubmit(post=submitted, by=liaison, data={"title": "Changed"})

    submitted.refresh_from_db()
    assert submitted.title == "Guangzhou hosts the forum"


# The admin


def run_action(client, action, *posts, **data):
    return client.post(
        admin_url(CHANGELIST, "changelist"),
        {"action": action, "_selected_action": [post.pk for post in posts], **data},
        follow=True,
    )


def test_editor_finds_the_proposals_awaiting_review(editor_client, submitted):
    factories.NewsPostFactory(title="Already out")

    response = editor_client.get(
        admin_url(CHANGELIST, "changelist"), {"status__exact": "submitted"}
    )

    assert list(response.context["cl"].result_list) == [submitted]
    assert "Guangzhou" in response.content.decode()  # the proposing city


def test_editor_can_write_a_comment_in_the_post_form(editor_client, submitted):
    response = editor_client.get(admin_url(CHANGELIST, "change", submitted.pk))

    assert "review_comment" in response.context["adminform"].form.fields


def test_return_action_asks_for_a_comment(editor_client, submitted):
    response = run_action(editor_client, "return_posts", submitted)

    html = response.content.decode()
    assert '<textarea name="comment"' in html
    assert "Guangzhou hosts the forum" in html
    submitted.refresh_from_db()
    assert submitted.status == NewsPost.Status.SUBMITTED


def test_return_action_sends_the_proposal_back_with_the_comment(
    editor_client, editor, submitted
):
    response = run_action(
        editor_client, "return_posts", submitted, apply="1", comment=COMMENT
    )

    assert "1 proposal returned to its proposer." in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (
        NewsPost.Status.DRAFT,
        COMMENT,
    )
    assert submitted.history.latest().history_user == editor


def test_return_action_without_a_comment_changes_nothing(editor_client, submitted):
    response = run_action(editor_client, "return_posts", submitted, apply="1")

    assert "This field is required." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == NewsPost.Status.SUBMITTED


def test_return_action_leaves_posts_not_awaiting_review_alone(editor_client):
    published = factories.NewsPostFactory()

    response = run_action(
        editor_client, "return_posts", published, apply="1", comment=COMMENT
    )

    assert "None of the selected posts is awaiting review." in (
        response.content.decode()
    )
    published.refresh_from_db()
    assert published.status == NewsPost.Status.PUBLISHED


def test_liaison_reads_the_editor_comment_in_the_portal(
    editor_client, client, liaison, submitted
):
    run_action(editor_client, "return_posts", submitted, apply="1", comment=COMMENT)
    client.force_login(liaison)

    response = client.get(reverse("portal:proposal-detail", args=[submitted.pk]))

    html = response.content.decode()
    assert "Returned to you" in html
    assert COMMENT in html


def test_published_proposal_appears_on_the_site_and_in_the_feed(
    client, liaison, editor, member
):
    category = factories.CategoryFactory()
    client.force_login(liaison)
    client.post(
        reverse("portal:proposal-create"),
        {"title": "Guangzhou opens a climate lab", "category": category.pk},
    )
    post = NewsPost.objects.get()
    assert client.get(post.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    client.force_login(editor)

    response = run_action(client, "publish_posts", post)

    assert "1 post published." in response.content.decode()
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == HTTPStatus.OK
    news = client.get(reverse("news:post-list")).content.decode()
    assert "Guangzhou opens a climate lab" in news
    feed = ET.fromstring(client.get(reverse("news:feed")).content)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Guangzhou opens a climate lab" in titles
    assert post.history.latest().history_user == editor


def test_liaison_cannot_reach_the_admin(client, liaison, submitted):
    client.force_login(liaison)

    response = client.get(admin_url(CHANGELIST, "changelist"))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))
