"""Lead images on the pages, the feed and OpenGraph; how they are served."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.images import prepare, store
from news.models import NewsPost
from tests import factories
from tests.images.conftest import jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def with_image(**kwargs) -> NewsPost:
    image = store(prepare(upload(jpeg_bytes((1600, 900)))))
    return factories.NewsPostFactory(
        lead_image=image,
        lead_image_alt="Trams on the bridge",
        lead_image_caption="Photo: Metropolis, CC0",
        **kwargs,
    )


def test_the_post_page_shows_its_lead_picture_first(client):
    post = with_image(title="Trams cross the river")

    html = client.get(post.get_absolute_url()).content.decode()

    key = post.lead_image.key
    assert f'srcset="/media/images/{key}-320.webp 320w' in html
    assert f"/media/images/{key}-1280.jpg 1280w" in html
    assert 'width="1280" height="720"' in html
    assert 'fetchpriority="high"' in html and 'alt="Trams on the bridge"' in html
    assert 'loading="lazy"' not in html
    assert "Photo: Metropolis, CC0" in html


def test_opengraph_names_the_image_by_an_absolute_url_on_the_site(client):
    post = with_image()

    html = client.get(post.get_absolute_url()).content.decode()

    url = f"http://testserver/media/images/{post.lead_image.key}-1280.jpg"
    assert f'<meta property="og:image" content="{url}">' in html


def queries_of(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return len(queries), html


@pytest.mark.parametrize(
    "url", [reverse("news:post-list"), reverse("home"), reverse("news:feed")]
)
def test_lists_with_images_cost_the_same_queries_whatever_their_length(
    client, url, django_assert_max_num_queries
):
    with_image()
    client.get(url)  # caches that are not per page
    few, _html = queries_of(client, url)
    for _ in range(4):
        with_image()
    factories.NewsPostFactory(title="Text only")

    with django_assert_max_num_queries(few):
        html = client.get(url).content.decode()

    assert html.count("/media/images/") >= 5


def test_the_feed_links_each_image(client):
    post = with_image()

    xml = client.get(reverse("news:feed")).content.decode()

    url = f"http://testserver/media/images/{post.lead_image.key}-1280.jpg"
    assert f'<link href="{url}" length=' in xml and 'rel="enclosure"' in xml
    assert 'type="image/jpeg"' in xml


def test_a_rendition_is_served_with_a_year_of_cache(client):
    post = with_image()

    response = client.get(post.lead_image.url(640, "webp"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "name", ["..%2F..%2Fsettings.py", "abc-320.jpg", "0" * 32 + "-320.png"]
)
def test_a_name_outside_the_pattern_is_not_found(client, name):
    response = client.get(f"/media/images/{name}")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_draft_image_has_no_guessable_url(client):
    draft = with_image(status=NewsPost.Status.DRAFT, published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    feed = client.get(reverse("news:feed")).content.decode()
    html = client.get(reverse("news:post-list")).content.decode()
    assert draft.lead_image.key not in feed + html
    # The name is an HMAC of the pixels under the site's secret: 128 bits.
    assert len(draft.lead_image.key) == 32
    assert draft.lead_image.key != draft.lead_image.key[:16] * 2


def test_pages_allow_images_from_this_site_only(client):
    response = client.get(reverse("news:post-list"))

    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data:;" in policy or policy.endswith("img-src 'self' data:")
