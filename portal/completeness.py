"""How complete a member city's profile is, for its liaison's dashboard."""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from members.models import MemberCity


@dataclass(frozen=True)
class Item:
    label: str
    done: bool
    # False for facts only the secretariat records.
    by_liaison: bool = True


@dataclass(frozen=True)
class Completeness:
    items: tuple[Item, ...]

    @property
    def percent(self) -> int:
        done = sum(item.done for item in self.items)
        return round(100 * done / len(self.items))

    @property
    def width_class(self) -> str:
        """The stylesheet's width class nearest the percentage: w-0 … w-100."""
        return f"w-{round(self.percent, -1)}"

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.done]


def _label(name: str) -> str:
    return capfirst(MemberCity._meta.get_field(name).verbose_name)


def profile_completeness(
    member: MemberCity, *, has_public_contact: bool
) -> Completeness:
    """The profile fields a liaison edits (population and gross regional product
    each with their year) and a few facts the secretariat keeps."""
    m = member
    return Completeness(
        items=(
            Item(_label("website"), bool(m.website)),
            Item(_label("summary"), bool(m.summary)),
            Item(_label("description"), bool(m.description)),
            Item(
                _("Population and the year it was counted"),
                m.population is not None and m.population_year is not None,
            ),
            Item(
                _("Gross regional product with its currency and year"),
                m.grp_amount is not None and bool(m.grp_currency) and bool(m.grp_year),
            ),
            Item(_label("income_band"), bool(m.income_band), by_liaison=False),
            Item(_("A public contact person"), has_public_contact, by_liaison=False),
        )
    )
