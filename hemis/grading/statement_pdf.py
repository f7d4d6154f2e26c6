"""The printable statement (qaydnoma): the university, faculty, group, subject, control, statement,
control date and examiner; a row per student (points, grade, barred students "not admitted"); the
examiner's and the dean's signature lines and the sign-off date."""

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from hemis.core import pdf
from hemis.grading.models import Statement
from hemis.grading.statement_selectors import statement_rows
from hemis.org.selectors import university_name


def statement_pdf(statement: Statement) -> bytes:
    """The statement as a PDF (``statement`` read through ``statement_selectors.statement_detail``)."""
    facts = [
        (_("University"), university_name(statement.faculty)),
        (_("Faculty"), statement.faculty.name),
        (_("Group"), statement.group_name),
        (_("Subject"), f"{statement.subject.code} {statement.subject.name}"),
        (_("Control"), statement.get_control_kind_display()),
        (_("Statement"), statement.get_attempt_display()),
        (_("Control date"), f"{statement.control_date:%d.%m.%Y}"),
        (_("Examiner"), statement.examiner.full_name),
        (_("Maximum points"), str(statement.max_points)),
    ]
    subtitles = [f"{label}: {value}" for label, value in facts if value]
    rows = []
    for number, row in enumerate(statement_rows(statement), start=1):
        if row.line.barred:
            points, grade = _("not admitted"), ""
        else:
            points = "" if row.line.points is None else str(row.line.points)
            grade = row.grade
        rows.append([str(number), row.student.full_name, row.student.student_id_number, points, grade])
    table = pdf.Table(
        headers=["№", _("Student"), _("Student ID"), _("Points"), _("Grade")],
        rows=rows,
        widths=[1, 8, 4, 3, 2],
    )
    width = pdf.content_width()
    signed = (
        _("Signed off: %(date)s") % {"date": f"{timezone.localtime(statement.signed_at):%d.%m.%Y}"}
        if statement.signed_at
        else _("Not signed off")
    )
    story = pdf.heading(_("Statement (qaydnoma)"), subtitles)
    story += [pdf.table(table, width), Spacer(1, 10 * mm)]
    story += [
        pdf.paragraph(_("Examiner: ____________________ %(name)s") % {"name": statement.examiner.full_name}),
        Spacer(1, 6 * mm),
        pdf.paragraph(_("Dean: ____________________")),
        Spacer(1, 6 * mm),
        pdf.paragraph(signed),
    ]
    return pdf.build(story, title=_("Statement (qaydnoma)"), footer="OpenHEMIS")
