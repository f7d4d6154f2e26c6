from hemis.academics.models import GradeBand
from hemis.grading.models import StatementLine
from hemis.schedule.enums import ControlKind
from hemis.testing.grading import make_statement


def test_the_grading_world_gives_each_subject_its_controls_and_statements_their_lines(grading):
    """The shared fixture: 100 points in three controls, and a written statement has a line per student."""
    controls = {
        c.control_type.code: c.max_points for c in grading.math_cs.controls.select_related("control_type")
    }
    assert controls == {ControlKind.CURRENT: 30, ControlKind.MIDTERM: 20, ControlKind.FINAL: 50}
    first = grading.students()[0]
    statement = make_statement(grading.world, points={first: 41})
    assert statement.max_points == 50
    assert StatementLine.objects.filter(statement=statement).count() == 12
    assert StatementLine.objects.get(statement=statement, student=first).points == 41


def test_every_standard_band_has_a_grade_point(db):
    """Migration academics 0006: the GPA can count every band of the three standard systems."""
    assert not GradeBand.objects.filter(
        marking_system__code__in=("11", "12", "13"), grade_point=None
    ).exists()
    assert GradeBand.objects.get(marking_system__code="11", grade="4").grade_point == 4
