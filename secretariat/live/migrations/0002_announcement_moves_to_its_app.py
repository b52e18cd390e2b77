"""The Announcement model now belongs to `secretariat.announcements` (see its 0001): the
live app forgets it without touching the table, which the announcements app took over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("announcements", "0001_initial"),
        ("live", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Announcement")],
            database_operations=[],
        ),
    ]
