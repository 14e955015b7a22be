"""Full import of the official territorial referential into an empty database.

`manage.py migrate` first (not measured), then `manage.py import_territory --force` as its own
process: its wall time (interpreter and Django start-up included) and its peak resident memory.
Then the same import again on the filled database (every row unchanged): the `make run` restart path.
On PostgreSQL the server's own memory is not counted: only the importing process.
"""

from bench.registry import Context, Measurement, entry

TARGET_SECONDS = 60
TARGET_MB = 500

COUNT_SCRIPT = (
    "from maillage.territory.models import QPV, CityContract, Commune; "
    "print(QPV.objects.count(), Commune.objects.count(), CityContract.objects.count())"
)


@entry(
    "referential",
    title="Import du référentiel territorial",
    description="migrate puis import_territory --force dans une base vide ; durée et pic de mémoire de l'import",
)
def referential_import(context: Context) -> list[Measurement]:
    with context.fresh_database() as env:
        context.manage(env, "migrate", "--noinput", log_name="referential-migrate").check()
        run = context.manage(env, "import_territory", "--force", log_name="referential-import").check()
        again = context.manage(env, "import_territory", "--force", log_name="referential-reimport").check()
        counts = context.manage(env, "shell", "-c", COUNT_SCRIPT, log_name="referential-counts").check()
    qpv, communes, contracts = (int(n) for n in counts.log.read_text(encoding="utf-8").split()[-3:])
    context.notes.append(f"{qpv} QPV, {communes} communes, {contracts} contrats de ville importés")
    return [
        Measurement("durée de l'import", run.wall_seconds, "s", target=TARGET_SECONDS),
        Measurement("pic de mémoire (RSS)", run.peak_rss_mb, "Mo", target=TARGET_MB, decimals=0),
        Measurement("temps CPU de l'import", run.cpu_seconds, "s"),
        Measurement("réimport (rien de changé)", again.wall_seconds, "s", target=TARGET_SECONDS),
        Measurement("QPV importés", qpv, "", decimals=0),
    ]
