"""The allowed movements of a student: which order kind moves a student from which state to which.

``TABLE`` is the data (it is also rendered on the help page "Allowed movements"); ``next_state`` is
the one function: given the kind of an order, its item and the student's current state, it returns
the student's state after the order, or refuses with a ``ValidationError`` whose message names the
student (on the item's field when one is to blame). Everything else is refused.

- course_transfer: studying → studying, course + 1; refused in the final course (the programme's
  duration). A new group is optional; when given it is of the same programme and of the new course.
- repeat_course: studying → studying, same course; a new group is required (same programme, same
  course, another group).
- expulsion: studying or on academic leave → expelled, with a reason; the student leaves the group.
- academic_mobility: studying → studying, the host institution is required; the state is unchanged
  (the item records the mobility).
- academic_leave: studying → academic leave, with a reason; "leave until", when given, is after the
  order date. The student keeps the group.
- return_from_leave: academic leave → studying; a new group is optional (same programme, same course).
- reinstatement: expelled or on academic leave → studying; a group is required (same programme), the
  course becomes the group's course.
- transfer: studying → studying in another group of the same course; the group may be of another
  programme of the same faculty, and the student's programme then changes.
- graduate_status: studying in the final course → studying with graduate status.
- graduation: studying with graduate status → graduated (the group is kept as the last one).
- completion: studying in the final course → "other" (studies completed without a diploma).
- reversal: undoes an applied order (see ``services.apply_order``); admission orders are not reversed.

A new group is always an active group of the order's faculty: a transfer between faculties is two
orders (expulsion by transfer at one faculty, reinstatement at the other).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hemis.movements.enums import OrderKind
from hemis.students.models import StudentStatus

K = OrderKind
S = StudentStatus
REQUIRED, OPTIONAL = "required", "optional"


@dataclass(frozen=True)
class Movement:
    from_statuses: tuple[str, ...]
    to_status: str | None  # None: the status stays
    fields: dict[str, str]  # item field -> REQUIRED / OPTIONAL
    rule: str | Promise  # what else must hold (shown on the help page)


TABLE: dict[str, Movement] = {
    K.COURSE_TRANSFER: Movement(
        (S.STUDYING,),
        S.STUDYING,
        {"target_group": OPTIONAL},
        _lazy("Course + 1; refused in the final course. A new group, if given: same programme, new course."),
    ),
    K.REPEAT_COURSE: Movement(
        (S.STUDYING,),
        S.STUDYING,
        {"target_group": REQUIRED},
        _lazy("Same course; another group of the same programme and course."),
    ),
    K.EXPULSION: Movement(
        (S.STUDYING, S.ACADEMIC_LEAVE),
        S.EXPELLED,
        {"expel_reason": REQUIRED},
        _lazy("The student leaves the group."),
    ),
    K.ACADEMIC_MOBILITY: Movement(
        (S.STUDYING,),
        None,
        {"host_institution": REQUIRED},
        _lazy("The state does not change; the order records the mobility."),
    ),
    K.ACADEMIC_LEAVE: Movement(
        (S.STUDYING,),
        S.ACADEMIC_LEAVE,
        {"leave_reason": REQUIRED, "leave_until": OPTIONAL},
        _lazy("“Leave until”, if given, is after the order date. The student keeps the group."),
    ),
    K.RETURN_FROM_LEAVE: Movement(
        (S.ACADEMIC_LEAVE,),
        S.STUDYING,
        {"target_group": OPTIONAL},
        _lazy("A new group, if given: same programme and course."),
    ),
    K.REINSTATEMENT: Movement(
        (S.EXPELLED, S.ACADEMIC_LEAVE),
        S.STUDYING,
        {"target_group": REQUIRED},
        _lazy("A group of the same programme; the course becomes the group's course."),
    ),
    K.TRANSFER: Movement(
        (S.STUDYING,),
        S.STUDYING,
        {"target_group": REQUIRED},
        _lazy("Another group of the same course; another programme of the same faculty is allowed."),
    ),
    K.GRADUATE_STATUS: Movement(
        (S.STUDYING,),
        None,
        {},
        _lazy("Only in the final course; the student gets graduate status."),
    ),
    K.GRADUATION: Movement(
        (S.STUDYING,),
        S.GRADUATED,
        {},
        _lazy("Only with graduate status; the group is kept as the last one."),
    ),
    K.COMPLETION: Movement(
        (S.STUDYING,),
        S.OTHER,
        {},
        _lazy("Only in the final course: studies completed without a diploma."),
    ),
}
ITEM_FIELDS = ("target_group", "expel_reason", "leave_reason", "leave_until", "host_institution")


@dataclass(frozen=True)
class State:
    status: str
    group: object  # students.Group or None
    course: int
    is_graduate: bool
    programme: object  # academics.Programme or None

    @property
    def status_label(self) -> str:
        return S(self.status).label

    @classmethod
    def of(cls, student) -> "State":
        return cls(student.status, student.group, student.course, student.is_graduate, student.programme)


def next_state(*, kind: str, item, student, order_date: dt.date, faculty_id: int) -> State:
    """The student's state after ``item`` of an order of ``kind``; refuses a movement not in the table."""
    movement = TABLE.get(kind)
    now = State.of(student)
    who = {"name": student.full_name}
    if movement is None:
        raise ValidationError({"student": [_("%(name)s: this order cannot move students.") % who]})
    if now.status not in movement.from_statuses:
        status = S(now.status).label
        msg = _("%(name)s is “%(status)s”: an order of this kind cannot be applied to them.")
        raise ValidationError({"student": [msg % (who | {"status": status})]})
    for name, need in movement.fields.items():
        value = item.target_group_id if name == "target_group" else getattr(item, name)
        if need == REQUIRED and not value:
            raise ValidationError({name: [_("%(name)s: this field is required for this order.") % who]})
    group = item.target_group if "target_group" in movement.fields else None
    if group is not None:
        _check_group(group, faculty_id, who)
    return _RULES[kind](now, item, group, order_date, who)


