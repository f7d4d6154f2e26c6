"""The diploma and its supplement as PDFs (annex 13 item 9), built with the one PDF module.

The diploma: the university, the graduate's name, the programme, the degree and qualification, the
diploma's series and number and its date. The supplement: the same heading and the academic record —
each subject with its semester, credits, score and grade (``hemis.grading.selectors.student_records``),
the credits earned and the cumulative GPA. The full diploma records (print status, registration book)
come with a later issue; these are the downloadable copies."""

from decimal import Decimal

from django.utils.translation import gettext as _

from hemis.core import pdf
from hemis.grading import selectors as grading_selectors
from hemis.grading.enums import RecordStatus
from hemis.graduation.models import Diploma
from hemis.org.selectors import university_name

FOOTER = "OpenHEMIS"


def _facts(diploma: Diploma) -> list[tuple[str, str]]:
    student = diploma.student
    programme = student.programme
    facts = [
        (_("University"), university_name(student.faculty)),
        (_("Graduate"), student.full_name),
        (_("Student ID"), student.student_id_number),
        (_("Programme"), f"{programme.code} {programme.name}" if programme else ""),
        (_("Degree"), programme.get_education_type_display() if programme else ""),
        (_("Qualification"), programme.qualification if programme else ""),
        (_("Diploma"), f"{diploma.series} № {diploma.number}"),
        (_("Date of issue"), f"{diploma.issued_on:%d.%m.%Y}"),
    ]
    return [(label, value) for label, value in facts if value]


def diploma_pdf(diploma: Diploma) -> bytes:
    """The diploma of ``diploma.student`` (its programme loaded)."""
    facts = _facts(diploma)
    return pdf.document(
        title=_("Diploma"),
        subtitles=[f"{label}: {value}" for label, value in facts],
        footer=f"{FOOTER} · {diploma.series} {diploma.number}",
    )


def supplement_pdf(diploma: Diploma) -> bytes:
    """The diploma supplement: the heading of the diploma and the graduate's academic record."""
    student = diploma.student
    records = list(grading_selectors.student_records(student))
    rows = []
    earned = Decimal(0)
    for number, record in enumerate(records, start=1):
        if record.status == RecordStatus.PASSED:
            earned += record.credits
        rows.append(
            [
                str(number),
                f"{record.curriculum_subject.subject.code} {record.curriculum_subject.subject.name}",
                str(record.semester),
                str(record.credits),
                str(record.score),
                record.grade or "—",
                record.get_status_display(),
            ]
        )
    table = pdf.Table(
        headers=["№", _("Subject"), _("Semester"), _("Credits"), _("Score"), _("Grade"), _("Result")],
        rows=rows,
        widths=[1, 8, 5, 2, 2, 2, 3],
    )
    cumulative = grading_selectors.cumulative_gpa(student)
    totals = [_("Credits earned: %(credits)s") % {"credits": earned}]
    if cumulative is not None:
        totals.append(_("Cumulative GPA: %(gpa)s") % {"gpa": cumulative.gpa})
    subtitles = [f"{label}: {value}" for label, value in _facts(diploma)] + totals
    return pdf.document(
        title=_("Diploma supplement"),
        subtitles=subtitles,
        tables=[table],
        footer=f"{FOOTER} · {diploma.series} {diploma.number}",
    )
