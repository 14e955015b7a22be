"""Seed the managed lists: themes of the national reports and causes of postponement or cancellation."""

from django.db import migrations


def seed(apps, schema_editor):
    from maillage.programme.reference import seed_reference_lists

    seed_reference_lists(apps)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
