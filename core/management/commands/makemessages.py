"""Django's makemessages with the project's options, so that `make messages`, a
person typing the command and the catalogue test all collect the same strings the
same way."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

# Not the site's interface: the virtualenv, the tests, benchmarks, load tests and
# the vendored static files (no JavaScript of ours has text). The catalogues' own
# folder too: Django would write into any folder named locale it walks past, and
# they are written where settings.LOCALE_PATHS says.
IGNORE = [
    "locale/*",
    ".venv/*",
    "tests/*",
    "bench/*",
    "loadtest/*",
    "static/*",
    "*.egg-info/*",
]
CREATED = re.compile(r'^"POT-Creation-Date: .*\n', re.M)


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORE]
        # File names without line numbers, and no obsolete (#~) entries, so that a
        # catalogue's diff shows the strings that changed and nothing else.
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        super().handle(*args, **options)
        # The creation date changes at every run, whatever changed: out of every
        # catalogue Django wrote (the settings' and the one in the current
        # folder, which the catalogue test's copy does not replace).
        for path in (
            po
            for folder in {*settings.LOCALE_PATHS, *self.locale_paths}
            for po in Path(folder).glob("*/LC_MESSAGES/*.po")
        ):
            text = path.read_text()
            if CREATED.search(text):
                path.write_text(CREATED.sub("", text))
