import pytest

from hemis.jobs.services import Progress


@pytest.fixture
def no_throttle(monkeypatch):
    """Every report is written: the tests see each step, whatever the speed of the machine."""
    monkeypatch.setattr(Progress, "interval", 0)


@pytest.fixture
def slow_throttle(monkeypatch):
    """Only the first and the last report are written."""
    monkeypatch.setattr(Progress, "interval", 3600)


@pytest.fixture
def keep_test_connection(monkeypatch):
    """The worker and the scheduler drop connections found inside a transaction (as a test's is)."""
    import django_tasks_db.management.commands.db_worker as db_worker

    import hemis.jobs.management.commands.run_scheduler as run_scheduler

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(run_scheduler, "close_old_connections", lambda: None)
