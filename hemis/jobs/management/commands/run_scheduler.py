"""Run the scheduler of periodic jobs (``settings.PERIODIC_JOBS``): one per installation is enough,
more are harmless (each period is started once)."""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hemis.jobs.scheduler import Scheduler

logger = logging.getLogger("hemis.jobs.scheduler")


class Command(BaseCommand):
    help = "Start the periodic jobs when they are due: every --interval seconds, until SIGTERM or SIGINT."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between two ticks (30)")
        parser.add_argument("--once", action="store_true", help="tick once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        scheduler = Scheduler()
        if once:
            self._report(scheduler.tick())
            return
        stop = threading.Event()

        def shutdown(signum, frame) -> None:
            logger.info("scheduler stopping on %s", signal.strsignal(signum))
            stop.set()

        signal.signal(signal.SIGTERM, shutdown)
        signal.signal(signal.SIGINT, shutdown)
        logger.info(
            "scheduler started, ticking every %s s", interval, extra={"jobs": ",".join(scheduler.jobs)}
        )
        while not stop.is_set():
            close_old_connections()
            try:
                scheduler.tick()  # it logs what it starts
            except Exception:
                # The database may be away for a moment (a restart, a lock): try again next tick.
                logger.exception("scheduler tick failed")
            close_old_connections()
            stop.wait(interval)

    def _report(self, jobs) -> None:
        for job in jobs:
            self.stdout.write(f"started {job.name} ({job.pk})")
