"""Running schemathesis over an OpenAPI document against our WSGI application, in-process (never a real
host): every operation, positive and negative cases, a few examples each — no answer may be a 5xx."""

from collections.abc import Callable
from contextlib import contextmanager
from itertools import count

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
_addresses = count(1)


def next_address() -> str:
    """A fresh client address per call: the per-address limits (10 data calls a second, failed log-ins)
    would otherwise answer most fuzzed calls 429 before they reach the operation."""
    n = next(_addresses)
    return f"10.{200 + n // 62500 % 50}.{n // 250 % 250}.{n % 250 + 1}"


def app() -> WSGIHandler:
    return WSGIHandler()


@contextmanager
def connection_kept():
    """While it lasts, a request through ``app()`` leaves the test's database connection open (as the
    test client does): the end of a request would otherwise close it, and the test's transaction with it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def fuzz(
    schema,
    examples: int,
    prepare: Callable[[object], dict],
    check: Callable[[object, object], None],
) -> int:
    """Call each operation of ``schema`` with ``examples`` generated cases per mode; ``prepare(operation)``
    gives the call's extra arguments (headers, cookies), ``check(case, response)`` asserts on each answer.
    Returns the number of calls made."""
    calls = 0
    application = app()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "nothing to fuzz"
    for operation in operations:
        extra = prepare(operation)
        for mode in MODES:
            run = _runner(operation, mode, examples, application, extra, check)
            try:
                calls += run()
            except Unsatisfiable:
                # Nothing of the operation can be made invalid (no parameters, no body): nothing to negate.
                assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label
    return calls


def _runner(operation, mode, examples: int, application, extra: dict, check) -> Callable[[], int]:
    """The hypothesis test of one operation in one mode; calling it runs it and tells the calls made."""
    made = 0

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        nonlocal made
        made += 1
        response = case.call(app=application, environ_base={"REMOTE_ADDR": next_address()}, **extra)
        assert response.status_code < 500, (
            operation.label,
            mode,
            case.as_curl_command(),
            response.text[:500],
        )
        check(case, response)

    def go() -> int:
        run()
        return made

    return go
