"""The one PDF module: timetables, statements and student documents are all built with it.

ReportLab (platypus) with the DejaVu fonts, because its built-in Helvetica draws boxes for Uzbek
``oʻ gʻ`` and for Cyrillic. A document is a title, subtitle lines, tables (the header row repeats on
every page, cell text wraps), an optional QR code, and a small footer with page numbers::

    pdf.document(
        title="Dars jadvali",
        subtitles=["KT-21 · 01.02.2027 – 06.02.2027"],
        tables=[pdf.Table(headers=[...], rows=[[...], ...], widths=[1, 3, 3])],
        landscape=True,
        footer="OpenHEMIS",
    )

For anything else, build the flowables with ``heading``/``paragraph``/``table``/``qr_code`` and pass
them to ``build``.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import qrcode
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
# Debian/Ubuntu (fonts-dejavu-core), Fedora, Arch, Alpine; ``PDF_FONT_DIR`` in the settings first.
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
MARGIN = 12 * mm
GRID = colors.HexColor("#9aa5b1")
HEADER_BG = colors.HexColor("#e8edf2")

TITLE = ParagraphStyle("hemis-title", fontName=BOLD, fontSize=14, leading=18, spaceAfter=2 * mm)
SUBTITLE = ParagraphStyle("hemis-subtitle", fontName=FONT, fontSize=9.5, leading=12.5)
TEXT = ParagraphStyle("hemis-text", fontName=FONT, fontSize=9.5, leading=12.5)
CELL = ParagraphStyle("hemis-cell", fontName=FONT, fontSize=8, leading=10)
HEAD = ParagraphStyle("hemis-head", parent=CELL, fontName=BOLD)
FOOTER_SIZE = 7


class FontMissing(ImproperlyConfigured):
    pass


def _font_file(name: str) -> Path:
    dirs = [getattr(settings, "PDF_FONT_DIR", None), *FONT_DIRS]
    for folder in filter(None, dirs):
        path = Path(folder) / f"{name}.ttf"
        if path.is_file():
            return path
    raise FontMissing(
        f"{name}.ttf not found in {', '.join(filter(None, dirs))}: install the DejaVu fonts "
        "(Debian: apt-get install fonts-dejavu-core) or set PDF_FONT_DIR to the folder holding them."
    )


@functools.cache
def register_fonts() -> None:
    """Register DejaVuSans and DejaVuSans-Bold with ReportLab (once per process)."""
    for name in (FONT, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(_font_file(name))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def markup(text) -> str:
    """``text`` as Paragraph markup: escaped, its line breaks kept."""
    return "<br/>".join(escape(line) for line in str(text if text is not None else "").split("\n"))


def rich(text: str, style: ParagraphStyle = CELL) -> Paragraph:
    """A paragraph of ReportLab markup (``<b>``, ``<br/>``, ``<strike>``); escape the data in it with
    ``markup``."""
    register_fonts()  # a paragraph resolves its fonts as it is made
    return Paragraph(text, style)


def paragraph(text, style: ParagraphStyle = TEXT) -> Paragraph:
    """A paragraph of plain text."""
    return rich(markup(text), style)


def heading(title: str, subtitles: Sequence[str] = ()) -> list[Flowable]:
    story: list[Flowable] = [paragraph(title, TITLE)]
    story += [paragraph(line, SUBTITLE) for line in subtitles]
    story.append(Spacer(1, 4 * mm))
    return story


@dataclass
class Table:
    """A table: ``widths`` are relative (``[1, 3, 3]``), equal columns when not given. A cell is text
    (wrapped; ``\\n`` breaks a line), a flowable or a list of flowables."""

    headers: Sequence[str]
    rows: Sequence[Sequence]
    widths: Sequence[float] | None = None


def _cell(value, style: ParagraphStyle):
    if isinstance(value, Flowable) or (
        isinstance(value, list) and all(isinstance(v, Flowable) for v in value)
    ):
        return value
    return paragraph(value, style)


def table(spec: Table, width: float) -> RLTable:
    """The flowable of ``spec`` filling ``width`` points, its header row repeated on each page."""
    weights = list(spec.widths or [1] * len(spec.headers))
    col_widths = [width * w / sum(weights) for w in weights]
    data = [[_cell(h, HEAD) for h in spec.headers]]
    data += [[_cell(value, CELL) for value in row] for row in spec.rows]
    flowable = RLTable(data, colWidths=col_widths, repeatRows=1)
    flowable.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return flowable


def qr_code(data: str, size: float = 28 * mm) -> Image:
    """A QR code of ``data`` (e.g. a document's verification address), ``size`` points square."""
    image = qrcode.make(data, border=1)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=size, height=size, hAlign="RIGHT")


def _numbered_canvas(footer: str):
    """A canvas class that writes ``footer`` and "page / pages" at the foot of every page once the
    number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self._foot(len(self._pages))
                super().showPage()
            super().save()

        def _foot(self, total: int) -> None:
            width, _height = self._pagesize
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(colors.HexColor("#52606d"))
            self.drawString(MARGIN, MARGIN / 2, footer)
            self.drawRightString(width - MARGIN, MARGIN / 2, f"{self._pageNumber} / {total}")

    return NumberedCanvas


def page_size(landscape: bool = False) -> tuple[float, float]:
    return turned(A4) if landscape else A4


def content_width(landscape: bool = False) -> float:
    return page_size(landscape)[0] - 2 * MARGIN


def build(story: Sequence[Flowable], *, title: str, landscape: bool = False, footer: str = "") -> bytes:
    """The PDF of ``story`` on A4 (landscape if asked) with the footer and page numbers."""
    register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size(landscape),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        creator="OpenHEMIS",
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


def document(
    *,
    title: str,
    subtitles: Sequence[str] = (),
    tables: Sequence[Table] = (),
    landscape: bool = False,
    footer: str = "",
    qr: str | None = None,
) -> bytes:
    """A titled document of tables, with a QR code of ``qr`` beside the title when given."""
    width = content_width(landscape)
    story = heading(title, subtitles)
    if qr:
        size = 28 * mm
        beside = RLTable([[story[:-1], qr_code(qr, size)]], colWidths=[width - size, size])
        beside.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
        story = [beside, story[-1]]
    for spec in tables:
        story += [table(spec, width), Spacer(1, 4 * mm)]
    return build(story, title=title, landscape=landscape, footer=footer)
