"""The stored body HTML: backups."""

import json
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command

from news.models import NewsPost
from tests import factories
from tests.news.body_html.utils import stored_html

pytestmark = pytest.mark.django_db


def dump(*posts) -> list[dict]:
    return json.loads(serializers.serialize("json", posts))


def load(rows: list[dict], tmp_path) -> str:
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(rows))
    out = StringIO()
    call_command("loaddata", str(path), stdout=out)
    return out.getvalue()


def test_loading_a_dump_keeps_its_html(tmp_path, category):
    post = factories.NewsPostFactory(category=category, body="**Dumped**.")
    rows = dump(post)
    # The HTML as dumped, the English column's too (core.content).
    for name in ("body_html", "body_html_en"):
        rows[0]["fields"][name] = "<p><strong>Dumped</strong> as it was.</p>"
    NewsPost.objects.all().delete()

    load(rows, tmp_path)

    assert stored_html(post) == "<p><strong>Dumped</strong> as it was.</p>"


def test_loading_a_dump_from_before_the_html_was_stored_renders_it(tmp_path, category):
    post = factories.NewsPostFactory(category=category, body="**Old** backup.")
    rows = dump(post)
    del rows[0]["fields"]["body_html"]
    NewsPost.objects.all().delete()

    load(rows, tmp_path)

    assert stored_html(post) == "<p><strong>Old</strong> backup.</p>"
