"""Data for the cabinet tests written straight to the tables: re-study enrolments (absences are
``hemis.testing.schedule.absent``); and the text of a page's marked rows."""

import datetime as dt
import re
from decimal import Decimal

from hemis.grading.models import RestudyEnrolment, RestudyGroup, RestudyPeriod, RestudySession
from hemis.testing.schedule import absent, text  # noqa: F401 - the cabinet tests import them from here

D = dt.date


def rows(body: str, testid: str) -> list[str]:
    """The text of each element marked ``data-testid=testid`` (a table row, a card), spaces squeezed."""
    found = re.findall(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", inner).split()) for _tag, inner in found]


def enrol(g, student, *, cs=None, fee="1000000", paid_on=None, sessions: int = 1) -> RestudyEnrolment:
    """``student`` in a summer re-study group of ``cs``'s subject (Mathematics unless given) with
    ``sessions`` lessons and a final control."""
    w = g.world
    cs = cs or g.math_cs
    period, _ = RestudyPeriod.objects.get_or_create(
        name="Yozgi 2027",
        semester=w.semester,
        defaults={"start_date": D(2027, 6, 15), "end_date": D(2027, 7, 31), "fee_per_credit": 250000},
    )
    group, _ = RestudyGroup.objects.get_or_create(
        period=period,
        name=f"RS-{cs.subject.code}",
        defaults={"faculty": w.faculty, "subject": cs.subject, "teacher": w.karimov},
    )
    if not group.sessions.exists():
        for i in range(sessions):
            RestudySession.objects.create(
                group=group,
                date=D(2027, 6, 16 + i),
                start_time=dt.time(9),
                end_time=dt.time(10, 20),
                room=w.room204,
            )
        RestudySession.objects.create(
            group=group,
            kind="control",
            control_kind="13",
            date=D(2027, 7, 30),
            start_time=dt.time(9),
            end_time=dt.time(10, 20),
        )
    return RestudyEnrolment.objects.create(
        group=group, student=student, curriculum_subject=cs, fee=Decimal(fee), paid_on=paid_on
    )
