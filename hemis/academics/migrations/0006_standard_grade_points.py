"""The GPA needs a grade point in every band: the rating (11) and five-point (12) systems' bands "5",
"4", "3" and "2" count as 5.0, 4.0, 3.0 and 2.0 (the credit system's letters have theirs since 0004).
Only bands still without a point are filled; a university's own edits are kept."""

from decimal import Decimal

from django.db import migrations


def fill(apps, schema_editor):
    GradeBand = apps.get_model("academics", "GradeBand")
    for grade in ("5", "4", "3", "2"):
        GradeBand.objects.filter(
            marking_system__code__in=("11", "12"), grade=grade, grade_point__isnull=True
        ).update(grade_point=Decimal(grade))


class Migration(migrations.Migration):
    dependencies = [("academics", "0005_programme_details_and_subject_catalogue")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
