import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hemis.audit.models import AuditEvent
from hemis.staff.models import Appointment, LabourEvent
from hemis.web.staff.tests.conftest import hire, text

D = dt.date


def png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (2, 3), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_edit_employee_and_upload_photo(hr_client, hr, uni, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    employee = hire(uni["inorganic"], hr)
    form = hr_client.get(reverse("web:staff_employee_edit", args=[employee.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if k != "photo" and v is not None}
    data |= {"academic_degree": "12", "birth_date": "17.05.1980"}
    content = png()
    data["photo"] = SimpleUploadedFile("me.png", content, content_type="image/png")
    response = hr_client.post(reverse("web:staff_employee_edit", args=[employee.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("web:staff_employee", args=[employee.pk])
    employee.refresh_from_db()
    assert employee.academic_degree == "12"
    assert employee.photo.name.startswith("staff/photos/me")
    photo = hr_client.get(reverse("web:staff_employee_photo", args=[employee.pk]))
    assert b"".join(photo.streaming_content) == content
    event = AuditEvent.objects.get(action="staff.employee.updated")
    assert event.data["after"]["academic_degree"] == "12"


def test_add_and_end_appointment_pages(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr)
    data = {
        "org_unit": uni["accounting_dept"].pk,
        "position": "29",
        "employment_form": "12",
        "rate": "0.25",
        "order_number": "77-K",
        "order_date": "01.10.2025",
        "start_date": "02.10.2025",
    }
    assert hr_client.post(reverse("web:staff_appointment_add", args=[employee.pk]), data).status_code == 302
    added = Appointment.objects.get(order_number="77-K")
    assert (added.rate, added.employment_form) == (Decimal("0.25"), "12")
    url = reverse("web:staff_appointment_end", args=[employee.pk, added.pk])
    bad = hr_client.post(url, {"end_date": "01.01.2025"})
    assert bad.context["form"].errors == {"end_date": ["The end date must not be before the start date."]}
    hr_client.post(url, {"end_date": "31.12.2025"})
    added.refresh_from_db()
    assert added.end_date == D(2025, 12, 31)


def test_position_change_page(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr)
    old = employee.appointments.get()
    page = hr_client.get(reverse("web:staff_event_add", args=[employee.pk, "position_change"]))
    assert list(page.context["form"].fields["appointment"].queryset) == [old]
    data = {
        "appointment": old.pk,
        "org_unit": uni["inorganic"].pk,
        "position": "16",
        "employment_form": "11",
        "rate": "1.00",
        "order_number": "102-K",
        "order_date": "10.02.2026",
        "start_date": "11.02.2026",
    }
    hr_client.post(reverse("web:staff_event_add", args=[employee.pk, "position_change"]), data)
    old.refresh_from_db()
    assert old.end_date == D(2026, 2, 10)
    assert LabourEvent.objects.get().new_appointment.position == "16"
    assert "Head of department" in text(hr_client.get(reverse("web:staff_employee", args=[employee.pk])))


def test_unknown_event_kind_is_404(hr_client, hr, uni):
    employee = hire(uni["inorganic"], hr)
    assert hr_client.get(reverse("web:staff_event_add", args=[employee.pk, "promotion"])).status_code == 404
