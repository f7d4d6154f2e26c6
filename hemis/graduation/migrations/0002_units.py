"""The clearance units every university starts with: the library and the dormitory (the controlling roles
of chapter 3.1.14), and accounting — inactive: the regulation names only the library and the dormitory,
a university that also clears contract debts on the sheet switches it on (``web:clearance_units``)."""

from django.db import migrations

UNITS = (
    ("library", "library", 10, True, "Axborot-resurs markazi", "Информационно-ресурсный центр", "Library"),
    ("dormitory", "dormitory", 20, True, "Talabalar turar joyi", "Студенческое общежитие", "Dormitory"),
    ("accounting", "accounting", 30, False, "Buxgalteriya", "Бухгалтерия", "Accounting"),
)


def create_units(apps, schema_editor):
    unit = apps.get_model("graduation", "ClearanceUnit")
    for code, role, order, active, uz, ru, en in UNITS:
        unit.objects.get_or_create(
            code=code,
            defaults={"role": role, "order": order, "is_active": active, "name_uz": uz, "name_ru": ru, "name_en": en},
        )


def remove_units(apps, schema_editor):
    apps.get_model("graduation", "ClearanceUnit").objects.filter(
        code__in=[u[0] for u in UNITS], lines__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("graduation", "0001_initial")]

    operations = [migrations.RunPython(create_units, remove_units)]
