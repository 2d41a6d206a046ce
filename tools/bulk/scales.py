"""How much bulk data each scale makes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """Row counts of one scale; people, signatories and extensions follow."""

    name: str
    members: int
    mandates: int
    alliances: int
    posts: int

    @property
    def secretariat_people(self) -> int:
        # People of the Secretariat General, who sign for the association.
        return max(3, self.members // 500)

    @property
    def people(self) -> int:
        # One contact per member city, and the Secretariat General's.
        return self.members + self.secretariat_people


def _fraction(name: str, divisor: int) -> Scale:
    return Scale(
        name=name,
        members=LARGE.members // divisor,
        mandates=LARGE.mandates // divisor,
        alliances=LARGE.alliances // divisor,
        posts=LARGE.posts // divisor,
    )


LARGE = Scale("large", members=10_000, mandates=40_000, alliances=20_000, posts=200_000)
# `tiny` is for tests: quick, yet every kind of row is there.
SCALES = {
    scale.name: scale
    for scale in (
        _fraction("tiny", 500),
        _fraction("small", 100),
        _fraction("medium", 10),
        LARGE,
    )
}
