"""PostgreSQL: the word pairs of each document one or two positions apart (`pairs`, text[] of
"lexeme lexeme" and "lexeme  lexeme": one space per position between them), read from the positions of
`vector` itself, so always what `french_unaccent` produced, with a GIN index. A phrase query first keeps
the documents holding every such pair of the phrase, from that index, and only those are checked
against their positions: GIN does not know positions, and without this every document holding all the
phrase's words was read from TOAST and decompressed (see maillage/library/search/postgres.py). Nothing
on SQLite (FTS5 indexes positions)."""

from django.db import migrations

# As in maillage/library/search/postgres.py (PAIRS), frozen here.
PAIRS = """ARRAY(SELECT DISTINCT a.lexeme || repeat(' ', g.gap) || b.lexeme
    FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(d.vector)) a
    CROSS JOIN (VALUES (1), (2)) g(gap)
    JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(d.vector)) b ON b.p = a.p + g.gap)"""
POSTGRES = [
    "ALTER TABLE library_searchdocument ADD COLUMN IF NOT EXISTS pairs text[]",
    f"UPDATE library_searchdocument d SET pairs = {PAIRS}",
    "CREATE INDEX IF NOT EXISTS library_searchdocument_pairs ON library_searchdocument USING gin (pairs)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS library_searchdocument_pairs",
    "ALTER TABLE library_searchdocument DROP COLUMN IF EXISTS pairs",
]


def postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0006_search_prefix_index")]

    operations = [migrations.RunPython(postgres(POSTGRES), postgres(POSTGRES_REVERSE))]
