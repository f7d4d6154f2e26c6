"""A student's own studies (annex 13 item 2): the curriculum by semester, attendance per subject against
the thresholds, grades per subject and control, re-study enrolments, and what exists of contracts,
payments and stipends. Every page reads only the signed-in student's rows (``policy.studies_students``);
another role is refused."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hemis.academics.selectors import current_semester
from hemis.access import policy
from hemis.access.policy.cabinet import studies_students
from hemis.core.models import UniversitySettings
from hemis.curricula.selectors import curriculum_semesters
from hemis.grading import restudy_selectors
from hemis.grading import selectors as grading
from hemis.students.selectors import curriculum_semester_number
from hemis.teaching.journal_selectors import student_semester_attendance


def own_student(request, *related: str):
    """The signed-in student (with ``related`` loaded); another role is refused, a student without a
    record is not found."""
    policy.require(request.principal, "cabinet.studies")
    student = studies_students(request.principal).select_related("group", *related).first()
    if student is None:
        raise Http404
    return student


def chosen_semester(request, semesters: list):
    """The semester asked for (``?semester=``) among ``semesters`` (latest first); else the current one,
    else the latest begun, else the earliest to come; None without any."""
    wanted = request.GET.get("semester", "")
    if wanted.isdigit():
        for semester in semesters:
            if semester.pk == int(wanted):
                return semester
        raise Http404
    today = timezone.localdate()
    return (
        next((s for s in semesters if s.is_current), None)
        or next((s for s in semesters if s.start_date <= today), None)
        or (semesters[-1] if semesters else None)
    )


@login_required
@require_GET
def curriculum(request):
    student = own_student(request, "group__curriculum__programme", "group__curriculum__marking_system")
    group = student.group
    semester = current_semester()
    number = curriculum_semester_number(group, semester) if group and semester else None
    context = {
        "student": student,
        "curriculum": group.curriculum if group else None,
        "semesters": curriculum_semesters(group.curriculum_id if group else None, number),
    }
    return render(request, "web/cabinet/curriculum.html", context)


@login_required
@require_GET
def attendance(request):
    student = own_student(request, "group__curriculum__marking_system__attendance_rules")
    semesters = list(grading.student_semesters(student))
    semester = chosen_semester(request, semesters)
    context = {"student": student, "semesters": semesters, "semester": semester}
    if semester is not None:
        bar = UniversitySettings.current().bar_absence_percent
        context["attendance"] = student_semester_attendance(student, semester, bar_percent=bar)
    return render(request, "web/cabinet/attendance.html", context)


@login_required
@require_GET
def grades(request):
    student = own_student(request, "group__curriculum__marking_system")
    semesters = list(grading.student_semesters(student))
    semester = chosen_semester(request, semesters)
    group = student.group
    system = group.curriculum.marking_system if group and group.curriculum else None
    context = {
        "student": student,
        "semesters": semesters,
        "semester": semester,
        "subjects": grading.student_grades(student, semester, system) if semester else [],
    }
    return render(request, "web/cabinet/grades.html", context)


@login_required
@require_GET
def restudy(request):
    student = own_student(request)
    enrolments = restudy_selectors.student_restudies(student)
    return render(request, "web/cabinet/restudy.html", {"student": student, "enrolments": enrolments})


@login_required
@require_GET
def finance(request):
    """What the system keeps now: the payment form of the student record and the re-study fees with
    their payment; contracts and stipends arrive with the accounting module."""
    student = own_student(request)
    enrolments = restudy_selectors.student_restudies(student)
    unpaid = sum((e.fee for e in enrolments if not e.paid_on), 0)
    context = {"student": student, "enrolments": enrolments, "unpaid": unpaid}
    return render(request, "web/cabinet/finance.html", context)
