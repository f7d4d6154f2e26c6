from django.db import migrations


def load_roles(apps, schema_editor):
    from hemis.access.roles import ROLE_SPECS

    Role = apps.get_model("access", "Role")
    for order, spec in enumerate(ROLE_SPECS, start=1):
        Role.objects.update_or_create(
            code=spec.code,
            defaults={"scope": spec.scope, "family": spec.family, "name_uz": spec.name_uz,
                      "name_ru": spec.name_ru, "name_en": spec.name_en, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("access", "0002_grant_links")]
    operations = [migrations.RunPython(load_roles, migrations.RunPython.noop)]
