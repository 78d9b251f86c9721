from django.db import migrations


def sync(apps, schema_editor):
    from meedoen.plans.services import methods_builtin_sync

    methods_builtin_sync(method_model=apps.get_model("plans", "Method"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
