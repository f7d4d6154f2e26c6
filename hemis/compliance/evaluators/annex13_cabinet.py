"""Annex 13 (student), item 1: on the first log-in, change the password and enter the e-mail and phone.

One obligation per student whose account has logged in (``User.first_login_at``), due that same day
(``same_day("first_login")``); done on the day its first log-in steps were all taken
(``User.onboarded_at``: the forced password changed, the contacts entered). The student is the
responsible person, their faculty the unit. With a launch date, a first log-in before it is not
measured. One query, whatever the number of students.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.students import cabinet_selectors


@evaluator("annex13.p1")
def first_login_completed(context: Context) -> Iterator[Obligation]:
    for student in cabinet_selectors.students_first_logins():
        user = student.user
        due = context.due("annex13.p1", local_date(user.first_login_at))
        if not measured(context, due):
            continue
        subject = _("First log-in of %(name)s (%(id)s)") % {
            "name": student.full_name,
            "id": student.student_id_number,
        }
        done = local_date(user.onboarded_at) if user.onboarded_at else None
        yield Obligation(
            process_id="annex13.p1", user=user, unit=student.faculty, subject=subject, due=due, done_at=done
        )
