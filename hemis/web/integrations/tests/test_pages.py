"""The integration registry pages (annex 2, regulation 2.2): the ICT department registers integrations
with their instruction, issues a token whose key is shown once and revokes it (the data API then refuses
it); the log shows what left through each token; management reads, a dean reaches nothing; refusals
name the field and change nothing; query counts equal at 1 and 3 rows."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.integrations import services
from hemis.integrations.models import ApiCall, ApiToken, Integration
from hemis.testing.schedule import text

LIST = reverse("web:integrations_list")
NEW = reverse("web:integrations_new")
TOKENS = reverse("web:integrations_tokens")
CALLS = reverse("web:integrations_calls")
DEPARTMENTS = "/rest/v1/data/department-list"
# The session, the user, the role grants, the principal's facts and the languages besides the page's own.
LIST_QUERIES = 5 + 1  # the integrations with their token counts
TOKENS_QUERIES = 5 + 4  # the count and the page of tokens; the form's holders and integrations
CALLS_QUERIES = 5 + 3  # the filter's tokens, the count and the page of calls


def state():
    return (
        list(Integration.objects.order_by("pk").values()),
        list(ApiToken.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


def pdf(name="instruction.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


def integration(
    system="Universitet LMS", approved=dt.date(2026, 1, 5), started=dt.date(2026, 1, 13), by=None
):
    return services.register_integration(
        system=system,
        purpose="Kurslar va baholar",
        instruction_title="LMS texnologik yoʻriqnomasi",
        instruction_approved_on=approved,
        started_on=started,
        actor=by,
    )


def test_ict_registers_an_integration_with_its_instruction_and_edits_it(client, ict):
    client.force_login(ict)
    page = text(client.get(LIST))
    assert "No integration is registered." in page
    form = {
        "system": "Universitet LMS",
        "purpose": "Kurslar, baholar va davomat",
        "instruction_title": "LMS texnologik yoʻriqnomasi",
        "instruction_file": pdf(),
        "instruction_approved_on": "05.01.2026",
        "started_on": "13.01.2026",
        "ended_on": "",
    }
    page = text(client.post(NEW, form, follow=True))
    assert "The integration “Universitet LMS” is registered." in page
    assert cells(page, "system") == ["Universitet LMS"]
    assert cells(page, "approved-on") == ["05.01.2026"]
    assert cells(page, "started-on") == ["13.01.2026"]
    saved = Integration.objects.get()
    assert saved.created_by == ict and saved.instruction_file.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="integrations.integration.registered")
    assert event.actor == ict and event.data["after"]["instruction_approved_on"] == "2026-01-05"
    download = client.get(reverse("web:integrations_instruction", args=[saved.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # editing without a new document keeps the stored one and journals only what changed
    edit = reverse("web:integrations_edit", args=[saved.pk])
    assert "Without a new document the present one stays" in text(client.get(edit))
    form.update(instruction_file="", started_on="14.01.2026")
    page = text(client.post(edit, form, follow=True))
    assert "The integration “Universitet LMS” is saved." in page
    saved.refresh_from_db()
    assert saved.started_on == dt.date(2026, 1, 14) and saved.instruction_file.name.endswith(".pdf")
    event = AuditEvent.objects.get(action="integrations.integration.updated")
    assert event.data == {"before": {"started_on": "2026-01-13"}, "after": {"started_on": "2026-01-14"}}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"system": "  "}, "system", "This field is required."),
        ({"instruction_file": "exe"}, "instruction_file", "Upload a file of one of these types"),
        ({"instruction_title": ""}, "instruction_title", "Enter the title of the technological instruction"),
        ({"ended_on": "10.01.2026"}, "ended_on", "The integration cannot end before it started."),
        ({"instruction_approved_on": "31.02.2026"}, "instruction_approved_on", "Enter a valid date."),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(client, ict, changes, field, message):
    existing = integration(by=ict)
    client.force_login(ict)
    for url in (NEW, reverse("web:integrations_edit", args=[existing.pk])):
        form = {
            "system": "Kutubxona tizimi",
            "purpose": "Talabalar roʻyxati",
            "instruction_title": "Yoʻriqnoma",
            "instruction_file": pdf(),
            "instruction_approved_on": "05.01.2026",
            "started_on": "13.01.2026",
            "ended_on": "",
        }
        form.update(changes)
        if changes.get("instruction_file") == "exe":
            form["instruction_file"] = SimpleUploadedFile("tool.exe", b"MZ")
        before = state()
        response = client.post(url, form)
        assert response.status_code == 400
        page = text(response)
        errors = re.search(rf'id="id_{field}".*?(<div class="field-error"[^>]*>[^<]*</div>)', page, re.S)
        assert errors and message in errors.group(1)
        assert state() == before


def test_who_reads_and_who_manages(client, ict, superadmin, rector, dean_chemistry, api_user):
    thing = integration(by=ict)
    token, _key = services.issue_token(holder=api_user, name="LMS", integration=thing, actor=ict)
    for user in (ict, superadmin):
        client.force_login(user)
        page = text(client.get(LIST))
        assert cells(page, "system") == ["Universitet LMS"] and 'data-testid="register"' in page
        assert "Integration registry" in page and "API tokens" in page  # the menu
        assert client.get(NEW).status_code == 200
        assert 'data-testid="token-form"' in text(client.get(TOKENS))
    # management reads the registry, the tokens and the log, and changes nothing
    client.force_login(rector)
    page = text(client.get(LIST))
    assert cells(page, "system") == ["Universitet LMS"] and 'data-testid="register"' not in page
    page = text(client.get(TOKENS))
    assert cells(page, "token-name") == ["LMS"] and 'data-testid="token-form"' not in page
    assert 'data-testid="revoke"' not in page
    assert client.get(CALLS).status_code == 200
    before = state()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"system": "X", "purpose": "Y"}).status_code == 403
    assert client.post(reverse("web:integrations_edit", args=[thing.pk]), {"system": "X"}).status_code == 404
    assert client.post(TOKENS, {"holder": api_user.pk, "name": "Mine"}).status_code == 403
    assert client.post(reverse("web:integrations_token_revoke", args=[token.pk])).status_code == 404
    assert state() == before
    # a dean sees none of it: not in the menu, every page refused, the document not found
    client.force_login(dean_chemistry)
    home = text(client.get(reverse("web:home")))
    assert "Integration registry" not in home and "API tokens" not in home
    for url in (LIST, TOKENS, CALLS, NEW):
        response = client.get(url)
        assert response.status_code == 403 and "Universitet LMS" not in text(response)
    assert client.get(reverse("web:integrations_instruction", args=[thing.pk])).status_code == 404
    assert client.post(reverse("web:integrations_token_revoke", args=[token.pk])).status_code == 404
    assert state() == before


def test_the_key_is_shown_once_and_revoking_stops_the_token(client, ict, api_user, uni):
    thing = integration(by=ict)
    client.force_login(ict)
    response = client.post(
        TOKENS, {"holder": api_user.pk, "integration": thing.pk, "name": "LMS sync", "expires_on": ""}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = text(response)
    [key] = re.findall(r'value="([^"]+)" size="60" data-testid="api-key"', page)
    token = ApiToken.objects.get()
    assert (token.holder, token.integration, token.name, token.created_by) == (
        api_user,
        thing,
        "LMS sync",
        ict,
    )
    assert (
        key.startswith(token.prefix)
        and token.key_hash == services.key_hash(key)
        and key not in str(ApiToken.objects.values().get())
    )
    assert AuditEvent.objects.filter(action="integrations.apitoken.issued", actor=ict).count() == 1
    # never shown again: not on the tokens page, not in the journal
    page = text(client.get(TOKENS))
    assert key not in page and cells(page, "prefix") == [f"{token.prefix}…"]
    assert cells(page, "holder")[0].startswith("api_lms")
    assert not any(key in str(e.data) for e in AuditEvent.objects.all())
    # the key works on the data API
    client.logout()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}", "REMOTE_ADDR": "10.1.0.1"}
    answer = client.get(DEPARTMENTS, **auth)
    assert answer.status_code == 200 and answer.json()["success"] is True
    # revoked from the page, it is refused
    client.force_login(ict)
    client.cookies["hemis_language"] = "en"  # the log-out above dropped every cookie
    page = text(client.post(reverse("web:integrations_token_revoke", args=[token.pk]), follow=True))
    assert "The token “LMS sync” of api_lms is revoked" in page
    assert re.search(r'data-testid="state"><span class="badge badge-late">revoked \d\d\.', page)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == ict
    client.logout()
    answer = client.get(DEPARTMENTS, **auth | {"REMOTE_ADDR": "10.1.0.2"})
    assert answer.status_code == 401 and answer.json()["success"] is False
    # revoking twice is refused and changes nothing
    client.force_login(ict)
    client.cookies["hemis_language"] = "en"
    before = state()
    page = text(client.post(reverse("web:integrations_token_revoke", args=[token.pk]), follow=True))
    assert "This token is already revoked." in page
    assert state() == before


def test_a_token_only_for_an_api_user_and_a_future_expiry(client, ict, api_user, outsider):
    client.force_login(ict)
    before = state()
    response = client.post(TOKENS, {"holder": outsider.pk, "name": "Bot"})
    assert response.status_code == 400
    assert (
        "Select a valid choice"
        in re.search(r'id="id_holder".*?field-error[^>]*>([^<]*)<', text(response), re.S)[1]
    )
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    response = client.post(TOKENS, {"holder": api_user.pk, "name": "Bot", "expires_on": yesterday})
    assert response.status_code == 400
    page = text(response)
    assert (
        "The expiry must be in the future."
        in re.search(r'id="id_expires_on".*?field-error[^>]*>([^<]*)<', page, re.S)[1]
    )
    response = client.post(TOKENS, {"holder": api_user.pk, "name": "  "})
    assert response.status_code == 400
    assert state() == before
    # the holder list offers API users only
    options = re.search(r'<select name="holder".*?</select>', text(client.get(TOKENS)), re.S)[0]
    assert "api_lms" in options and "outsider" not in options


def test_the_log_of_calls_filters_by_token_and_dates(client, ict, api_user, superadmin):
    lms, _ = services.issue_token(holder=api_user, name="LMS", integration=integration(by=ict), actor=ict)
    library, _ = services.issue_token(holder=api_user, name="Library", actor=ict)
    services.log_call(token=lms, ip="10.0.0.1", path=DEPARTMENTS, query={"limit": "5"}, status=200, rows=5)
    services.log_call(
        token=library, ip="10.0.0.2", path="/rest/v1/data/group-list", query={}, status=200, rows=12
    )
    old = services.log_call(
        token=lms, ip="10.0.0.1", path="/rest/v1/data/student-list", query={}, status=400, rows=0
    )
    ApiCall.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=10))
    client.force_login(superadmin)
    page = text(client.get(CALLS))
    assert cells(page, "endpoint") == [
        "/rest/v1/data/group-list",
        DEPARTMENTS,
        "/rest/v1/data/student-list",
    ]
    assert cells(page, "rows") == ["12", "5", "0"] and set(cells(page, "call-holder")) == {"api_lms"}
    assert "Universitet LMS" in page and "limit=5" in page
    page = text(client.get(CALLS, {"token": lms.pk}))
    assert cells(page, "endpoint") == [DEPARTMENTS, "/rest/v1/data/student-list"]
    since = (timezone.localdate() - dt.timedelta(days=2)).strftime("%d.%m.%Y")
    page = text(client.get(CALLS, {"token": lms.pk, "date_from": since}))
    assert cells(page, "endpoint") == [DEPARTMENTS] and cells(page, "status") == ["200"]
    until = (timezone.localdate() - dt.timedelta(days=5)).strftime("%d.%m.%Y")
    page = text(client.get(CALLS, {"date_to": until}))
    assert cells(page, "endpoint") == ["/rest/v1/data/student-list"]
    page = text(client.get(CALLS, {"date_from": since, "date_to": until}))
    assert "The end of the period must not be before its start." in page and cells(page, "endpoint") == []


def _many(n, ict, api_user):
    for i in range(n):
        thing = integration(system=f"Tizim {i}", by=ict)
        token, _ = services.issue_token(holder=api_user, name=f"T{i}", integration=thing, actor=ict)
        services.log_call(
            token=token, ip="10.0.0.1", path=DEPARTMENTS, query={"page": str(i)}, status=200, rows=i
        )


@pytest.mark.parametrize("n", [1, 3])
def test_query_counts_do_not_grow_with_rows(client, ict, api_user, n, django_assert_num_queries):
    _many(n, ict, api_user)
    client.force_login(ict)
    with django_assert_num_queries(LIST_QUERIES):
        assert len(cells(text(client.get(LIST)), "system")) == n
    with django_assert_num_queries(TOKENS_QUERIES):
        assert len(cells(text(client.get(TOKENS)), "token-name")) == n
    with django_assert_num_queries(CALLS_QUERIES):
        assert len(cells(text(client.get(CALLS)), "endpoint")) == n
