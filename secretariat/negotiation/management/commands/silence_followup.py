"""manage.py silence_followup: record adoptions by silence and send the notices due.

Run it every few minutes (cron, a systemd timer). It is idempotent: a second run sends
nothing that the first one sent. Adoption itself never waits for it: the state of a
document under silence is derived from its deadline whenever it is read.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from secretariat.negotiation.notifications import silence_followup


class Command(BaseCommand):
    help = (
        "Record adoptions whose silence deadline passed and e-mail the member delegations "
        "and the secretariat about silence procedures circulated, broken or ended."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = silence_followup()
        for name in report.adopted:
            self.stdout.write(f"Adopted under silence procedure: {name}")
        sent = report.sent
        self.stdout.write(
            f"Sent {report.messages} e-mail(s): {sent['started']} on circulation, "
            f"{sent['broken']} on a break, {sent['adopted']} on adoption."
        )
