"""Bad values in every input: each is refused with a message naming the field
(a form shows it again, the API answers 400) or stored exactly as sent; never
a 500, never a half-written record.

Forms are found on their pages and posted back as a browser would, with every
field changed at once: a field that must refuse a value has to say so even
when others are wrong too. The values rotate over the fields from one request
to the next: each field meets a share of them, each value many fields.
"""

import json
from http import HTTPStatus
from urllib.parse import quote
from xml.etree import ElementTree

import django_filters
import pytest
from django import forms
from django.contrib import admin
from django.urls import get_resolver, resolve, reverse
from django_filters.views import FilterView
from rest_framework import serializers

from core.api.serializers import StrictCharField
from metropolis.api.urls import router
from news.models import NewsPost
from tests import factories
from tests.hostile import payloads
from tests.hostile.conftest import (
    FORM_PAGES,
    SITE_FORMS,
    assert_json,
    free_text_fields,
    main_form,
    must_refuse,
    open_form,
    page_django_forms,
    posted_field,
    visible_fields,
)

pytestmark = pytest.mark.django_db

KINDS = [kind for kind, _value in payloads.FORM_VALUES]
VALUES = dict(payloads.FORM_VALUES)


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


def rotated(round_: int, rounds: int, index: int, kinds: list[str]) -> str:
    """The value kind field `index` gets in `round_`: over the rounds each field
    meets a share of the kinds, and neighbouring fields the other kinds."""
    stride = -(-len(kinds) // rounds)  # ceiling division
    return kinds[(round_ * stride + index) % len(kinds)]


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


# The API ----------------------------------------------------------------------

# NaN, Infinity and lone surrogates are not JSON text: a body holding one is
# refused whole (below).
WHOLE_BODY_KINDS = ("nan", "float-overflow", "surrogate")
API_KINDS = [k for k, _v in payloads.JSON_VALUES if k not in WHOLE_BODY_KINDS]
API_VALUES = dict(payloads.JSON_VALUES)
RESOURCES = [
    pytest.param(viewset, basename, id=prefix)
    for prefix, viewset, basename in router.registry
]
# Relations, numbers, dates and choices take nothing but their own values.
TYPED_API_FIELDS = (
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.DecimalField,
    serializers.FloatField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.RelatedField,
    serializers.ManyRelatedField,
    serializers.URLField,
    serializers.EmailField,
)
NOT_A_SLUG = {"sql", "nul", "control", "surrogate", "path", "long"}


def writable(viewset) -> dict[str, serializers.Field]:
    fields = viewset.serializer_class(context={}).fields
    return {name: field for name, field in fields.items() if not field.read_only}


def api_must_refuse(field, kind: str) -> bool:
    """Whether an API field has to refuse a JSON_VALUES value of `kind`."""
    if kind in ("empty", "null"):
        return False  # optional fields take them
    if kind in ("nul", "object"):
        return True
    if isinstance(field, serializers.ListField):
        return kind != "list"
    if kind == "negative" and isinstance(field, serializers.DecimalField):
        return False  # a rule of the model's clean(): see the test below
    if kind == "list" or isinstance(field, TYPED_API_FIELDS):
        return True
    if isinstance(field, serializers.SlugField) and kind in NOT_A_SLUG:
        return True
    return (
        kind == "long"
        and field.max_length is not None
        and field.max_length < len(payloads.LONG)
    )


def stored(obj):
    """The object's columns and its many-to-many keys, as the database has them."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    columns = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        columns[field.name] = sorted(getattr(obj, field.name).values_list("pk"))
    return columns


def world_object(viewset):
    return viewset.queryset.model._default_manager.order_by("pk").last()


def api_write(client, viewset, basename, method, body):
    if method == "post":
        url = reverse(f"api:{basename}-list")
    else:
        key = getattr(world_object(viewset), viewset.lookup_field)
        url = reverse(f"api:{basename}-detail", args=[key])
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json"
    )


API_ROUNDS = 8


@pytest.mark.parametrize("round_", range(API_ROUNDS))
@pytest.mark.parametrize("method", ["post", "put"])
@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_refuses_bad_values_field_by_field(
    client, world, viewset, basename, method, round_
):
    client.force_login(world.editor)
    fields = writable(viewset)
    sent = {
        name: rotated(round_, API_ROUNDS, index, API_KINDS)
        for index, name in enumerate(sorted(fields))
    }
    model = viewset.queryset.model
    count, before = model._default_manager.count(), stored(world_object(viewset))

    response = api_write(
        client,
        viewset,
        basename,
        method,
        {name: API_VALUES[kind] for name, kind in sent.items()},
    )

    if method not in viewset.http_method_names:  # dues: created, never replaced
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        assert stored(world_object(viewset)) == before
        return
    refused = [
        name for name, kind in sent.items() if api_must_refuse(fields[name], kind)
    ]
    if not refused:  # e.g. a category named "-1" with the slug "2021-02-30"
        assert response.status_code in (
            HTTPStatus.OK,
            HTTPStatus.CREATED,
            HTTPStatus.BAD_REQUEST,  # e.g. a region code longer than 8
        ), response.content[:300]
        return
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content[:300]
    errors = json.loads(response.content)["errors"]
    for name in refused:
        kind = sent[name]
        assert name in errors, f"{name} took {kind}: {API_VALUES[kind]!r:.40}"
    assert model._default_manager.count() == count
    assert stored(world_object(viewset)) == before


@pytest.mark.parametrize("persona", ["editor", "liaison"])
def test_api_refuses_a_negative_gross_regional_product(client, world, persona):
    client.force_login(getattr(world, persona))
    before = stored(world.member)

    response = client.patch(
        reverse("api:membercity-detail", args=[world.member.slug]),
        {"grp_amount": "-1"},
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "grp_amount" in json.loads(response.content)["errors"]
    assert stored(world.member) == before


def write_body(viewset, obj) -> dict:
    """What a partner would PUT to leave `obj` as it is."""
    body = {}
    for name, field in writable(viewset).items():
        value = field.get_attribute(obj)
        body[name] = None if value is None else field.to_representation(value)
    return body


@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_stores_hostile_text_exactly(client, world, viewset, basename):
    client.force_login(world.editor)
    obj = world_object(viewset)
    fields = writable(viewset)
    texts = {
        name: payloads.accepted_text(field.max_length)
        for name, field in fields.items()
        if type(field) in (serializers.CharField, StrictCharField)
    }
    if isinstance(fields.get("objectives"), serializers.ListField):
        texts["objectives"] = [payloads.accepted_text(None), payloads.CORE]
    body = write_body(viewset, obj) | texts

    response = api_write(client, viewset, basename, "put", body)

    if "put" not in viewset.http_method_names:  # dues: see tests/dues/test_api.py
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
        return
    assert response.status_code == HTTPStatus.OK, response.content[:500]
    data = json.loads(response.content)
    for name, value in texts.items():
        assert data[name] == value, name


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"text"',
        "42",
        "null",
        "{",
        '{"name": NaN}',
        '{"name": Infinity}',
        '{"name": "\\ud800", "region_slug": "\\ud800", "country": "\\udfff"}',
        "[" * 5000 + "]" * 5000,
        '{"a": 1, "a": 2}',
    ],
    ids=[
        "list",
        "string",
        "number",
        "null",
        "truncated",
        "nan",
        "infinity",
        "surrogate",
        "deep",
        "duplicate-key",
    ],
)
@pytest.mark.parametrize("method", ["post", "put"])
def test_api_refuses_bodies_that_are_not_an_object(client, world, method, body):
    client.force_login(world.editor)
    url = reverse("api:membercity-list")
    if method == "put":
        url = reverse("api:membercity-detail", args=[world.member.slug])
    before = stored(world.member)

    response = getattr(client, method)(url, body, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content[:300]
    assert json.loads(response.content)["detail"]
    assert stored(world.member) == before


# Query parameters ---------------------------------------------------------------

QUERY_KINDS = [kind for kind, _value in payloads.QUERY_VALUES]
QUERY = dict(payloads.QUERY_VALUES)


def filter_must_refuse(filter_, kind: str) -> bool:
    """Whether a filter has to refuse a QUERY_VALUES value of `kind`: every
    filter but a free-text one, and a number filter without bounds given a
    whole number (it just matches nothing)."""
    if type(filter_) is django_filters.CharFilter:
        return False
    if isinstance(filter_, django_filters.NumberFilter) and kind in (
        "negative",
        "huge",
    ):
        field = filter_.field
        return field.min_value is not None or field.max_value is not None
    return True


def site_filtered_lists():
    """The site's list pages that filter with a FilterSet."""
    for name in ("members:member-list", "alliances:alliance-list", "news:post-list"):
        yield name
    for pattern in get_resolver().url_patterns:
        for sub in getattr(pattern, "url_patterns", []):
            view = getattr(getattr(sub, "callback", None), "view_class", None)
            if view is not None and issubclass(view, FilterView):
                name = f"{pattern.namespace}:{sub.name}"
                assert name in SITE_FILTER_PAGES, f"{name}: add it to the list"


SITE_FILTER_PAGES = ["members:member-list", "alliances:alliance-list", "news:post-list"]


def test_every_filtered_site_list_is_checked():
    list(site_filtered_lists())


@pytest.mark.parametrize("kind", QUERY_KINDS)
@pytest.mark.parametrize("name", SITE_FILTER_PAGES)
def test_site_lists_show_bad_filter_values_as_form_errors(client, world, name, kind):
    view = resolve(reverse(name)).func.view_class
    filters = view.filterset_class.base_filters

    response = client.get(reverse(name), dict.fromkeys(filters, QUERY[kind]))

    assert response.status_code == HTTPStatus.OK
    errors = response.context["filter"].errors
    for param, filter_ in filters.items():
        if filter_must_refuse(filter_, kind):
            assert param in errors, f"{param} took {kind}"
    assert "field-errors" in response.content.decode() or not errors


SITE_PAGINATED = [
    "members:member-list",
    "alliances:alliance-list",
    "alliances:plan-list",
    "news:post-list",
    "news:category",
    "portal:proposal-list",
    "portal:contacts",
]


@pytest.mark.parametrize("kind", QUERY_KINDS)
def test_site_pages_refuse_bad_page_numbers(client, world, kind):
    client.force_login(world.liaison)
    for name in SITE_PAGINATED:
        kwargs = {"slug": world.category.slug} if name == "news:category" else {}

        response = client.get(reverse(name, kwargs=kwargs), {"page": QUERY[kind]})

        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), name


