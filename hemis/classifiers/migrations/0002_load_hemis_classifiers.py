"""Load every HEMIS classifier and its options from hemis/classifiers/data/hemis-classifiers.txt."""

from django.db import migrations


def load_classifiers(apps, schema_editor):
    from hemis.classifiers.loading import load

    load(apps.get_model("classifiers", "Classifier"), apps.get_model("classifiers", "ClassifierOption"))


def unload_classifiers(apps, schema_editor):
    apps.get_model("classifiers", "Classifier").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("classifiers", "0001_classifier_tables")]
    operations = [migrations.RunPython(load_classifiers, unload_classifiers)]
