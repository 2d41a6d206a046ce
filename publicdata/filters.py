"""The map's filters: the directory's (members.filters.MemberCityFilter, as
the API and the directory use it), three of them."""

from core.filters import VisitorFilterMixin
from members.filters import MemberCityFilter


class MemberMapFilter(VisitorFilterMixin, MemberCityFilter):
    """Region, category and megacity; the map shows the directory's members
    (active ones), so there is no status, and no search or sorting."""

    country = None
    status = None
    join_year = None
    join_year_min = None
    join_year_max = None
    current_roles = None
    hosts_secretariat = None
