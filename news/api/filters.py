"""The API's FilterSets: the ones the site shares, from news/filters.py."""

from news.filters import (  # noqa: F401
    DateOrDateTimeField,
    NewsPostFilter,
    PublishedFilter,
    readable_alliances,
    start_of,
)
