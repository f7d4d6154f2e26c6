import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hemis.access.models import User
from hemis.access.services import hand_over_super_admin


class Command(BaseCommand):
    help = (
        "Make USERNAME the super administrator of this university (exactly one exists): at installation, "
        "or to hand the post over. With --create the account is created; its password is read from "
        "HEMIS_ADMIN_PASSWORD or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--create", action="store_true", help="create the account if it does not exist")

    def handle(self, *args, username, create, **options):
        user = User.objects.filter(username=username).first()
        if user is None and not create:
            raise CommandError(f"No user {username!r}; add --create to create the account.")
        try:
            with transaction.atomic():
                if user is None:
                    password = os.environ.get("HEMIS_ADMIN_PASSWORD") or getpass.getpass("Password: ")
                    if len(password) < 8:
                        raise CommandError("The password must have at least 8 characters.")
                    user = User.objects.create_user(username=username, password=password)
                hand_over_super_admin(to_user=user)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{username} is now the super administrator.")
