import pytest

from tests.governance.utils import (
    grid_2025,
    make_meeting,
    member_paid,
    member_unpaid,
    member_waived,
)


@pytest.fixture
def assembly():
    """A held General Assembly on 10 June 2026 with four member cities:
    two paid, one waived, one unpaid (tests/governance/utils.py)."""
    grid_2025()
    meeting = make_meeting()
    meeting.paid = [member_paid("Barcelona"), member_paid("Berlin")]
    meeting.waived = member_waived("Lagos")
    meeting.unpaid = member_unpaid("Montevideo")
    return meeting
