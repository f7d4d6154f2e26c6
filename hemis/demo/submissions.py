"""Demo data of the students' hand-ins (annex 7 item 3, annex 13 item 5), after teaching and grading: to
the assignments of the current semester's loads, about half of each group's studying students hand in a
small PDF (each student more or less diligent), some a second attempt where the assignment allows two or
more, and the load's teacher grades most of the hand-ins past their deadline — points within the
assignment's maximum and a short comment in Uzbek. Only teachers with a login grade (the others cannot
log in), so only their loads get hand-ins (and the featured student's group, whatever its teachers):
a file each that nobody could ever grade would cost tens of megabytes for nothing.

The service (``teaching.services.content.submit``) refuses a hand-in after the deadline and dates every
row now, so the hand-ins go in directly, with the fields the service and ``grade_submission`` write
(attempts numbered 1..n, ``created_by`` the student, ``graded_at``/``graded_by`` the teacher), dated
before the deadline and graded a few days after it, all rows in one bulk insert (``demo.rows``). The
files (a one-page PDF of a few hundred bytes each) are written straight into the submissions' storage
(MEDIA_ROOT) under deterministic names, so a demo loaded again finds its own files (rewritten only when
they differ) instead of adding copies. Only the hand-ins of ``FEATURED`` (the first student of KT-21-24
on the default seed) to assignments still open go through ``submit``, as the student would hand them in
today. That student hands in to every assignment, and every hand-in of theirs past the deadline to a
teacher with a login is graded with a comment; at least one stays ungraded. The choices are seeded
(``rng``); the dates count from now, like the teaching data's."""

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from random import Random
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from hemis.academics.models import Semester
from hemis.demo import rows as demo_rows
from hemis.students.models import Student, StudentStatus
from hemis.teaching.models import Assignment, Submission
from hemis.teaching.services import content

TASHKENT = ZoneInfo("Asia/Tashkent")
FEATURED = "390230000001"
DILIGENCE = (0.15, 0.85)  # each student hands in to this share of the assignments (about half on average)
OPEN_FACTOR = 0.5  # before an open assignment's deadline, only part of those who will have handed in yet
SECOND = 0.3  # hand-ins tried again, where the assignment allows two attempts or more
FIRST_GRADED = 0.5  # first attempts graded before the second (the reason to try again)
GRADED = 0.85  # hand-ins past the deadline that their teacher (one with a login) graded
WINDOW = dt.timedelta(days=10)  # students hand in within the last days before the deadline
HOUR = dt.timedelta(hours=1)

# (the share of the maximum points at least, the comments of that band)
COMMENTS = (
    (
        Decimal("0.9"),
        (
            "Aʼlo, barcha talablar bajarilgan.",
            "Juda yaxshi ish, manbalar toʻgʻri keltirilgan.",
            "Hisoblar toʻgʻri, rasmiylashtirish namunali.",
        ),
    ),
    (
        Decimal("0.7"),
        (
            "Yaxshi bajarilgan, lekin xulosa qisqa.",
            "Yaxshi, ammo hisoblarda kichik xatolar bor.",
            "Mazmuni yaxshi, adabiyotlar roʻyxatini toʻldiring.",
        ),
    ),
    (
        Decimal("0.5"),
        (
            "Qoniqarli. Jadval va grafiklarni rasmiylashtiring.",
            "Mavzu toʻliq ochib berilmagan.",
            "Hisob qismi chala, xulosa yoʻq.",
        ),
    ),
    (
        Decimal("0"),
        (
            "Vazifa qisman bajarilgan, qayta koʻrib chiqing.",
            "Hisob-kitoblar notoʻgʻri, uslubiy koʻrsatmaga qarang.",
            "Talablarga javob bermaydi, maʼruza matnini qayta oʻqing.",
        ),
    ),
)
RETRY_COMMENTS = (
    "Xulosa yetarli emas, toʻldirib qayta topshiring.",
    "Hisoblarda xato bor, tuzatib qayta yuboring.",
    "Rasmiylashtirish talablarga mos emas, qayta ishlang.",
)
STUDENT_COMMENTS = ("", "", "", "Bajarilgan ish ilova qilindi.", "Savollar boʻlsa, yozing.")
SECOND_COMMENTS = ("Xatolar tuzatildi.", "Ikkinchi urinish: xulosa toʻldirildi.", "Tuzatilgan variant.")
SHARES = (Decimal("1"), Decimal("0.9"), Decimal("0.8"), Decimal("0.8"), Decimal("0.7"), Decimal("0.6"))
LOW_SHARES = (Decimal("0.3"), Decimal("0.4"), Decimal("0.5"))
HALF = Decimal("0.5")
COLUMNS = (
    "assignment_id",
    "student_id",
    "attempt",
    "file",
    "comment",
    "points",
    "teacher_comment",
    "graded_at",
    "graded_by_id",
    "created_at",
    "updated_at",
    "created_by_id",
)


