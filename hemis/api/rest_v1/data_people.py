"""Data (Backend) API: the people of the university (``/rest/v1/data/student-list``, ``student-info``,
``employee-list``) as the document's ``StudentMeta`` and ``EmployeeMeta``.

The API user reads the whole university (``api.data`` of the policy); the document gives them the
passport data as filters and as the ``hash`` of each record, and the birth dates. What our domain
does not keep (the place of residence as classifiers, a student's type and poverty level, an
employee's specialty and labour contract) is answered null or empty, never made up."""

import hashlib

from django.db.models import Avg, DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.enums import SemesterType
from hemis.academics.selectors import current_semester
from hemis.access import policy
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    int_param,
    not_found,
    option,
    paginate,
    str_param,
    text,
    ts,
    ts_param,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.core.models import UniversitySettings, localized
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord, Gpa
from hemis.staff.enums import RATE_OF_CODE, EmployeeStatus
from hemis.staff.models import Appointment, EmployeeType
from hemis.staff.selectors import current_q
from hemis.students.models import Student, StudentStatus
from hemis.students.selectors import StudentFilter, student_list

ALL_STATUSES = -1
GRADED = (RecordStatus.PASSED, RecordStatus.FAILED)
CODE_OF_RATE = {rate: code for code, rate in RATE_OF_CODE.items()}
EMPLOYEE_KINDS = ("teacher", "employee", "all")


def _entitled(request) -> None:
    """The data API's lists are the whole university's, for an API user only."""
    policy.require(request.principal, "api.data")


def passport_hash(person) -> str:
    """The document's ``hash``: sha256 of ``passport_pin/passport_number``."""
    return hashlib.sha256(f"{person.pinfl}/{person.passport}".encode()).hexdigest()


def _number(value) -> float | None:
    return None if value is None else float(value)


def _passport_q(request, prefix: str = "") -> Q | None:
    """``passport_pin`` and ``passport_number`` filter together (the document asks for both)."""
    pin, number = str_param(request, "passport_pin"), str_param(request, "passport_number")
    if not pin and not number:
        return None
    missing = "passport_number" if pin and not number else "passport_pin" if number and not pin else ""
    if missing:
        raise bad_request(_("Missing required parameter: %(name)s") % {"name": missing})
    return Q(**{f"{prefix}pinfl": pin, f"{prefix}passport__iexact": number})


# --- students ----------------------------------------------------------------------------------


def _students_read(queryset):
    """The students with what ``StudentMeta`` shows: their faculty, programme, group and its
    curriculum, and their cumulative GPA, average grade and credits earned (subqueries: one query)."""
    records = AcademicRecord.objects.filter(student=OuterRef("pk")).order_by().values("student")
    cumulative = Gpa.objects.filter(student=OuterRef("pk"), academic_year__isnull=True)
    decimal = DecimalField(max_digits=8, decimal_places=2)
    return queryset.select_related("faculty", "programme", "group__curriculum").annotate(
        api_gpa=Subquery(cumulative.values("gpa")[:1]),
        api_grade=Subquery(
            records.filter(status__in=GRADED).annotate(v=Avg("score")).values("v"), output_field=decimal
        ),
        api_credits=Coalesce(
            Subquery(
                records.filter(status=RecordStatus.PASSED).annotate(v=Sum("credits")).values("v"),
                output_field=decimal,
            ),
            0,
            output_field=decimal,
        ),
    )


class _Context:
    """What every student of an answer shares: the university and the current semester (read once)."""

    def __init__(self):
        self.university = UniversitySettings.current()
        self.semester = current_semester()

    def semester_number(self, course: int) -> int | None:
        if self.semester is None:
            return None
        return 2 * course - (1 if self.semester.semester_type == SemesterType.AUTUMN else 0)


