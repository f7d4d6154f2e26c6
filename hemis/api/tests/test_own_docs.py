"""``/api/schema/`` is a valid, complete OpenAPI 3 document of our API (drf-spectacular without a
warning), and ``/api/docs/`` is a Swagger UI served entirely by this instance under the site's strict
CSP: only local static files, no inline script or style, no outside host (browser-free checks)."""

from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from hemis.api.tests.own import url

OPERATIONS = {
    ("get", "/api/v1/electives/"),
    ("post", "/api/v1/electives/offers/{id}/choose/"),
    ("post", "/api/v1/electives/choices/{id}/cancel/"),
    ("get", "/api/v1/documents/"),
    ("post", "/api/v1/documents/"),
    ("get", "/api/v1/documents/{id}/"),
    ("get", "/api/v1/documents/{id}/pdf/"),
    ("get", "/api/v1/integrations/"),
    ("get", "/api/v1/integrations/tokens/"),
    ("get", "/api/v1/integrations/calls/"),
}


def test_the_schema_is_valid_complete_and_documents_the_errors_and_the_token(client, db):
    response = client.get(url("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    found = {
        (m, p)
        for p, item in schema["paths"].items()
        for m in item
        if m in ("get", "post", "put", "patch", "delete")
    }
    assert found == OPERATIONS
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op["responses"]["401"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, (method, path)
            assert {"tokenAuth": []} in op["security"] and {"cookieAuth": []} in op["security"]
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["tokenAuth"]["description"],
    }
    error = schema["components"]["schemas"]["ErrorDetail"]
    assert set(error["required"]) == {"code", "message", "fields"}


def test_drf_spectacular_generates_it_without_a_warning(db):
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert set(yaml.safe_load(out.getvalue())["paths"]) == {p for _m, p in OPERATIONS}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self._tag = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._tag = tag
        self.urls += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        if tag == "style" or "style" in attrs or any(a.startswith("on") for a in attrs):
            self.inline.append(f"<{tag} {attrs}>")

    def handle_data(self, data):
        if self._tag == "script" and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag):
        self._tag = None


def test_the_docs_page_uses_only_local_files_and_no_inline_code(client, db):
    response = client.get(url("docs"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp and "unsafe" not in csp
    page = Page()
    page.feed(response.content.decode())
    assert page.inline == []
    scripts = [u for u in page.urls if u.endswith(".js") or "script" in u]
    assert len(scripts) == 2 and len(page.urls) == 4  # icon, stylesheet, Swagger UI, its start-up
    for address in page.urls:
        parts = urlsplit(address)
        assert not parts.scheme and not parts.netloc and address.startswith("/"), address
        if address.startswith(settings.STATIC_URL):
            assert finders.find(parts.path.removeprefix(settings.STATIC_URL)), address
        else:
            assert parts.path == url("docs"), address
    start = client.get([u for u in scripts if not u.startswith(settings.STATIC_URL)][0])
    assert start.status_code == 200 and start["Content-Type"].startswith("application/javascript")
    script = start.content.decode()
    assert f'url: "{url("schema")}"' in script
    assert '"validatorUrl": null' in script  # no badge fetched from validator.swagger.io
    assert "http://" not in script and "https://" not in script
