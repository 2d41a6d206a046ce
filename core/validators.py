"""Validators shared by the apps' model fields."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Characters that end an attribute or a tag, or split a URL where it is
# written out: a real web address percent-encodes them.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`\\]")


@deconstructible
class WebAddressValidator(URLValidator):
    """An http(s) address with no quote, space, angle bracket, backtick or
    backslash: stored and returned as given, it is safe wherever it is put."""

    message = _(
        "Enter a web address starting with http:// or https://, with no quotes "
        "or spaces."
    )

    def __init__(self, **kwargs):
        super().__init__(schemes=["http", "https"], **kwargs)

    def __call__(self, value):
        if isinstance(value, str) and _UNSAFE_IN_URL.search(value):
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


validate_web_address = WebAddressValidator()
