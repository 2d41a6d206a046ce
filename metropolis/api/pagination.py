from rest_framework import pagination

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 100); bodies carry count, next and previous."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
