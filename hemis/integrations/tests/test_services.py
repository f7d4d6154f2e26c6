"""The registry's services: each refusal names its field and writes nothing; each write is journaled with
what changed; an ended integration gets no new token."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.integrations import services
from hemis.integrations.models import ApiToken, Integration
from hemis.testing import factories as f

D = dt.date
VALID = {
    "system": "Universitet LMS",
    "purpose": "Kurslar va baholar",
    "instruction_title": "Texnologik yoʻriqnoma",
    "instruction_approved_on": D(2026, 2, 9),
    "started_on": D(2026, 2, 16),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def refused(field, **values):
    before = (Integration.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.register_integration(actor=None, **(VALID | values))
    assert list(error.value.error_dict) == [field]
    assert (Integration.objects.count(), AuditEvent.objects.count()) == before
    return error.value.error_dict[field][0].messages[0]


def test_register_refusals_name_the_field(db):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert refused("system", system=" ") == "Name the integrated system."
    assert refused("system", system="x" * 256) == "The system's name is longer than 255 characters."
    assert refused("purpose", purpose="") == "Say what the integration is for (the data it takes and why)."
    assert refused("instruction_title", instruction_title="").startswith(
        "Enter the title of the technological"
    )
    assert refused("instruction_approved_on", instruction_approved_on=tomorrow) == (
        "The approval date cannot be in the future."
    )
    assert refused("ended_on", started_on=None, ended_on=D(2026, 2, 20)).startswith(
        "An integration that never"
    )
    assert refused("ended_on", ended_on=D(2026, 2, 13)) == "The integration cannot end before it started."
    exe = SimpleUploadedFile("setup.exe", b"MZ")
    assert refused("instruction_file", instruction_file=exe).startswith("Upload a file of one of these types")
    big = SimpleUploadedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1))
    assert refused("instruction_file", instruction_file=big) == "The file is larger than 10 MB."


def test_register_and_update_are_journaled_with_what_changed(db):
    ict = f.UserFactory()
    doc = SimpleUploadedFile("yoriqnoma.pdf", b"%PDF-1.4 test")
    integration = services.register_integration(actor=ict, instruction_file=doc, **VALID)
    assert integration.created_by == ict and integration.instruction_file.name.startswith("integrations/")
    event = AuditEvent.objects.get(action="integrations.integration.registered")
    assert (
        event.data["after"]["system"] == "Universitet LMS"
        and event.data["after"]["started_on"] == "2026-02-16"
    )
    # without a new document the stored one stays; the title may not be dropped while a document is kept
    with pytest.raises(ValidationError) as error:
        services.update_integration(integration=integration, actor=ict, **(VALID | {"instruction_title": ""}))
    assert list(error.value.error_dict) == ["instruction_title"]
    services.update_integration(integration=integration, actor=ict, **(VALID | {"ended_on": D(2026, 3, 2)}))
    integration.refresh_from_db()
    assert integration.ended_on == D(2026, 3, 2) and integration.instruction_file.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="integrations.integration.updated")
    assert event.data == {"before": {"ended_on": None}, "after": {"ended_on": "2026-03-02"}}
    # an ended integration gets no new token
    holder = f.UserFactory()
    with pytest.raises(ValidationError) as error:
        services.issue_token(holder=holder, name="LMS", integration=integration, actor=ict)
    assert list(error.value.error_dict) == ["integration"] and not ApiToken.objects.exists()


def test_a_token_for_an_integration_not_yet_started_starts_it(db):
    ict = f.UserFactory()
    integration = services.register_integration(actor=ict, **(VALID | {"started_on": None}))
    token, key = services.issue_token(holder=f.UserFactory(), name="LMS", integration=integration, actor=ict)
    integration.refresh_from_db()
    assert integration.started_on == timezone.localdate()
    assert services.live_token(key) == token and services.live_token(key + "x") is None
