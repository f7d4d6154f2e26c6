"""The solver's draft pages: who may see and start them, the proposed week, apply and discard through
the services, and the query count of the list."""

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.audit.models import AuditEvent
from hemis.jobs.models import Job, JobStatus
from hemis.schedule import solver
from hemis.schedule.enums import DraftStatus
from hemis.schedule.models import Draft, Lesson, TimetableEntry
from hemis.testing.schedule import text

LIST = "/schedule/drafts/"


def form(world, **changes) -> dict:
    return {"semester": world.semester.pk, "faculty": world.faculty.pk, "max_pairs_per_day": 4} | changes


@pytest.fixture
def made(client, world, dean_chemistry, django_capture_on_commit_callbacks):
    """A draft the chemistry dean started through the page, its job run."""
    client.force_login(dean_chemistry)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, form(world))
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/schedule/drafts/{draft.pk}/"
    # The job page's "Open the result" leads to the draft.
    assert Job.objects.get(pk=draft.job_id).result_url == f"/schedule/drafts/{draft.pk}/"
    return draft


def test_url_names():
    assert reverse("web:schedule_drafts") == LIST
    assert reverse("web:schedule_draft", kwargs={"pk": 5}) == "/schedule/drafts/5/"
    assert reverse("web:schedule_draft_apply", kwargs={"pk": 5}) == "/schedule/drafts/5/apply/"
    assert reverse("web:schedule_draft_discard", kwargs={"pk": 5}) == "/schedule/drafts/5/discard/"


def test_dean_starts_a_draft_and_sees_the_proposed_week(client, world, made):
    made.refresh_from_db()
    assert (made.status, made.placed, made.requested, made.max_pairs_per_day) == (DraftStatus.READY, 7, 7, 4)
    response = client.get(f"/schedule/drafts/{made.pk}/")
    page = text(response)
    assert response.status_code == 200
    assert "Placed 7 of 7 pairs a week." in page
    assert [week["group"].name for week in response.context["weeks"]] == ["KT-21", "KT-22"]
    kt21 = response.context["weeks"][0]
    assert [label for _n, label in kt21["days"]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ]
    assert len(kt21["rows"]) == 6
    # KT-21: two lectures, a practical and a laboratory for each of its two subgroups.
    assert sum(len(cell) for row in kt21["rows"] for cell in row["cells"]) == 5
    assert 'data-testid="apply"' in page and 'data-testid="discard"' in page
    assert response.context["unplaced"] == []
    listing = client.get(LIST)
    assert [d.pk for d in listing.context["page"]] == [made.pk]
    assert "7 of 7" in text(listing)


def test_apply_writes_the_timetable_once(client, world, made):
    response = client.post(f"/schedule/drafts/{made.pk}/apply/")
    assert response["Location"] == f"/schedule/drafts/{made.pk}/"
    assert TimetableEntry.objects.count() == 7
    lessons = Lesson.objects.count()
    page = text(client.get(response["Location"]))
    assert "The draft is in the timetable: 7 weekly entries." in page
    assert "The draft has been applied to the timetable." in page
    assert 'data-testid="apply"' not in page

    again = client.post(f"/schedule/drafts/{made.pk}/apply/", follow=True)
    assert "This draft has already been applied." in text(again)
    assert (TimetableEntry.objects.count(), Lesson.objects.count()) == (7, lessons)


def test_discard_removes_the_draft(client, world, made):
    response = client.post(f"/schedule/drafts/{made.pk}/discard/")
    assert response["Location"] == LIST
    assert not Draft.objects.exists()
    assert AuditEvent.objects.filter(action="schedule.draft.discarded").count() == 1


def test_unplaced_pairs_are_listed_with_their_reason(
    client, world, dean_chemistry, django_capture_on_commit_callbacks
):
    for room in (world.room204, world.room301):
        room.active = False
        room.save(update_fields=["active"])
    client.force_login(dean_chemistry)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, form(world))
    draft = Draft.objects.get()
    response = client.get(f"/schedule/drafts/{draft.pk}/")
    page = text(response)
    assert "Placed 5 of 9 pairs a week." in page
    assert page.count("No room with 14 seats: the largest room has 12.") == 4
    # The reason is stored as a code with its values and worded in the reader's language.
    with translation.override("uz"):
        assert solver.describe("no_room", {"seats": 14, "largest": 12}) == (
            "14 oʻrinli auditoriya yoʻq: eng katta auditoriyada 12 ta oʻrin bor."
        )


def test_a_running_draft_links_to_its_job_and_a_failed_one_shows_the_error(
    client, world, dean_chemistry, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(dean_chemistry)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(LIST, form(world))
    draft = Draft.objects.get()
    page = text(client.get(f"/schedule/drafts/{draft.pk}/"))
    assert f'href="/jobs/{draft.job_id}/"' in page
    assert 'data-testid="apply"' not in page

    def broken(problem, **kwargs):
        raise RuntimeError("the solver broke")

    monkeypatch.setattr(solver, "solve", broken)
    Draft.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, form(world))
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.FAILED
    page = text(client.get(f"/schedule/drafts/{draft.pk}/"))
    assert "The solver could not make the draft." in page
    assert "RuntimeError: the solver broke" in page


def test_a_bad_daily_limit_is_refused_on_the_form(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.post(LIST, form(world, max_pairs_per_day=7))
    assert response.status_code == 400
    assert response.context["form"].errors == {"max_pairs_per_day": ["Choose between 1 and 6 pairs a day."]}
    assert not Draft.objects.exists()


def test_a_dean_of_another_faculty_neither_sees_nor_touches_the_draft(
    client, uni, world, made, dean_economics
):
    client.force_login(dean_economics)
    assert client.get(f"/schedule/drafts/{made.pk}/").status_code == 404
    assert client.post(f"/schedule/drafts/{made.pk}/apply/").status_code == 404
    assert client.post(f"/schedule/drafts/{made.pk}/discard/").status_code == 404
    listing = client.get(LIST)
    assert list(listing.context["page"]) == []
    assert list(listing.context["form"].fields["faculty"].queryset) == [uni["econ"]]
    # Nor can they start one for the chemistry faculty.
    response = client.post(LIST, form(world))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "faculty": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert Draft.objects.count() == 1
    made.refresh_from_db()
    assert made.status == DraftStatus.READY and TimetableEntry.objects.count() == 0


@pytest.mark.parametrize("user", ["academic", "outsider"])
def test_who_does_not_edit_timetables_gets_no_drafts(client, world, made, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.get(LIST).status_code == 403
    assert client.get(f"/schedule/drafts/{made.pk}/").status_code == 403
    assert client.post(f"/schedule/drafts/{made.pk}/apply/").status_code == 403
    assert client.post(f"/schedule/drafts/{made.pk}/discard/").status_code == 403
    assert client.post(LIST, form(world)).status_code == 403
    assert TimetableEntry.objects.count() == 0
    assert list(Draft.objects.values_list("pk", "status")) == [(made.pk, DraftStatus.READY)]


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, world, dean_chemistry, django_assert_num_queries, n):
    for i in range(n):
        job = Job.objects.create(
            name="schedule.draft",
            title="Timetable draft",
            view_action="schedule.edit",
            status=JobStatus.SUCCEEDED,
        )
        Draft.objects.create(
            semester=world.semester,
            faculty=world.faculty,
            status=DraftStatus.READY,
            job=job,
            placed=i,
            requested=7,
            created_by=dean_chemistry,
        )
    client.force_login(dean_chemistry)
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert len(response.context["page"]) == n
