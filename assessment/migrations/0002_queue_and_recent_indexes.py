"""Indexes for the two orderings the busiest pages read (checked with EXPLAIN ANALYZE on the
10,000 assessments of `generate_load_data`, PostgreSQL 15):

- the review queue, oldest first, of submitted and in-review assessments: without an index the
  database joins and sorts the whole queue (~4,000 rows, 8 ms) for every page of 50; with a
  partial index in the queue's order it reads the first 50 (0.3 ms), and counts the queue and
  finds its oldest entry (home page) from the index alone;
- the home page's recent assessments (newest change first): a sort of every visible
  assessment (10,000 rows, 15 ms for a reviewer) becomes a backward index scan.
"""

from django.db import migrations, models

QUEUE = models.Index(
    fields=["status_changed_at", "id"],
    condition=models.Q(status__in=["submitted", "in_review"]),
    name="assessment_queue_age",
)
RECENT = models.Index(fields=["updated_at"], name="assessment_updated_at")


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(model_name="assessment", index=QUEUE),
        migrations.AddIndex(model_name="assessment", index=RECENT),
    ]
