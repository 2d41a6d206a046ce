"""Numbers and money as the reader's language writes them, by the Unicode CLDR's
rules through Babel: "€1,234.50", "1 234,50 €", "1.234,50 €"; large figures in
words, on the long scale where the language counts that way ("2.36 trillion CNY",
"2,36 billions de CNY", "2,36 billones de CNY").

For people only: files, feeds, charts' coordinates and the API keep machine
formats (`str(Decimal)`, ISO 8601). Django's own number format stays as it is
(USE_THOUSAND_SEPARATOR off), so that a year or an id never gains a separator."""

from decimal import Decimal

from babel.numbers import format_compact_decimal, format_currency, format_decimal
from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext

# From a million up, a figure is written with its scale word ("2.36 trillion").
WORDS_FROM = 1_000_000


def babel_locale() -> str:
    """The active language as Babel names it ("fr", "es", "en")."""
    return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)


def number(value: int | Decimal | float, places: int | None = None) -> str:
    """A number with the language's separators; `places` fixes the decimals."""
    pattern = (
        None if places is None else "#,##0" + ("." + "0" * places if places else "")
    )
    return format_decimal(value, format=pattern, locale=babel_locale())


def money(amount: Decimal, currency: str) -> str:
    """An amount with its currency in the language's order: "€1,234.50"."""
    return format_currency(amount, currency, locale=babel_locale())


def large_amount(value: int | Decimal, currency: str = "") -> str:
    """A large figure in words, to two decimals, with its currency code if any:
    "2.36 trillion CNY"; below a million, the whole number ("950,000 CNY")."""
    locale = babel_locale()
    if abs(value) < WORDS_FROM:
        text = format_decimal(round(value), locale=locale)
        return f"{text}\N{NO-BREAK SPACE}{currency}" if currency else text
    text = format_compact_decimal(
        value, format_type="long", fraction_digits=2, locale=locale
    )
    if not currency:
        return text
    # French and Spanish say "2,36 billions de CNY": the scale word is a noun.
    return pgettext(
        "an amount in words (2.36 trillion) and its currency code",
        "%(amount)s %(currency)s",
    ) % {"amount": text, "currency": currency}
