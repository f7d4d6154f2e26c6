"""The PDF module: Uzbek Latin, Cyrillic and № come back as written; a long table repeats its header."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from hemis.core import pdf

WORDS = "Oʻzbekiston, gʻalla, Ўзбекистон, Қарши, №"


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_uzbek_and_cyrillic_text_comes_back_exactly():
    data = pdf.document(
        title=WORDS,
        subtitles=["Toshkent davlat texnika universiteti"],
        tables=[pdf.Table(headers=["№", "Nomi"], rows=[["1", WORDS]])],
        footer="OpenHEMIS · Oʻquv boʻlimi",
    )
    assert data.startswith(b"%PDF-")
    [text] = pages(data)
    lines = text.splitlines()
    assert lines[:2] == [WORDS, "Toshkent davlat texnika universiteti"]
    assert lines.count(WORDS) == 2  # the title and the table cell
    assert "OpenHEMIS · Oʻquv boʻlimi" in text
    assert "1 / 1" in text
    assert PdfReader(BytesIO(data)).metadata.title == WORDS


def test_landscape_table_over_two_pages_repeats_its_header():
    rows = [[str(n), f"Qarshi gʻalla {n}", "Ўзбекистон"] for n in range(1, 41)]
    data = pdf.document(
        title="Roʻyxat",
        tables=[pdf.Table(headers=["№", "Nomi", "Mamlakat"], rows=rows, widths=[1, 4, 3])],
        landscape=True,
    )
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 2
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height
    first, second = (page.extract_text().splitlines() for page in reader.pages)
    assert first[:4] == ["Roʻyxat", "№", "Nomi", "Mamlakat"]
    assert second[:3] == ["№", "Nomi", "Mamlakat"]
    assert "Qarshi gʻalla 1" in first and "Qarshi gʻalla 40" in second
    assert "1 / 2" in first[-1] and "2 / 2" in second[-1]
    # Every row is printed once, none lost or repeated at the break.
    numbers = [line for line in first + second if line.isdigit()]
    assert numbers == [str(n) for n in range(1, 41)]


def test_long_cell_text_wraps_inside_its_column():
    long = " ".join(["Gʻulomov"] * 40)
    data = pdf.document(title="T", tables=[pdf.Table(headers=["A", "B"], rows=[[long, "x"]], widths=[1, 5])])
    text = pages(data)[0]
    assert text.count("Gʻulomov") == 40
    assert len([line for line in text.splitlines() if "Gʻulomov" in line]) > 1


def test_qr_code_is_drawn_as_an_image():
    data = pdf.document(title="Maʼlumotnoma", qr="https://hemis.example.uz/verify/abc")
    page = PdfReader(BytesIO(data)).pages[0]
    assert len(page.images) == 1
    assert page.extract_text().startswith("Maʼlumotnoma")


def test_missing_font_is_a_clear_error(settings, monkeypatch, tmp_path):
    settings.PDF_FONT_DIR = str(tmp_path)
    monkeypatch.setattr(pdf, "FONT_DIRS", ())
    with pytest.raises(pdf.FontMissing, match="DejaVuSans.ttf not found in .*fonts-dejavu-core"):
        pdf._font_file(pdf.FONT)
