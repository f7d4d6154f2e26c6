"""The PDF of an issued document, drawn from its stored facts through the one PDF module: the kind as
the title, the registration number and date, a QR code of the verification address beside them, the
fields the document states, its table (records, plan items) when it has one, and the signature line."""

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from hemis.core import pdf
from hemis.documents.builders import HEADERS, fields
from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import IssuedDocument

TABLE_WIDTHS: dict[str, list[float]] = {
    K.STUDY_CARD: [4, 2, 6, 2, 2, 2, 3],
    K.TRANSCRIPT: [4, 2, 7, 2, 2, 2],
    K.RECORD_BOOK: [2, 7, 2, 3, 2, 2],
    K.INDIVIDUAL_PLAN: [6, 2, 2, 3, 4, 3, 3],
}


def statement(document: IssuedDocument) -> str:
    """The sentence a certificate of study states."""
    facts = document.facts
    if document.kind == K.CERTIFICATE:
        return _(
            "This is to certify that %(name)s is a student of course %(course)s of %(faculty)s, "
            "%(university)s, in the academic year %(year)s."
        ) % {
            "name": facts.get("full_name", ""),
            "course": facts.get("course", ""),
            "faculty": facts.get("faculty", ""),
            "university": facts.get("university", "") or "—",
            "year": facts.get("academic_year", "") or "—",
        }
    return ""


def issued_on(document: IssuedDocument) -> str:
    return f"{timezone.localtime(document.issued_at):%d.%m.%Y}"


def document_pdf(document: IssuedDocument, verify_url: str) -> bytes:
    """The document as a PDF; ``verify_url`` is the absolute address of its verification page (with the
    check code), which the QR code carries."""
    title = document.get_kind_display()
    subtitles = [
        _("Registration number: %(number)s") % {"number": document.number},
        _("Date of issue: %(date)s") % {"date": issued_on(document)},
    ]
    width = pdf.content_width()
    story = pdf.heading(title, subtitles)
    size = 30 * mm
    head = RLTable([[story[:-1], pdf.qr_code(verify_url, size)]], colWidths=[width - size, size])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    story = [head, Spacer(1, 4 * mm)]
    sentence = statement(document)
    if sentence:
        story += [pdf.paragraph(sentence), Spacer(1, 4 * mm)]
    facts = pdf.Table(
        headers=[_("Field"), _("Value")], rows=fields(document.kind, document.facts), widths=[1, 2]
    )
    story += [pdf.table(facts, width), Spacer(1, 4 * mm)]
    if document.kind in HEADERS:  # the cells are text: pdf.table writes None as empty
        spec = pdf.Table(
            headers=HEADERS[document.kind],
            rows=document.facts.get("lines") or [],
            widths=TABLE_WIDTHS[document.kind],
        )
        story += [pdf.table(spec, width), Spacer(1, 4 * mm)]
    story += [
        Spacer(1, 6 * mm),
        pdf.paragraph(_("Dean's office: ____________________")),
        Spacer(1, 4 * mm),
        pdf.paragraph(_("Verify this document: %(url)s") % {"url": verify_url}, pdf.CELL),
    ]
    return pdf.build(story, title=title, footer=f"OpenHEMIS · {document.number}")
