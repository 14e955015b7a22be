"""The bilan on a synthetic large year: 2,000 sessions, 20,000 persons, 100,000 attendance records.

`manage.py migrate` into a throwaway database, then `manage.py bench_bilan --build` (bulk_create of the
year, then compute() and the full PDF timed inside the process), then `bench_bilan` again on the filled
database (a warm run, as on the staff page). Targets: compute() < 1 s, full PDF < 10 s.
"""

import json

from bench.registry import Context, Measurement, entry


def _result(run) -> dict:
    line = [x for x in run.log.read_text(encoding="utf-8").splitlines() if x.startswith("BENCH ")][-1]
    return json.loads(line[len("BENCH ") :])


@entry(
    "bilan",
    title="Bilan d’une grosse année synthétique",
    description="2 000 séances, 20 000 personnes, 100 000 présences ; compute() et le PDF complet",
)
def bilan(context: Context) -> list[Measurement]:
    with context.fresh_database() as env:
        context.manage(env, "migrate", "--noinput", log_name="bilan-migrate").check()
        first = _result(context.manage(env, "bench_bilan", "--build", log_name="bilan-build").check())
        warm = _result(context.manage(env, "bench_bilan", log_name="bilan-warm").check())
    context.notes.append(
        f"{first['built']['sessions']} séances, {first['built']['persons']} personnes, "
        f"{first['built']['attendances']} présences créées en {first['build_seconds']:.1f} s"
    )
    return [
        Measurement("compute() (tous les indicateurs)", warm["compute_seconds"], "s", target=1, decimals=2),
        Measurement("PDF complet", warm["pdf_seconds"], "s", target=10),
        Measurement("compute() juste après création", first["compute_seconds"], "s", decimals=2),
        Measurement("participations comptées", warm["participations"], "", decimals=0),
    ]
