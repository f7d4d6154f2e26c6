"""Data for the cabinet tests written straight to the tables: absences, re-study enrolments; and the
text of a page's marked rows."""

import datetime as dt
import html
import re
from decimal import Decimal

from hemis.curricula.enums import TrainingType
from hemis.grading.models import RestudyEnrolment, RestudyGroup, RestudyPeriod, RestudySession
from hemis.schedule.models import Lesson
from hemis.teaching.models import Absence, Excuse, LessonRecord

D = dt.date


def text(response) -> str:
    return html.unescape(response.content.decode())


def rows(body: str, testid: str) -> list[str]:
    """The text of each element marked ``data-testid=testid`` (a table row, a card), spaces squeezed."""
    found = re.findall(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", inner).split()) for _tag, inner in found]


_slot = iter(range(10_000))


def absent(w, student, subject, hours: int, *, excused: bool = False) -> Absence:
    """``student`` absent ``hours`` academic hours from a recorded lesson of ``subject`` (a Subject) in
    the world's semester; excused by an excuse of the dean's office when ``excused``."""
    n = next(_slot)
    lesson = Lesson.objects.create(
        semester=w.semester,
        faculty=w.faculty,
        subject=subject,
        training_type=TrainingType.LECTURE,
        teacher=w.karimov,
        room=w.room301,
        date=w.semester.start_date + dt.timedelta(days=n // 6),
        pair=n % 6 + 1,
        start_time=dt.time(8, 0),
        end_time=dt.time(9, 20),
    )
    record = LessonRecord.objects.create(lesson=lesson)
    excuse = None
    if excused:
        excuse = Excuse.objects.create(
            student=student, from_date=lesson.date, to_date=lesson.date, reason="Ill", document_number="1"
        )
    return Absence.objects.create(record=record, student=student, hours=hours, excuse=excuse)


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
