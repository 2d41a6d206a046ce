"""The news post's change page: "Save and publish" and "Save and return to the
proposer", through the services the bulk actions use."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission

from news.models import NewsPost
from tests import factories
from tests.admin_utils import admin_url, changeform_data

pytestmark = pytest.mark.django_db

PUBLISH = 'name="_publish"'
RETURN = 'name="_return"'


@pytest.fixture
def submitted(member):
    return factories.NewsPostFactory(
        status=NewsPost.Status.SUBMITTED,
        published_at=None,
        proposed_by=member,
        title="Guangzhou opens a lab",
    )


def change_url(post: NewsPost) -> str:
    return admin_url("news.newspost", "change", post.pk)


def press(client, post: NewsPost, button: str, **changes):
    data = changeform_data(client.get(change_url(post)))
    return client.post(change_url(post), {**data, **changes, button: "1"})


def test_a_proposal_awaiting_review_offers_publish_and_return(editor_client, submitted):
    content = editor_client.get(change_url(submitted)).content.decode()
    assert PUBLISH in content
    assert RETURN in content


def test_a_draft_offers_publish_but_not_return(editor_client):
    post = factories.NewsPostFactory(status=NewsPost.Status.DRAFT, published_at=None)
    content = editor_client.get(change_url(post)).content.decode()
    assert PUBLISH in content
    assert RETURN not in content


def test_a_published_post_offers_neither(editor_client):
    post = factories.NewsPostFactory(status=NewsPost.Status.PUBLISHED)
    content = editor_client.get(change_url(post)).content.decode()
    assert PUBLISH not in content
    assert RETURN not in content


def test_a_viewer_without_change_permission_gets_no_buttons(client, submitted):
    viewer = factories.UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_newspost", content_type__app_label="news")
    )
    client.force_login(viewer)
    response = client.get(change_url(submitted))
    assert response.status_code == HTTPStatus.OK
    assert PUBLISH not in response.content.decode()


def test_save_and_publish_publishes_with_the_edits(editor_client, editor, submitted):
    response = press(editor_client, submitted, "_publish", title="Lab opens")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == change_url(submitted)
    submitted.refresh_from_db()
    assert submitted.title == "Lab opens"
    assert submitted.status == NewsPost.Status.PUBLISHED
    assert submitted.published_at is not None
    latest = submitted.history.latest()
    assert (latest.status, latest.history_user) == (NewsPost.Status.PUBLISHED, editor)


def test_save_and_return_sends_the_proposal_back_with_the_comment(
    editor_client, submitted
):
    response = press(
        editor_client, submitted, "_return", review_comment="Add the dates."
    )

    assert response.status_code == HTTPStatus.FOUND
    submitted.refresh_from_db()
    assert submitted.status == NewsPost.Status.DRAFT
    assert submitted.review_comment == "Add the dates."


def test_return_without_a_comment_is_refused_on_the_field(editor_client, submitted):
    response = press(editor_client, submitted, "_return", review_comment="")

    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors
    assert "review_comment" in errors
    submitted.refresh_from_db()
    assert submitted.status == NewsPost.Status.SUBMITTED


def test_return_says_so_when_the_post_is_no_longer_awaiting_review(
    editor_client, submitted
):
    data = changeform_data(editor_client.get(change_url(submitted)))
    NewsPost.objects.filter(pk=submitted.pk).update(status=NewsPost.Status.ARCHIVED)

    response = editor_client.post(
        change_url(submitted),
        {**data, "status": "archived", "review_comment": "Late.", "_return": "1"},
        follow=True,
    )

    assert "not awaiting review" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == NewsPost.Status.ARCHIVED
