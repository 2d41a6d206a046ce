"""The map of the members, /members/map/: an SVG drawn on the server (no
script, no tile server), with the same members in a table beneath it."""

from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from members.models import Region
from publicdata.filters import MemberMapFilter
from publicdata.maps import world
from publicdata.points import map_members, map_rows, member_map


class MemberMapView(FilterView):
    """The directory's members with coordinates as points coloured by
    region, filtered as the directory is; a region's map is fitted to its
    points. Three queries whatever the number of members: the members, the
    regions of the legend and those of the filter form."""

    filterset_class = MemberMapFilter
    template_name = "publicdata/member_map.html"
    extra_context = {"section": "members"}

    def get_queryset(self):
        return map_members()

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        region = filterset.is_valid() and filterset.form.cleaned_data.get("region")
        regions = list(Region.objects.all())
        member_map_, rows = member_map(
            map_rows(self.object_list), regions, crop=bool(region)
        )
        if region:
            label = _("Map of the member cities in %(region)s") % {
                "region": region.name
            }
        else:
            label = _("World map of the member cities")
        return super().get_context_data(
            map=member_map_,
            map_label=label,
            rows=rows,
            located=len(member_map_.points),
            world=world(),
            region=region or None,
            **kwargs,
        )
