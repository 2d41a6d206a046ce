"""The translation catalogues are complete and in step with the code: every marked
string is in every catalogue, none is left that the code no longer has, every entry
of a finished language is translated and reviewed (not fuzzy), nothing obsolete is
kept, msgfmt accepts the placeholders and plural forms, and the committed .mo files
are the compiled .po files."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.catalogue.scan import ROOT

LOCALE = ROOT / "locale"
# Every catalogue the project keeps, and the languages whose translation is finished
# (a language joins TRANSLATED when its translator has translated every entry).
CATALOGUES = ["fr", "es"]
TRANSLATED = ["fr", "es"]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def keys(po: polib.POFile) -> set[tuple]:
    return {(e.msgctxt, e.msgid) for e in po if not e.obsolete}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The catalogues as `make messages` would write them from today's code, made
    in a copy of locale/ so that the tree is left alone."""
    assert shutil.which("xgettext"), "GNU gettext is needed: apt-get install gettext"
    copy = tmp_path_factory.mktemp("locale")
    for language in CATALOGUES:
        (copy / language / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(catalogue(language), copy / language / "LC_MESSAGES")
    with override_settings(LOCALE_PATHS=[copy]):
        call_command("makemessages", locale=CATALOGUES, verbosity=0)
    return {
        language: polib.pofile(copy / language / "LC_MESSAGES" / "django.po")
        for language in CATALOGUES
    }


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_marked_string_is_in_the_catalogue(collected, language):
    missing = keys(collected[language]) - keys(polib.pofile(catalogue(language)))
    assert not missing, (
        f"Marked in the code but not in locale/{language}: run `make messages` "
        f"and translate them: {sorted(missing, key=str)[:20]}"
    )


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_catalogue_holds_no_string_the_code_dropped(collected, language):
    gone = keys(polib.pofile(catalogue(language))) - keys(collected[language])
    assert not gone, (
        f"In locale/{language} but no longer in the code: run `make messages`: "
        f"{sorted(gone, key=str)[:20]}"
    )


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_obsolete_entry(language):
    obsolete = [e.msgid for e in polib.pofile(catalogue(language)).obsolete_entries()]
    assert not obsolete, f"Obsolete (#~) entries in locale/{language}: {obsolete[:20]}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_fuzzy_entry(language):
    po = polib.pofile(catalogue(language))
    assert not po.metadata_is_fuzzy, "A fuzzy header: msgfmt would ignore it."
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not fuzzy, (
        f"Fuzzy entries in locale/{language} (a guess by msgmerge: check the "
        f"translation, then remove the flag): {fuzzy[:20]}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated(language):
    untranslated = [
        e.msgid for e in polib.pofile(catalogue(language)).untranslated_entries()
    ]
    assert not untranslated, f"Untranslated in locale/{language}: {untranslated[:20]}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_msgfmt_accepts_the_catalogue(language):
    """Placeholders that match their msgid, plural forms the header declares."""
    assert shutil.which("msgfmt"), "GNU gettext is needed: apt-get install gettext"
    result = subprocess.run(
        [
            "msgfmt",
            "--check-format",
            "--check-domain",
            "-o",
            "/dev/null",
            catalogue(language),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def translations(entries) -> dict:
    """The translated entries of a .po or .mo file: what gettext will answer."""
    found = {}
    for entry in entries:
        value = (entry.msgstr,)
        if entry.msgid_plural:
            plural = entry.msgstr_plural
            value = tuple(plural[k] for k in sorted(plural, key=int))
        reviewed = "fuzzy" not in getattr(entry, "flags", ())
        if entry.msgid and all(value) and reviewed and not entry.obsolete:
            found[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = value
    return found


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_committed_mo_is_the_compiled_po(language):
    po = polib.pofile(catalogue(language))
    mo = polib.mofile(catalogue(language).with_suffix(".mo"))
    assert translations(mo) == translations(po), (
        f"locale/{language}/LC_MESSAGES/django.mo is not the compiled django.po: "
        "run `make messages` (or compilemessages) and commit the .mo"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")