@dataclass
class Task:
    pk: int
    title: str
    subject: str
    deadline: dt.datetime
    max_points: Decimal
    attempts: int
    entered: dt.datetime
    group_id: int
    grader: int | None  # the load's teacher's user


@dataclass
class Pupil:
    pk: int
    number: str
    name: str
    group: str
    user_id: int | None


@dataclass
class HandIn:
    task: Task
    pupil: Pupil
    attempt: int
    at: dt.datetime
    comment: str = ""
    points: Decimal | None = None
    teacher_comment: str = ""
    graded_at: dt.datetime | None = None
    name: str = ""


def seed(*, rng: Random) -> dict[str, int]:
    now = timezone.now()
    current = Semester.objects.filter(is_current=True).first()
    if current is None:
        return {"submissions": 0, "submissions_graded": 0}
    tasks = _tasks(current)
    pupils = _pupils()
    featured = next((p for ps in pupils.values() for p in ps if p.number == FEATURED), None)
    # Hand-ins only where someone can grade them (the load's teacher has a login) and in the featured
    # student's group: a file each, and the rest would wait for ever (tens of megabytes for nothing).
    featured_group = next((g for g, ps in pupils.items() if featured in ps), None)
    tasks = [t for t in tasks if t.grader is not None or t.group_id == featured_group]
    hand_ins, later = _hand_ins(tasks, pupils, featured, now, rng)
    _grade(hand_ins, featured, now, rng)
    if featured is not None and not later:
        _keep_one_waiting(hand_ins, featured)
    _write(hand_ins)
    made = len(hand_ins)
    for task, pupil in later:  # the featured student's hand-ins to the open assignments, through the service
        made += _submit_now(task, pupil)
    return {"submissions": made, "submissions_graded": sum(h.points is not None for h in hand_ins)}


def _tasks(current: Semester) -> list[Task]:
    rows = (
        Assignment.objects.filter(
            load__group_subject__semester=current, load__group_subject__group__is_active=True
        )
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "load__group_subject__curriculum_subject__subject__name_uz",
            "deadline",
            "max_points",
            "attempts",
            "created_at",
            "load__group_subject__group_id",
            "load__teacher__user_id",
        )
    )
    return [Task(*row) for row in rows]


def _pupils() -> dict[int, list[Pupil]]:
    out: dict[int, list[Pupil]] = defaultdict(list)
    for pk, number, last, first, group_id, group, user in (
        Student.objects.filter(status=StudentStatus.STUDYING, group__isnull=False)
        .order_by("group_id", "pk")
        .values_list(
            "pk", "student_id_number", "last_name", "first_name", "group_id", "group__name", "user_id"
        )
    ):
        out[group_id].append(Pupil(pk, number, f"{last} {first}", group, user))
    return out


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TASHKENT)


def _moment(start: dt.datetime, end: dt.datetime, rng: Random, skew: float = 0.5) -> dt.datetime:
    """A moment between ``start`` and ``end``, nearer the end (``skew`` < 1), to the second."""
    at = start + (end - start) * (rng.random() ** skew)
    return at.replace(microsecond=0)


