"""The subject catalogue: the service (catalogued_at is set once, never cleared) and the Excel import."""

import pytest
from django.core.exceptions import ValidationError

from hemis.academics import selectors
from hemis.academics.models import Subject
from hemis.academics.services.subjects import (
    deactivate_subject,
    import_subjects,
    save_subject,
    template_bytes,
)
from hemis.audit.models import AuditEvent
from hemis.compliance.tests.conftest import at
from hemis.core.excel import workbook_bytes

HEADERS = ["Code", "Name (Uzbek)", "Name (Russian)", "Name (English)", "Department", "Desc uz", "Desc en"]


def values(department, **changes) -> dict:
    return {
        "code": "KIM101",
        "name_uz": "Umumiy kimyo",
        "name_en": "General chemistry",
        "department": department,
        "description_uz": "Kimyoning asosiy qonunlari.",
        "description_en": "The basic laws of chemistry.",
        **changes,
    }


def messages_of(error) -> dict:
    return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_complete_entry_is_catalogued_on_creation(uni, superadmin):
    subject = save_subject(values=values(uni["inorganic"]), actor=superadmin)
    assert subject.catalogued_at is not None
    assert subject.created_by == superadmin
    event = AuditEvent.objects.get(action="academics.subject.created")
    assert event.data["after"]["department"] == uni["inorganic"].pk


def test_catalogued_at_is_set_when_complete_and_never_cleared(uni):
    subject = save_subject(values=values(uni["inorganic"], description_en=""), actor=None)
    assert subject.catalogued_at is None
    save_subject(subject=subject, values={"description_en": "Basic laws."}, actor=None)
    subject.refresh_from_db()
    first = subject.catalogued_at
    assert first is not None
    save_subject(subject=subject, values={"name_en": ""}, actor=None)
    subject.refresh_from_db()
    assert subject.catalogued_at == first
    assert subject.name_en == ""


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name_uz": ""}, {"name_uz": ["This field cannot be blank."]}),
        ({"code": ""}, {"code": ["This field cannot be blank."]}),
        (
            {"description_en": "x" * 5001},
            {"description_en": ["A description may have at most 5000 characters."]},
        ),
    ],
)
def test_bad_entry_is_refused_and_nothing_is_saved(uni, changes, expected):
    with pytest.raises(ValidationError) as error:
        save_subject(values=values(uni["inorganic"], **changes), actor=None)
    assert messages_of(error) == expected
    assert Subject.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="academics.subject").exists()


def test_department_must_be_a_department(uni):
    with pytest.raises(ValidationError) as error:
        save_subject(values=values(uni["chem"]), actor=None)
    assert messages_of(error) == {"department": ["Choose a department."]}
    assert Subject.objects.count() == 0


def test_deactivate_once(uni):
    subject = save_subject(values=values(uni["inorganic"]), actor=None)
    deactivate_subject(subject=subject, actor=None)
    subject.refresh_from_db()
    assert subject.is_active is False
    with pytest.raises(ValidationError) as error:
        deactivate_subject(subject=subject, actor=None)
    assert messages_of(error) == {"is_active": ["The subject is already inactive."]}
    assert AuditEvent.objects.filter(action="academics.subject.deactivated").count() == 1


def test_subject_list_filters(uni):
    save_subject(values=values(uni["inorganic"]), actor=None)
    save_subject(
        values=values(
            uni["accounting_dept"], code="BUX201", name_uz="Buxgalteriya", name_en="", description_en=""
        ),
        actor=None,
    )
    save_subject(
        values=values(uni["inorganic"], code="KIM102", name_uz="Analitik kimyo", description_en=""),
        actor=None,
    )

    def codes(**flt):
        return [s.code for s in selectors.subject_list(Subject.objects.all(), selectors.SubjectFilter(**flt))]

    assert codes() == ["BUX201", "KIM101", "KIM102"]
    assert codes(search="analitik") == ["KIM102"]
    assert codes(department=uni["inorganic"]) == ["KIM101", "KIM102"]
    assert codes(incomplete_english=True) == ["BUX201", "KIM102"]


# --- import ------------------------------------------------------------------------------------


def xlsx(rows) -> bytes:
    return workbook_bytes(title="Subjects", headers=HEADERS, rows=rows)


def test_template_has_the_header_row(db):
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(template_bytes())).worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "Code",
        "Name (Uzbek)",
        "Name (Russian)",
        "Name (English)",
        "Department code or name",
        "Description (Uzbek)",
        "Description (English)",
    ]


def test_good_file_creates_and_updates(uni, superadmin):
    old = save_subject(values=values(uni["inorganic"], name_en="", description_en=""), actor=None)
    Subject.objects.filter(pk=old.pk).update(created_at=at(2025, 1, 10))
    content = xlsx(
        [
            ["KIM101", "Umumiy kimyo", "", "General chemistry", "D-INORG", "Asoslar.", "Basics."],
            ["BUX201", "Buxgalteriya hisobi", "Бухучёт", "", "Buxgalteriya hisobi kafedrasi", "Hisob.", ""],
        ]
    )
    result = import_subjects(content=content, actor=superadmin, filename="fanlar.xlsx")
    assert (result.created, result.updated, result.errors) == (1, 1, ())
    old.refresh_from_db()
    assert (old.name_en, old.description_uz, old.description_en) == (
        "General chemistry",
        "Asoslar.",
        "Basics.",
    )
    assert old.catalogued_at is not None
    new = Subject.objects.get(code="BUX201")
    assert (new.name_ru, new.department, new.catalogued_at) == ("Бухучёт", uni["accounting_dept"], None)
    event = AuditEvent.objects.get(action="academics.subject.imported")
    assert event.data == {"created": 1, "updated": 1, "file": "fanlar.xlsx"}


def test_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(uni):
    content = xlsx(
        [
            ["KIM101", "Umumiy kimyo", "", "General chemistry", "D-INORG", "Asoslar.", "Basics."],
            ["", "", "", "", "D-NONE", "", ""],
            ["KIM101", "Takror", "", "", "F-CHEM", "", "English only"],
            ["KIM103", "Fizik kimyo", "", "", "D-INORG", "x" * 5001, ""],
        ]
    )
    result = import_subjects(content=content, actor=None)
    assert (result.created, result.updated) == (0, 0)
    assert [(e.row, e.column_label, e.message) for e in result.errors] == [
        (3, "Code", "This value is required."),
        (3, "Name (Uzbek)", "This value is required."),
        (3, "Department code or name", "No department with the code or name “D-NONE”."),
        (4, "Code", "The same code is in row 2."),
        (4, "Department code or name", "“Kimyo texnologiyasi fakulteti” is not a department."),
        (4, "Description (English)", "A description needs the name in the same language."),
        (5, "Description (Uzbek)", "At most 5000 characters."),
    ]
    assert Subject.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="academics.subject").exists()


def test_not_a_workbook_is_refused(db):
    with pytest.raises(ValidationError) as error:
        import_subjects(content=b"not a workbook", actor=None)
    assert messages_of(error) == {"file": ["The file is not an Excel (.xlsx) workbook."]}


def test_empty_file_is_refused(db):
    with pytest.raises(ValidationError) as error:
        import_subjects(content=xlsx([]), actor=None)
    assert messages_of(error) == {"file": ["The file has no subject rows under the header."]}
