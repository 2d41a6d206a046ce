"""Bad values in the forms of the site and the admin."""

from http import HTTPStatus

import pytest
from django import forms
from django.contrib import admin

from news.models import NewsPost
from tests.hostile import payloads
from tests.hostile.bad_values.utils import KINDS, VALUES, rotated
from tests.hostile.form_pages import (
    FORM_PAGES,
    SITE_FORMS,
    main_form,
    must_refuse,
    open_form,
    page_django_forms,
    posted_field,
    visible_fields,
)
from tests.hostile.world import free_text_fields

pytestmark = pytest.mark.django_db


def snapshot(obj_or_model):
    """What a refused post must leave unchanged: the object's columns and
    history, or the model's row count."""
    if obj_or_model is None:
        return None
    if isinstance(obj_or_model, type):
        return obj_or_model._default_manager.count()
    obj = type(obj_or_model)._default_manager.get(pk=obj_or_model.pk)
    columns = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    history = getattr(obj, "history", None)
    return columns, history.count() if history is not None else None


def field_errors(response) -> dict[str, list]:
    errors = {}
    for form in page_django_forms(response):
        for name, messages in form.errors.items():
            errors[form.add_prefix(name)] = messages
    return errors


ROUNDS = {"site": 6, "admin-change": 3, "admin-add": 1}


def form_kind(name: str) -> str:
    if name in SITE_FORMS:
        return "site"
    return "admin-change" if name.endswith("-change") else "admin-add"


def form_rounds():
    """(page, round): six rounds of a site form, three of an admin change form,
    one of an admin add form (the same fields as the change form's)."""
    for name in FORM_PAGES:
        for round_ in range(ROUNDS[form_kind(name)]):
            yield pytest.param(name, round_, id=f"{name}-{round_}")


@pytest.mark.parametrize(("name", "round_"), list(form_rounds()))
def test_forms_refuse_bad_values_field_by_field(client, world, name, round_):
    page, extra, target = open_form(client, world, name)
    assert page.status_code == HTTPStatus.OK
    fields = visible_fields(page)
    data = main_form(page)
    sent = {}
    rounds = ROUNDS[form_kind(name)]
    for html_name in sorted(data):
        posted = posted_field(fields, html_name)
        if posted is not None:
            kind = rotated(round_, rounds, len(sent), KINDS)
            data[html_name] = [VALUES[kind]]
            sent[html_name] = (posted, kind)
    assert sent, "no field to fill in"
    before = snapshot(target)

    response = client.post(page.wsgi_request.path, {**data, **extra})

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    refused = {
        html_name: kind
        for html_name, (posted, kind) in sent.items()
        if must_refuse(posted.field, kind)
    }
    if not refused:
        return  # e.g. a password form given two junk passwords: a message
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)
    if response.status_code == HTTPStatus.OK:
        errors = field_errors(response)
        for html_name, kind in refused.items():
            posted = sent[html_name][0]
            assert posted.form.add_prefix(posted.name) in errors, (
                f"{html_name} took {kind}: {VALUES[kind][:40]!r}"
            )
        assert 'class="errorlist' in response.content.decode()
    assert snapshot(target) == before


def accepted_values(page) -> dict[str, str]:
    """Hostile but valid text for every free-text field of the page's form."""
    values = {}
    for html_name, posted in visible_fields(page).items():
        field = posted.field
        if (
            type(field) is forms.CharField
            and posted.form is page_django_forms(page)[0]
            and "password" not in html_name
        ):
            values[html_name] = payloads.accepted_text(field.max_length)
    return values


def has_free_text(name: str) -> bool:
    if not name.startswith("admin-"):
        return True
    model_name = name.split("-")[1]
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    return bool(free_text_fields(model))


MODEL_FORMS = [
    name
    for name in FORM_PAGES
    if name.startswith(("portal-", "admin-"))
    and name != "admin-return-proposals"
    # An empty add form needs more than text: the change form takes the text.
    and not name.endswith("-add")
    and has_free_text(name)
]


@pytest.mark.parametrize("name", MODEL_FORMS)
def test_forms_store_hostile_text_exactly(client, world, name):
    page, extra, target = open_form(client, world, name)
    values = accepted_values(page)
    if not values:
        pytest.skip("no free-text field")
    data = main_form(page)
    data.update({html_name: [value] for html_name, value in values.items()})
    if name == "portal-proposal-create":
        data["category"] = [world.category.pk]

    response = client.post(page.wsgi_request.path, {**data, **extra})

    assert response.status_code == HTTPStatus.FOUND, field_errors(response)
    if name == "portal-proposal-create":
        obj = NewsPost.objects.get(title=values["title"])
    else:
        obj = type(target)._default_manager.get(pk=target.pk)
    for html_name, value in values.items():
        assert getattr(obj, html_name) == value, html_name