def _hand_ins(tasks, pupils, featured, now, rng) -> tuple[list[HandIn], list[tuple[Task, Pupil]]]:
    """The hand-ins written directly, and the featured student's to the open assignments (handed in now)."""
    diligence = {
        p.pk: 1.0 if p is featured else rng.uniform(*DILIGENCE)
        for group in sorted(pupils)
        for p in pupils[group]
    }
    out: list[HandIn] = []
    later: list[tuple[Task, Pupil]] = []
    for task in tasks:
        closed = task.deadline < now
        end = min(task.deadline, now - HOUR)
        start = max(task.entered + HOUR, end - WINDOW)
        for pupil in pupils.get(task.group_id, ()):
            chance = diligence[pupil.pk] * (1 if closed else OPEN_FACTOR)
            if pupil is featured and not closed:
                later.append((task, pupil))
                continue
            if start >= end or rng.random() >= chance:
                continue
            first = HandIn(task, pupil, 1, _moment(start, end, rng), comment=rng.choice(STUDENT_COMMENTS))
            out.append(first)
            if task.attempts >= 2 and rng.random() < SECOND and first.at + HOUR < end:
                again = HandIn(
                    task, pupil, 2, _moment(first.at + HOUR, end, rng, 1), rng.choice(SECOND_COMMENTS)
                )
                out.append(again)
    return out, later


def _points(task: Task, share: Decimal) -> Decimal:
    """``share`` of the maximum, to half a point, within 0..the maximum."""
    return min((task.max_points * share / HALF).to_integral_value() * HALF, task.max_points)


def _comment(task: Task, points: Decimal, rng: Random) -> str:
    share = points / task.max_points
    return rng.choice(next(texts for least, texts in COMMENTS if share >= least))


def _grade(hand_ins: list[HandIn], featured: Pupil | None, now: dt.datetime, rng: Random) -> None:
    """The teachers (with a login) grade most hand-ins after the deadline, and a first attempt that was
    tried again sometimes before the second; the featured student's all."""
    retried = {(h.task.pk, h.pupil.pk): h for h in hand_ins if h.attempt == 2}
    for h in hand_ins:
        if h.task.grader is None or h.task.deadline >= now:
            continue
        mine = h.pupil is featured
        second = retried.get((h.task.pk, h.pupil.pk))
        if second is not None and h.attempt == 1:
            if rng.random() < FIRST_GRADED or mine:
                h.points = _points(h.task, rng.choice(LOW_SHARES))
                h.teacher_comment = rng.choice(RETRY_COMMENTS)
                h.graded_at = _moment(h.at, second.at, rng, 1)
            continue
        if not mine and rng.random() >= GRADED:
            continue
        day = timezone.localtime(h.task.deadline, TASHKENT).date() + dt.timedelta(days=rng.randint(1, 7))
        graded_at = min(_at(day, rng.randint(9, 18), rng.randint(0, 59)), now - HOUR)
        if graded_at <= h.at:
            continue
        h.points = _points(h.task, rng.choice(SHARES))
        h.teacher_comment = _comment(h.task, h.points, rng)
        h.graded_at = graded_at.replace(microsecond=0)


def _keep_one_waiting(hand_ins: list[HandIn], featured: Pupil) -> None:
    """When none of the featured student's hand-ins waits for its grade, the last graded one does (its
    teacher has not got to it yet), as long as two graded ones stay."""
    mine = [h for h in hand_ins if h.pupil is featured]
    graded = [h for h in mine if h.points is not None and h.teacher_comment not in RETRY_COMMENTS]
    if len(graded) > 2 and all(h.points is not None for h in mine):
        last = max(graded, key=lambda h: (h.graded_at, h.task.pk))
        last.points, last.teacher_comment, last.graded_at = None, "", None


def _ascii(text: str) -> str:
    text = text.replace("ʻ", "'").replace("ʼ", "'").replace("\\", "/").replace("(", "[").replace(")", "]")
    return text.encode("ascii", "replace").decode()


