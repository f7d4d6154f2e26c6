"""Log-ins, refused log-ins and log-outs are journaled by the access services."""

from hemis.access import services
from hemis.audit.models import AuditEvent


def test_login_and_logout_are_journaled_with_the_user(dean_chemistry):
    services.record_login(user=dean_chemistry)
    services.record_logout(user=dean_chemistry)
    events = AuditEvent.objects.order_by("pk")
    assert [(e.action, e.actor, e.target_id) for e in events] == [
        ("auth.login", dean_chemistry, str(dean_chemistry.pk)),
        ("auth.logout", dean_chemistry, str(dean_chemistry.pk)),
    ]


def test_a_refused_login_keeps_at_most_150_characters_of_what_was_typed(db):
    services.record_login_failure(login="x" * 200)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert (event.actor, event.data) == (None, {"login": "x" * 150})
