"""The kinds of documents a student requests (annex 13 item 6) and the prefix of each one's registration
number (``MA-2026-000123``: the prefix, the year of issue, the year's sequence of the kind)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of study (maʼlumotnoma)")
    STUDY_CARD = "study_card", _("Study record card (oʻquv varaqa)")
    TRANSCRIPT = "transcript", _("Transcript")
    INDIVIDUAL_PLAN = "individual_plan", _("Individual plan")
    RECORD_BOOK = "record_book", _("Record book extract")
    STUDENT_CARD = "student_card", _("Student ID card")
    ORDER_EXTRACT = "order_extract", _("Order extract")


PREFIX: dict[str, str] = {
    DocumentKind.CERTIFICATE: "MA",  # maʼlumotnoma
    DocumentKind.STUDY_CARD: "OV",  # oʻquv varaqa
    DocumentKind.TRANSCRIPT: "TR",
    DocumentKind.INDIVIDUAL_PLAN: "IR",  # individual reja
    DocumentKind.RECORD_BOOK: "RD",  # reyting daftarchasi
    DocumentKind.STUDENT_CARD: "TG",  # talabalik guvohnomasi
    DocumentKind.ORDER_EXTRACT: "BK",  # buyruqdan koʻchirma
}
