"""The partial web/movements/_student_history.html that the student page includes."""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import translation

from hemis.movements import selectors, services
from hemis.movements.enums import OrderKind


def test_history_shows_each_applied_order(uni, dean_chemistry, student_in_group):
    def apply(kind, number, day, **fields):
        order = services.prepare_order(
            actor=dean_chemistry, kind=kind, number=number, date=dt.date(2025, 9, day), faculty=uni["chem"]
        )
        services.add_item(actor=dean_chemistry, order=order, student=student_in_group, **fields)
        return services.apply_order(actor=dean_chemistry, order=order)

    apply(OrderKind.ACADEMIC_LEAVE, "12-son", 1, leave_reason="12", leave_until=dt.date(2026, 9, 1))
    apply(OrderKind.EXPULSION, "13-son", 2, expel_reason="11")
    draft = services.prepare_order(
        actor=dean_chemistry,
        kind=OrderKind.REINSTATEMENT,
        number="14-son",
        date=dt.date(2025, 9, 3),
        faculty=uni["chem"],
    )
    with translation.override("en"):
        html = render_to_string(
            "web/movements/_student_history.html", {"history": selectors.student_history(student_in_group)}
        )
    assert "№ 12-son</a>, 01.09.2025" in html
    assert "Studying → Academic leave" in html
    assert "Restoring health (until 01.09.2026)" in html
    assert "Academic leave → Expelled" in html
    assert "KT-11-24 → —" in html
    assert "At own request" in html
    assert draft.number not in html
