"""The letter of a PINFL correction request to the ministry centre (RTTRM), as a PDF made with the one
PDF module: its number and date, the university, the table of the flagged records, the signatory."""

from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.core import pdf
from hemis.core.models import UniversitySettings, localized
from hemis.exchange.enums import PersonKind
from hemis.exchange.models import PinflCorrection, PinflCorrectionLine


def _identifier(line: PinflCorrectionLine) -> str:
    if line.person_kind == PersonKind.STUDENT:
        return line.student.student_id_number
    return str(line.employee.pk)


def letter_pdf(request: PinflCorrection, lines: list[PinflCorrectionLine]) -> bytes:
    """The letter of ``request`` with its ``lines`` (students and employees loaded), landscape so that a
    PINFL fits its cell on one line."""
    university = UniversitySettings.current()
    name = localized(university, "name") or university.hemis_code
    date = request.sent_on or timezone.localdate()
    title = _("Request to correct wrongly entered PINFLs")
    story = pdf.heading(
        title,
        [
            _("Letter No. %(number)s of %(date)s")
            % {"number": request.number, "date": date.strftime("%d.%m.%Y")},
            _("From: %(university)s") % {"university": name},
            _("To: the ministry centre (RTTRM)"),
        ],
    )
    story.append(
        pdf.paragraph(
            _(
                "The personal identification numbers (PINFL) of the students and employees below were "
                "entered wrongly in HEMIS. We ask you to correct them to the values given."
            )
        )
    )
    story.append(pdf.Spacer(1, 4 * pdf.mm))
    rows = [
        [
            str(number),
            line.get_person_kind_display(),
            _identifier(line),
            line.person.full_name,
            line.wrong_value,
            line.correct_value,
            line.reason,
        ]
        for number, line in enumerate(lines, start=1)
    ]
    spec = pdf.Table(
        headers=[
            "№",
            _("Record"),
            _("ID"),
            _("Full name"),
            _("Wrong PINFL"),
            _("Correct PINFL"),
            _("Reason"),
        ],
        rows=rows,
        widths=[0.5, 1.2, 1.5, 3, 1.7, 1.7, 2.6],
    )
    story += [pdf.table(spec, pdf.content_width(landscape=True)), pdf.Spacer(1, 8 * pdf.mm)]
    signatory = request.signatory_position or _("Signatory")
    story.append(pdf.paragraph(f"{signatory}: ____________ {request.signatory_name}".rstrip()))
    return pdf.build(story, title=title, landscape=True, footer=f"{name} · {request.number}")
