"""The journal is hash-chained: editing or deleting an event row is detected."""

import pytest
from django.core.management import CommandError, call_command

from hemis.audit import services as audit
from hemis.audit.models import AuditEvent
from hemis.audit.services import verify_chain


@pytest.fixture
def chain(superadmin, outsider):
    return [
        audit.record(actor=superadmin, action="auth.login", target=superadmin),
        audit.record(actor=superadmin, action="auth.password_reset", target=outsider, after={"x": 1}),
        audit.record(actor=None, action="auth.login_failed", data={"login": "outsider"}),
        audit.record(actor=superadmin, action="auth.logout", target=superadmin),
    ]


def test_intact_chain_passes(chain, capsys):
    assert list(verify_chain()) == []
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    call_command("audit_verify")
    assert capsys.readouterr().out == "audit journal intact\n"


def test_chain_is_checked_across_batches(chain):
    assert list(verify_chain(batch=1)) == []


def test_edited_event_is_reported(chain):
    AuditEvent.objects.filter(pk=chain[1].pk).update(data={"after": {"x": 2}})
    assert list(verify_chain()) == [f"event {chain[1].pk}: its content was changed"]
    with pytest.raises(CommandError, match=r"audit journal tampered: 1 problem\(s\)"):
        call_command("audit_verify")


def test_edited_actor_name_is_reported(chain):
    AuditEvent.objects.filter(pk=chain[0].pk).update(actor_name="someone")
    assert list(verify_chain()) == [f"event {chain[0].pk}: its content was changed"]


def test_deleted_middle_event_is_reported(chain, capsys):
    AuditEvent.objects.filter(pk=chain[2].pk).delete()
    assert list(verify_chain()) == [f"event {chain[3].pk}: the event before it was deleted or changed"]
    with pytest.raises(CommandError):
        call_command("audit_verify")
    assert capsys.readouterr().err == f"event {chain[3].pk}: the event before it was deleted or changed\n"


def test_rehashed_edit_still_breaks_the_next_link(chain):
    """Recomputing the edited row's own hash does not help: the next event points at the old one."""
    event = chain[1]
    event.data = {"after": {"x": 3}}
    fields = {
        k: getattr(event, k)
        for k in ("at", "actor_id", "actor_name", "role", "action", "target_type", "target_id", "target_repr")
    }
    new_hash = audit.event_hash(
        prev_hash=event.prev_hash, data=event.data, ip=event.ip, user_agent=event.user_agent, **fields
    )
    AuditEvent.objects.filter(pk=event.pk).update(data=event.data, hash=new_hash)
    assert list(verify_chain()) == [f"event {chain[2].pk}: the event before it was deleted or changed"]


def test_a_batch_of_events_joins_the_chain_one_event_a_target(chain, superadmin, outsider):
    written = audit.record_many(
        actor=superadmin, action="auth.password_reset", items=[(superadmin, {"n": 1}), (outsider, {"n": 2})]
    )
    after = audit.record(actor=superadmin, action="auth.logout", target=superadmin)
    batch = list(
        AuditEvent.objects.filter(action="auth.password_reset", data__after__n__gte=1).order_by("id")
    )
    assert written == 2
    assert [(e.target_id, e.data) for e in batch] == [
        (str(superadmin.pk), {"after": {"n": 1}}),
        (str(outsider.pk), {"after": {"n": 2}}),
    ]
    assert [batch[0].prev_hash, batch[1].prev_hash, after.prev_hash] == [
        chain[-1].hash,
        batch[0].hash,
        batch[1].hash,
    ]
    assert list(verify_chain()) == []
    AuditEvent.objects.filter(pk=batch[1].pk).update(data={"after": {"n": 3}})
    assert list(verify_chain()) == [f"event {batch[1].pk}: its content was changed"]
