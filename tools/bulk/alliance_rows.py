"""Bulk alliances, with their signatories and extensions: a part of
tools.bulk.generator.Generator, which holds the state these methods use."""

import random
from collections.abc import Iterator

from alliances.models import Alliance, AllianceExtension, AllianceSignatory
from core.db import add_years
from tools.bulk import text
from tools.bulk.common import PREFIX, days

DRAFT_ALLIANCE_SHARE = 0.03
# Alliances made to end within 90 days, so that every scale has some.
EXPIRING_ALLIANCE_SHARE = 0.03
TERMINATED_ALLIANCE_SHARE = 0.02
EXTENDED_ALLIANCE_SHARE = 0.12
Kind = Alliance.Kind
KINDS = (Kind.GRANTING_MEMBER, Kind.PARTNER, Kind.SUPPORTING_ENTITY)
KIND_WEIGHTS = (60, 30, 10)


class AllianceRows:
    """The alliance stages of the Generator."""

    def alliances(self) -> Iterator[Alliance]:
        rng = self.rng("alliances")
        for number in range(self.scale.alliances):
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            member = rng.randrange(len(self.member_ids))
            if kind == Kind.GRANTING_MEMBER:
                counterpart = (
                    f"{text.city_name(self.seed, member)} {rng.choice(text.OFFICES)}"
                )
            else:
                counterpart = rng.choice(text.PARTNERS)
            instrument = rng.choice(Alliance.Instrument.values)
            alliance = Alliance(
                title=f"{Alliance.Instrument(instrument).label} with {counterpart}",
                slug=f"{PREFIX}alliance-{number:05d}",
                kind=kind,
                instrument=instrument,
                granting_member_id=(
                    self.member_ids[member] if kind == Kind.GRANTING_MEMBER else None
                ),
                counterpart=counterpart,
                contact_id=self.secretariat_person(rng),
                summary=text.prose(rng, self.pool, 2),
                objectives=text.prose(rng, self.pool, 3),
                internal_notes=text.prose(rng, self.pool, 1),
            )
            # Who signs for the counterpart: a contact of this city.
            alliance.bulk_member = member
            roll = rng.random()
            if roll >= DRAFT_ALLIANCE_SHARE:
                self.set_term(
                    alliance,
                    rng,
                    expiring=roll < DRAFT_ALLIANCE_SHARE + EXPIRING_ALLIANCE_SHARE,
                )
            yield alliance

    def set_term(self, alliance: Alliance, rng: random.Random, expiring: bool):
        alliance.term_years = rng.choice((1, 2, 3, 3, 3, 4, 5))
        if expiring:
            end = self.today + days(rng.randint(0, 89))
            alliance.start_date = add_years(end + days(1), -alliance.term_years)
        else:
            alliance.start_date = self.today - days(rng.randint(-60, 30 * 365))
        alliance.signed_on = alliance.start_date - days(rng.randint(0, 60))
        alliance.signing_format = rng.choice(Alliance.SigningFormat.values)
        alliance.plan_id = self.plan_ids.get(alliance.signed_on.year)
        if rng.random() < TERMINATED_ALLIANCE_SHARE:
            alliance.terminated_on = alliance.start_date + days(
                rng.randint(30, 365 * alliance.term_years)
            )
        # Alliance.save() would store it; alliance_parts() moves it when the
        # alliance gets extensions.
        alliance.ends_on = alliance.agreed_end_date

    def alliance_parts(self, batch: list[Alliance]) -> None:
        self.alliance_ids.extend(alliance.pk for alliance in batch)
        rng = self.parts_rng
        signatories, extensions, extended = [], [], []
        for alliance in batch:
            if alliance.signed_on is None:
                continue
            signatories += [
                AllianceSignatory(
                    alliance_id=alliance.pk,
                    person_id=self.secretariat_person(rng),
                    side=AllianceSignatory.Side.ASSOCIATION,
                ),
                AllianceSignatory(
                    alliance_id=alliance.pk,
                    person_id=self.contact_of(alliance.bulk_member),
                    side=AllianceSignatory.Side.COUNTERPART,
                ),
            ]
            if rng.random() < EXTENDED_ALLIANCE_SHARE:
                end = alliance.agreed_end_date
                for _ in range(1 if rng.random() < 0.7 else 2):
                    agreed_on = end - days(rng.randint(10, 180))
                    end = add_years(end, rng.randint(1, 2))
                    extensions.append(
                        AllianceExtension(
                            alliance_id=alliance.pk,
                            new_end_date=end,
                            agreed_on=agreed_on,
                            note=text.prose(rng, self.pool, 1),
                        )
                    )
                alliance.ends_on = end
                extended.append(alliance)
        self.insert(AllianceSignatory, signatories)
        self.insert(AllianceExtension, extensions)
        # bulk_create sends no signal: the stored end of the extended alliances
        # is set here, as saving an extension would.
        Alliance.objects.bulk_update(extended, ["ends_on"], batch_size=self.batch_size)
