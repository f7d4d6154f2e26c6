import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hemis.demo import builder
from hemis.demo.plan import DEFAULT_SEED, DEFAULT_STUDENTS, build_plan
from hemis.org.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Load a demo university (structure, staff, programmes, groups, students and one login per role) "
        "into an empty database. Every demo login shares the published password settings.HEMIS_DEMO_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--students", type=int, default=DEFAULT_STUDENTS, help="number of students (1500)"
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="random seed; same seed, same data"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has an org structure",
        )
        parser.add_argument(
            "--force", action="store_true", help="load even with DEBUG off (the demo passwords are public)"
        )

    def handle(self, *args, students, seed, if_empty, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load the demo university with DEBUG off: its logins share a published password. "
                "Pass --force if this really is a demo instance."
            )
        if students < 0:
            raise CommandError("--students must be zero or more.")
        if if_empty and OrgUnit.objects.exists():
            self.stdout.write(
                "The database already has an org structure; the demo university was not loaded."
            )
            return
        started = time.monotonic()
        plan = build_plan(students=students, seed=seed)
        with transaction.atomic():
            problems = builder.obstacles(plan)
            if problems:
                raise CommandError(
                    "seed_demo loads only into an empty database, but "
                    + "; ".join(problems)
                    + ". Use a fresh database (or --if-empty to skip quietly)."
                )
            counts = builder.load(plan=plan, password=settings.HEMIS_DEMO_PASSWORD, seed=seed)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo university loaded in {elapsed:.1f} s: {summary}."))
