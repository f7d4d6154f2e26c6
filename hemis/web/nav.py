"""The navigation: an item appears only when the active role may use its page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hemis.access import policy
from hemis.access.principal import Principal


@dataclass(frozen=True)
class NavItem:
    title: str | Promise
    url_name: str
    action: str
    section: str | Promise = ""


# Domain issues append their pages here, each guarded by its policy action.
NAV: list[NavItem] = [
    NavItem(_("Home"), "web:home", "web.dashboard"),
    NavItem(_("My profile"), "web:profile", "web.profile"),
    # -- structure pages (org) --
    NavItem(_("Organisational structure"), "web:org_tree", "org.view", _("Structure")),
    NavItem(_("University requisites"), "web:org_requisites", "org.view", _("Structure")),
    NavItem(_("Buildings"), "web:org_buildings", "rooms.view", _("Structure")),
    NavItem(_("Rooms"), "web:org_rooms", "rooms.view", _("Structure")),
    # -- staff pages --
    NavItem(_("Employees"), "web:staff_employees", "staff.view", _("Staff")),
    NavItem(_("Staff table"), "web:staff_units", "staff.view", _("Staff")),
    NavItem(_("Import employees"), "web:staff_import", "staff.edit", _("Staff")),
    # -- careers pages --
    NavItem(_("Competitive selection"), "web:careers_competitions", "careers.view", _("Staff")),
    NavItem(_("Selection monitoring"), "web:careers_selection_monitoring", "careers.view", _("Staff")),
    NavItem(_("Professional development"), "web:careers_trainings", "careers.view", _("Staff")),
    NavItem(_("Training monitoring"), "web:careers_training_monitoring", "careers.view", _("Staff")),
    # -- academic set-up pages --
    NavItem(_("Marking systems"), "web:academics_marking", "academics.setup.view", _("Academic set-up")),
    NavItem(_("Control types"), "web:academics_controls", "academics.setup.view", _("Academic set-up")),
    NavItem(
        _("Academic years and semesters"), "web:academics_years", "academics.setup.view", _("Academic set-up")
    ),
    NavItem(_("Statement types"), "web:academics_statements", "academics.setup.view", _("Academic set-up")),
    NavItem(_("Lesson pairs"), "web:academics_pairs", "academics.setup.view", _("Academic set-up")),
    NavItem(_("Rating criteria"), "web:academics_criteria", "academics.setup.view", _("Academic set-up")),
    # -- programmes and subject catalogue pages (issue 5) --
    NavItem(_("Programmes"), "web:programmes_list", "programmes.view", _("Programmes and curricula")),
    NavItem(_("Subject catalogue"), "web:subjects_list", "subjects.view", _("Programmes and curricula")),
    # -- curricula pages (issue 5) --
    NavItem(_("Curricula"), "web:curricula_list", "curricula.view", _("Curricula")),
    # -- groups and students pages (issue 5) --
    NavItem(_("Academic groups"), "web:students_groups", "students.view", _("Students")),
    NavItem(_("Students"), "web:students_list", "students.view", _("Students")),
    NavItem(_("Put into groups"), "web:students_assign", "students.assign_group", _("Students")),
    # -- timetable pages (issue 11) --
    NavItem(_("Timetable"), "web:schedule_index", "schedule.view", _("Timetable")),
    NavItem(_("My timetable"), "web:schedule_my_week", "schedule.own", _("Timetable")),
    NavItem(_("My calendar feed"), "web:schedule_feed_settings", "schedule.own", _("Timetable")),
    NavItem(_("Timetable drafts"), "web:schedule_drafts", "schedule.edit", _("Timetable")),
    NavItem(_("Control schedules"), "web:schedule_controls", "schedule.view", _("Timetable")),
    NavItem(_("My controls"), "web:schedule_controls", "schedule.own", _("Timetable")),
    NavItem(_("Timetable monitoring"), "web:schedule_monitoring", "schedule.monitoring", _("Timetable")),
    # -- teaching pages: content and assignments (issue 12) --
    NavItem(_("My subjects"), "web:teaching_my_subjects", "teaching.content.edit", _("Teaching")),
    NavItem(_("Subject content"), "web:teaching_my_subjects", "teaching.view", _("Teaching")),
    # -- teaching pages: the department head's (issue 12) --
    NavItem(_("Distribution of subjects"), "web:teaching_distribution", "teaching.view", _("Teaching")),
    NavItem(_("Teachers' progress"), "web:teaching_progress", "teaching.view", _("Teaching")),
    NavItem(_("Methodological and research works"), "web:teaching_works", "teaching.view", _("Teaching")),
    NavItem(_("My works"), "web:teaching_works", "teaching.works.submit", _("Teaching")),
    # -- teaching pages: journals, attendance, excuses and lists (issue 12) --
    NavItem(_("Excused absences"), "web:teaching_excuses", "teaching.absence_lists", _("Teaching")),
    NavItem(_("Absence lists"), "web:teaching_absence_lists", "teaching.absence_lists", _("Teaching")),
    NavItem(_("Attendance rules"), "web:teaching_attendance_rules", "teaching.rules.edit", _("Teaching")),
    # -- grading pages: statements, records, GPA, debts, plans and re-study (issue 13) --
    NavItem(_("Statements"), "web:grading_statements", "grading.view", _("Grading")),
    NavItem(_("My statements"), "web:grading_my_statements", "grading.grade", _("Grading")),
    NavItem(_("Rating statement"), "web:grading_rating", "grading.view", _("Grading")),
    NavItem(_("Summary statement"), "web:grading_summary", "grading.view", _("Grading")),
    NavItem(_("GPA"), "web:grading_gpa", "grading.view", _("Grading")),
    NavItem(_("Academic debts"), "web:grading_debts", "grading.view", _("Grading")),
    NavItem(_("Paid re-study"), "web:grading_restudy_periods", "grading.view", _("Grading")),
    NavItem(_("My academic record"), "web:grading_my_record", "grading.own", _("Grading")),
    NavItem(_("My individual plan"), "web:grading_my_plan", "grading.own", _("Grading")),
    # -- electives (issue 14) --
    NavItem(_("My electives"), "web:electives_my", "electives.own"),
    NavItem(_("Electives"), "web:electives_windows", "electives.view", _("Students")),
    # -- documents (issue 14) --
    NavItem(_("My documents"), "web:documents_my", "documents.own"),
    # -- my studies: the student cabinet (issue 14) --
    NavItem(_("Curriculum"), "web:cabinet_curriculum", "cabinet.studies", _("My studies")),
    NavItem(_("Attendance"), "web:cabinet_attendance", "cabinet.studies", _("My studies")),
    NavItem(_("Grades"), "web:cabinet_grades", "cabinet.studies", _("My studies")),
    NavItem(_("My subjects"), "web:cabinet_subjects", "cabinet.studies", _("My studies")),
    NavItem(_("Re-study"), "web:cabinet_restudy", "cabinet.studies", _("My studies")),
    NavItem(_("Contracts and stipends"), "web:cabinet_finance", "cabinet.studies", _("My studies")),
    # -- graduation: the clearance sheet and the diploma (issue 14) --
    NavItem(_("Clearance sheet"), "web:clearance_my", "graduation.clearance.own", _("Graduation")),
    NavItem(_("My diploma"), "web:diploma_my", "graduation.diploma.own", _("Graduation")),
    NavItem(_("Clearance"), "web:clearance_queue", "graduation.clearance.sign", _("Graduation")),
    NavItem(_("Graduating students"), "web:clearance_students", "graduation.clearance.open", _("Graduation")),
    NavItem(_("Diplomas"), "web:diplomas", "graduation.diplomas.manage", _("Graduation")),
    NavItem(_("Clearance units"), "web:clearance_units", "graduation.units.manage", _("Administration")),
    # -- personal data, corrections and Unilibrary (issue 14) --
    NavItem(_("My personal data"), "web:cabinet_personal_data", "cabinet.personal_data"),
    NavItem(_("Unilibrary"), "web:cabinet_unilibrary", "cabinet.unilibrary"),
    NavItem(_("Data corrections"), "web:students_corrections", "cabinet.corrections.decide", _("Students")),
    # -- student orders pages (issue 5) --
    NavItem(_("Student orders"), "web:orders_list", "orders.view", _("Students")),
    NavItem(_("Allowed movements"), "web:orders_transitions", "orders.view", _("Students")),
    # -- admission pages (issue 5) --
    NavItem(_("Admission"), "web:admission_list", "orders.edit", _("Students")),
    # -- achievements pages (issue 5) --
    NavItem(_("Student achievements"), "web:achievements_list", "achievements.view", _("Students")),
    # -- administration pages (access, audit, classifiers, calendar, settings) --
    NavItem(_("Users and roles"), "web:admin_users", "access.manage_roles", _("Administration")),
    NavItem(_("Action journal"), "web:admin_journal", "audit.view", _("Administration")),
    NavItem(
        _("Reset a student's password"),
        "web:admin_student_password",
        "access.reset_student_password",
        _("Administration"),
    ),
    NavItem(_("Classifiers"), "web:reference_classifiers", "classifiers.view", _("Administration")),
    NavItem(_("Working-day calendar"), "web:reference_calendar", "calendar.view", _("Administration")),
    # -- the integration registry and the data-API tokens (issue 15, annex 2) --
    NavItem(_("Integration registry"), "web:integrations_list", "integrations.view", _("Integrations")),
    NavItem(_("API tokens"), "web:integrations_tokens", "integrations.view", _("Integrations")),
    NavItem(_("Data delivered via API"), "web:integrations_calls", "integrations.view", _("Integrations")),
    # -- the exchange with the ministry (issue 15, annex 1 items 4 and 6) --
    NavItem(_("Sync with the central registry"), "web:exchange_status", "exchange.view", _("Integrations")),
    NavItem(_("PINFL correction requests"), "web:exchange_pinfl", "exchange.manage", _("Integrations")),
    # -- compliance pages --
    NavItem(_("Regulation compliance"), "web:compliance_index", "compliance.view"),
    NavItem(_("University settings"), "web:compliance_settings", "settings.edit", _("Administration")),
]


def items_for(principal: Principal, current_path: str) -> list[dict]:
    out = []
    for item in NAV:
        if policy.can(principal, item.action):
            url = reverse(item.url_name)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            out.append({"title": item.title, "url": url, "active": active, "section": item.section})
    # Items of one section stand together, sections in the order they first appear.
    first_seen = {}
    for entry in out:
        first_seen.setdefault(str(entry["section"]), len(first_seen))
    return sorted(out, key=lambda entry: first_seen[str(entry["section"])])
