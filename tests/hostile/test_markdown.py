"""A Markdown body cannot hold a worker: every pathological body renders within
a bound the test process keeps (a worker process it ends when the bound
passes), and a body too long or nested too deep is refused where it comes in,
with the field named."""

import multiprocessing
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from news.markdown import (
    BODY_MAX_LENGTH,
    BODY_MAX_NESTING,
    markdown_nesting,
    render_markdown,
    validate_markdown_body,
)
from news.models import NewsPost
from tests import factories
from tests.hostile.markdown_bombs import BOMBS, TOO_DEEP, nested_lists, render_length
from tools.demo.data import NEWS_POST_BODY

pytestmark = pytest.mark.django_db

# Not a speed target (each renders in well under a second): a bound on a hang,
# loose enough for a busy CI machine. Python-Markdown took minutes on "[".
BUDGET_SECONDS = 15

OVERSIZED = {
    "200 KB of [": "[" * 200_000,
    "lists nested 600 deep": "- " * 600 + "item",
    "quotes nested 600 deep": ">" * 600 + " quoted",
}


@pytest.fixture(scope="module")
def worker():
    """A process to render in, ended (and replaced) if it overruns."""
    context = multiprocessing.get_context("fork")
    state = {"pool": context.Pool(1)}
    yield state
    state["pool"].terminate()
    state["pool"].join()


@pytest.mark.parametrize("name", BOMBS)
def test_every_pathological_body_renders_within_the_budget(worker, name):
    job = worker["pool"].apply_async(render_length, (BOMBS[name],))
    try:
        job.get(timeout=BUDGET_SECONDS)
    except multiprocessing.TimeoutError:
        worker["pool"].terminate()
        worker["pool"] = multiprocessing.get_context("fork").Pool(1)
        pytest.fail(f"{name!r} took over {BUDGET_SECONDS} s to render")


def test_the_demo_post_renders_as_before():
    html = render_markdown(NEWS_POST_BODY)

    assert html.startswith("<p>Metropolis and the Guangzhou Foreign Affairs Office")
    assert "<strong>President of the association</strong>" in html
    assert html.count("<p>") == NEWS_POST_BODY.count("\n\n") + 1


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("The lab opens in **May**.", "<p>The lab opens in <strong>May</strong>.</p>"),
        ("- Barcelona\n- Paris\n", "<ul>\n<li>Barcelona</li>\n<li>Paris</li>\n</ul>"),
        ("3. Three\n4. Four", "<ol>\n<li>Three</li>\n<li>Four</li>\n</ol>"),
        (
            "| a | b |\n|---|:-:|\n| 1 | 2 |",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
        ),
    ],
)
def test_ordinary_markdown_renders_as_python_markdown_did(markdown, html):
    assert render_markdown(markdown) == html


@pytest.mark.parametrize("name", BOMBS)
def test_only_bodies_nested_too_deep_are_refused(name):
    body = BOMBS[name]
    if name in TOO_DEEP:
        with pytest.raises(ValidationError) as refused:
            validate_markdown_body(body)
        assert refused.value.code == "max_nesting"
    else:
        validate_markdown_body(body)


def test_nesting_up_to_the_limit_is_taken_whole():
    body = nested_lists(BODY_MAX_NESTING)
    assert markdown_nesting(body) == BODY_MAX_NESTING
    validate_markdown_body(body)
    # Nothing cut: every item is there.
    assert render_markdown(body).count("<li>item") == BODY_MAX_NESTING

    with pytest.raises(ValidationError):
        validate_markdown_body(nested_lists(BODY_MAX_NESTING + 1))


# Where a body comes in ----------------------------------------------------


@pytest.fixture
def category():
    return factories.CategoryFactory(name="Urban Innovation", slug="urban-innovation")


def api_post(category, body: str) -> dict:
    return {
        "title": "A bomb",
        "slug": "a-bomb",
        "category_slug": category.slug,
        "body": body,
    }


@pytest.mark.parametrize("name", OVERSIZED)
def test_the_api_refuses_the_body_naming_the_field(editor, category, name):
    client = APIClient()
    client.force_login(editor)

    response = client.post(
        reverse("api:newspost-list"), api_post(category, OVERSIZED[name])
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["body"]
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize("name", OVERSIZED)
def test_the_api_refuses_the_body_on_update(editor, category, name):
    post = factories.NewsPostFactory(category=category, body="Before.")
    client = APIClient()
    client.force_login(editor)

    response = client.patch(
        reverse("api:newspost-detail", args=[post.slug]), {"body": OVERSIZED[name]}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["body"]
    post.refresh_from_db()
    assert (post.body, post.body_html) == ("Before.", "<p>Before.</p>")


@pytest.mark.parametrize("button", ["preview", "submit"])
@pytest.mark.parametrize("name", OVERSIZED)
def test_the_portal_refuses_the_body_on_preview_and_submit(
    client, liaison, category, name, button
):
    client.force_login(liaison)

    response = client.post(
        reverse("portal:proposal-create"),
        {
            "title": "A bomb",
            "category": category.pk,
            "body": OVERSIZED[name],
            button: "1",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert list(response.context["form"].errors) == ["body"]
    assert response.context.get("preview") is None
    assert not NewsPost.objects.exists()


@pytest.mark.parametrize("name", OVERSIZED)
def test_the_admin_refuses_the_body(client, superuser, category, name):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:news_newspost_add"),
        {
            "title": "A bomb",
            "slug": "a-bomb",
            "category": category.pk,
            "status": NewsPost.Status.DRAFT,
            "body": OVERSIZED[name],
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "body" in response.context["adminform"].form.errors
    assert not NewsPost.objects.exists()


def test_the_limits_are_the_documented_ones():
    assert BODY_MAX_LENGTH == 20_000
    assert BODY_MAX_NESTING == 10
