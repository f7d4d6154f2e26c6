"""Database writers at once, for the tests that show a constraint holds under a race."""

import threading

from django.db import connection


def run_twice(work) -> tuple[list, list[BaseException]]:
    """Run ``work(i)`` for i = 0, 1 in two threads (see ``run_at_once``)."""
    return run_at_once(work, 2)


def run_at_once(work, n: int) -> tuple[list, list[BaseException]]:
    """Run ``work(i)`` for i in 0..n-1, each in a thread of its own, and return their results and errors.

    PostgreSQL runs the two truly at once (both wait at a barrier, then go). SQLite takes one writer
    at a time, so there they run one after the other — the second still meets what the first wrote.
    Each thread closes its own connection; a test using this needs a transactional database."""
    concurrent = connection.vendor == "postgresql"
    barrier = threading.Barrier(n if concurrent else 1)
    results: list = []
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            barrier.wait()
            results.append(work(i))
        except BaseException as exc:  # reported in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
        if not concurrent:
            thread.join(60)
    for thread in threads:
        thread.join(120)
    return results, errors
