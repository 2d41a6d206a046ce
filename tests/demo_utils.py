"""Running `manage.py load_demo` in tests and looking at what it wrote."""

import re
from io import StringIO

from django.apps import apps
from django.core.management import call_command

# Every table the demo could touch: models, their history and m2m tables, users.
TRACKED_APPS = ("members", "alliances", "news", "dues", "governance", "auth")


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"Demo account (\S+) .*password: (\S+)", output))


def tracked_models():
    for label in TRACKED_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in tracked_models()}


def all_rows() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in tracked_models()
    }
