"""The statutory bodies: meetings of the General Assembly and the Board, their
agenda, attendance and proxies (meetings.py), and the resolutions they adopt
(resolutions.py).

What is derived (the roll, quorum, majority, outcome) lives in
governance/roll.py; what writes under a rule lives in governance/services.py.
"""

from governance.models.meetings import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingQuerySet,
    attendance_deadline_days,
    notice_days,
    proxy_limit,
    validate_meeting_time,
)
from governance.models.resolutions import (
    ElectedMandate,
    Resolution,
    ResolutionQuerySet,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "ElectedMandate",
    "Meeting",
    "MeetingQuerySet",
    "Resolution",
    "ResolutionQuerySet",
    "attendance_deadline_days",
    "notice_days",
    "proxy_limit",
    "validate_meeting_time",
]
