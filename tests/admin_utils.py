"""Helpers for tests that drive the Django admin."""

from django.forms import MultiWidget
from django.urls import reverse


def admin_url(label: str, view: str, *args) -> str:
    return reverse(f"admin:{label.replace('.', '_')}_{view}", args=args)


def changeform_data(response) -> dict:
    """The POST data of the admin form on `response`, as a browser would send it.

    Inlines send their existing rows only (no blank extra rows).
    """
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({bound.html_name: bound.value() for bound in management})
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        forms.extend(formset.initial_forms)
    for form in forms:
        for bound in form:
            widget = getattr(bound.field.widget, "widget", bound.field.widget)
            value = bound.value()
            if isinstance(widget, MultiWidget):
                for i, part in enumerate(widget.decompress(value)):
                    data[f"{bound.html_name}_{i}"] = "" if part is None else part
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value
    return data
