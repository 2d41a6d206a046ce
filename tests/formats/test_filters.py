"""Numbers, money and large figures as each language writes them (core.formats
and its template filters)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core import formats

NNBSP = "\N{NARROW NO-BREAK SPACE}"
NBSP = "\N{NO-BREAK SPACE}"
LANGUAGES = ["en", "fr", "es"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "€1,234.50"),
        ("fr", f"1{NNBSP}234,50{NBSP}€"),
        ("es", f"1.234,50{NBSP}€"),
    ],
)
def test_money_puts_amount_and_currency_in_the_languages_order(language, expected):
    with translation.override(language):
        assert formats.money(Decimal("1234.50"), "EUR") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "22,000,000"), ("fr", f"22{NNBSP}000{NNBSP}000"), ("es", "22.000.000")],
)
def test_number_groups_thousands_as_the_language_does(language, expected):
    with translation.override(language):
        assert formats.number(22_000_000) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,010.00"), ("fr", f"1{NNBSP}010,00"), ("es", "1.010,00")],
)
def test_number_with_places_keeps_the_cents(language, expected):
    with translation.override(language):
        assert formats.number(Decimal("1010"), 2) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2.36 trillion CNY"),
        ("fr", "2,36 billions de CNY"),
        ("es", "2,36 billones de CNY"),
    ],
)
def test_a_large_amount_reads_in_words_on_the_languages_scale(language, expected):
    with translation.override(language):
        assert formats.large_amount(Decimal("2360000000000.00"), "CNY") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2 billion"), ("fr", "2 milliards"), ("es", "2 mil millones")],
)
def test_a_thousand_millions_is_a_billion_only_in_english(language, expected):
    with translation.override(language):
        assert formats.large_amount(2_000_000_000) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", f"950,000{NBSP}CNY"),
        ("fr", f"950{NNBSP}000{NBSP}CNY"),
        ("es", f"950.000{NBSP}CNY"),
    ],
)
def test_below_a_million_the_amount_is_written_whole(language, expected):
    with translation.override(language):
        assert formats.large_amount(Decimal("949999.60"), "CNY") == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filters_give_what_the_functions_give(language):
    template = Template(
        "{% load formats %}{{ fee|money:'EUR' }}|{{ people|number }}|"
        "{{ grp|large_amount:'CNY' }}|{{ fee|number:2 }}"
    )
    context = {"fee": Decimal("1234.50"), "people": 22_000_000, "grp": 2.36e12}
    with translation.override(language):
        expected = "|".join(
            [
                formats.money(Decimal("1234.50"), "EUR"),
                formats.number(22_000_000),
                formats.large_amount(2.36e12, "CNY"),
                formats.number(Decimal("1234.50"), 2),
            ]
        )
        assert Template.render(template, Context(context)) == expected


def test_the_filters_show_nothing_for_nothing():
    template = Template(
        "{% load formats %}[{{ a|money:'EUR' }}{{ a|number }}{{ a|large_amount }}]"
    )

    assert template.render(Context({"a": None})) == "[]"