COMMON_PARAMS = ["search", "ordering", "page", "page_size"]


@pytest.mark.parametrize("kind", QUERY_KINDS)
@pytest.mark.parametrize(("viewset", "basename"), RESOURCES)
def test_api_lists_refuse_bad_filter_values(client, world, viewset, basename, kind):
    url = reverse(f"api:{basename}-list")
    filterset = getattr(viewset, "filterset_class", None)
    filters = filterset.base_filters if filterset else {}
    if filters:
        response = client.get(url, dict.fromkeys(filters, QUERY[kind]))

        refused = [p for p, f in filters.items() if filter_must_refuse(f, kind)]
        assert_json(response)
        if refused:
            assert response.status_code == HTTPStatus.BAD_REQUEST
            errors = json.loads(response.content)["errors"]
            assert sorted(errors) == sorted(refused)
        else:
            assert response.status_code == HTTPStatus.OK
    # One of the parameters every list takes, a different one each time.
    index = QUERY_KINDS.index(kind) + [b for _p, _v, b in router.registry].index(
        basename
    )
    param = COMMON_PARAMS[index % len(COMMON_PARAMS)]

    response = client.get(url, {param: QUERY[kind]})

    assert response.status_code in (
        HTTPStatus.OK,
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.NOT_FOUND,
    ), param
    body = assert_json(response)
    if response.status_code == HTTPStatus.BAD_REQUEST:
        assert param in body["errors"]


