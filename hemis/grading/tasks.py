"""Background work of grading: the whole university's records and GPA (started by
``services.gpa.start_gpa_recomputation``; the job page shows its three steps), and the nightly refresh
of the records alone (``settings.PERIODIC_JOBS["grading.records"]``): a final control whose grade never
came becomes a "missing" debt the night after, and the plan items of debts since cleared are closed. The
GPA is left to its recomputation, which annex 5 item 13 measures."""

from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hemis.grading.services import gpa, plans
from hemis.grading.services.records import refresh_records
from hemis.jobs.services import running

STEPS = 3
# The nightly refresh's title (``settings.PERIODIC_JOBS``), a msgid translated on the job page.
RECORDS_TITLE = gettext_noop("Academic records refresh")


@task()
def recompute_gpa(job_id: str) -> None:
    with running(job_id) as progress:
        progress.report(done=0, total=STEPS, note=_("Academic records"))
        records = refresh_records()
        cleared = plans.clear_items()  # the plan items whose debt the records now show cleared
        progress.report(done=1, total=STEPS, note=_("GPA of each academic year"))
        gpa_method = gpa.method()
        years = gpa.recompute_kind(gpa.YEAR, gpa_method=gpa_method)
        progress.report(done=2, total=STEPS, note=_("Cumulative GPA"))
        cumulative = gpa.recompute_kind(gpa.CUMULATIVE, gpa_method=gpa_method)
        progress.report(done=3, total=STEPS, note=_("Done"))
        progress.result = {
            "records": records,
            "plan_items_cleared": cleared,
            "years": years,
            "cumulative": cumulative,
            "method": str(gpa_method),
        }


@task()
def refresh_all_records(job_id: str) -> None:
    with running(job_id) as progress:
        progress.report(done=0, total=2, note=_("Academic records"))
        records = refresh_records()
        progress.report(done=1, total=2, note=_("Individual plans"))
        cleared = plans.clear_items()
        progress.report(done=2, total=2, note=_("Done"))
        progress.result = {"records": records, "plan_items_cleared": cleared}
