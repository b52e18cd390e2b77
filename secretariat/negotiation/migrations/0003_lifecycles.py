"""Guarded lifecycles: the document's state and the proposal's status become protected
state fields (changed only by their transitions), and a silence procedure gets a state of
its own, filled in from what was stored: broken (by a delegation) or ended (with the
document's withdrawal) when it has `broken_at`, adopted when the document records its
adoption by this silence, running otherwise."""

import django_fsm
from django.db import migrations, models
from django.db.models import Q


def fill_silence_states(apps, schema_editor):
    SilenceProcedure = apps.get_model("negotiation", "SilenceProcedure")
    procedures = SilenceProcedure.objects.select_related("document")
    for procedure in procedures.iterator():
        doc = procedure.document
        if procedure.broken_at is not None:
            state = "broken" if procedure.break_kind else "ended"
        elif (
            doc.state == "adopted"
            and doc.adoption_method == "silence"
            and doc.adopted_revision == procedure.revision_number
        ):
            state = "adopted"
        else:
            state = "running"
        SilenceProcedure.objects.filter(pk=procedure.pk).update(state=state)


class Migration(migrations.Migration):
    dependencies = [
        ("negotiation", "0002_silence_notices"),
    ]

    operations = [
        migrations.AddField(
            model_name="silenceprocedure",
            name="state",
            field=django_fsm.FSMField(
                choices=[
                    ("running", "running"),
                    ("broken", "broken"),
                    ("ended", "ended with the document's withdrawal"),
                    ("adopted", "adopted"),
                ],
                default="running",
                max_length=10,
                protected=True,
                verbose_name="state",
            ),
        ),
        migrations.RunPython(fill_silence_states, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="silenceprocedure",
            constraint=models.CheckConstraint(
                condition=(
                    Q(state__in=["broken", "ended"], broken_at__isnull=False)
                    | Q(state__in=["running", "adopted"], broken_at__isnull=True)
                ),
                name="silence_state_matches_break",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="state",
            field=django_fsm.FSMField(
                choices=[
                    ("draft", "draft"),
                    ("negotiation", "under negotiation"),
                    ("final", "final text"),
                    ("adopted", "adopted"),
                    ("withdrawn", "withdrawn"),
                ],
                default="draft",
                max_length=50,
                protected=True,
                verbose_name="state",
            ),
        ),
        migrations.AlterField(
            model_name="proposal",
            name="status",
            field=django_fsm.FSMField(
                choices=[
                    ("open", "open"),
                    ("incorporated", "incorporated"),
                    ("bracketed", "incorporated as bracketed alternative"),
                    ("set_aside", "set aside"),
                    ("withdrawn", "withdrawn"),
                ],
                default="open",
                max_length=15,
                protected=True,
                verbose_name="status",
            ),
        ),
    ]
