from django.conf import settings
from django.core.management.base import BaseCommand

from hemis.access.models import RoleGrant
from hemis.demo.cabinet import fresh_students
from hemis.demo.integrations import DEMO_API_KEY, DEMO_API_LOGIN, demo_token_live
from hemis.demo.structure import DEMO_LOGINS
from hemis.org.models import OrgUnit, StructureType
from hemis.students.models import Student, StudentStatus

HEADER = ("Login", "Role", "Scope", "Person")


class Command(BaseCommand):
    help = "Print the demo logins (one per role), a few student IDs and the shared demo password."

    def handle(self, *args, **options):
        rows = self.login_rows()
        if not rows:
            self.stdout.write("No demo logins in this database (run: manage.py seed_demo).")
            return
        self.stdout.write(table([HEADER, *rows]))
        teachers = self.teacher_logins()
        if teachers:
            shown = ", ".join(teachers[:4])
            self.stdout.write(f"\nMore teacher logins ({len(teachers)}), e.g.: {shown}")
        students = self.example_students()
        if students:
            self.stdout.write("\nStudents log in with their 12-digit student ID, e.g.:")
            self.stdout.write(table([("Student ID", "Name", "Group"), *students]))
        fresh = fresh_students()
        if fresh:
            self.stdout.write(
                "\nStudents whose first log-in is still ahead (a new password, then e-mail and phone): "
                + ", ".join(fresh)
            )
        if demo_token_live():
            self.stdout.write(
                f"\nData API: {DEMO_API_LOGIN} holds the API user role; its demo token (key published for the "
                f"demo only):\n  {DEMO_API_KEY}\n"
                f"  curl -H 'Authorization: Bearer {DEMO_API_KEY}' "
                "'http://127.0.0.1:8000/rest/v1/data/department-list?limit=5'"
            )
        self.stdout.write(f"\nPassword for every demo login: {settings.HEMIS_DEMO_PASSWORD}")

    def login_rows(self) -> list[tuple[str, ...]]:
        logins = [login for login, *_ in DEMO_LOGINS]
        grants = (
            RoleGrant.objects.current()
            .filter(user__username__in=logins)
            .select_related("user__employee", "role", "org_unit")
            .order_by("role__order", "pk")
        )
        by_login: dict[str, list[RoleGrant]] = {}
        for grant in grants:
            by_login.setdefault(grant.user.username, []).append(grant)
        rows = []
        for login in logins:
            for index, grant in enumerate(by_login.get(login, [])):
                scope = grant.org_unit.name_en if grant.org_unit else "Whole university"
                person = getattr(grant.user, "employee", None)
                rows.append(
                    (
                        login if index == 0 else "",
                        grant.role.name_en,
                        scope,
                        person.full_name if person and index == 0 else "",
                    )
                )
        return rows

    def teacher_logins(self) -> list[str]:
        named = {login for login, *_ in DEMO_LOGINS}
        grants = RoleGrant.objects.current().filter(role_id="teacher").exclude(user__username__in=named)
        return sorted(set(grants.values_list("user__username", flat=True)))

    def example_students(self) -> list[tuple[str, str, str]]:
        faculties = OrgUnit.objects.filter(structure_type=StructureType.FACULTY).order_by("code")[:3]
        found = []
        for faculty in faculties:
            student = (
                Student.objects.filter(
                    status=StudentStatus.STUDYING, user__isnull=False, group__faculty=faculty
                )
                .select_related("group")
                .order_by("student_id_number")
                .first()
            )
            if student is not None:
                found.append((student.student_id_number, student.full_name, student.group.name))
        return found


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    rule = "  ".join("-" * width for width in widths)
    return "\n".join([lines[0], rule, *lines[1:]])
