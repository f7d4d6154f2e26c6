"""Browser tests: Playwright's sync API drives Debian's Chromium (never a downloaded one) against
pytest-django's ``live_server``. One browser per session, a fresh context per test.

The live server needs a transactional database, which is emptied after every test; the test modules
ask for ``serialized_rollback`` so that the rows the migrations load (roles, classifiers) come back
before each test. Django reloads them one ``save()`` at a time (two queries a row, seconds on
PostgreSQL); ``fast_reload`` does the same with one bulk insert a table."""

import functools
from collections.abc import Iterator
from itertools import groupby

import pytest
from django.core import serializers
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.models import Model
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000


@functools.cache
def _tables(data: str, alias: str) -> list[tuple[type[Model], list[Model]]]:
    """The serialized rows as model instances, one list a table (many-to-many links as their own)."""
    tables = []
    for model, group in groupby(
        serializers.deserialize("json", data, using=alias), key=lambda o: type(o.object)
    ):
        rows = list(group)
        tables.append((model, [r.object for r in rows]))
        for name in rows[0].m2m_data:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            links = [
                through(**{field.m2m_column_name(): r.object.pk, field.m2m_reverse_name(): pk})
                for r in rows
                for pk in r.m2m_data[name]
            ]
            tables.append((through, links))
    return tables


def fast_reload(creation: BaseDatabaseCreation, data: str) -> None:
    """``deserialize_db_from_string`` with bulk inserts; rows already there are left alone."""
    connection = creation.connection
    tables = _tables(data, connection.alias)
    with transaction.atomic(using=connection.alias), connection.constraint_checks_disabled():
        for model, objects in tables:
            model._base_manager.using(connection.alias).bulk_create(objects, ignore_conflicts=True)
        connection.check_constraints(table_names=[model._meta.db_table for model, _ in tables])
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model for model, _ in tables]):
                cursor.execute(sql)


@pytest.fixture(scope="session", autouse=True)
def _fast_serialized_rollback() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", fast_reload)
        yield


def _serialized_contents() -> dict[str, str]:
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator[Browser]:
    """Chromium for the whole session. While Playwright's event loop runs in this thread, Django
    keeps the thread's database connections apart (asgiref's thread-critical ``Local``), so the new
    connections are handed the serialized migration data that the old ones hold."""
    serialized = _serialized_contents()
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    connections.close_all()
    playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="uz-UZ", timezone_id="Asia/Tashkent")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page on a phone-sized screen (390 × 844, touch), where the sidebar folds behind the menu button."""
    context = phone_context(browser)
    yield context.new_page()
    context.close()


PHONE_WIDTH = 390


def phone_context(browser: Browser) -> BrowserContext:
    """A browser context of a phone-sized screen (for a second person on a phone in one test)."""
    context = browser.new_context(
        locale="uz-UZ",
        timezone_id="Asia/Tashkent",
        viewport={"width": PHONE_WIDTH, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def fits_phone(page: Page) -> bool:
    """Whether the page fits the phone's width (nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def console_errors(page: Page, errors: list[str] | None = None) -> list[str]:
    """The list the page's console errors are collected into from now on (a CSP violation shows as
    one); pass the list of another page to collect both into one."""
    collected = [] if errors is None else errors
    page.on("console", lambda message: collected.append(message.text) if message.type == "error" else None)
    return collected


def login(page: Page, live_server, username: str, password: str = "hemis-demo") -> None:
    """Fill in the login form and wait for the answer (home on success, the form again on failure)."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form:not([data-testid]) button[type=submit]")
