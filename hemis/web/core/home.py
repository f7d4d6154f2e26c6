from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from hemis.academics.selectors import current_semester
from hemis.access import policy
from hemis.access.roles import RoleCode
from hemis.access.selectors import dashboard_figures
from hemis.grading.selectors import student_gpa_rank
from hemis.staff.selectors import appointments_of, employee_of
from hemis.students.selectors import student_of
from hemis.web.cabinet.hub import hub_links


@login_required
def home(request):
    principal = request.principal
    policy.require(principal, "web.dashboard")
    context = {"figures": dashboard_figures(principal), "semester": current_semester()}
    if principal.role == RoleCode.STUDENT:
        student = student_of(request.user)
        context["student"] = student
        context["hub"] = hub_links()
        context["gpa"] = student_gpa_rank(student) if student else None
    elif principal.role == RoleCode.TEACHER:
        employee = employee_of(request.user)
        context["employee"] = employee
        context["appointments"] = appointments_of(employee) if employee else []
    return render(request, "web/core/home.html", context)


@login_required
def profile(request):
    principal = request.principal
    policy.require(principal, "web.profile")
    employee = employee_of(request.user)
    student = student_of(request.user)
    return render(
        request,
        "web/core/profile.html",
        {
            "employee": employee,
            "student": student,
            "appointments": appointments_of(employee) if employee else [],
        },
    )
