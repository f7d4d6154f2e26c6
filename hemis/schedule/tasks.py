"""Background work of the timetable: the solver's draft week of a faculty (started by
``services.drafts.start_draft``; the job page shows its progress)."""

from django.tasks import task

from hemis.jobs.services import running
from hemis.schedule.services import drafts


@task()
def make_draft(job_id: str, draft_id: int) -> None:
    with running(job_id) as progress:
        draft = drafts.make_draft(draft_id=draft_id, report=progress.report)
        if draft is None:
            progress.result = {"draft": draft_id, "discarded": True}
        else:
            progress.result = {"draft": draft.pk, "placed": draft.placed, "requested": draft.requested}
