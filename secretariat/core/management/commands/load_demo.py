"""Load the demo data of every capability; running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each capability adds its loader here, after those it builds on.
DEMO_LOADERS = [
    "secretariat.formats.demo.load",
    "secretariat.negotiation.demo.load",
    "secretariat.meetings.demo.load",
    "secretariat.announcements.demo.load",
]


class Command(BaseCommand):
    help = "Load the Central Asia + Japan Dialogue demo (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        from secretariat.formats.demo import ACCOUNTS, DEMO_PASSWORD

        for dotted in DEMO_LOADERS:
            import_string(dotted)()
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded: the Central Asia + Japan Dialogue.")
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.role:<20} {account.email:<28} {account.full_name}")
