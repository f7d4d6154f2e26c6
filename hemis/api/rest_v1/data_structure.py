"""Data (Backend) API: the university's structure and reference lists (``/rest/v1/data/*``).

The API user reads the whole university (``api.data``); every list goes through the domain's
selectors, one page at a time, in a number of queries independent of its length. Besides each
operation's documented filters, ``updated_at_from``/``updated_at_to`` (timestamps) narrow every list
to the records changed in that range (the README's delta sync)."""

import datetime as dt

from django.db.models import F, Func, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics import selectors as academics
from hemis.academics.models import (
    AcademicYear,
    GradeBand,
    LessonPair,
    MarkingSystem,
    Programme,
    StatementType,
)
from hemis.access import policy
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    int_param,
    option,
    paginate,
    str_param,
    text,
    ts,
    ts_param,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.classifiers import selectors as classifiers
from hemis.classifiers.models import ClassifierOption
from hemis.core.models import UniversitySettings
from hemis.curricula import selectors as curricula
from hemis.curricula.enums import CurriculumStatus
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
)
from hemis.org import selectors as org
from hemis.org.models import OrgUnit
from hemis.schedule.models import TeachingLoad
from hemis.students import selectors as students
from hemis.students.models import Group, GroupSubject
from hemis.teaching.models import Resource

department = shapes.department


def _read(request) -> None:
    """Every operation here reads the whole university: the API user's ``api.data``."""
    policy.require(request.principal, "api.data")


def _changed(request, qs, field: str = "updated_at"):
    """``updated_at_from`` / ``updated_at_to``: records last changed in that range (inclusive)."""
    since, until = ts_param(request, "updated_at_from"), ts_param(request, "updated_at_to")
    if since is not None:
        qs = qs.filter(**{f"{field}__gte": since})
    if until is not None:  # the answers' timestamps are whole seconds: ``_to`` takes in its whole second
        qs = qs.filter(**{f"{field}__lt": until + dt.timedelta(seconds=1)})
    return qs


def _flag(request, name: str, default: str = "") -> bool | None:
    """A ``0``/``1``/``all`` parameter: True, False, or None for all."""
    raw = str_param(request, name) or default
    if raw in ("", "all"):
        return None
    if raw not in ("0", "1"):
        raise bad_request(
            _("Invalid value of parameter %(name)s: %(value)s is not 0, 1 or all.")
            % {"name": name, "value": raw}
        )
    return raw == "1"


