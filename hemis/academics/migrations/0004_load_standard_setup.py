"""The standard academic set-up every HEMIS university starts from (annex 4, items 1 and 3).

Marking systems (HEMIS ``h_marking_system``) with their grade bands:
- 11 rating (100-point): 86–100 → 5 "aʼlo", 71–85 → 4 "yaxshi", 55–70 → 3 "qoniqarli",
  0–54 → 2 "qoniqarsiz"; pass border 55.
- 12 five-point: 5, 4, 3, and 0–2 → 2; pass border 3.
- 13 credit: the ECTS-style letter table on a 100-point scale with 4.0 grade points —
  A 90–100 4.0, B 80–89 3.5, C 70–79 3.0, D 65–69 2.5, E 60–64 2.0, F 0–59 0.0; pass border 60.
  Universities whose council adopted another table edit the bands on the marking-system page.
Control types: HEMIS ``h_exam_type`` 10–18. Statement types: HEMIS ``h_final_exam_type`` 11–13.

These rows are created at migration time; annex 4 item 1 counts them as entered then.
"""

from decimal import Decimal

from django.db import migrations

GRADES = {
    "5": ("aʼlo", "отлично", "excellent"),
    "4": ("yaxshi", "хорошо", "good"),
    "3": ("qoniqarli", "удовлетворительно", "satisfactory"),
    "2": ("qoniqarsiz", "неудовлетворительно", "unsatisfactory"),
}

SYSTEMS = [
    (
        "11",
        ("Reyting tizimi (100 ballik)", "Рейтинговая система (100-балльная)", "Rating system (100-point)"),
        55,
        100,
        [("5", 86, 100, None), ("4", 71, 85, None), ("3", 55, 70, None), ("2", 0, 54, None)],
    ),
    (
        "12",
        ("Besh ballik tizim", "Пятибалльная система", "Five-point system"),
        3,
        5,
        [("5", 5, 5, None), ("4", 4, 4, None), ("3", 3, 3, None), ("2", 0, 2, None)],
    ),
    (
        "13",
        ("Kredit tizimi", "Кредитная система", "Credit system"),
        60,
        100,
        [
            ("A", 90, 100, "4.0", "5"),
            ("B", 80, 89, "3.5", "4"),
            ("C", 70, 79, "3.0", "4"),
            ("D", 65, 69, "2.5", "3"),
            ("E", 60, 64, "2.0", "3"),
            ("F", 0, 59, "0.0", "2"),
        ],
    ),
]

CONTROL_TYPES = [
    ("10", "JN+ON", "ТК+ПК", "Current and midterm (JN+ON)"),
    ("11", "Joriy nazorat", "Текущий контроль", "Current control"),
    ("12", "Oraliq nazorat", "Промежуточный контроль", "Midterm control"),
    ("13", "Yakuniy nazorat", "Итоговый контроль", "Final control"),
    ("14", "Umumiy", "Общий", "Overall"),
    ("15", "1-joriy nazorat", "1-й текущий контроль", "1st current control"),
    ("16", "2-joriy nazorat", "2-й текущий контроль", "2nd current control"),
    ("17", "1-oraliq nazorat", "1-й промежуточный контроль", "1st midterm control"),
    ("18", "2-oraliq nazorat", "2-й промежуточный контроль", "2nd midterm control"),
]

STATEMENT_TYPES = [
    ("11", "1-qaydnoma", "1-я ведомость", "1st statement"),
    ("12", "2-qaydnoma", "2-я ведомость", "2nd statement"),
    ("13", "3-qaydnoma", "3-я ведомость", "3rd statement"),
]


def _band(system, row):
    grade, low, high, point = row[:4]
    names = GRADES[row[4] if len(row) > 4 else grade]
    return {
        "marking_system": system,
        "grade": grade,
        "min_value": low,
        "max_value": high,
        "grade_point": Decimal(point) if point else None,
        "name_uz": names[0],
        "name_ru": names[1],
        "name_en": names[2],
    }


def load(apps, schema_editor):
    MarkingSystem = apps.get_model("academics", "MarkingSystem")
    GradeBand = apps.get_model("academics", "GradeBand")
    ControlType = apps.get_model("academics", "ControlType")
    StatementType = apps.get_model("academics", "StatementType")
    for code, names, pass_border, max_value, bands in SYSTEMS:
        system, created = MarkingSystem.objects.get_or_create(
            code=code,
            defaults={
                "name_uz": names[0],
                "name_ru": names[1],
                "name_en": names[2],
                "pass_border": pass_border,
                "max_value": max_value,
            },
        )
        if created:
            GradeBand.objects.bulk_create(GradeBand(**_band(system, row)) for row in bands)
    for model, rows in ((ControlType, CONTROL_TYPES), (StatementType, STATEMENT_TYPES)):
        for code, uz, ru, en in rows:
            model.objects.get_or_create(code=code, defaults={"name_uz": uz, "name_ru": ru, "name_en": en})


def unload(apps, schema_editor):
    apps.get_model("academics", "MarkingSystem").objects.filter(code__in=[s[0] for s in SYSTEMS]).delete()
    apps.get_model("academics", "ControlType").objects.filter(code__in=[c[0] for c in CONTROL_TYPES]).delete()
    apps.get_model("academics", "StatementType").objects.filter(
        code__in=[c[0] for c in STATEMENT_TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("academics", "0003_academic_setup")]

    operations = [migrations.RunPython(load, unload)]
