"""Regulation 2.3: every request a page makes goes to this instance (no CDN, no outside fonts), and the
strict CSP (no inline scripts or styles) is never violated, on every page the sidebar offers."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MISSING = "/no-such-page/"


class Recorder:
    """Every request URL, console error and uncaught script error of one page."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location.get('url')}")

    def outside(self, live_server) -> list[str]:
        own = urlsplit(live_server.url)
        return [
            url
            for url in self.requests
            if (urlsplit(url).scheme, urlsplit(url).netloc) != (own.scheme, own.netloc)
        ]


def visit(page, live_server, path: str, status: int = 200) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert (path, response.status) == (path, status)


def missing_page_error(live_server) -> str:
    """Chromium reports the 404 answer of the page itself on the console; nothing else may appear."""
    url = f"{live_server.url}{MISSING}"
    return f"Failed to load resource: the server responded with a status of 404 (Not Found) @ {url}"


def assert_self_contained(recorder: Recorder, live_server) -> None:
    assert recorder.requests
    assert recorder.outside(live_server) == []
    assert [e for e in recorder.console_errors if e != missing_page_error(live_server)] == []
    assert recorder.page_errors == []


def test_anonymous_pages_load_nothing_from_outside(page, live_server):
    recorder = Recorder(page)
    visit(page, live_server, "/login/")
    visit(page, live_server, "/", status=200)
    assert page.url == f"{live_server.url}/login/?next=/"
    visit(page, live_server, MISSING, status=404)
    assert page.locator(".error-code").inner_text() == "404"
    assert_self_contained(recorder, live_server)


@pytest.mark.parametrize(
    ("persona", "username"),
    [("superadmin", "admin"), ("dean_chemistry", "dean_chem"), ("student_in_group", "400251199999")],
)
def test_every_sidebar_page_loads_nothing_from_outside(page, live_server, request, persona, username):
    request.getfixturevalue(persona)
    recorder = Recorder(page)
    login(page, live_server, username)
    assert page.url == f"{live_server.url}/"
    visit(page, live_server, "/")
    hrefs = [link.get_attribute("href") for link in page.locator("nav.sidebar a").all()]
    assert hrefs[:2] == ["/", "/profile/"]
    for href in hrefs:
        visit(page, live_server, href)
        assert page.locator("nav.sidebar a").count() == len(hrefs)
    visit(page, live_server, MISSING, status=404)
    assert_self_contained(recorder, live_server)


def test_recorder_catches_outside_requests_and_csp_violations(page, live_server):
    """The guard above is not vacuous: a page breaking both rules is caught on both counts."""
    page.route(
        "**/bad-page/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
            body='<p style="color:red">x</p><img src="https://cdn.example.com/x.png">',
        ),
    )
    recorder = Recorder(page)
    page.goto(f"{live_server.url}/bad-page/")
    assert recorder.outside(live_server) == ["https://cdn.example.com/x.png"]
    assert len(recorder.console_errors) == 2
    assert "Applying inline style violates" in recorder.console_errors[0]
    assert "Loading the image 'https://cdn.example.com/x.png' violates" in recorder.console_errors[1]


def test_the_api_docs_render_the_schema_from_this_instance_alone(page, live_server, superadmin):
    """``/api/docs/``: Swagger UI (drf-spectacular-sidecar's files) renders our OpenAPI document under
    the strict CSP, with nothing loaded from outside and no script or CSP error."""
    recorder = Recorder(page)
    login(page, live_server, "admin")
    visit(page, live_server, "/api/docs/")
    page.locator(".opblock").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/electives/" in [p.replace("\u200b", "") for p in paths]
    assert any(url.endswith("/api/schema/") for url in recorder.requests)
    assert_self_contained(recorder, live_server)
