"""News posts: constraints, scheduled publishing, and Markdown made safe."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from news.models import Category, NewsPost
from tests.factories import CategoryFactory, MemberCityFactory, NewsPostFactory

pytestmark = pytest.mark.django_db

Status = NewsPost.Status
NOW = datetime.datetime(2021, 8, 2, 10, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def validation_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


# Constraints


def test_post_slug_is_unique_in_the_database():
    post = NewsPostFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsPostFactory(slug=post.slug)


def test_post_validation_names_the_duplicate_slug():
    post = NewsPostFactory()
    duplicate = NewsPostFactory.build(slug=post.slug, category=post.category)
    assert list(validation_errors(duplicate)) == ["slug"]


def test_category_slug_is_unique_in_the_database():
    CategoryFactory(slug="urban-innovation")
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="Urban Innovation", slug="urban-innovation")


def test_published_post_needs_its_time_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsPostFactory(status=Status.PUBLISHED, published_at=None)


def test_post_cannot_be_published_without_time_by_an_update():
    post = NewsPostFactory(status=Status.DRAFT, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsPost.objects.filter(pk=post.pk).update(status=Status.PUBLISHED)


def test_post_validation_asks_for_the_publish_time():
    post = NewsPostFactory.build(
        status=Status.PUBLISHED, published_at=None, category=CategoryFactory()
    )
    assert validation_errors(post) == {
        "published_at": ["A published post needs its publish time."]
    }


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED])
def test_unpublished_post_needs_no_time(status):
    NewsPostFactory(status=status, published_at=None).full_clean()


# Visibility: published, and its time has come.

VISIBILITY = [
    # (status, publish time relative to NOW, public, scheduled)
    (Status.PUBLISHED, -HOUR, True, False),
    (Status.PUBLISHED, datetime.timedelta(0), True, False),
    (Status.PUBLISHED, HOUR, False, True),
    (Status.DRAFT, -HOUR, False, False),
    (Status.SUBMITTED, -HOUR, False, False),
    (Status.ARCHIVED, -HOUR, False, False),
    (Status.DRAFT, None, False, False),
]


@pytest.mark.parametrize(("status", "offset", "public", "scheduled"), VISIBILITY)
def test_post_is_public_once_published_and_its_time_has_come(
    status, offset, public, scheduled
):
    published_at = None if offset is None else NOW + offset
    post = NewsPostFactory(status=status, published_at=published_at)
    assert post.is_public(NOW) is public
    assert NewsPost.objects.published(NOW).contains(post) is public


@pytest.mark.parametrize(("status", "offset", "public", "scheduled"), VISIBILITY)
def test_scheduled_means_published_with_a_time_to_come(
    status, offset, public, scheduled
):
    published_at = None if offset is None else NOW + offset
    post = NewsPostFactory(status=status, published_at=published_at)
    assert NewsPost.objects.scheduled(NOW).contains(post) is scheduled


def test_published_defaults_to_now():
    past = NewsPostFactory()  # published an hour ago
    NewsPostFactory(published_at=past.published_at + 2 * HOUR)
    assert past.is_public()
    assert list(NewsPost.objects.published()) == [past]


def test_awaiting_review_lists_submitted_posts():
    submitted = NewsPostFactory(status=Status.SUBMITTED, published_at=None)
    NewsPostFactory(status=Status.DRAFT, published_at=None)
    NewsPostFactory()
    assert list(NewsPost.objects.awaiting_review()) == [submitted]


def test_about_member_lists_posts_related_to_the_member(member, other_member):
    about = NewsPostFactory()
    about.related_members.add(member, other_member)
    NewsPostFactory().related_members.add(other_member)
    NewsPostFactory()
    assert list(NewsPost.objects.about_member(member)) == [about]


def test_public_posts_about_a_member_chain(member):
    public = NewsPostFactory()
    draft = NewsPostFactory(status=Status.DRAFT)
    for post in (public, draft):
        post.related_members.add(member)
    assert list(NewsPost.objects.published().about_member(member)) == [public]


def test_about_member_with_no_posts_is_empty():
    NewsPostFactory().related_members.add(MemberCityFactory())
    assert not NewsPost.objects.about_member(MemberCityFactory()).exists()


# Markdown


def body_html(markdown: str) -> str:
    """The HTML stored for a post of body `markdown`, as a reader gets it."""
    post = NewsPostFactory(body=markdown)
    return NewsPost.objects.get(pk=post.pk).body_html


def test_body_renders_bold():
    assert "<strong>Guangzhou</strong>" in body_html("**Guangzhou**")


def test_body_renders_lists():
    html = body_html("- Barcelona\n- Dakar\n")
    assert "<ul>" in html
    assert "<li>Barcelona</li>" in html


def test_body_renders_numbered_lists():
    assert "<ol>" in body_html("1. First\n2. Second\n")


@pytest.mark.parametrize("url", ["https://www.metropolis.org/", "http://example.org/"])
def test_body_keeps_web_links(url):
    html = body_html(f"[Metropolis]({url})")
    assert f'href="{url}"' in html
    assert ">Metropolis</a>" in html


def test_body_links_do_not_pass_on_the_referrer():
    html = body_html("[Metropolis](https://www.metropolis.org/)")
    assert 'rel="noopener noreferrer nofollow"' in html


def test_body_removes_scripts():
    html = body_html("Hello <script>alert('x')</script> world")
    assert "<script" not in html
    assert "alert" not in html


@pytest.mark.parametrize(
    "markdown",
    [
        '<img src="https://example.org/a.png" onerror="alert(1)">',
        '<p onclick="alert(1)">Click</p>',
        '<a href="https://example.org/" onmouseover="alert(1)">Hover</a>',
    ],
)
def test_body_removes_event_handlers(markdown):
    html = body_html(markdown)
    assert "alert" not in html
    assert " on" not in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        "<javascript:alert(1)>",
    ],
)
def test_body_removes_javascript_links(markdown):
    html = body_html(markdown).lower()
    # No attribute holds the script; the autolink's text may still read it.
    assert not re.search(r"=\s*[\"']?\s*javascript:", html)
    assert "href" not in html


def test_body_removes_inline_styles_and_iframes():
    html = body_html(
        '<p style="color:red">Hi</p><iframe src="https://example.org/"></iframe>'
    )
    assert "style=" not in html
    assert "<iframe" not in html


def test_empty_body_renders_nothing():
    assert body_html("") == ""
