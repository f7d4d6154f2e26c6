"""Writes on classifier options: audited; duplicates, built-in and used codes refused unchanged."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.audit.models import AuditEvent
from hemis.classifiers import services
from hemis.classifiers.models import Classifier, ClassifierOption
from hemis.testing import factories as f


@pytest.fixture
def status_classifier(db):
    return Classifier.objects.get(key="h_student_status")


def _add_transferred(status_classifier, actor):
    return services.add_option(
        classifier=status_classifier,
        code="15",
        name_uz="Koʻchirilgan",
        name_ru="Переведён",
        name_en="Transferred",
        actor=actor,
    )


def test_add_option_appends_a_local_active_option(status_classifier, superadmin):
    option = _add_transferred(status_classifier, superadmin)
    assert (option.code, option.builtin, option.active, option.position) == ("15", False, True, 6)
    assert option.created_by == superadmin
    event = AuditEvent.objects.get(action="classifiers.option.created")
    assert event.actor == superadmin
    assert event.target_id == str(option.pk)
    assert event.data["after"] == {
        "classifier": "h_student_status",
        "code": "15",
        "name_uz": "Koʻchirilgan",
        "name_ru": "Переведён",
        "name_en": "Transferred",
        "builtin": False,
        "active": True,
    }


def test_add_option_refuses_a_duplicate_code(status_classifier, superadmin):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.add_option(classifier=status_classifier, code="11", name_uz="Yana", actor=superadmin)
    assert exc.value.message_dict == {"code": ["h_student_status already has an option with the code 11."]}
    assert status_classifier.options.count() == 5
    assert status_classifier.options.get(code="11").name_uz == "Oʻqimoqda"
    assert not AuditEvent.objects.filter(action="classifiers.option.created").exists()


def test_add_option_refuses_a_code_longer_than_the_records_can_hold(status_classifier, superadmin):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.add_option(classifier=status_classifier, code="150", name_uz="Uzun", actor=superadmin)
    assert exc.value.message_dict == {
        "code": ["Records of this classifier keep codes of at most 2 characters."]
    }
    assert status_classifier.options.count() == 5


def test_add_option_refuses_a_malformed_code(status_classifier, superadmin):
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            services.add_option(classifier=status_classifier, code="1-", name_uz="Xato", actor=superadmin)
        assert exc.value.message_dict == {"code": ["A code may contain only Latin letters, digits and dots."]}
    assert status_classifier.options.count() == 5


def test_update_names_of_a_builtin_option_is_audited(status_classifier, superadmin):
    option = status_classifier.options.get(code="13")
    services.update_names(
        option=option,
        name_uz="Akademik taʼtilda",
        name_ru="В академическом отпуске",
        name_en="On academic leave",
        actor=superadmin,
    )
    option.refresh_from_db()
    assert (option.name_uz, option.name_ru, option.name_en) == (
        "Akademik taʼtilda",
        "В академическом отпуске",
        "On academic leave",
    )
    event = AuditEvent.objects.get(action="classifiers.option.renamed")
    assert event.data["before"] == {
        "name_uz": "Akademik taʼtil",
        "name_ru": "Академический отпуск",
        "name_en": "Academic leave",
    }
    assert event.data["after"]["name_en"] == "On academic leave"


def test_update_names_requires_an_uzbek_name(status_classifier, superadmin):
    option = status_classifier.options.get(code="13")
    with pytest.raises(ValidationError) as exc:
        services.update_names(option=option, name_uz=" ", actor=superadmin)
    assert list(exc.value.message_dict) == ["name_uz"]
    option.refresh_from_db()
    assert option.name_uz == "Akademik taʼtil"
    assert not AuditEvent.objects.filter(action="classifiers.option.renamed").exists()


def test_deactivate_and_activate_are_audited_once(status_classifier, superadmin):
    option = status_classifier.options.get(code="10")
    services.deactivate_option(option=option, actor=superadmin)
    services.deactivate_option(option=option, actor=superadmin)
    option.refresh_from_db()
    assert option.active is False
    services.activate_option(option=option, actor=superadmin)
    option.refresh_from_db()
    assert option.active is True
    assert list(
        AuditEvent.objects.filter(action__startswith="classifiers.option.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "classifiers.option.deactivated",
        "classifiers.option.activated",
    ]


def test_delete_refuses_a_builtin_option(status_classifier, superadmin):
    option = status_classifier.options.get(code="10")
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.delete_option(option=option, actor=superadmin)
    assert exc.value.messages == ["Option 10 comes from HEMIS and cannot be deleted; deactivate it instead."]
    assert status_classifier.options.filter(code="10").exists()


def test_delete_refuses_a_code_in_use(uni, status_classifier, superadmin):
    option = _add_transferred(status_classifier, superadmin)
    f.StudentFactory(group=uni["chem_group"], status="15")
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.delete_option(option=option, actor=superadmin)
    assert exc.value.messages == [
        "Code 15 is in use and cannot be deleted (students (status): 1); deactivate it instead."
    ]
    assert ClassifierOption.objects.filter(pk=option.pk).exists()
    assert not AuditEvent.objects.filter(action="classifiers.option.deleted").exists()


def test_delete_removes_an_unused_local_option(status_classifier, superadmin):
    option = _add_transferred(status_classifier, superadmin)
    pk = option.pk
    services.delete_option(option=option, actor=superadmin)
    assert not ClassifierOption.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="classifiers.option.deleted")
    assert event.target_id == str(pk)
    assert event.data["before"]["code"] == "15"
