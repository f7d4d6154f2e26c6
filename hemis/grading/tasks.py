"""Background work of grading: the whole university's records and GPA (started by
``services.gpa.start_gpa_recomputation``; the job page shows its three steps)."""

from django.tasks import task
from django.utils.translation import gettext as _

from hemis.grading.services import gpa, plans
from hemis.grading.services.records import refresh_records
from hemis.jobs.services import running

STEPS = 3


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
