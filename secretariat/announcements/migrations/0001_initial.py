"""Announcements move here from the live app: the model's state moves, its rows stay.

The table `live_announcement` is taken over as it is (no database operation); 0002 renames
it. The content type keeps its id and takes the new app label, so audit entries and
permissions that point at announcements keep pointing at them.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    _relabel(apps, schema_editor, old="live", new="announcements")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, schema_editor, old="announcements", new="live")


def _relabel(apps, schema_editor, *, old, new):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    if not content_types.filter(app_label=new, model="announcement").exists():
        content_types.filter(app_label=old, model="announcement").update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("formats", "0001_initial"),
        ("live", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Announcement",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", models.TextField(max_length=1000, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name="text")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="sent at")),
                        ("author", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="author")),
                        ("format", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="announcements", to="formats.dialogueformat", verbose_name="format")),
                    ],
                    options={
                        "verbose_name": "announcement",
                        "verbose_name_plural": "announcements",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "live_announcement",
                        "indexes": [models.Index(fields=["format", "-created_at"], name="live_announ_format__f7d8ca_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=False),
    ]
