"""Our own API (``/api/``): what the HEMIS API does not cover and the writes scripts need.

Django REST framework views over the same services and policy as the pages: ``/api/schema/`` is its
OpenAPI 3 document, ``/api/docs/`` the Swagger UI (served from this instance, under the site's CSP).
A caller is a logged-in browser (the session, with its CSRF token for writes) or a holder of a data-API
token (``Authorization: Bearer <key>``, issued in the integration registry; every call logged). Every
error answers ``{"error": {"code", "message", "fields"}}``."""