def student_meta(s: Student, ctx: _Context) -> dict:
    number = ctx.semester_number(s.course)
    code = shapes.semester_code(number) if number else None
    year = ctx.semester.academic_year if ctx.semester else None
    group = s.group
    return {
        "id": s.pk,
        # one record per student: its meta is the student itself
        "meta_id": s.pk,
        "full_name": text(s.full_name),
        "short_name": text(s.short_name),
        "first_name": text(s.first_name),
        "second_name": text(s.last_name),
        "third_name": text(s.patronymic),
        # no photographs of students are kept
        "image": "",
        "image_full": "",
        "student_id_number": s.student_id_number,
        "birth_date": ts(s.birth_date),
        "avg_gpa": _number(s.api_gpa),
        "avg_grade": _number(s.api_grade),
        "total_credit": _number(s.api_credits),
        "university": {
            "code": ctx.university.hemis_code,
            "name": text(localized(ctx.university, "name")),
        },
        "gender": option("h_gender", s.gender),
        "department": shapes.department(s.faculty),
        "specialty": shapes.specialty(s.programme),
        "group": shapes.group(group),
        "educationYear": {"code": str(year.start_date.year), "name": year.name} if year else None,
        # the place of residence is kept as an address line, not as classifiers
        "country": None,
        "province": None,
        "district": None,
        "terrain": None,
        "citizenship": option("h_citizenship_type", s.citizenship),
        "semester": (
            {"id": ctx.semester.pk, "code": code, "name": option("h_semester", code)["name"]}
            if code
            else None
        ),
        "level": option("h_course", str(10 + s.course)),
        "educationForm": option("h_education_form", s.education_form),
        "educationType": option("h_education_type", s.education_type),
        "paymentForm": option("h_payment_form", s.payment_form),
        "studentType": None,
        "socialCategory": option("h_social_category", s.social_category),
        "povertyLevel": None,
        "accommodation": option("h_accommodation", s.accommodation),
        "studentStatus": option("h_student_status", s.status),
        "_curriculum": group.curriculum_id if group else None,
        "created_at": ts(s.created_at),
        "updated_at": ts(s.updated_at),
        "hash": passport_hash(s),
    }


def _course_of_semester(code: int, ctx: _Context) -> int | None:
    """The course whose students study the ``h_semester`` ``code`` now (None: no one does)."""
    number = code - 10
    if ctx.semester is None or number < 1:
        return None
    autumn = ctx.semester.semester_type == SemesterType.AUTUMN
    if (number % 2 == 1) != autumn:
        return None
    return (number + 1) // 2


def _student_filters(request, ctx: _Context):
    """``StudentFilter`` of the documented filters, and the filters it has no field for."""
    status = int_param(request, "_student_status")
    status = int(StudentStatus.STUDYING) if status is None else status
    flt = StudentFilter(
        search=str_param(request, "search"),
        faculty=int_param(request, "_department"),
        programme=int_param(request, "_specialty"),
        group=int_param(request, "_group"),
        status="" if status == ALL_STATUSES else str(status),
        payment_form=str_param(request, "_payment_form"),
        education_form=str_param(request, "_education_form"),
        citizenship=str_param(request, "_citizenship"),
    )
    q = Q()
    education_type = str_param(request, "_education_type")
    if education_type:
        q &= Q(education_type=education_type)
    gender = str_param(request, "_gender")
    if gender:
        q &= Q(gender=gender)
    curriculum = int_param(request, "_curriculum")
    if curriculum is not None:
        q &= Q(group__curriculum_id=curriculum)
    level = int_param(request, "_level")
    if level is not None:
        q &= Q(course=level - 10)
    semester = int_param(request, "_semester")
    if semester is not None:
        course = _course_of_semester(semester, ctx)
        q &= Q(course=course) if course else Q(pk__in=[])
    # no place of residence as classifiers, no tutors: nobody matches these filters
    if str_param(request, "_province") or str_param(request, "_district") or str_param(request, "tutor_pin"):
        q &= Q(pk__in=[])
    passport = _passport_q(request)
    if passport is not None:
        q &= passport
    since, until = ts_param(request, "updated_at_from"), ts_param(request, "updated_at_to")
    if since is not None:
        q &= Q(updated_at__gte=since)
    if until is not None:
        q &= Q(updated_at__lte=until)
    return flt, q


@operation(access="data")
def student_list_view(request):
    """Students (those studying unless ``_student_status`` says otherwise; ``-1``: all) with the
    document's filters, in the order of the dean's office lists."""
    _entitled(request)
    ctx = _Context()
    flt, q = _student_filters(request, ctx)
    students = student_list(Student.objects.filter(q), flt)
    return paginate(request, _students_read(students), lambda s: student_meta(s, ctx))


@operation(access="data")
def student_info(request):
    """One student by ``student_id_number`` or ``student_id`` (any status)."""
    _entitled(request)
    number = str_param(request, "student_id_number")
    pk = int_param(request, "student_id")
    if not number and pk is None:
        raise bad_request(_("Missing required parameter: %(name)s") % {"name": "student_id_number"})
    students = Student.objects.all()
    if number:
        students = students.filter(student_id_number=number)
    if pk is not None:
        students = students.filter(pk=pk)
    student = _students_read(students).first()
    if student is None:
        raise not_found()
    return student_meta(student, _Context())


