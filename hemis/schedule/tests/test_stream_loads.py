"""``assign_stream``: a teacher put on one lesson type of several groups' subject at once, all or none."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType
from hemis.schedule.models import TeachingLoad
from hemis.schedule.services.loads import assign_stream

D = dt.date
PRACTICAL, LECTURE = TrainingType.PRACTICAL, TrainingType.LECTURE


def loads() -> list[tuple]:
    return list(
        TeachingLoad.objects.order_by("pk").values_list(
            "group_subject__group__name",
            "group_subject__curriculum_subject__subject__code",
            "training_type",
            "teacher",
        )
    )


def test_a_stream_gets_its_teacher_in_every_group(world, dean_chemistry):
    TeachingLoad.objects.filter(training_type=PRACTICAL).delete()
    bindings = [world.bindings[("KT-21", "MAT204")], world.bindings[("KT-22", "MAT204")]]
    added = assign_stream(
        group_subjects=bindings,
        training_type=PRACTICAL,
        teacher=world.rahimova,
        assigned_on=D(2027, 1, 20),
        actor=dean_chemistry,
    )
    assert [(a.group_subject, a.training_type, a.teacher, a.assigned_on) for a in added] == [
        (bindings[0], PRACTICAL, world.rahimova, D(2027, 1, 20)),
        (bindings[1], PRACTICAL, world.rahimova, D(2027, 1, 20)),
    ]
    events = AuditEvent.objects.filter(action="schedule.load.assigned").order_by("pk")
    assert [e.target_id for e in events] == [str(a.pk) for a in added]


def test_a_refusal_in_one_group_changes_no_group(world, dean_chemistry):
    TeachingLoad.objects.filter(training_type=PRACTICAL, group_subject__group=world.kt21).delete()
    before = loads()
    with pytest.raises(ValidationError) as refused:
        assign_stream(
            group_subjects=[world.bindings[("KT-21", "MAT204")], world.bindings[("KT-22", "MAT204")]],
            training_type=PRACTICAL,
            teacher=world.karimov,
            assigned_on=D(2027, 1, 20),
            actor=dean_chemistry,
        )
    assert refused.value.message_dict == {"teacher": ["KT-22: Karimov A. already has this load."]}
    assert loads() == before
    assert not AuditEvent.objects.filter(action="schedule.load.assigned").exists()


def test_groups_of_two_subjects_are_not_a_stream(world, dean_chemistry):
    before = loads()
    with pytest.raises(ValidationError) as refused:
        assign_stream(
            group_subjects=[world.bindings[("KT-21", "MAT204")], world.bindings[("KT-22", "FIZ204")]],
            training_type=LECTURE,
            teacher=world.rahimova,
            assigned_on=D(2027, 1, 20),
            actor=dean_chemistry,
        )
    assert refused.value.message_dict == {
        "group_subjects": ["A stream is one subject in one semester; choose groups of one subject."]
    }
    with pytest.raises(ValidationError) as refused:
        assign_stream(
            group_subjects=[],
            training_type=LECTURE,
            teacher=world.rahimova,
            assigned_on=D(2027, 1, 20),
            actor=None,
        )
    assert refused.value.message_dict == {"group_subjects": ["Choose at least one group."]}
    assert loads() == before
