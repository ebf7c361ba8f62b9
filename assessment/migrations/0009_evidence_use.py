"""The many-to-many between evidence and statements gets a model of its own, `EvidenceUse`, on
the table Django made for it, so that a use can carry its own title and description.

The model is first declared as the table already is (state only: ids, the two foreign keys and
their unique pair), then changed for real: the two fields added, the pair made a named
constraint."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0008_copied_to_recheck"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EvidenceUse",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "evidence",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="uses",
                                to="assessment.evidence",
                            ),
                        ),
                        (
                            "statement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="assessment.statement",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessment_evidence_statements",
                        "unique_together": {("evidence", "statement")},
                    },
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="statements",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="evidence",
                        through="assessment.EvidenceUse",
                        to="assessment.statement",
                        verbose_name="statements it supports",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="evidenceuse",
            name="title",
            field=models.CharField(blank=True, max_length=200, verbose_name="title here"),
        ),
        migrations.AddField(
            model_name="evidenceuse",
            name="description",
            field=models.TextField(blank=True, verbose_name="description here"),
        ),
        migrations.AlterUniqueTogether(name="evidenceuse", unique_together=set()),
        migrations.AddConstraint(
            model_name="evidenceuse",
            constraint=models.UniqueConstraint(fields=("evidence", "statement"), name="evidence_use_once"),
        ),
        migrations.AlterModelOptions(
            name="evidenceuse",
            options={"verbose_name": "use of evidence", "verbose_name_plural": "uses of evidence"},
        ),
    ]
