"""A member's website is an http(s) address with no quote, space or angle
bracket: refused alike by the API, the portal and the model's validation
(the admin's), and never stored."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from members.models import MemberCity
from tests.hostile.form_pages import main_form

pytestmark = pytest.mark.django_db

REFUSED = [
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'><script>alert(1)</script>",
    "https://example.org/a b",
    "https://example.org/<b>",
    "https://example.org/`x`",
    "javascript:alert(1)",
    "ftp://example.org/",
    "data:text/html,<script>alert(1)</script>",
]
TAKEN = ["https://www.guangzhou.gov.cn/", "http://example.org/a?b=c&d=%22#top"]


@pytest.mark.parametrize("website", REFUSED)
def test_the_api_refuses_the_website(editor, member, website):
    client = APIClient()
    client.force_login(editor)

    response = client.patch(
        reverse("api:membercity-detail", args=[member.slug]), {"website": website}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["errors"]) == ["website"]
    member.refresh_from_db()
    assert member.website == ""


@pytest.mark.parametrize("website", TAKEN)
def test_the_api_takes_an_ordinary_website(editor, member, website):
    client = APIClient()
    client.force_login(editor)

    response = client.patch(
        reverse("api:membercity-detail", args=[member.slug]), {"website": website}
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert MemberCity.objects.get(pk=member.pk).website == website


@pytest.mark.parametrize("website", REFUSED)
def test_model_validation_refuses_the_website(member, website):
    member.website = website

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert list(refused.value.message_dict) == ["website"]
    assert len(refused.value.message_dict["website"]) == 1


@pytest.mark.parametrize("website", REFUSED[:5])
def test_the_portal_refuses_the_website(client, liaison, member, website):
    client.force_login(liaison)
    url = reverse("portal:profile")
    fields = main_form(client.get(url))

    response = client.post(url, {**fields, "website": website})

    assert response.status_code == HTTPStatus.OK
    assert "website" in response.context["form"].errors
    member.refresh_from_db()
    assert member.website == ""
