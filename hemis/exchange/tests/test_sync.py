"""The outbound queue to the central registry (annex 1 item 6): collect queues each kind's changes since
its watermark in the ministry's layout (the HEMIS schemas' field names), the file transport writes one
JSON-lines file per batch, the HTTP transport posts to a fake registry on 127.0.0.1 that first fails:
the batch is retried with backoff and nothing is lost; an item fails for good after ten attempts."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.core.timestamps import TASHKENT
from hemis.exchange import layout, services, transports
from hemis.exchange.enums import SyncKind, SyncStatus
from hemis.exchange.models import SyncItem, SyncKindState
from hemis.graduation.models import Diploma
from hemis.testing import factories as f
from hemis.testing.hemis_api import document as load_spec

T0 = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(uni, student_in_group):
    teacher = f.EmployeeFactory(last_name="Gʻaniyev", first_name="Botir")
    f.appoint(teacher, uni["inorganic"])
    diploma = Diploma.objects.create(
        student=student_in_group, series="B", number="1234567", issued_on=dt.date(2026, 6, 30)
    )
    return {**uni, "student": student_in_group, "teacher": teacher, "diploma": diploma}


def items(kind, **filters):
    return list(SyncItem.objects.filter(kind=kind, **filters).order_by("pk"))


def schema_properties(name: str) -> set[str]:
    schemas = load_spec()["components"]["schemas"]
    schema = schemas[name]
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        if "$ref" in part:
            names |= set(schemas[part["$ref"].rsplit("/", 1)[1]].get("properties", {}))
        names |= set(part.get("properties", {}))
    return names


def test_every_field_of_the_layout_is_a_field_of_its_hemis_schema():
    for kind, schema in layout.SCHEMAS.items():
        fields = layout.FIELDS[kind]
        assert len(fields) == len(set(fields))
        assert set(fields) <= schema_properties(schema), kind
    assert set(layout.SCHEMAS) == {
        SyncKind.DEPARTMENTS,
        SyncKind.STUDENTS,
        SyncKind.EMPLOYEES,
        SyncKind.GROUPS,
        SyncKind.DIPLOMAS,
    }


def test_collect_queues_every_record_in_the_ministry_layout(world):
    queued = services.collect(now=T0)
    assert queued == {"departments": 4, "students": 1, "employees": 1, "groups": 2, "diplomas": 1}
    for kind, count in queued.items():
        for item in items(kind):
            assert set(item.payload) == set(layout.FIELDS[kind])  # the layout's fields (jsonb keeps no order)
        assert len(items(kind, status=SyncStatus.PENDING)) == count
    student = world["student"]
    [item] = items("students")
    assert item.object_id == student.pk
    p = item.payload
    assert (p["id"], p["first_name"], p["second_name"], p["third_name"]) == (
        student.pk,
        "Gulnoza",
        "Oʻrinboyeva",
        "",
    )
    assert p["student_id_number"] == "400251199999"
    assert p["birth_date"] == int(dt.datetime(2005, 3, 9, tzinfo=TASHKENT).timestamp())
    assert p["department"] == {"id": world["chem"].pk, "code": "F-CHEM"}
    assert p["group"] == {"id": world["chem_group"].pk, "name": "KT-11-24"}
    assert p["specialty"] == {"id": student.programme.pk, "code": student.programme.code}
    assert (p["level"], p["paymentForm"], p["studentStatus"]) == (
        {"code": "12"},
        {"code": "11"},
        {"code": "11"},
    )
    assert p["updated_at"] == int(student.updated_at.timestamp())
    assert len(p["hash"]) == 64 and student.pinfl not in json.dumps(p)  # never the PINFL itself
    [teacher] = items("employees")
    assert teacher.payload["department"] == {"id": world["inorganic"].pk, "code": "D-INORG"}
    assert (teacher.payload["second_name"], teacher.payload["active"]) == ("Gʻaniyev", True)
    assert teacher.payload["decree_number"] == "12-K"
    [diploma] = items("diplomas")
    assert diploma.payload["diploma_number"] == "B 1234567"
    assert diploma.payload["_student"] == student.pk
    assert diploma.payload["register_date"] == int(dt.datetime(2026, 6, 30, tzinfo=TASHKENT).timestamp())
    departments = {i.payload["code"]: i.payload for i in items("departments")}
    assert departments["D-INORG"]["parent"] == world["chem"].pk
    assert departments["F-CHEM"]["structureType"] == {"code": world["chem"].structure_type}
    state = SyncKindState.objects.get(kind="students")
    assert state.watermark == student.updated_at
    event = AuditEvent.objects.get(action="exchange.sync.collected")
    assert event.data["queued"] == queued


def test_only_records_changed_after_the_watermark_are_queued_again(world):
    services.collect(now=T0)
    assert set(services.collect(now=T0).values()) == {0}  # nothing changed: nothing queued
    assert AuditEvent.objects.filter(action="exchange.sync.collected").count() == 1  # nor journaled
    student = world["student"]
    student.first_name = "Gulnora"
    student.save()
    queued = services.collect(now=T0)
    assert (queued["students"], queued["groups"], queued["employees"]) == (1, 0, 0)
    # Still one live item for the student: the newer change replaced its pending payload.
    [item] = items("students")
    assert (item.status, item.payload["first_name"]) == (SyncStatus.PENDING, "Gulnora")
    services.push(now=T0)
    [item] = items("students")
    assert item.status == SyncStatus.SENT
    student.first_name = "Gulnoza"
    student.save()
    assert services.collect(now=T0)["students"] == 1
    sent, pending = items("students")
    assert (sent.status, sent.payload["first_name"]) == (SyncStatus.SENT, "Gulnora")  # what left is kept
    assert (pending.status, pending.payload["first_name"]) == (SyncStatus.PENDING, "Gulnoza")


def test_the_file_transport_writes_one_json_lines_file_per_batch(world, settings, outbox):
    settings.EXCHANGE_BATCH_SIZE = 2
    f.StudentFactory(group=world["chem_group"], first_name="Ali")
    f.StudentFactory(group=world["econ_group"], first_name="Vali")
    services.collect(now=T0)
    result = services.push(now=T0)
    assert (result["sent"], result["failed"]) == (9 + 2, 0)
    files = sorted(p.name for p in outbox.iterdir())
    assert len([n for n in files if n.startswith("students-")]) == 2  # 3 students, batches of 2
    assert len([n for n in files if n.startswith("departments-")]) == 2  # 4 departments
    assert all(n.endswith(".jsonl") for n in files) and len(files) == len(result["batches"])
    assert not [n for n in files if n.startswith(".")]  # no half-written file left
    sent = {}
    for name in files:
        for line in (outbox / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            sent[(name.split("-")[0], record["id"])] = record
    for item in SyncItem.objects.all():
        assert item.status == SyncStatus.SENT and item.sent_at == T0
        assert sent[(item.kind, item.object_id)] == item.payload
        assert (outbox / f"{item.batch}.jsonl").exists()
    assert timezone.localtime(T0).strftime("%Y%m%dT%H%M%S") in files[0]
    assert AuditEvent.objects.filter(action="exchange.batch.sent").count() == len(files)


def test_the_http_transport_retries_a_failed_batch_with_backoff_and_loses_nothing(world, registry):
    with registry([500, 200]) as fake:
        services.collect(now=T0)
        first = services.push(now=T0)
        assert (first["sent"], first["failed"]) == (5, 4)  # the departments failed, the other kinds went
        failed = SyncItem.objects.filter(status=SyncStatus.FAILED)
        assert failed.count() == 4  # the departments' batch
        for item in failed:
            assert (item.attempts, item.next_attempt_at, item.failing_since) == (
                1,
                T0 + dt.timedelta(minutes=1),
                T0,
            )
            assert item.last_error == "the registry answered HTTP 500"
        assert SyncItem.objects.filter(status=SyncStatus.SENT).count() == 5  # the other kinds went
        assert services.push(now=T0 + dt.timedelta(seconds=30))["sent"] == 0  # not due yet
        assert len(fake.requests) == 1 + 4
        assert services.push(now=T0 + dt.timedelta(minutes=1))["sent"] == 4
    assert not SyncItem.objects.exclude(status=SyncStatus.SENT).exists()
    assert len(fake.requests) == 6
    first_try, retried = fake.requests[0], fake.requests[5]
    assert first_try["body"]["records"] == retried["body"]["records"]
    assert retried["headers"]["Authorization"] == "Bearer central-secret"
    assert retried["headers"]["Content-Type"].startswith("application/json")
    assert retried["path"] == "/api/exchange"
    assert retried["body"]["kind"] == "departments"
    by_id = {item.object_id: item for item in SyncItem.objects.filter(kind="departments")}
    for record in retried["body"]["records"]:
        item = by_id.pop(record["id"])
        assert set(record) == set(layout.FIELDS[SyncKind.DEPARTMENTS])
        for field in layout.FIELDS[SyncKind.DEPARTMENTS]:
            assert record[field] == item.payload[field], field
        assert item.batch == retried["body"]["batch"]
    assert by_id == {}
    students = next(r for r in fake.requests if r["body"]["kind"] == "students")
    assert students["body"]["records"][0]["student_id_number"] == "400251199999"
    state = SyncKindState.objects.get(kind="departments")
    assert state.last_error == "the registry answered HTTP 500"
    assert state.last_success_at == T0 + dt.timedelta(minutes=1)
    assert AuditEvent.objects.filter(action="exchange.batch.failed").count() == 1
    assert (
        AuditEvent.objects.get(action="exchange.batch.failed").data["error"]
        == "the registry answered HTTP 500"
    )


def test_backoff_is_1_5_30_minutes_then_hourly_and_an_item_fails_for_good_after_ten(db, registry):
    f.faculty("F-ONE", "Fizika fakulteti")
    with registry([503] * 10 + [200]) as fake:
        services.collect(now=T0)
        now, waits = T0, []
        for _attempt in range(10):
            services.push(now=now)
            item = SyncItem.objects.get()
            if item.next_attempt_at is None:
                break
            waits.append(int((item.next_attempt_at - now).total_seconds() // 60))
            now = item.next_attempt_at
        assert waits == [1, 5, 30, 60, 60, 60, 60, 60, 60]
        item = SyncItem.objects.get()
        assert (item.status, item.attempts, item.next_attempt_at, item.given_up) == (
            SyncStatus.FAILED,
            10,
            None,
            True,
        )
        assert (
            AuditEvent.objects.filter(action="exchange.batch.failed").order_by("pk").last().data["given_up"]
            == 1
        )
        services.push(now=now + dt.timedelta(days=1))
        assert len(fake.requests) == 10  # given up: no eleventh attempt on its own
        assert services.retry_failed(actor=None) == 1
        assert services.push(now=now + dt.timedelta(days=1))["sent"] == 1
    item = SyncItem.objects.get()
    assert (item.status, item.attempts, item.failing_since) == (SyncStatus.SENT, 0, T0)
    assert AuditEvent.objects.filter(action="exchange.sync.retried").get().data == {"kind": "", "items": 1}


def test_a_network_error_is_a_failure(db, settings):
    settings.EXCHANGE_TRANSPORT = "hemis.exchange.transports.HttpTransport"
    settings.EXCHANGE_URL = "http://127.0.0.1:9/closed"  # the discard port: nothing listens
    settings.EXCHANGE_TIMEOUT = 2
    f.faculty("F-ONE", "Fizika fakulteti")
    services.collect(now=T0)
    assert services.push(now=T0)["failed"] == 1
    item = SyncItem.objects.get()
    assert item.status == SyncStatus.FAILED
    assert item.last_error.startswith("the registry could not be reached")


def test_a_change_made_while_its_batch_is_sent_stays_queued(world):
    student = world["student"]

    class ChangeWhileSending(transports.FileTransport):
        def send(self, *, kind, batch, records):
            super().send(kind=kind, batch=batch, records=records)
            if kind == "students":
                student.first_name = "Gulbahor"
                student.save()
                services.collect(now=T0 + dt.timedelta(seconds=1))

    services.collect(now=T0)
    services.push(now=T0, transport=ChangeWhileSending())  # ends: the newer change waits for the next push
    [item] = items("students")
    assert (item.status, item.payload["first_name"], item.batch) == (SyncStatus.PENDING, "Gulbahor", "")
    services.push(now=T0 + dt.timedelta(seconds=2))
    [item] = items("students")
    assert (item.status, item.payload["first_name"]) == (SyncStatus.SENT, "Gulbahor")


def test_the_kinds_not_kept_yet_have_no_items_and_say_so(world):
    from hemis.exchange import selectors

    services.collect(now=T0)
    rows = {row.kind: row for row in selectors.status_by_kind()}
    assert [k for k, row in rows.items() if not row.kept] == [
        "blanks",
        "contracts_report",
        "graduate_employment",
    ]
    assert all((row.pending, row.sent, row.failed) == (0, 0, 0) for row in rows.values() if not row.kept)
    assert (rows["students"].pending, rows["departments"].pending) == (1, 4)


# Transactional (the two threads commit), so the rows the migrations load are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_pushes_at_once_send_each_record_once(settings):
    import threading
    import time

    from hemis.testing.concurrency import run_twice

    settings.EXCHANGE_BATCH_SIZE = 2
    for n in range(5):
        f.faculty(f"F-{n}", f"Fakultet {n}")
    services.collect(now=T0)
    lock, sent = threading.Lock(), []

    class Slow(transports.FileTransport):
        def send(self, *, kind, batch, records):
            time.sleep(0.05)  # long enough for the other push to look for due items meanwhile
            with lock:
                sent.extend(record["id"] for record in records)

    results, errors = run_twice(lambda _i: services.push(now=T0, transport=Slow())["sent"])
    assert errors == []
    assert sorted(sent) == sorted(SyncItem.objects.values_list("object_id", flat=True))  # once each
    assert sum(results) == 5
    assert not SyncItem.objects.exclude(status=SyncStatus.SENT).exists()