# Path parameters ----------------------------------------------------------------

PATH_VALUES = {
    "nul": "nul%00byte",
    "huge": "1" + "0" * 20,
    "negative": "-1",
    "long": "x" * 10_000,
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "xss": quote(payloads.CORE, safe=""),
    "rtl": quote("\u202eabc"),
    "sql": quote("1' OR 1=1 --", safe=""),
}
ROTATING = ["negative", "long", "traversal", "xss", "rtl", "sql"]


def url_formats(resolver=None, prefix="", namespace=""):
    """(name, path format, parameters) of every URL that takes parameters."""
    resolver = resolver or get_resolver()
    for key, entries in resolver.reverse_dict.lists():
        if not isinstance(key, str):
            continue
        for possibilities, _pattern, _defaults, _converters in entries:
            for path_format, params in possibilities:
                if params:
                    yield namespace + key, prefix + path_format, tuple(params)
    for name, (sub_prefix, sub) in resolver.namespace_dict.items():
        yield from url_formats(sub, prefix + sub_prefix, f"{namespace}{name}:")


PATHS = sorted(set(url_formats()))


@pytest.mark.parametrize(
    ("name", "path_format", "params"),
    [
        pytest.param(name, path_format, params, id=path_format)
        for name, path_format, params in PATHS
    ],
)
def test_path_parameters_refuse_bad_values(client, world, name, path_format, params):
    if path_format.startswith("admin/"):
        client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    elif path_format.startswith("portal/"):
        client.force_login(world.liaison)
    rotating = ROTATING[PATHS.index((name, path_format, params)) % len(ROTATING)]
    for kind in ("nul", "huge", rotating):
        path = "/" + path_format % dict.fromkeys(params, PATH_VALUES[kind])

        response = client.get(path)

        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (kind, path)
        if path.startswith("/api/") and response.status_code == HTTPStatus.NOT_FOUND:
            assert_json(response)


