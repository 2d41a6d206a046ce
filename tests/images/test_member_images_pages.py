"""A member city's emblem and photo on its page, in OpenGraph and on the
directory's cards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.images.test_member_images import PHOTO_ALT, with_images

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:member-list")


def page(client, member) -> str:
    return client.get(member.get_absolute_url()).content.decode()


def test_the_photo_is_the_page_s_hero_with_its_caption(client, member):
    with_images(member)

    html = page(client, member)

    key = member.photo.key
    hero = html[html.index('<figure class="member-photo">') :]
    assert f'srcset="/media/images/{key}-320.webp 320w' in hero
    assert f"/media/images/{key}-800.jpg 800w" in hero
    assert 'width="800" height="600"' in hero and 'fetchpriority="high"' in hero
    assert 'loading="lazy"' not in hero[: hero.index("</figure>")]
    assert f'alt="{PHOTO_ALT["photo_alt"]}"' in hero
    assert "<figcaption>Photo: the city of Guangzhou</figcaption>" in hero


def test_the_emblem_stands_beside_the_name(client, member):
    with_images(member)

    html = page(client, member)

    title = html[html.index('<header class="member-title">') :]
    title = title[: title.index("</header>")]
    assert 'alt="Emblem of Guangzhou"' in title
    assert f"/media/images/{member.emblem.key}-400.jpg" in title
    assert "<h1>Guangzhou</h1>" in title


def test_a_french_page_describes_the_images_in_french(client, member):
    with_images(member)

    with translation.override("fr"):
        html = page(client, member)

    assert f'alt="{PHOTO_ALT["photo_alt_fr"]}"' in html
    assert 'alt="Emblème de Guangzhou"' in html
    assert PHOTO_ALT["photo_alt"] not in html


def test_a_city_without_images_shows_none(client, member):
    html = page(client, member)

    assert "<picture" not in html and "og:image" not in html
    assert "<h1>Guangzhou</h1>" in html


def test_opengraph_shows_the_photo(client, member):
    with_images(member)

    html = page(client, member)

    url = f"http://testserver/media/images/{member.photo.key}-800.jpg"
    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta property="og:image:width" content="800">' in html
    assert f'<meta property="og:image:alt" content="{PHOTO_ALT["photo_alt"]}">' in html
    assert (
        '<meta property="og:url" content="http://testserver/members/guangzhou/">'
        in html
    )


def test_opengraph_shows_the_emblem_when_there_is_no_photo(client, member):
    with_images(member)
    member.photo = None
    member.save()

    html = page(client, member)

    url = f"http://testserver/media/images/{member.emblem.key}-400.jpg"
    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta property="og:image:alt" content="Emblem of Guangzhou">' in html


def test_the_directory_cards_show_each_emblem_small_and_lazy(
    client, member, other_member
):
    with_images(member)

    html = client.get(DIRECTORY).content.decode()

    cards = html.split('<li class="card')[1:]
    dakar, guangzhou = cards  # by name
    assert "<picture" not in dakar
    assert guangzhou.startswith(" card-with-emblem")
    assert 'class="card-emblem"' in guangzhou and 'sizes="3rem"' in guangzhou
    assert f'src="/media/images/{member.emblem.key}-320.jpg"' in guangzhou
    assert 'loading="lazy"' in guangzhou and 'alt="Emblem of Guangzhou"' in guangzhou
    # The photo is for the city's page, not the card.
    assert member.photo.key not in html


def test_the_directory_costs_the_same_queries_for_3_and_27_cities(
    client, django_assert_max_num_queries
):
    for city in factories.MemberCityFactory.create_batch(3):
        with_images(city)
    # Each time the first view after a change: nothing from a cache.
    with CaptureQueriesContext(connection) as small:
        client.get(DIRECTORY)
    assert len(small)  # made afresh
    for city in factories.MemberCityFactory.create_batch(24):
        with_images(city)

    with django_assert_max_num_queries(len(small)):
        html = client.get(DIRECTORY).content.decode()

    assert html.count('class="card-emblem"') == 24  # a page
