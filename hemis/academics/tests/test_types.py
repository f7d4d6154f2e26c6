"""Control types and statement types: loaded with their HEMIS codes, editable, audited."""

import pytest
from django.core.exceptions import ValidationError

from hemis.academics.models import ControlType, StatementType
from hemis.academics.services import types
from hemis.audit.models import AuditEvent


def test_control_types_have_the_hemis_codes(db):
    assert list(ControlType.objects.order_by("code").values_list("code", "name_uz", "is_active")) == [
        ("10", "JN+ON", True),
        ("11", "Joriy nazorat", True),
        ("12", "Oraliq nazorat", True),
        ("13", "Yakuniy nazorat", True),
        ("14", "Umumiy", True),
        ("15", "1-joriy nazorat", True),
        ("16", "2-joriy nazorat", True),
        ("17", "1-oraliq nazorat", True),
        ("18", "2-oraliq nazorat", True),
    ]


def test_control_type_rename_and_switch_off_keeps_the_code(db):
    midterm = ControlType.objects.get(code="12")
    types.update_control_type(
        control_type=midterm,
        values={"code": "99", "name_uz": "Oraliq baholash", "is_active": False},
        actor=None,
    )
    midterm.refresh_from_db()
    assert (midterm.code, midterm.name_uz, midterm.is_active) == ("12", "Oraliq baholash", False)
    event = AuditEvent.objects.get(action="academics.controltype.updated")
    assert event.data["before"]["name_uz"] == "Oraliq nazorat"
    assert event.data["after"]["is_active"] is False


def test_statement_types_local_one_added_and_deleted(db):
    assert list(StatementType.objects.values_list("code", "name_uz")) == [
        ("11", "1-qaydnoma"),
        ("12", "2-qaydnoma"),
        ("13", "3-qaydnoma"),
    ]
    local = types.create_statement_type(values={"code": "21", "name_uz": "Komissiya qaydnomasi"}, actor=None)
    types.delete_statement_type(statement_type=local, actor=None)
    assert not StatementType.objects.filter(code="21").exists()
    assert list(
        AuditEvent.objects.filter(action__startswith="academics.statementtype")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["academics.statementtype.created", "academics.statementtype.deleted"]


def test_hemis_statement_type_cannot_be_deleted(db):
    first = StatementType.objects.get(code="11")
    with pytest.raises(ValidationError):
        types.delete_statement_type(statement_type=first, actor=None)
    assert StatementType.objects.filter(code="11").exists()


def test_duplicate_statement_code_is_refused_on_the_field(db):
    with pytest.raises(ValidationError) as error:
        types.create_statement_type(values={"code": "11", "name_uz": "Takror"}, actor=None)
    assert list(error.value.message_dict) == ["code"]
    assert StatementType.objects.count() == 3
