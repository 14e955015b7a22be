"""Search structures that Django's ORM does not model, per database vendor.

SQLite: the FTS5 table `library_fts` (stemmed text, see maillage/library/search/sqlite.py) and a trigram
FTS5 index of the vocabulary kept in sync by triggers. PostgreSQL: the `unaccent` and `pg_trgm`
extensions, the `french_unaccent` text search configuration, a weighted tsvector column with a GIN
index, and a trigram index on the vocabulary.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5(
        title, subjects, description, body, tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS library_term_trigram USING fts5(
        term, content = 'library_searchterm', content_rowid = 'id', tokenize = 'trigram')""",
    """CREATE TRIGGER IF NOT EXISTS library_searchterm_ai AFTER INSERT ON library_searchterm BEGIN
        INSERT INTO library_term_trigram(rowid, term) VALUES (new.id, new.term); END""",
    """CREATE TRIGGER IF NOT EXISTS library_searchterm_ad AFTER DELETE ON library_searchterm BEGIN
        INSERT INTO library_term_trigram(library_term_trigram, rowid, term) VALUES ('delete', old.id, old.term); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS library_searchterm_ad",
    "DROP TRIGGER IF EXISTS library_searchterm_ai",
    "DROP TABLE IF EXISTS library_term_trigram",
    "DROP TABLE IF EXISTS library_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "ALTER TABLE library_searchdocument ADD COLUMN IF NOT EXISTS vector tsvector",
    "CREATE INDEX IF NOT EXISTS library_searchdocument_vector ON library_searchdocument USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS library_searchterm_trgm ON library_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS library_searchterm_trgm",
    "DROP INDEX IF EXISTS library_searchdocument_vector",
    "ALTER TABLE library_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
