"""API keys recognised without reading them again while nothing they depend
on has changed.

Every API request used to look its key up (and the key's owner) with one
ORM query, about two thirds of a conditional GET answered with 304. The key
found is kept in Django's default cache under the hash of the key sent (the
hash the key's row stores, so neither the key nor a guess of it is ever a
cache key), with the data versions (core.versions) of the keys' and the
users' tables read before the lookup. It is used only while both versions
are the same: a key revoked, deleted, given another scope or expiry date, or
its owner changed in any way, by any path (the admin, `QuerySet.update()`,
SQL), changes a version in the same transaction, and the next request reads
the key again. Expiry is checked on every request, as before. A key that is
refused is never kept. Without versions (another database vendor, tables not
versioned) every request reads the key.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache

from core.versions import read_versions
from partners.models import PartnerKey

# A day at most: an entry unused since then goes; a changed version makes
# one useless long before.
TIMEOUT = 24 * 60 * 60


def depends_on() -> tuple[str, str]:
    return (PartnerKey._meta.db_table, get_user_model()._meta.db_table)


def find_key(key: str) -> PartnerKey:
    """The usable (not revoked) PartnerKey for `key`, its owner loaded;
    raises PartnerKey.DoesNotExist as the stock lookup does."""
    versions = read_versions()
    seen = tuple(versions.get(table) for table in depends_on())
    entry_key = f"partners:key:{PartnerKey.objects.key_generator.hash(key)}"
    if None not in seen:
        entry = cache.get(entry_key)
        if entry is not None and entry[0] == seen:
            return entry[1]
    partner_key = PartnerKey.objects.get_from_key(key)
    if None not in seen:
        cache.set(entry_key, (seen, partner_key), TIMEOUT)
    return partner_key