def _count(rows):
    """The number of ``rows`` (a correlated subquery) for each row of the outer query."""
    return Coalesce(Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")), 0)


def _code(request, name: str) -> str:
    """A ``_<field>`` classifier code (any text; an unknown code simply matches nothing)."""
    return str_param(request, name)


# --- classifiers -------------------------------------------------------------------------------


def system_classifier(c) -> dict:
    """``SystemClassifier``: the table with its active options; ``version`` and ``updated_at`` are the
    time its table (the classifier or one of its options) last changed."""
    changed = ts(c.changed_at)
    return {
        "name": text(c.name),
        "classifier": c.key,
        "options": [{"code": o.code, "name": text(o.name)} for o in c.active_options],
        "version": changed,
        "created_at": ts(c.created_at),
        "updated_at": changed,
    }


@operation(access="data")
def classifier_list(request):
    """Every HEMIS classifier table; ``classifier`` (a key such as ``h_gender``)."""
    _read(request)
    options = ClassifierOption.objects.filter(active=True).order_by("position", "code")
    tables = classifiers.classifiers().annotate(
        changed_at=Greatest("updated_at", Coalesce(Max("options__updated_at"), "updated_at"))
    )
    key = str_param(request, "classifier")
    if key:
        tables = tables.filter(key=key)
    tables = _changed(request, tables, "changed_at")
    tables = tables.prefetch_related(Prefetch("options", queryset=options, to_attr="active_options"))
    return paginate(request, tables, system_classifier)


# --- the structure -----------------------------------------------------------------------------


@operation(access="data")
def department_list(request):
    """Org units; ``active`` (``1`` by default, ``0``, ``all``), ``_structure_type`` (a code),
    ``parent`` (an id; ``_parent`` too), ``search`` (in the name)."""
    _read(request)
    units = OrgUnit.objects.order_by("path", "pk")
    active = _flag(request, "active", "1")
    if active is not None:
        units = units.filter(active=active)
    structure = _code(request, "_structure_type")
    if structure:
        units = units.filter(structure_type=structure)
    for name in ("parent", "_parent"):
        parent = int_param(request, name)
        if parent is not None:
            units = units.filter(parent_id=parent)
    search = str_param(request, "search")
    if search:
        units = units.filter(
            Q(name_uz__icontains=search) | Q(name_ru__icontains=search) | Q(name_en__icontains=search)
        )
    return paginate(request, _changed(request, units), department)


_SPECIALTY_KEYS = {
    "11": "bachelorSpecialty",
    "12": "masterSpecialty",
    "13": "ordinatureSpecialty",
    "14": "doctorateSpecialty",
    "15": "doctorateSpecialty",
}


def specialty_meta(p: Programme) -> dict:
    """``SpecialtyMeta`` of a programme: its code is the specialty's code in the classifier of its
    education type (``bachelorSpecialty`` for a bachelor direction…); the others are null."""
    meta = {
        "id": p.pk,
        "active": p.is_active,
        "name": text(p.name),
        "code": p.code,
        "department": department(p.faculty),
        "localityType": option("h_locality_type", "11"),
        "educationType": option("h_education_type", p.education_type),
        "bachelorSpecialty": None,
        "masterSpecialty": None,
        "doctorateSpecialty": None,
        "ordinatureSpecialty": None,
        "created_at": ts(p.created_at),
        "updated_at": ts(p.updated_at),
    }
    key = _SPECIALTY_KEYS.get(p.education_type)
    if key:
        meta[key] = {"code": p.code, "name": text(p.name)}
    return meta


@operation(access="data")
def specialty_list(request):
    """Programmes (HEMIS specialties); ``_department`` (the faculty's id), ``_locality_type`` (every
    programme of ours is local, ``11``), ``_education_type``, ``search`` (name or code)."""
    _read(request)
    flt = academics.ProgrammeFilter(
        search=str_param(request, "search"), education_type=_code(request, "_education_type")
    )
    programmes = academics.programme_list(Programme.objects.all(), flt).order_by("code", "pk")
    faculty = int_param(request, "_department")
    if faculty is not None:
        programmes = programmes.filter(faculty_id=faculty)
    locality = _code(request, "_locality_type")
    if locality and locality != "11":
        programmes = programmes.none()
    return paginate(request, _changed(request, programmes), specialty_meta)


def group_meta(g: Group) -> dict:
    """``GroupMeta``; the document's ``specilaty`` is sent as spelled there and as ``specialty``."""
    return {
        "id": g.pk,
        "name": g.name,
        "educationLang": option("h_language", g.language),
        "department": department(g.faculty),
        "specilaty": shapes.specialty(g.programme),
        "specialty": shapes.specialty(g.programme),
        "_curriculum": g.curriculum_id,
        "active": g.is_active,
    }


@operation(access="data")
def group_list(request):
    """Academic groups; ``id``, ``_department`` (faculty), ``_curriculum``, ``_specialty`` (programme),
    ``_education_type``, ``_education_form``, ``search`` (in the name)."""
    _read(request)
    flt = students.GroupFilter(
        search=str_param(request, "search"), education_form=_code(request, "_education_form")
    )
    groups = students.group_list(Group.objects.all(), flt).order_by("name", "pk")
    for name, field in (("id", "pk"), ("_department", "faculty_id"), ("_curriculum", "curriculum_id")):
        value = int_param(request, name)
        if value is not None:
            groups = groups.filter(**{field: value})
    programme = int_param(request, "_specialty")
    if programme is not None:
        groups = groups.filter(programme_id=programme)
    education_type = _code(request, "_education_type")
    if education_type:
        groups = groups.filter(programme__education_type=education_type)
    return paginate(request, _changed(request, groups), group_meta)


# --- marking systems, grade types, statement types ---------------------------------------------


class _Marking:
    """What every marking system shares in the answers: the number of final statements a student
    may sit (the active statement types: 1st, 2nd, 3rd) and the university's GPA transfer limit."""

    def __init__(self):
        self.final_exams = StatementType.objects.filter(is_active=True).count()
        self.gpa_limit = float(UniversitySettings.current().gpa_transfer_threshold)

    def system(self, m: MarkingSystem) -> dict:
        return {
            "code": m.code,
            "name": text(m.name),
            "count_final_exams": self.final_exams,
            "minimum_limit": float(m.pass_border),
            "gpa_limit": self.gpa_limit,
            "updated_at": ts(m.updated_at),
        }

    def grade_type(self, band: GradeBand) -> dict:
        """``GradeType`` (what HEMIS answers) carrying its system's ``MarkingSystem`` properties at the
        top too (what the document draws for the data API's list)."""
        system = self.system(band.marking_system)
        return {
            "code": band.grade,
            "name": text(band.name),
            "markingSystem": system,
            "position": band.position,
            "min_border": float(band.min_value),
            "max_border": float(band.max_value),
            "active": band.marking_system.is_active,
            "updated_at": ts(band.updated_at),
            "count_final_exams": system["count_final_exams"],
            "minimum_limit": system["minimum_limit"],
            "gpa_limit": system["gpa_limit"],
        }


@operation(access="data")
def marking_system_list(request):
    """The marking systems (HEMIS ``h_marking_system``)."""
    _read(request)
    marking = _Marking()
    return paginate(request, _changed(request, academics.marking_systems()), marking.system)


@operation(access="data")
def grade_type_list(request):
    """The grade types: every marking system's grade bands, highest first (``position`` from 1);
    ``_marking_system`` (a code)."""
    _read(request)
    marking = _Marking()
    higher = GradeBand.objects.filter(
        marking_system=OuterRef("marking_system"), min_value__gt=OuterRef("min_value")
    )
    bands = GradeBand.objects.select_related("marking_system").annotate(position=_count(higher) + 1)
    system = _code(request, "_marking_system")
    if system:
        bands = bands.filter(marking_system__code=system)
    bands = _changed(request, bands).order_by("marking_system__code", "-min_value", "pk")
    return paginate(request, bands, marking.grade_type)


def rating_grade(t: StatementType) -> dict:
    """``RatingGrade`` of a statement (qaydnoma) type; no print template is kept (empty)."""
    return {
        "code": t.code,
        "name": text(t.name),
        "template": "",
        "position": t.position,
        "updated_at": ts(t.updated_at),
    }


@operation(access="data")
def rating_grade_list(request):
    """The statement (qaydnoma) types, ``position`` from 1 in the order of their codes."""
    _read(request)
    before = StatementType.objects.filter(code__lt=OuterRef("code"))
    types = academics.statement_types().annotate(position=_count(before) + 1)
    return paginate(request, _changed(request, types).order_by("code"), rating_grade)


# --- lesson pairs and rooms --------------------------------------------------------------------


def lesson_pair(p: LessonPair) -> dict:
    return shapes.lesson_pair(p.number, p.start_time, p.end_time, p.academic_year)


@operation(access="data")
def lesson_pair_list(request):
    """The lesson pairs of every academic year, newest year first; ``_education_year`` (its code)."""
    _read(request)
    pairs = LessonPair.objects.select_related("academic_year")
    year = int_param(request, "_education_year")
    if year is not None:
        pairs = pairs.filter(academic_year__start_date__year=year)
    pairs = _changed(request, pairs).order_by("-academic_year__start_date", "number")
    return paginate(request, pairs, lesson_pair)


@operation(access="data")
def auditorium_list(request):
    """Rooms; ``_building`` (an id), ``_auditorium_type`` (a code), ``search`` (number or name)."""
    _read(request)
    rooms = org.rooms(room_type=_code(request, "_auditorium_type"), search=str_param(request, "search"))
    building = int_param(request, "_building")
    if building is not None:
        rooms = rooms.filter(building_id=building)
    return paginate(
        request, _changed(request, rooms.order_by("building__name", "number", "pk")), shapes.auditorium
    )


# --- curricula ---------------------------------------------------------------------------------


class _Years:
    """Academic years by the year they start (one query): ``EducationYear`` of a start year."""

    def __init__(self):
        self.by_start = {y.start_date.year: y for y in AcademicYear.objects.all()}

    def shape(self, start: int) -> dict:
        year = self.by_start.get(start)
        if year is not None:
            return shapes.education_year(year)
        return {"code": str(start), "name": f"{start}-{start + 1}", "current": False}


@operation(access="data")
def curriculum_list(request):
    """Curricula; ``_department`` (the faculty's id), ``_education_year`` (the intake year),
    ``_education_type``, ``_education_form``."""
    _read(request)
    marking, years = _Marking(), _Years()
    rows = curricula.curricula(
        Curriculum.objects.all(),
        faculty=int_param(request, "_department"),
        intake_year=int_param(request, "_education_year"),
    )
    education_type = _code(request, "_education_type")
    if education_type:
        rows = rows.filter(programme__education_type=education_type)
    education_form = _code(request, "_education_form")
    if education_form:
        rows = rows.filter(education_form=education_form)
    rows = _changed(request, rows).order_by("programme__code", "-intake_year", "education_form", "pk")

    def shape(c: Curriculum) -> dict:
        return {
            "id": c.pk,
            "name": f"{c.programme.code} {text(c.programme.name)} ({c.intake_year})",
            "markingSystem": marking.system(c.marking_system),
            "specialty": shapes.specialty(c.programme),
            "department": department(c.programme.faculty),
            "educationType": option("h_education_type", c.programme.education_type),
            "educationForm": option("h_education_form", c.education_form),
            "educationYear": years.shape(c.intake_year),
            "semester_count": c.semester_count,
            "education_period": c.programme.duration_years,
            "accepted": c.status == CurriculumStatus.APPROVED,
            "active": True,
        }

    return paginate(request, rows, shape)


def _semester_numbers_of(course: int) -> list[int]:
    return [2 * course - 1, 2 * course]


@operation(access="data")
def semester_list(request):
    """The semesters of every curriculum with their weeks; ``_curriculum`` (an id), ``_level`` (the
    ``h_course`` code), ``_education_year`` (the code of the academic year the semester falls in)."""
    _read(request)
    years, today = _Years(), timezone.localdate()
    current = academics.current_semester()
    rows = CurriculumSemester.objects.select_related("curriculum").prefetch_related(
        Prefetch("weeks", queryset=CurriculumWeek.objects.order_by("number"))
    )
    curriculum = int_param(request, "_curriculum")
    if curriculum is not None:
        rows = rows.filter(curriculum_id=curriculum)
    level = int_param(request, "_level")
    if level is not None:
        rows = rows.filter(number__in=_semester_numbers_of(level - 10))
    year = int_param(request, "_education_year")
    if year is not None:
        # semester 2k+1 and 2k+2 of an intake fall in the academic year intake + k
        q = Q(pk__in=[])
        for k in range(8):
            q |= Q(curriculum__intake_year=year - k, number__in=[2 * k + 1, 2 * k + 2])
        rows = rows.filter(q)
    rows = _changed(request, rows).order_by("curriculum_id", "number")

    def is_current(s: CurriculumSemester) -> bool:
        return (
            current is not None
            and current.academic_year.start_date.year == s.academic_year_start
            and current.number == 2 - s.number % 2
        )

    def shape(s: CurriculumSemester) -> dict:
        code = shapes.semester_code(s.number)
        weeks = list(s.weeks.all())
        shaped = [
            {
                "id": w.pk,
                "current": w.start_date <= today <= w.end_date,
                "start_date": ts(w.start_date),
                "end_date": ts(w.end_date),
                "start_date_f": w.start_date.strftime("%d.%m.%Y"),
                "end_date_f": w.end_date.strftime("%d.%m.%Y"),
            }
            for w in weeks
        ]
        return {
            "id": s.pk,
            "code": code,
            "name": option("h_semester", code)["name"],
            "current": is_current(s),
            "education_year": years.shape(s.academic_year_start),
            "_education_year": str(s.academic_year_start),
            "_curriculum": s.curriculum_id,
            "start_date": ts(weeks[0].start_date) if weeks else None,
            "end_date": ts(weeks[-1].end_date) if weeks else None,
            "position": s.number,
            "active": True,
            "level": option("h_course", str(10 + s.course)),
            "curriculumWeeks": [{"_semester": code, **week} for week in shaped],
            # the README's ``Semester.weeks``, as the Student API's semesters carry them
            "weeks": shaped,
        }

    return paginate(request, rows, shape)


def _number(value):
    """Credits as the document's integer when whole (``6``), else as they are (``2.5``)."""
    return int(value) if value == int(value) else float(value)


def curriculum_subject(cs: CurriculumSubject) -> dict:
    """``CurriculumSubjectMeta``: hours per lesson type, controls with their maximum points, and the
    teachers assigned to it in any group (``_employees``: their ids, comma-separated)."""
    code = shapes.semester_code(cs.semester.number)
    loads = list(cs.loads.all())
    teachers = sorted(
        {load.teacher_id for binding in cs.group_bindings.all() for load in binding.loads.all()}
    )
    return {
        "id": cs.pk,
        "_curriculum": cs.semester.curriculum_id,
        "subject": shapes.subject(cs.subject),
        "subjectType": option("h_subject_type", cs.subject_type),
        "subjectBlock": option("h_subject_block", cs.block),
        "subjectDetails": [
            {
                "id": load.pk,
                "trainingType": option("h_training_type", load.training_type),
                "academic_load": load.hours,
            }
            for load in loads
        ],
        "subjectExamTypes": [
            {
                "id": c.pk,
                "examType": {"code": c.control_type.code, "name": text(c.control_type.name)},
                "max_ball": c.max_points,
            }
            for c in cs.controls.all()
        ],
        # a subject's kind of statement is not kept by our curricula
        "ratingGrade": None,
        "examFinish": option("h_exam_finish", cs.final_form),
        "department": department(cs.department),
        "semester": option("h_semester", code),
        "_semester": int(code),
        "total_acload": sum(load.hours for load in loads),
        "credit": _number(cs.credits),
        "resource_count": cs.resource_count,
        "resources_count": cs.resource_count,
        "at_semester": True,
        "active": True,
        "_employees": ",".join(str(t) for t in teachers),
        "created_at": ts(cs.created_at),
        "updated_at": ts(cs.updated_at),
    }


@operation(access="data")
def curriculum_subject_list(request):
    """The subjects of every curriculum; ``_curriculum``, ``_subject_type``, ``_exam_finish``,
    ``_rating_grade`` (none is kept: it matches nothing), ``_semester`` (the ``h_semester`` code),
    ``_department`` (the responsible department's id)."""
    _read(request)
    resources = Resource.objects.filter(curriculum_subject=OuterRef("pk"))
    bindings = GroupSubject.objects.prefetch_related(
        Prefetch("loads", queryset=TeachingLoad.objects.only("pk", "group_subject_id", "teacher_id"))
    )
    rows = (
        CurriculumSubject.objects.select_related("subject", "department", "semester")
        .prefetch_related(
            "loads",
            Prefetch("controls", queryset=SubjectControl.objects.select_related("control_type")),
            Prefetch("group_bindings", queryset=bindings),
        )
        .annotate(resource_count=_count(resources))
    )
    curriculum = int_param(request, "_curriculum")
    if curriculum is not None:
        rows = rows.filter(semester__curriculum_id=curriculum)
    for name, field in (("_subject_type", "subject_type"), ("_exam_finish", "final_form")):
        value = _code(request, name)
        if value:
            rows = rows.filter(**{field: value})
    if _code(request, "_rating_grade"):
        rows = rows.none()
    semester = int_param(request, "_semester")
    if semester is not None:
        rows = rows.filter(semester__number=semester - 10)
    unit = int_param(request, "_department")
    if unit is not None:
        rows = rows.filter(department_id=unit)
    rows = _changed(request, rows).order_by(
        "semester__curriculum_id", "semester__number", "subject__code", "pk"
    )
    return paginate(request, rows, curriculum_subject)


ROUTES = [
    ("data/classifier-list", classifier_list),
    ("data/department-list", department_list),
    ("data/specialty-list", specialty_list),
    ("data/group-list", group_list),
    ("data/curriculum-list", curriculum_list),
    ("data/curriculum-subject-list", curriculum_subject_list),
    ("data/semester-list", semester_list),
    ("data/marking-system-list", marking_system_list),
    ("data/grade-type-list", grade_type_list),
    ("data/rating-grade-list", rating_grade_list),
    ("data/lesson-pair-list", lesson_pair_list),
    ("data/auditorium-list", auditorium_list),
]
