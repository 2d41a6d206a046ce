"""Helpers of the members' page tests."""

from members.models import BoardMandate

Role = BoardMandate.Role
LIST_SIZES = [3, 25]


def names(response):
    return [member.name for member in response.context["object_list"]]
