"""How batches reach the central registry: a pluggable transport named by ``settings.EXCHANGE_TRANSPORT``
(a dotted path to a class). Its ``send(kind=, batch=, records=)`` returns when the batch was accepted and
raises ``TransportError`` otherwise; ``describe()`` says where batches go (for the status page).

- ``FileTransport`` (the default): one JSON-lines file per batch (one record a line) under
  ``VAR_DIR/exchange/outbox/``, named by kind and time, for whoever carries the export to the registry.
- ``HttpTransport``: POSTs ``{"kind", "batch", "records"}`` as JSON to ``settings.EXCHANGE_URL`` with
  ``Authorization: Bearer <settings.EXCHANGE_TOKEN>``; anything but a 2xx answer, a redirect included,
  or a network error is a failure.
"""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT = "hemis.exchange.transports.FileTransport"


class TransportError(Exception):
    """The batch was not accepted; the message says why (kept on the items as their last error)."""


def current():
    """The transport the settings name."""
    return import_string(getattr(settings, "EXCHANGE_TRANSPORT", DEFAULT) or DEFAULT)()


def outbox() -> Path:
    return Path(settings.VAR_DIR) / "exchange" / "outbox"


class FileTransport:
    def describe(self) -> str:
        return f"file: {outbox()}"

    def send(self, *, kind: str, batch: str, records: list[dict]) -> None:
        folder = outbox()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"{batch}.jsonl"
            partial = folder / f".{batch}.jsonl.part"
            with partial.open("w", encoding="utf-8") as out:
                for record in records:
                    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            os.replace(partial, final)  # whoever picks the files up never sees half a batch
        except OSError as exc:
            raise TransportError(f"the batch file could not be written: {exc}") from exc


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is an answer other than 2xx: a failure, never a resent batch


class HttpTransport:
    def describe(self) -> str:
        return f"HTTP: {settings.EXCHANGE_URL}"

    def send(self, *, kind: str, batch: str, records: list[dict]) -> None:
        url = getattr(settings, "EXCHANGE_URL", "")
        if not url:
            raise TransportError("EXCHANGE_URL is not set")
        body = json.dumps({"kind": kind, "batch": batch, "records": records}, ensure_ascii=False).encode()
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {getattr(settings, 'EXCHANGE_TOKEN', '')}",
            },
        )
        opener = urllib.request.build_opener(_NoRedirect)
        timeout = getattr(settings, "EXCHANGE_TIMEOUT", 30)
        try:
            with opener.open(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise TransportError(f"the registry answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TransportError(f"the registry could not be reached: {reason}") from exc
        if not 200 <= status < 300:
            raise TransportError(f"the registry answered HTTP {status}")
