"""The events a partner system may subscribe to (README, "Webhooks")."""

from django.utils.translation import gettext_lazy as _

from partners.models import PartnerKey

TEST = "webhook.test"

# name: what it says. The objects of these events are public once they
# happen (a published post, a convened meeting), or readable by keys.
EVENTS = {
    "member.updated": _("A member city's record was changed."),
    "alliance.extended": _("An alliance was extended to a new end date."),
    "alliance.expiring": _("An alliance ends in 90, 30 or 7 days."),
    "post.published": _("A news post was published."),
    "post.submitted": _("A liaison proposed a news post for review."),
    "post.returned": _("A proposed news post was returned to its city."),
    "meeting.convened": _("A meeting of a statutory body was convened."),
    "resolution.adopted": _("A resolution was adopted and took effect."),
    "invoice.issued": _("A membership invoice was issued."),
    "invoice.paid": _("A membership invoice was paid in full."),
}

# Events about what only the secretariat reads (proposals under review, dues):
# `write` keys, which act for the secretariat, only. A `read` key could never
# receive them (it may not read their objects), so it may not subscribe.
WRITE_KEY_EVENTS = frozenset(
    {"post.submitted", "post.returned", "invoice.issued", "invoice.paid"}
)


def events_for_scope(scope: str) -> list[str]:
    """The event names a key of `scope` may subscribe to."""
    if scope == PartnerKey.Scope.WRITE:
        return list(EVENTS)
    return [name for name in EVENTS if name not in WRITE_KEY_EVENTS]
