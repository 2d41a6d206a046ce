"""Conditional requests and safe writes for API objects, as one viewset mixin.

A detail response carries an `ETag`: an HMAC, keyed with the server's secret,
of the representation that caller received, with a label of what the caller
may see (`etag_scope()`). It changes exactly when what the caller sees
changes, and reveals nothing else (not a hidden field, not a change to one).

`If-None-Match` naming the current ETag answers 304. A write with an
`If-Match` that no longer names the object's state answers 412 and changes
nothing; the state is compared as the tag's own scope sees it, so that an
ETag read with a read key is good for a write with a write key.
"""

import contextlib
import json
from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.api.errors import PreconditionFailed
from core.db import lock_exclusion_guarded_table

ETAG_SALT = "core.api.conditional.etag"


def representation_etag(scope: str, data, language: str | None = None) -> str:
    """The strong ETag of `data` (a response body) for a caller of `scope`, in
    `language` (the active one by default): each language's representation
    is an entity of its own, even while its bytes are the English ones."""
    body = json.dumps(
        data, cls=JSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    language = language or get_language() or ""
    text = f"{scope}\x1f{language}\x1f{body}"
    digest = salted_hmac(ETAG_SALT, text, algorithm="sha256")
    return f'"{scope}-{digest.hexdigest()[:32]}"'


def etag_scope_of(tag: str) -> str | None:
    """The scope a strong ETag of ours was made for; None if it is not one."""
    if not (len(tag) > 2 and tag[0] == tag[-1] == '"') or "-" not in tag:
        return None
    return tag[1:-1].rsplit("-", 1)[0]


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` names the current ETag (weak comparison)."""
    if not header:
        return False
    tags = [tag.removeprefix("W/") for tag in _tags(header)]
    return "*" in tags or etag in tags


class ConditionalMixin:
    """ETags and If-None-Match on reads; on writes, one transaction that locks
    the table where an exclusion constraint needs it (core.db), locks the
    object's row, checks If-Match, and reads the written object back as a GET
    shows it, so that nothing stays written if answering fails.

    Hooks: `etag_scope()` labels what this caller may see; `viewing_as(scope)`
    reads as a caller of another scope would (for If-Match); a subclass's
    `perform_create`/`perform_update` end with `self.read_back(serializer)`
    (as these do), so that the response shows derived facts.
    """

    writing = False  # within write_transaction()
    # A read naming the current ETag is answered 304 here; @cached_list
    # (core.api.cache) turns this off to keep the 200's bytes first, and
    # answers the 304 itself.
    answers_not_modified = True

    def etag_scope(self) -> str:
        return ""

    def viewing_as(self, scope: str):
        """A context manager under which this view reads as a caller of
        `scope` would; None when it cannot."""
        return contextlib.nullcontext() if scope == self.etag_scope() else None

    def etag(self, data) -> str:
        return representation_etag(self.etag_scope(), data)

    def with_etag(self, response: Response) -> Response:
        response["ETag"] = self.etag(response.data)
        return response

    @contextlib.contextmanager
    def write_transaction(self):
        with transaction.atomic():
            lock_exclusion_guarded_table(self.queryset.model)
            self.writing = True
            try:
                yield
            finally:
                self.writing = False

    def get_object(self):
        """The object, among those this caller may read. In a write, its row is
        locked first (PostgreSQL) and `If-Match` checked against it."""
        if self.writing:
            manager = self.queryset.model._default_manager
            manager.select_for_update().filter(**self.lookup_kwargs()).exists()
        obj = super().get_object()
        if self.writing:
            self.check_if_match(obj)
        return obj

    def lookup_kwargs(self) -> dict:
        key = self.lookup_url_kwarg or self.lookup_field
        return {self.lookup_field: self.kwargs[key]}

    def check_if_match(self, obj) -> None:
        header = self.request.headers.get("If-Match")
        if header is None:
            return
        tags = _tags(header)
        if "*" in tags:
            return
        # A tag read in another language names the same state: each language
        # is tried, the active one first.
        active = get_language()
        languages = [active] + [
            code for code, _ in settings.LANGUAGES if code != active
        ]
        for tag in tags:
            scope = etag_scope_of(tag)
            if scope is None:
                continue  # weak, or not ours: never a match
            for language in languages:
                with translation.override(language):
                    data = self.state_as(scope, obj)
                if data is None:
                    break
                if representation_etag(scope, data, language) == tag:
                    return
        raise PreconditionFailed()

    def state_as(self, scope: str, obj):
        """`obj` as a caller of `scope` reads it; None when it cannot."""
        if scope == self.etag_scope():
            return self.get_serializer(obj).data
        viewing = self.viewing_as(scope)
        if viewing is None:
            return None
        with viewing:
            queryset = self.filter_queryset(self.get_queryset())
            seen = queryset.filter(**self.lookup_kwargs()).first()
            if seen is None:
                return None
            return self.get_serializer(seen).data

    def read_back(self, serializer) -> None:
        """The saved object as a GET shows it, with its derived facts. A read:
        the write's permission was checked already (a liaison's new post has
        no owner yet)."""
        queryset = self.get_queryset()
        serializer.instance = get_object_or_404(queryset, pk=serializer.instance.pk)

    def perform_create(self, serializer):
        serializer.save()
        self.read_back(serializer)

    def perform_update(self, serializer):
        serializer.save()
        self.read_back(serializer)

    def representation(self):
        """What a GET of the object shows this caller. A hot resource may give
        it from a plain row function tested equal to its serializer."""
        return self.get_serializer(self.get_object()).data

    def retrieve(self, request, *args, **kwargs):
        data = self.representation()
        etag = self.etag(data)
        if self.answers_not_modified and none_match(
            request.headers.get("If-None-Match"), etag
        ):
            return Response(status=HTTPStatus.NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    def create(self, request, *args, **kwargs):
        with self.write_transaction():
            return self.with_etag(super().create(request, *args, **kwargs))

    def update(self, request, *args, **kwargs):
        with self.write_transaction():
            return self.with_etag(super().update(request, *args, **kwargs))

    def destroy(self, request, *args, **kwargs):
        with self.write_transaction():
            return super().destroy(request, *args, **kwargs)
