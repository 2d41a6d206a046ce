"""Small maps of the members on pages of other apps (the home page, the
regional secretariats), which know nothing of this app: their templates
`{% load member_maps %}`. Each tag says the queries it makes: a fixed
number, whatever the number of members or regions."""

from django import template

from members.models import Region
from publicdata.maps import MemberMap, world
from publicdata.points import (
    cluster_rows,
    clustered_map,
    map_members,
)

register = template.Library()


@register.inclusion_tag("publicdata/includes/world_defs.html")
def map_outlines():
    """The country outlines that the page's maps show: once per page, before
    them. No query."""
    return {"world": world()}


@register.simple_tag
def world_member_map() -> MemberMap:
    """The world map of the directory's members, drawn small, a point per
    group of nearby members (publicdata.points.clustered_map): two queries
    (the groups, the regions); its size does not grow with the members."""
    regions = list(Region.objects.all())
    return clustered_map(cluster_rows(map_members()), regions)


@register.simple_tag
def region_member_maps(regions) -> dict[int, MemberMap]:
    """The small map of each of `regions` (every region: the page's own list,
    read here once and then by the page from the QuerySet's cache), fitted to
    its members, a point per group of nearby members (as the world map),
    by region id: one query for every region together, and a size bounded
    by the cells, not by the members."""
    regions = list(regions)
    rows_by_region: dict[int, list[dict]] = {region.pk: [] for region in regions}
    for row in cluster_rows(map_members()):
        rows_by_region[row["region_id"]].append(row)
    return {
        pk: clustered_map(rows, regions, crop=True)
        for pk, rows in rows_by_region.items()
    }


@register.filter
def map_of(maps: dict[int, MemberMap], region: Region) -> MemberMap | None:
    """`{{ maps|map_of:region }}`: the map of `region` in region_member_maps()."""
    return maps.get(region.pk)
