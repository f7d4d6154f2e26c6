"""Background jobs: a job and its progress are seen by whoever may see its result (the job's
``view_action``) and by whoever started it."""

from django.db.models import Q

from hemis.access.policy.engine import allowed_actions
from hemis.access.principal import Principal

RULES: dict[str, frozenset[str]] = {}
UNIT_PATHS: dict[str, tuple[str, ...]] = {}


def visible_jobs(principal: Principal):
    from hemis.jobs.models import Job

    if principal.user is None:
        return Job.objects.none()
    return Job.objects.filter(
        Q(view_action__in=sorted(allowed_actions(principal))) | Q(started_by=principal.user)
    )
