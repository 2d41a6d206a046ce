"""The stored body HTML: the services and the portal."""

import pytest
from django.urls import reverse

from news.markdown import render_markdown
from news.models import NewsPost
from news.services import news_propose, news_resubmit
from tests.news.body_html.utils import assert_inert, stored_html
from tests.news.test_views import UNSAFE_MARKDOWN

pytestmark = pytest.mark.django_db


def test_a_proposal_and_its_resubmission_store_their_html(member, liaison, category):
    data = {"title": "A forum", "category": category, "body": "On **3 May**."}
    post = news_propose(member=member, author=liaison, data=data)
    assert stored_html(post) == "<p>On <strong>3 May</strong>.</p>"

    NewsPost.objects.filter(pk=post.pk).update(status=NewsPost.Status.DRAFT)
    news_resubmit(post=post, by=liaison, data={"body": "On **5 May**."})

    assert stored_html(post) == "<p>On <strong>5 May</strong>.</p>"


def test_a_portal_proposal_and_its_change_store_their_html(client, liaison, category):
    client.force_login(liaison)
    data = {
        "title": "Guangzhou opens a climate lab",
        "category": category.pk,
        "summary": "A lab.",
        "body": "The lab opens in **May**.",
    }
    client.post(reverse("portal:proposal-create"), {**data, "submit": "1"})
    post = NewsPost.objects.get()
    assert stored_html(post) == "<p>The lab opens in <strong>May</strong>.</p>"

    NewsPost.objects.filter(pk=post.pk).update(status=NewsPost.Status.DRAFT)
    client.post(
        reverse("portal:proposal-edit", args=[post.pk]),
        {**data, "body": UNSAFE_MARKDOWN},
    )

    post.refresh_from_db()
    assert post.status == NewsPost.Status.SUBMITTED
    assert post.body == UNSAFE_MARKDOWN
    assert post.body_html == render_markdown(UNSAFE_MARKDOWN)
    assert_inert(post.body_html)
    page = client.get(reverse("portal:proposal-detail", args=[post.pk]))
    assert "<p>Hello" in page.content.decode()
    assert_inert(page.content.decode())