def test_control_characters_in_a_post_keep_its_feeds_well_formed(client, world):
    client.force_login(world.editor)
    category = client.post(
        reverse("api:category-list"),
        {"name": f"Category {payloads.CONTROL}", "slug": "control"},
        content_type="application/json",
    )
    post = client.post(
        reverse("api:newspost-list"),
        {
            "title": f"Title {payloads.CONTROL}",
            "slug": "control",
            "category_slug": "control",
            "body": f"Body {payloads.CONTROL}",
            "status": "published",
            "published_at": "2021-08-02T10:00:00Z",
        },
        content_type="application/json",
    )
    assert (category.status_code, post.status_code) == (
        HTTPStatus.CREATED,
        HTTPStatus.CREATED,
    )

    for url in (reverse("news:feed"), reverse("news:category-feed", args=["control"])):
        response = client.get(url)

        assert response.status_code == HTTPStatus.OK
        feed = ElementTree.fromstring(response.content)
        titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
        assert "Title bellescape[31m" in titles


ADMIN_ROUNDS = 2


@pytest.mark.parametrize("round_", range(ADMIN_ROUNDS))
@pytest.mark.parametrize(
    "model",
    list(admin.site._registry),
    ids=[model._meta.model_name for model in admin.site._registry],
)
def test_admin_changelists_refuse_bad_query_values(client, world, model, round_):
    """Search, sorting, paging, every list filter and the date drill-down."""
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    changelist = client.get(url).context["cl"]
    params = {"q", "o", "p"}
    for spec in changelist.filter_specs:
        params.update(spec.expected_parameters())
    if changelist.date_hierarchy:
        field = changelist.date_hierarchy
        params.update({f"{field}__year", f"{field}__month", f"{field}__day"})
    query = {
        param: QUERY[rotated(round_, ADMIN_ROUNDS, index, QUERY_KINDS)]
        for index, param in enumerate(sorted(params))
    }

    response = client.get(url, query)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND), query
