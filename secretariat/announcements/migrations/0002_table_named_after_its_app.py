"""The table taken over from the live app gets the name of this app, with its index."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('announcements', '0001_initial'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='announcement',
            new_name='announcemen_format__1580ee_idx',
            old_name='live_announ_format__f7d8ca_idx',
        ),
        migrations.AlterModelTable(
            name='announcement',
            table=None,
        ),
    ]
