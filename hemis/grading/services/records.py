"""The academic record and the GPA, recomputed set-based in SQL (issue 13).

``refresh_records`` rewrites the ``AcademicRecord`` snapshot of the given curriculum subjects and
students (all when not given) from the statement lines in a few statements, whatever their number;
the statement services call it after every grade change.
"""

import datetime as dt
from collections.abc import Iterable


def refresh_records(
    *,
    curriculum_subject_ids: Iterable[int] | None = None,
    student_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> int:
    """Recompute the records of ``student_ids`` × ``curriculum_subject_ids`` (None: all); the number of
    records written."""
    raise NotImplementedError  # written by the records slice