def _pdf_parts() -> tuple[bytes, bytes]:
    """What every demo PDF shares: the objects before the page's text (the catalog, the page tree, the
    page and its font) and the cross-reference table, whose offsets are the same in each (the text comes
    last)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    head = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(head))
        head += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    offsets.append(len(head))  # the page's text, object 5
    table = b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return bytes(head), table + b"trailer\n<</Size 6/Root 1 0 R>>\nstartxref\n"


PDF_HEAD, PDF_TAIL = _pdf_parts()


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF of a few hundred bytes with ``lines`` (ASCII) of text in Helvetica."""
    text = " T* ".join(f"({line})Tj" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 56 780 Td {text} ET".encode()
    body = b"5 0 obj\n<</Length %d>>stream\n%s\nendstream\nendobj\n" % (len(stream), stream)
    return b"%s%s%s%d\n%%%%EOF\n" % (PDF_HEAD, body, PDF_TAIL, len(PDF_HEAD) + len(body))


def _stem(task: Task) -> str:
    """The file name a student gives their work: the assignment's kind, e.g. ``referat``."""
    return _ascii(task.title.split(":")[0]).lower().replace("'", "").replace(" ", "_")


def _write(hand_ins: list[HandIn]) -> None:
    """Store each hand-in's PDF (the subject, the assignment, the student, the attempt) where the service
    would (``upload_to``, of the month handed in) and insert the rows."""
    storage = Submission._meta.get_field("file").storage
    try:
        root = storage.path("")
    except NotImplementedError:  # a remote storage: through its API, one file at a time
        root = None
    tasks: dict[int, tuple[str, str, str]] = {}
    pupils: dict[int, str] = {}
    count: dict[int, int] = defaultdict(int)
    made_dirs: set[str] = set()
    for h in hand_ins:
        task, pupil = h.task, h.pupil
        if task.pk not in tasks:
            tasks[task.pk] = (_ascii(task.subject), _ascii(task.title), _stem(task))
        if pupil.pk not in pupils:
            pupils[pupil.pk] = _ascii(f"{pupil.name}, {pupil.group}, {pupil.number}")
        subject, title, stem = tasks[task.pk]
        count[pupil.pk] += 1
        day = h.at.astimezone(TASHKENT)
        h.name = f"teaching/submissions/{day:%Y/%m}/{stem}_{pupil.number}_{count[pupil.pk]}.pdf"
        data = _pdf([subject, title, pupils[pupil.pk], f"{h.attempt}-urinish, {day:%d.%m.%Y}"])
        if root is None:
            h.name = storage.save(h.name, ContentFile(data))
            continue
        path = os.path.join(root, h.name)
        folder = os.path.dirname(path)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        _store(path, data)
    rows = [
        (
            h.task.pk,
            h.pupil.pk,
            h.attempt,
            h.name,
            h.comment,
            h.points,
            h.teacher_comment,
            h.graded_at,
            h.task.grader if h.points is not None else None,
            h.at,
            h.graded_at or h.at,
            h.pupil.user_id,
        )
        for h in hand_ins
    ]
    demo_rows.insert(Submission, COLUMNS, rows)


def _store(path: str, data: bytes) -> None:
    """Write ``data`` to a new file at ``path``; a file already there (the demo's own, loaded before)
    is rewritten only when it differs."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        with open(path, "rb") as f:
            if f.read() == data:
                return
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def _submit_now(task: Task, pupil: Pupil) -> int:
    student = Student.objects.select_related("user").get(pk=pupil.pk)
    if student.user is None:
        return 0
    day = timezone.localtime(timezone.now(), TASHKENT)
    student_line = f"{pupil.name}, {pupil.group}, {pupil.number}"
    lines = [_ascii(task.subject), _ascii(task.title), _ascii(student_line), f"1-urinish, {day:%d.%m.%Y}"]
    file = ContentFile(_pdf(lines), name=f"{_stem(task)}.pdf")
    assignment = Assignment.objects.get(pk=task.pk)
    content.submit(assignment=assignment, student=student, file=file, actor=student.user)
    return 1
