"""Run daily: vacations and business trips begin and end by themselves; the stored status follows."""

from django.core.management.base import BaseCommand

from hemis.staff import services


class Command(BaseCommand):
    help = "Bring every employee's stored status (working, on leave, on trip, dismissed) up to date."

    def handle(self, *args, **options) -> None:
        changed = services.refresh_statuses()
        self.stdout.write(f"{changed} status(es) changed.")
