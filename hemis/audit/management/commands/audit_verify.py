from django.core.management.base import BaseCommand, CommandError

from hemis.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the action journal; exits non-zero if any event was edited or deleted."

    def handle(self, *args, **options):
        problems = list(verify_chain())
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"audit journal tampered: {len(problems)} problem(s)")
        self.stdout.write("audit journal intact")
