"""Demo data of the integration registry (annex 2, issue 15): the user ``api_demo`` holding the "API user"
role, the university's LMS registered with its technological instruction approved five working days
before the integration started (annex 2 items 1 and 2 both on time), a data-API token for it and a few
logged calls.

The token's key is fixed (``DEMO_API_KEY``) so that ``demo_logins`` can print it and the README can show a
working curl call; only its hash is stored, as for every token. A demo instance's data is public anyway:
a real instance issues its tokens from the "API tokens" page, whose keys are random and shown once."""

import datetime as dt

from django.utils import timezone

from hemis.access.models import Role, RoleGrant, User
from hemis.core.calendar import WorkingCalendar
from hemis.demo.teaching import TASHKENT
from hemis.integrations import services
from hemis.integrations.models import ApiCall, ApiToken

DEMO_API_LOGIN = "api_demo"
DEMO_API_KEY = "hemis-demo-lms-key-not-for-production"
LMS = "Universitet LMS"
STARTED_WORKING_DAYS_AGO = 20


def seed() -> dict[str, int]:
    admin = User.objects.filter(username="admin").first()
    holder = User.objects.create(
        username=DEMO_API_LOGIN,
        first_name="LMS",
        last_name="API",
        # the shared demo password, hashed once by the builder (read from the administrator's account)
        password=admin.password if admin else "!",
    )
    RoleGrant.objects.create(user=holder, role=Role.objects.get(code="api_user"))
    calendar = WorkingCalendar()
    today = timezone.localdate()
    started = calendar.add_working_days(today, -STARTED_WORKING_DAYS_AGO)
    approved = calendar.add_working_days(started, -5)
    lms = services.register_integration(
        system=LMS,
        purpose="Oʻquv kurslari, guruhlar va talabalar roʻyxati LMSga; baholar va davomat HEMISdan oʻqiladi",
        instruction_title="HEMIS va Universitet LMS integratsiyasi boʻyicha texnologik yoʻriqnoma",
        instruction_approved_on=approved,
        started_on=started,
        actor=admin,
    )
    token, _random_key = services.issue_token(holder=holder, name="LMS sync", integration=lms, actor=admin)
    ApiToken.objects.filter(pk=token.pk).update(
        prefix=DEMO_API_KEY[:8], key_hash=services.key_hash(DEMO_API_KEY), created_at=_at(started, 10)
    )
    calls = [
        ("/rest/v1/data/department-list", {"limit": "200"}, 200, 12, _at(started, 11)),
        ("/rest/v1/data/group-list", {"limit": "200", "page": "1"}, 200, 40, _at(started, 11)),
        ("/rest/v1/data/student-list", {"limit": "abc"}, 400, 0, _at(today, 9)),
    ]
    for path, query, status, rows, at in calls:
        call = services.log_call(
            token=token, ip="10.10.0.5", path=path, query=query, status=status, rows=rows
        )
        ApiCall.objects.filter(pk=call.pk).update(at=min(at, timezone.now()))
    return {"integrations": 1, "api_tokens": 1, "api_calls": len(calls)}


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TASHKENT)


def demo_token_live() -> bool:
    """Whether the demo token is in this database and still works (not revoked or expired)."""
    return services.live_token(DEMO_API_KEY) is not None
