"""No interface text is left unmarked: the scanner of tests/catalogue/scan.py finds
none in the project's Python and templates, and it does find what it must."""

from tests.catalogue import scan


def test_no_unmarked_string_in_python():
    found = scan.unmarked_python()
    assert not found, "Mark these strings with gettext_lazy:\n" + "\n".join(found)


def test_no_unmarked_text_in_templates():
    found = scan.unmarked_templates()
    assert not found, "Put this text in {% translate %}:\n" + "\n".join(found)


def scan_python(tmp_path, monkeypatch, source: str) -> list[str]:
    module = tmp_path / "app" / "forms.py"
    module.parent.mkdir()
    module.write_text(source)
    monkeypatch.setattr(scan, "ROOT", tmp_path)
    return scan.unmarked_python()


def scan_template(tmp_path, monkeypatch, source: str) -> list[str]:
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text(source)
    monkeypatch.setattr(scan, "ROOT", tmp_path)
    return scan.unmarked_templates()


def test_the_python_scan_finds_literal_interface_strings(tmp_path, monkeypatch):
    found = scan_python(
        tmp_path,
        monkeypatch,
        "from django.contrib import messages\n"
        "class Kind(models.TextChoices):\n"
        "    DRAFT = 'draft', 'Draft'\n"
        "    PUBLISHED = 'published', _('Published')\n"
        "name = models.CharField(verbose_name='name', help_text=_('The name.'))\n"
        "def clean(self):\n"
        "    messages.success(request, f'Saved {self}.')\n"
        "    log.error('not a person reading')\n"
        "    raise ValidationError({'name': 'Give a name.'})\n",
    )
    assert [line.split(":", 2)[1] for line in found] == ["3", "5", "7", "9"]


def test_the_template_scan_finds_text_outside_translate_tags(tmp_path, monkeypatch):
    found = scan_template(
        tmp_path,
        monkeypatch,
        '{% load i18n %}<h1>{% translate "Members" %}</h1>\n'
        '<p class="lead">Browse the {{ count }} members</p>\n'
        "{# a comment #}<!-- an HTML comment --><script>let a = 'code';</script>\n"
        '<img src="{{ url }}" alt="World map"> — {{ name }} ×\n'
        "{% blocktranslate %}Marked{% endblocktranslate %} <a>datapackage.json</a> →\n",
    )
    assert found == [
        "templates/page.html:2: Browse the",
        "templates/page.html:2: members",
        "templates/page.html:4: World map",
    ]
