import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import NewsPost
from tests import factories

pytestmark = pytest.mark.django_db

LIST_SIZES = [3, 25]
Status = NewsPost.Status
HIDDEN_POSTS = {
    "draft": {"status": Status.DRAFT, "published_at": None},
    "submitted": {"status": Status.SUBMITTED, "published_at": None},
    "archived": {"status": Status.ARCHIVED},
    "scheduled": {
        "published_at": timezone.now() + datetime.timedelta(days=1),
    },
}
UNSAFE_MARKDOWN = (
    "Hello <script>alert('xss')</script>\n\n"
    '<img src="x.png" onerror="alert(1)">\n\n'
    "[click me](javascript:alert(1))"
)


def titles(response):
    return [post.title for post in response.context["object_list"]]


def get_post(client, post):
    return client.get(reverse("news:post-detail", args=[post.slug]))


# The list


def test_news_list_shows_published_posts_only(client):
    factories.NewsPostFactory(title="Public news")
    for name, hidden in HIDDEN_POSTS.items():
        factories.NewsPostFactory(title=f"Hidden {name}", **hidden)

    response = client.get(reverse("news:post-list"))

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Public news"]
    assert "Hidden" not in response.content.decode()


def test_news_list_filters_by_category(client):
    innovation = factories.CategoryFactory(name="Urban Innovation", slug="innovation")
    factories.NewsPostFactory(title="Innovative", category=innovation)
    factories.NewsPostFactory(title="Elsewhere")

    response = client.get(reverse("news:post-list"), {"category": "innovation"})

    assert titles(response) == ["Innovative"]


def follow(client, response, rel):
    """The page behind the list's "Older news" (next) or "Newer news" (prev) link."""
    html = response.content.decode()
    marker = f'" rel="{rel}">'
    if marker not in html:
        return None
    href = html[: html.index(marker)].rsplit('href="', 1)[1].replace("&amp;", "&")
    return client.get(reverse("news:post-list") + href)


def test_news_list_pages_newest_first_with_older_and_newer_links(client):
    now = timezone.now()
    for hours in range(1, 22):
        factories.NewsPostFactory(
            title=f"{hours} hours ago",
            published_at=now - datetime.timedelta(hours=hours),
        )

    first = client.get(reverse("news:post-list"))
    second = follow(client, first, "next")
    third = follow(client, second, "next")
    back = follow(client, third, "prev")

    assert titles(first) == [f"{hours} hours ago" for hours in range(1, 11)]
    assert titles(second) == [f"{hours} hours ago" for hours in range(11, 21)]
    assert titles(third) == ["21 hours ago"]
    assert follow(client, third, "next") is None
    assert titles(back) == titles(second)
    assert follow(client, first, "prev") is None
    assert "Latest news" in third.content.decode()
    assert "Older news" in first.content.decode()


def test_news_list_keeps_the_category_filter_across_pages(client):
    innovation = factories.CategoryFactory(name="Urban Innovation", slug="innovation")
    factories.NewsPostFactory.create_batch(12, category=innovation)
    factories.NewsPostFactory.create_batch(5)

    first = client.get(reverse("news:post-list"), {"category": "innovation"})
    second = follow(client, first, "next")

    assert len(titles(second)) == 2
    assert follow(client, second, "next") is None


@pytest.mark.parametrize("cursor", ["junk", "eyJvIjpbXX0", "\x00"])
def test_a_broken_older_news_link_is_not_found(client, cursor):
    factories.NewsPostFactory()

    response = client.get(reverse("news:post-list"), {"cursor": cursor})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_category_page_lists_its_published_posts(client):
    innovation = factories.CategoryFactory(name="Urban Innovation", slug="innovation")
    factories.NewsPostFactory(title="Innovative", category=innovation)
    factories.NewsPostFactory(
        title="Not yet", category=innovation, **HIDDEN_POSTS["scheduled"]
    )
    factories.NewsPostFactory(title="Elsewhere")

    response = client.get(reverse("news:category", args=["innovation"]))

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Innovative"]
    assert "<h1>Urban Innovation</h1>" in response.content.decode()


def test_category_page_of_an_unknown_slug_is_not_found(client):
    response = client.get(reverse("news:category", args=["nothing"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("size", LIST_SIZES)
def test_news_lists_cost_the_same_queries_whatever_their_size(
    client, django_assert_num_queries, size
):
    category = factories.CategoryFactory()
    factories.NewsPostFactory.create_batch(size, category=category)
    factories.CategoryFactory.create_batch(size)

    # The posts, the categories of the sidebar and of the filter (or the
    # category itself): no count, whatever the page.
    with django_assert_num_queries(3):
        first = client.get(reverse("news:post-list"))
    with django_assert_num_queries(3):
        client.get(reverse("news:category", args=[category.slug]))
    if size > 10:
        with django_assert_num_queries(3):
            follow(client, first, "next")


# A post


def test_post_page_shows_the_post(client, member):
    alliance = factories.AllianceFactory(title="Guangzhou MoU")
    draft_alliance = factories.AllianceFactory(
        title="Secret deal", signed_on=None, start_date=None, term_years=None
    )
    post = factories.NewsPostFactory(
        title="Metropolis signs with Guangzhou",
        category=factories.CategoryFactory(name="Urban Innovation"),
        body="The **historic** agreement.",
    )
    post.related_members.add(member)
    post.related_alliances.add(alliance, draft_alliance)

    response = get_post(client, post)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<strong>historic</strong>" in html
    assert "Urban Innovation" in html
    assert member.get_absolute_url() in html
    assert "Guangzhou MoU" in html
    assert "Secret deal" not in html
    assert "Preview" not in html


def test_post_page_has_opengraph_meta(client):
    post = factories.NewsPostFactory(title="Big news", summary="What happened.")

    html = get_post(client, post).content.decode()

    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Big news">' in html
    assert '<meta property="og:description" content="What happened.">' in html
    url = f"http://testserver{post.get_absolute_url()}"
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta name="description" content="What happened.">' in html


def test_post_page_renders_unsafe_markdown_inert(client):
    post = factories.NewsPostFactory(body=UNSAFE_MARKDOWN)

    html = get_post(client, post).content.decode()

    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "click me" in html


@pytest.mark.parametrize("hidden", HIDDEN_POSTS)
def test_post_page_of_a_post_not_public_is_not_found(client, hidden):
    post = factories.NewsPostFactory(**HIDDEN_POSTS[hidden])

    assert get_post(client, post).status_code == HTTPStatus.NOT_FOUND


def test_post_page_not_public_is_not_found_for_a_liaison(client, liaison):
    post = factories.NewsPostFactory(**HIDDEN_POSTS["submitted"])
    client.force_login(liaison)

    assert get_post(client, post).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("hidden", HIDDEN_POSTS)
def test_editor_previews_a_post_not_public(editor_client, hidden):
    post = factories.NewsPostFactory(title="Upcoming news", **HIDDEN_POSTS[hidden])

    response = get_post(editor_client, post)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Preview — not public" in html
    assert "Upcoming news" in html


@pytest.mark.parametrize("size", LIST_SIZES)
def test_post_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, size
):
    post = factories.NewsPostFactory()
    post.related_members.add(*factories.MemberCityFactory.create_batch(size))
    post.related_alliances.add(*factories.AllianceFactory.create_batch(size))

    with django_assert_num_queries(3):
        get_post(client, post)
