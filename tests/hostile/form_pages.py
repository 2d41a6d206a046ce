"""The forms of the site, the portal and the admin: finding them on their pages
and posting them back as a browser would."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django import forms
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from news.models import NewsPost
from tests import factories
from tests.hostile import payloads


class FormScanner(HTMLParser):
    """The values a browser would send for the forms of a page, by form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._option: dict | None = None
        self._text: list[str] = []

    @property
    def current(self) -> dict:
        return self.forms[-1]["fields"]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": a, "fields": {}})
            return
        if not self.forms:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.current.setdefault(name, []).append(a.get("value", "on"))
                else:
                    self.current.setdefault(name, [])
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self.current.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self.current.setdefault(name, [])
        elif tag == "option" and self._select:
            self._option, self._text = a, []

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            # A newline right after <textarea> is not part of the value.
            self.current.setdefault(self._textarea, []).append(
                text[1:] if text.startswith("\n") else text
            )
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", "".join(self._text))
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self.current[self._select].append(value)
            self._option = None
        elif tag == "select" and self._select:
            self._select = None


def page_forms(html: str) -> list[dict]:
    scanner = FormScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.forms


def main_form(response) -> dict[str, list[str]]:
    """The fields of the page's form that posts back to the page (not the log
    out button): what a browser would send."""
    path = response.wsgi_request.path
    forms = page_forms(response.content.decode())
    for form in forms:
        attrs = form["attrs"]
        if attrs.get("method", "get").lower() == "post" and attrs.get("action", "") in (
            "",
            ".",
            path,
        ):
            return form["fields"]
    raise AssertionError(f"no form posting to {path} in {forms!r}")


# Form fields that take a number, a date or one of a list: any junk is refused.
TYPED_FORM_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
    forms.DurationField,
    forms.ChoiceField,  # ModelChoiceField, TypedChoiceField, countries
    forms.MultipleChoiceField,
    forms.ModelMultipleChoiceField,
    forms.MultiValueField,  # the admin's split date and time
    forms.GenericIPAddressField,
)


def page_django_forms(response) -> list[forms.BaseForm]:
    """The Django forms of a rendered page: the admin's form and its inlines'
    rows, or the view's `form`."""
    context = response.context
    if "adminform" in context:
        found = [context["adminform"].form]
        for inline in context.get("inline_admin_formsets", []):
            found.extend(inline.formset.forms)
        return found
    return [context["form"]]


@dataclass
class PostedField:
    form: forms.BaseForm
    name: str
    field: forms.Field


def visible_fields(response) -> dict[str, PostedField]:
    """Every field a person fills in on the page, by its name in the POST."""
    found = {}
    for form in page_django_forms(response):
        for name, field in form.fields.items():
            if field.disabled or field.widget.is_hidden:
                continue
            found[form.add_prefix(name)] = PostedField(form, name, field)
    return found


def posted_field(fields: dict[str, PostedField], html_name: str) -> PostedField | None:
    """The field an input belongs to; `published_at_0` is part of `published_at`."""
    return fields.get(html_name) or fields.get(re.sub(r"_\d+$", "", html_name))


def must_refuse(field: forms.Field, kind: str) -> bool:
    """Whether a form field has to refuse a FORM_VALUES value of `kind`."""
    if isinstance(field, forms.BooleanField):  # a ticked box, whatever it sends
        return False
    if kind == "nul":
        return True
    if kind == "negative" and getattr(field, "min_value", None) is not None:
        # A signed field (a latitude, a longitude) takes -1 within its range.
        return field.min_value > -1
    if kind == "long":
        # The login form's user name has a max_length but no validator: a long
        # one is just a failed login.
        return isinstance(field, TYPED_FORM_FIELDS) or any(
            isinstance(validator, MaxLengthValidator)
            and validator.limit_value < len(payloads.LONG)
            for validator in field.validators
        )
    return isinstance(field, TYPED_FORM_FIELDS)


def reset_confirm_url(world):
    user = type(world.liaison).objects.get(pk=world.liaison.pk)  # last login
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def return_action(world, client):
    """The admin's "return to the proposer" action asks for a comment."""
    NewsPost.objects.filter(pk=world.proposal.pk).update(
        status=NewsPost.Status.SUBMITTED
    )
    return client.post(
        reverse("admin:news_newspost_changelist"),
        {"action": "return_posts", "_selected_action": [world.proposal.pk]},
    )


# name: (persona, how to open the page, extra fields the submit button
# sends, what a refused post must leave unchanged)
SITE_FORMS = {
    "login": ("anonymous", lambda w: reverse("login"), {}, None),
    "password-reset": ("anonymous", lambda w: reverse("password_reset"), {}, None),
    "password-reset-confirm": (
        "anonymous",
        reset_confirm_url,
        {},
        lambda w: w.liaison,
    ),
    "password-change": (
        "liaison",
        lambda w: reverse("password_change"),
        {},
        lambda w: w.liaison,
    ),
    "portal-profile": (
        "liaison",
        lambda w: reverse("portal:profile"),
        {},
        lambda w: w.member,
    ),
    "portal-proposal-create": (
        "liaison",
        lambda w: reverse("portal:proposal-create"),
        {"submit": "1"},
        lambda w: NewsPost,
    ),
    "portal-proposal-edit": (
        "liaison",
        lambda w: reverse("portal:proposal-edit", args=[w.proposal.pk]),
        {"submit": "1"},
        lambda w: w.proposal,
    ),
    "admin-return-proposals": (
        "superuser",
        return_action,
        {"apply": "1"},
        lambda w: w.proposal,
    ),
}


def admin_forms():
    for model, model_admin in admin.site._registry.items():
        if (
            model_admin.has_add_permission.__func__
            is not admin.ModelAdmin.has_add_permission
        ):
            continue  # a read-only admin (django-axes' records)
        for view in ("add", "change"):
            yield f"admin-{model._meta.model_name}-{view}"


FORM_PAGES = [*SITE_FORMS, *admin_forms()]


def open_form(client, world, name):
    """The form's page, opened by the form's persona; the submit button's
    fields; what a refused post must leave unchanged."""
    persona, opener, extra, target = SITE_FORMS.get(name, ("superuser", None, {}, None))
    if persona == "liaison":
        client.force_login(world.liaison)
    elif persona == "superuser":
        client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    if name == "admin-return-proposals":
        return opener(world, client), extra, target(world)
    if opener is not None:
        page = client.get(opener(world), follow=True)
        return page, extra, target(world) if target else None
    _admin, model_name, view = name.split("-")
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    info = f"admin:{model._meta.app_label}_{model_name}"
    if view == "add":
        return client.get(reverse(f"{info}_add")), extra, model
    obj = model._default_manager.order_by("pk").last()
    return client.get(reverse(f"{info}_change", args=[obj.pk])), extra, obj
