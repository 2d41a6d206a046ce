from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 100); bodies carry count, next and previous."""

    page_size_query_param = "page_size"
    page_size_query_description = _(
        "Results per page: %(max)s at most (a larger size gives %(max)s)."
    ) % {"max": MAX_PAGE_SIZE}
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        # DRF quietly ignores a page size it cannot read; say what is wrong.
        given = request.query_params.get(self.page_size_query_param, "")
        if not given:
            return self.page_size
        try:
            size = int(given)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Give a whole number, 1 or more.")]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