# --- employees ---------------------------------------------------------------------------------


def employee_meta(a: Appointment, request, today) -> dict:
    e = a.employee
    photo = request.build_absolute_uri(e.photo.url) if e.photo else ""
    return {
        "id": e.pk,
        # an employment (position in a unit) is the document's employee meta
        "meta_id": a.pk,
        "full_name": text(e.full_name),
        "short_name": text(e.short_name),
        "first_name": text(e.first_name),
        "second_name": text(e.last_name),
        "third_name": text(e.patronymic),
        "image": photo,
        "image_full": photo,
        "year_of_enter": str(a.api_entered.year) if a.api_entered else "",
        # no separate employee ID number is kept: the record's id is the employee's number
        "employee_id_number": e.pk,
        "gender": option("h_gender", e.gender),
        "department": shapes.department(a.org_unit),
        "academicDegree": option("h_academic_degree", e.academic_degree),
        "academicRank": option("h_academic_rank", e.academic_rank),
        "employmentForm": option("h_employment_form", a.employment_form),
        "employmentStaff": option("h_employment_staff", CODE_OF_RATE.get(a.rate)),
        "staffPosition": option("h_teacher_position_type", a.position),
        "employeeStatus": option("h_teacher_status", e.status),
        "employeeType": option("h_employee_type", e.employee_type),
        # the diploma specialty and the labour contract are not kept (only the appointing order)
        "specialty": "",
        "contract_number": "",
        "contract_date": None,
        "decree_number": a.order_number,
        "decree_date": ts(a.order_date),
        "birth_date": ts(e.birth_date),
        "created_at": ts(a.created_at),
        "update_at": ts(max(a.updated_at, e.updated_at)),
        "hash": passport_hash(e),
        "active": a.is_current(today),
    }


def _employee_filters(request) -> Q:
    kind = str_param(request, "type")
    if not kind:
        raise bad_request(_("Missing required parameter: %(name)s") % {"name": "type"})
    if kind not in EMPLOYEE_KINDS:
        raise bad_request(_("Invalid value of parameter type: it must be teacher, employee or all."))
    q = Q()
    if kind == "teacher":
        q &= Q(employee__employee_type=EmployeeType.TEACHING)
    elif kind == "employee":
        q &= ~Q(employee__employee_type=EmployeeType.TEACHING)
    department = int_param(request, "_department")
    if department is not None:
        q &= Q(org_unit_id=department)
    for param, field in (
        ("_gender", "employee__gender"),
        ("_staff_position", "position"),
        ("_employee_status", "employee__status"),
        ("_employment_form", "employment_form"),
        ("_employee_type", "employee__employee_type"),
        ("_academic_rank", "employee__academic_rank"),
        ("_academic_degree", "employee__academic_degree"),
    ):
        value = str_param(request, param)
        if value:
            q &= Q(**{field: value})
    staff = str_param(request, "_employment_staff")
    if staff:
        q &= Q(rate=RATE_OF_CODE[staff]) if staff in RATE_OF_CODE else Q(pk__in=[])
    passport = _passport_q(request, "employee__")
    if passport is not None:
        q &= passport
    for word in str_param(request, "search").split():
        words = Q(employee__last_name__icontains=word) | Q(employee__first_name__icontains=word)
        words |= Q(employee__patronymic__icontains=word)
        if word.isdigit():
            words |= Q(employee_id=int(word))
        q &= words
    return q


@operation(access="data")
def employee_list(request):
    """Employments (an employee's position in a unit): the current ones, and the ended ones of
    dismissed employees (``active`` false); ``type`` teacher (teaching staff), employee (the others) or all."""
    _entitled(request)
    today = timezone.localdate()
    q = _employee_filters(request)
    first_start = (
        Appointment.objects.filter(employee=OuterRef("employee"))
        .order_by("start_date")
        .values("start_date")[:1]
    )
    appointments = (
        Appointment.objects.filter(current_q(today) | Q(employee__status=EmployeeStatus.DISMISSED))
        .filter(q)
        .select_related("employee", "org_unit")
        .annotate(api_entered=Subquery(first_start))
        .order_by("employee__last_name", "employee__first_name", "employee_id", "pk")
    )
    return paginate(request, appointments, lambda a: employee_meta(a, request, today))


ROUTES = [
    ("data/student-list", student_list_view),
    ("data/student-info", student_info),
    ("data/employee-list", employee_list),
]