def _check_group(group, faculty_id: int, who: dict) -> None:
    if not group.is_active:
        raise ValidationError(
            {"target_group": [_("%(name)s: the group %(group)s is closed.") % (who | {"group": group})]}
        )
    if group.faculty_id != faculty_id:
        msg = _(
            "%(name)s: the group %(group)s is of another faculty. A transfer between faculties is two "
            "orders: expulsion by transfer here and reinstatement there."
        )
        raise ValidationError({"target_group": [msg % (who | {"group": group})]})


def _group_error(who: dict, group, text: str) -> ValidationError:
    return ValidationError(
        {
            "target_group": [
                _("%(name)s: the group %(group)s %(text)s") % (who | {"group": group, "text": text})
            ]
        }
    )


def _final_course(now: State) -> int | None:
    return now.programme.duration_years if now.programme is not None else None


def _same_programme(now: State, group, course: int, who: dict) -> None:
    if now.programme is None or group.programme_id != now.programme.pk:
        raise _group_error(who, group, _("is of another programme."))
    if group.course != course:
        raise _group_error(who, group, _("is not of course %(course)d.") % {"course": course})


def _course_transfer(now: State, item, group, order_date, who) -> State:
    final = _final_course(now)
    if final is None or now.course >= final:
        msg = _("%(name)s is in the final course (%(course)d): there is no next course.")
        raise ValidationError({"student": [msg % (who | {"course": now.course})]})
    if group is not None:
        _same_programme(now, group, now.course + 1, who)
    return State(S.STUDYING, group or now.group, now.course + 1, now.is_graduate, now.programme)


def _repeat_course(now: State, item, group, order_date, who) -> State:
    _same_programme(now, group, now.course, who)
    if now.group is not None and group.pk == now.group.pk:
        raise _group_error(who, group, _("is the student's current group."))
    return State(S.STUDYING, group, now.course, now.is_graduate, now.programme)


def _expulsion(now: State, item, group, order_date, who) -> State:
    return State(S.EXPELLED, None, now.course, now.is_graduate, now.programme)


def _mobility(now: State, item, group, order_date, who) -> State:
    return now


def _leave(now: State, item, group, order_date, who) -> State:
    if item.leave_until and item.leave_until <= order_date:
        msg = _("%(name)s: the leave must end after the order date.")
        raise ValidationError({"leave_until": [msg % who]})
    return State(S.ACADEMIC_LEAVE, now.group, now.course, now.is_graduate, now.programme)


def _return(now: State, item, group, order_date, who) -> State:
    if group is not None:
        _same_programme(now, group, now.course, who)
    return State(S.STUDYING, group or now.group, now.course, now.is_graduate, now.programme)


def _reinstatement(now: State, item, group, order_date, who) -> State:
    _same_programme(now, group, group.course, who)
    return State(S.STUDYING, group, group.course, now.is_graduate, now.programme)


def _transfer(now: State, item, group, order_date, who) -> State:
    if now.group is not None and group.pk == now.group.pk:
        raise _group_error(who, group, _("is the student's current group."))
    if group.course != now.course:
        raise _group_error(who, group, _("is not of course %(course)d.") % {"course": now.course})
    return State(S.STUDYING, group, now.course, now.is_graduate, group.programme)


def _in_final_course(now: State, who: dict) -> None:
    final = _final_course(now)
    if final is None or now.course != final:
        msg = _("%(name)s is in course %(course)d, not in the final course.")
        raise ValidationError({"student": [msg % (who | {"course": now.course})]})


def _graduate_status(now: State, item, group, order_date, who) -> State:
    _in_final_course(now, who)
    if now.is_graduate:
        raise ValidationError({"student": [_("%(name)s already has graduate status.") % who]})
    return State(now.status, now.group, now.course, True, now.programme)


def _graduation(now: State, item, group, order_date, who) -> State:
    if not now.is_graduate:
        msg = _("%(name)s has no graduate status: apply a graduate-status order first.")
        raise ValidationError({"student": [msg % who]})
    return State(S.GRADUATED, now.group, now.course, True, now.programme)


def _completion(now: State, item, group, order_date, who) -> State:
    _in_final_course(now, who)
    return State(S.OTHER, now.group, now.course, now.is_graduate, now.programme)


_RULES = {
    K.COURSE_TRANSFER: _course_transfer,
    K.REPEAT_COURSE: _repeat_course,
    K.EXPULSION: _expulsion,
    K.ACADEMIC_MOBILITY: _mobility,
    K.ACADEMIC_LEAVE: _leave,
    K.RETURN_FROM_LEAVE: _return,
    K.REINSTATEMENT: _reinstatement,
    K.TRANSFER: _transfer,
    K.GRADUATE_STATUS: _graduate_status,
    K.GRADUATION: _graduation,
    K.COMPLETION: _completion,
}
