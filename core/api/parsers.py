"""The API's JSON parser: a body nested deeper than the decoder goes, or
holding a lone surrogate (no Unicode text), is a 400, not a 500.

(A body over DATA_UPLOAD_MAX_MEMORY_SIZE never gets here: Django refuses it
when DRF reads it, and core.api.errors answers 413.)"""

import json

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                _("JSON parse error - nested too deeply.")
            ) from None
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            # An answer quoting the string back could not even be written.
            raise exceptions.ParseError(
                _("JSON parse error - a string holds a lone surrogate.")
            ) from None
        return data
