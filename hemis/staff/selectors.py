from hemis.staff.models import Appointment, Employee


def employee_of(user) -> Employee | None:
    return Employee.objects.filter(user=user).first()


def appointments_of(employee: Employee) -> list[Appointment]:
    return list(
        employee.appointments.filter(end_date__isnull=True)
        .select_related("org_unit", "org_unit__parent")
        .order_by("-rate", "start_date")
    )
