"""The admin's search box, with Django's answers, in SQL that indexes serve
when the search fields span foreign keys."""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

# A trigram index finds only terms of three characters or more.
SHORTEST_INDEXED_TERM = 3


class IndexedSearchMixin:
    """ModelAdmin.get_search_results finding the rows Django's finds.

    Django ORs `path__icontains` over every search field, whatever table each
    is on: `title LIKE … OR granting_member.name LIKE …`. No index answers an
    OR over two tables, so PostgreSQL joins every row and runs every LIKE on
    it (170 ms over 20,000 alliances). Here each table's own fields are
    searched on their own and the keys found put together, `id IN (SELECT id
    … WHERE title LIKE … UNION SELECT id … WHERE granting_member_id IN
    (SELECT id FROM members_membercity WHERE name LIKE …))`: each part read
    from that table's trigram indexes (core.db.trigram_index) on PostgreSQL,
    and only the rows found joined.

    Search fields that are not plain text fields reached through forward
    foreign keys (a ^, = or @ prefix, a lookup, a reverse or many-to-many
    relation) leave the whole search to Django.
    """

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        if not (search_term and search_fields) or not all(
            _plain_text_path(queryset.model, str(path)) for path in search_fields
        ):
            return super().get_search_results(request, queryset, search_term)
        paths = [str(path) for path in search_fields]
        term_queries = []
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            if len(bit) < SHORTEST_INDEXED_TERM:
                # No trigram to look up: Django's OR, which stops at a page's
                # worth of rows, where the subqueries would find them all.
                lookups = [(f"{path}__icontains", bit) for path in paths]
                term_queries.append(Q.create(lookups, connector=Q.OR))
            else:
                term_queries.append(containing(queryset.model, paths, bit))
        # Every term somewhere; a foreign key leads to one row: no duplicates.
        return queryset.filter(*term_queries), False


def containing(model: type[models.Model], paths: list[str], term: str) -> Q:
    """Rows of `model` where one of `paths` contains `term`, whatever the
    case: the model's own fields in one OR; across foreign keys, the union
    of the rows found by each table's own fields, each through its indexes."""
    own = [path for path in paths if "__" not in path]
    related = defaultdict(list)
    for path in paths:
        if "__" in path:
            name, rest = path.split("__", 1)
            related[name].append(rest)
    own_q = Q.create([(f"{path}__icontains", term) for path in own], connector=Q.OR)
    if not related:
        return own_q
    rows = model._base_manager.order_by().values("pk")
    found = [own_q] if own else []
    for name, rest in related.items():
        field = model._meta.get_field(name)
        target = field.related_model
        keys = target._base_manager.filter(containing(target, rest, term))
        found.append(Q(**{f"{name}__in": keys.values(field.target_field.name)}))
    if len(found) == 1:
        return found[0]
    # A UNION, not an OR: PostgreSQL estimates each part from its index and
    # joins the few rows found, where an OR of subqueries is a guess of
    # half the table, read in full.
    parts = [rows.filter(q) for q in found]
    return Q(pk__in=parts[0].union(*parts[1:]))


def _plain_text_path(model: type[models.Model], path: str) -> bool:
    """`path` names a text field, through forward foreign keys only."""
    *relations, last = path.split("__")
    try:
        for name in relations:
            field = model._meta.get_field(name)
            if not (field.many_to_one or (field.one_to_one and field.concrete)):
                return False
            model = field.related_model
        field = model._meta.get_field(last)
    except FieldDoesNotExist:
        return False
    return isinstance(field, (models.CharField, models.TextField)) and field.concrete
