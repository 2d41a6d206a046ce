"""What the governance app adds to pages of the apps below it, without their
importing it: a member city's page lists the decisions about it."""

from django import template
from django.db.models import Q

from governance.models import Meeting, Resolution

register = template.Library()


@register.inclusion_tag("governance/includes/member_decisions.html")
def member_decisions(member):
    """The decided resolutions of held meetings about `member`: its admission
    and the board elections that gave it a mandate. One query."""
    decisions = (
        Resolution.objects.filter(
            Q(member_city=member) | Q(elected_mandates__member=member),
            agenda_item__meeting__status=Meeting.Status.HELD,
        )
        .exclude(outcome="")
        .select_related("agenda_item__meeting")
        .distinct()
        .order_by("-agenda_item__meeting__starts_at", "pk")
    )
    return {"decisions": decisions}
