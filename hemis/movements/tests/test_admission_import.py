"""Excel import of admitted people: every row or none, with a report of every bad row."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from hemis.audit.models import AuditEvent
from hemis.movements import services
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.services import admission_import
from hemis.movements.tests.test_admission import ORDER_DATE, draft_order
from hemis.students.models import Student, StudentStatus
from hemis.testing import factories as f

ENGLISH = ["Last name", "First name", "PINFL", "Birth date (DD.MM.YYYY)", "Student ID", "Programme code"]
ENGLISH += ["Payment form code", "Group"]
UZBEK = ["Familiya", "Ism", "JSHSHIR", "Tugʻilgan sana (KK.OO.YYYY)", "Talaba ID raqami", "Yoʻnalish kodi"]
UZBEK += ["Toʻlov shakli kodi", "Guruh"]


def xlsx(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(n: int, code: str, group: str = "", **overrides) -> list:
    values = {
        "last": "Karimova",
        "first": f"Madina{n}",
        "pinfl": f"5010120070{n:04d}",
        "birth": "15.03.2007",
        "sid": f"40025120{n:04d}",
        "code": code,
        "pay": "12",
        "group": group,
    } | overrides
    return list(values.values())


@pytest.fixture
def programme(uni):
    return uni["chem_group"].programme


@pytest.fixture
def first_course(uni, programme):
    return f.GroupFactory(faculty=uni["chem"], programme=programme, course=1, name="KT-01-25")


def test_good_file_prepares_the_order_and_applying_admits_everyone(uni, superadmin, programme, first_course):
    content = xlsx(
        UZBEK, [row(1, programme.code, "KT-01-25"), row(2, programme.code), row(3, programme.code)]
    )
    order, count, errors = admission_import.import_admission(
        actor=superadmin,
        content=content,
        number="15-Q",
        date=ORDER_DATE,
        faculty=uni["chem"],
        filename="q.xlsx",
    )
    assert (count, errors) == (3, [])
    assert (order.kind, order.status, order.number, order.date, order.faculty) == (
        OrderKind.ADMISSION,
        OrderStatus.DRAFT,
        "15-Q",
        ORDER_DATE,
        uni["chem"],
    )
    items = list(order.items.order_by("pk"))
    assert [i.admission_data["first_name"] for i in items] == ["Madina1", "Madina2", "Madina3"]
    assert [i.target_group for i in items] == [first_course, None, None]
    assert Student.objects.filter(pinfl__startswith="5010120070").count() == 0
    event = AuditEvent.objects.get(action="movements.order.imported")
    assert event.data == {"count": 3, "file": "q.xlsx"}

    services.apply_order(actor=superadmin, order=order)
    admitted = Student.objects.filter(pinfl__startswith="5010120070").order_by("student_id_number")
    assert [(s.student_id_number, s.status, s.faculty, s.group, s.payment_form) for s in admitted] == [
        ("400251200001", StudentStatus.STUDYING, uni["chem"], first_course, "12"),
        ("400251200002", StudentStatus.STUDYING, uni["chem"], None, "12"),
        ("400251200003", StudentStatus.STUDYING, uni["chem"], None, "12"),
    ]
    for student in admitted:
        assert list(student.order_items.values_list("order", flat=True)) == [order.pk]


def test_english_headers_into_an_existing_draft(uni, superadmin, programme):
    order = draft_order(uni["chem"])
    content = xlsx(ENGLISH, [row(1, programme.code), row(2, programme.code)])
    result, count, errors = admission_import.import_admission(actor=superadmin, content=content, order=order)
    assert (result, count, errors) == (order, 2, [])
    assert order.items.count() == 2


def test_bad_rows_import_nothing_and_every_bad_row_is_reported(uni, superadmin, programme, student_in_group):
    content = xlsx(
        ENGLISH,
        [
            row(1, programme.code),
            row(2, programme.code, sid="400251200001"),  # the same student ID as row 2 of the sheet
            row(3, programme.code, sid=student_in_group.student_id_number),
            row(4, "99999999", pinfl="123"),
            row(5, programme.code, birth="2020-01-01", group="NO-SUCH"),
            row(6, programme.code, group="IQ-21-24"),  # the economics group: not in this faculty
            row(7, programme.code),
        ],
    )
    order, count, errors = admission_import.import_admission(
        actor=superadmin, content=content, number="15-Q", date=ORDER_DATE, faculty=uni["chem"]
    )
    assert (order, count) == (None, 0)
    assert [(e.row, e.column_label, e.message) for e in errors] == [
        (3, "Student ID", "The same value is in row 2."),
        (4, "Student ID", "A student with this student ID already exists."),
        (5, "PINFL", "PINFL must be exactly 14 digits."),
        (5, "Programme code", "No programme with the code “99999999” in the faculty."),
        (6, "Birth date (DD.MM.YYYY)", "The admitted person must be 14 to 70 years old on the order date."),
        (6, "Group", "No group “NO-SUCH” in the faculty."),
        (7, "Group", "No group “IQ-21-24” in the faculty."),
    ]
    assert Order.objects.count() == 0
    assert OrderItem.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="movements.").exists()


def test_a_clash_with_a_prepared_order_is_reported(uni, superadmin, programme):
    first = draft_order(uni["chem"])
    admission_import.import_admission(
        actor=superadmin, content=xlsx(ENGLISH, [row(1, programme.code)]), order=first
    )
    order, count, errors = admission_import.import_admission(
        actor=superadmin,
        content=xlsx(ENGLISH, [row(1, programme.code)]),
        number="16-Q",
        date=ORDER_DATE,
        faculty=uni["chem"],
    )
    assert (order, count) == (None, 0)
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "pinfl", "This PINFL is already in the prepared admission order № 101-Q."),
        (2, "student_id_number", "This student ID is already in the prepared admission order № 101-Q."),
    ]


def test_group_of_another_course_is_refused(uni, superadmin, programme):
    content = xlsx(ENGLISH, [row(1, programme.code, "KT-11-24")])  # a second-course group
    _order, count, errors = admission_import.import_admission(
        actor=superadmin, content=content, number="15-Q", date=ORDER_DATE, faculty=uni["chem"]
    )
    assert count == 0
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "group", "The group “KT-11-24” is of another programme or course.")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", ["The file is not an Excel (.xlsx) workbook."]),
        (xlsx(ENGLISH, []), ["The file has no rows under the header."]),
        (
            xlsx(["Last name", "Shoe size"], [["Karimova", 40]]),
            [
                "Unknown column “Shoe size”.",
                "Missing columns: First name, PINFL, Birth date (DD.MM.YYYY), Student ID, Programme code, "
                "Payment form code.",
            ],
        ),
    ],
)
def test_unusable_files_are_refused_on_the_file(uni, superadmin, content, message):
    with pytest.raises(ValidationError) as exc:
        admission_import.import_admission(
            actor=superadmin, content=content, number="15-Q", date=ORDER_DATE, faculty=uni["chem"]
        )
    assert exc.value.message_dict == {"file": message}
    assert Order.objects.count() == 0


def test_an_applied_order_takes_no_import(uni, superadmin, programme):
    order = draft_order(uni["chem"])
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.APPLIED, applied_at=dt.datetime(2025, 8, 21, tzinfo=dt.UTC)
    )
    order.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        admission_import.import_admission(
            actor=superadmin, content=xlsx(ENGLISH, [row(1, programme.code)]), order=order
        )
    assert exc.value.message_dict == {"order": ["Rows can be imported only into a prepared admission order."]}
    assert order.items.count() == 0


def test_template_has_the_header_and_an_example_row_that_imports(uni, superadmin, programme):
    content = admission_import.template_bytes(programme_code=programme.code)
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Last name", "First name", "Patronymic")
    assert len(values) == 2
    order, count, errors = admission_import.import_admission(
        actor=superadmin, content=content, number="15-Q", date=ORDER_DATE, faculty=uni["chem"]
    )
    assert (count, errors) == (1, [])
    assert order.items.get().admission_data["last_name"] == "Toshmatov"
