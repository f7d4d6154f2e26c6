"""Student achievements: the services' rules (each refusal changes nothing), audit, selectors."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.students import selectors
from hemis.students.models import Achievement, AchievementKind
from hemis.students.services import achievements as services
from hemis.testing import factories as f

D = dt.date


def olympiad(**changes) -> dict:
    return {
        "kind": AchievementKind.OLYMPIAD,
        "title": "Kimyo fanidan respublika olimpiadasi, 1-oʻrin",
        "awarded_on": D(2025, 4, 18),
        "issuer": "Oliy taʼlim vazirligi",
        "document_number": "OL-0457",
        **changes,
    }


def certificate(**changes) -> dict:
    return {
        "kind": AchievementKind.LANGUAGE_CERTIFICATE,
        "title": "IELTS Academic",
        "awarded_on": D(2025, 6, 2),
        "issuer": "British Council",
        "certificate_language": "14",
        "certificate_level": "7.0",
        "valid_until": D(2027, 6, 2),
        **changes,
    }


def messages_of(error) -> dict:
    return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_add_achievement_is_audited(student_in_group, dean_chemistry):
    achievement = services.add_achievement(
        student=student_in_group, values=certificate(), actor=dean_chemistry
    )
    assert (achievement.kind, achievement.certificate_language, achievement.certificate_level) == (
        "30",
        "14",
        "7.0",
    )
    assert achievement.created_by == dean_chemistry
    event = AuditEvent.objects.get(action="students.achievement.created")
    assert event.target_id == str(achievement.pk)
    assert event.data["student"] == student_in_group.pk
    assert event.data["after"]["title"] == "IELTS Academic"


def test_other_kinds_drop_certificate_fields(student_in_group):
    achievement = services.add_achievement(
        student=student_in_group,
        values=olympiad(certificate_language="14", certificate_level="B2"),
        actor=None,
    )
    assert (achievement.certificate_language, achievement.certificate_level) == ("", "")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            certificate(certificate_language="", certificate_level=""),
            {
                "certificate_language": ["A language certificate needs its language."],
                "certificate_level": ["A language certificate needs its level or score."],
            },
        ),
        (
            olympiad(awarded_on=timezone.localdate() + dt.timedelta(days=1)),
            {"awarded_on": ["The award date cannot be in the future."]},
        ),
        (
            certificate(valid_until=D(2025, 6, 2)),
            {"valid_until": ["“Valid until” must be after the award date."]},
        ),
        (
            certificate(valid_until=D(2024, 1, 1)),
            {"valid_until": ["“Valid until” must be after the award date."]},
        ),
        (olympiad(title=""), {"title": ["This field cannot be blank."]}),
        (olympiad(kind="99"), {"kind": ["Value '99' is not a valid choice."]}),
    ],
)
def test_bad_achievement_is_refused_and_nothing_is_saved(student_in_group, values, expected):
    with pytest.raises(ValidationError) as error:
        services.add_achievement(student=student_in_group, values=values, actor=None)
    assert messages_of(error) == expected
    assert Achievement.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="students.achievement").exists()


def test_update_and_refused_update(student_in_group):
    achievement = services.add_achievement(student=student_in_group, values=certificate(), actor=None)
    services.update_achievement(achievement=achievement, values={"certificate_level": "7.5"}, actor=None)
    achievement.refresh_from_db()
    assert achievement.certificate_level == "7.5"
    event = AuditEvent.objects.get(action="students.achievement.updated")
    assert (event.data["before"]["certificate_level"], event.data["after"]["certificate_level"]) == (
        "7.0",
        "7.5",
    )
    with pytest.raises(ValidationError):
        services.update_achievement(
            achievement=achievement, values={"valid_until": D(2020, 1, 1)}, actor=None
        )
    achievement.refresh_from_db()
    assert achievement.valid_until == D(2027, 6, 2)
    assert AuditEvent.objects.filter(action="students.achievement.updated").count() == 1


def test_delete_is_audited(student_in_group):
    achievement = services.add_achievement(student=student_in_group, values=olympiad(), actor=None)
    pk = achievement.pk
    services.delete_achievement(achievement=achievement, actor=None)
    assert not Achievement.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="students.achievement.deleted")
    assert (event.target_id, event.data["before"]["document_number"]) == (str(pk), "OL-0457")


def test_achievements_of_a_student_newest_first(uni, student_in_group):
    other = f.StudentFactory(group=uni["econ_group"])
    services.add_achievement(student=student_in_group, values=olympiad(), actor=None)
    services.add_achievement(student=student_in_group, values=certificate(), actor=None)
    services.add_achievement(student=other, values=olympiad(title="Boshqa"), actor=None)
    assert [a.title for a in selectors.achievements_of(student_in_group)] == [
        "IELTS Academic",
        "Kimyo fanidan respublika olimpiadasi, 1-oʻrin",
    ]


def test_achievement_list_filters(uni, student_in_group):
    other = f.StudentFactory(group=uni["econ_group"])
    services.add_achievement(student=student_in_group, values=olympiad(), actor=None)
    services.add_achievement(
        student=student_in_group, values=certificate(awarded_on=D(2024, 6, 2)), actor=None
    )
    services.add_achievement(student=other, values=olympiad(title="Iqtisod olimpiadasi"), actor=None)

    def titles(**flt):
        qs = selectors.achievement_list(Achievement.objects.all(), selectors.AchievementFilter(**flt))
        return [a.title for a in qs]

    assert titles(kind="21", faculty=uni["chem"]) == ["Kimyo fanidan respublika olimpiadasi, 1-oʻrin"]
    assert titles(year=2024) == ["IELTS Academic"]
    assert titles(faculty=uni["econ"]) == ["Iqtisod olimpiadasi"]
    assert selectors.achievement_years() == [2025, 2024]
