"""The student's hub on the home page: one card per part of the cabinet (annex 13), each one link away.
Parts other issues build appear once their page is registered; until then their card is left out."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HubLink:
    title: str | Promise
    url_name: str
    description: str | Promise


HUB: list[HubLink] = [
    HubLink(_("My timetable"), "web:schedule_my_week", _("This week's lessons, room and teacher.")),
    HubLink(
        _("Control schedule"), "web:schedule_controls", _("Dates of the current, midterm and final controls.")
    ),
    HubLink(
        _("Curriculum"), "web:cabinet_curriculum", _("Subjects, credits and hours semester by semester.")
    ),
    HubLink(_("Attendance"), "web:cabinet_attendance", _("Absent hours per subject and the limits.")),
    HubLink(_("Grades"), "web:cabinet_grades", _("Points per subject and control.")),
    HubLink(_("Record book and GPA"), "web:grading_my_record", _("All semesters, credits, grades and GPA.")),
    HubLink(_("Individual plan"), "web:grading_my_plan", _("How your academic debts are cleared.")),
    HubLink(_("Subjects and assignments"), "web:cabinet_subjects", _("Topics, resources and hand-ins.")),
    HubLink(_("Re-study"), "web:cabinet_restudy", _("Paid re-study: subject, fee, lessons and controls.")),
    HubLink(_("Contracts and stipends"), "web:cabinet_finance", _("Payment form, fees and their payment.")),
    HubLink(_("Electives"), "web:electives_my", _("Choose your elective subjects.")),
    HubLink(_("Documents"), "web:documents_my", _("Certificates, transcript and other documents.")),
    HubLink(_("Clearance sheet"), "web:clearance_my", _("Sign-offs before graduation.")),
    HubLink(_("Diploma"), "web:diploma_my", _("Your diploma and its supplement.")),
    HubLink(_("Personal data"), "web:cabinet_personal_data", _("Check your data; ask for a correction.")),
    HubLink(_("Unilibrary"), "web:cabinet_unilibrary", _("The electronic library.")),
]


def hub_links() -> list[dict]:
    """The hub's cards whose page exists: title, URL and a short description."""
    links = []
    for link in HUB:
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        links.append(
            {"title": link.title, "url": url, "description": link.description, "name": link.url_name}
        )
    return links
