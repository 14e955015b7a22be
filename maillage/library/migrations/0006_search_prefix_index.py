"""SQLite: rebuild the FTS5 table with prefix indexes of 4 and 5 characters, so that a prefix query
(`conte*`, whose stem `cont*` is also searched) reads one doclist instead of merging those of every
indexed word that starts with it. The stored (stemmed) text is copied over: nothing to re-stem."""

from django.db import migrations

COLUMNS = "title, subjects, description, body"
FTS = "fts5(title, subjects, description, body, tokenize = 'unicode61 remove_diacritics 2'{})"


def rebuild(prefix):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        options = f", prefix = '{prefix}'" if prefix else ""
        for statement in (
            f"CREATE TEMP TABLE library_fts_copy AS SELECT rowid AS id, {COLUMNS} FROM library_fts",  # noqa: S608 (constants)
            "DROP TABLE library_fts",
            f"CREATE VIRTUAL TABLE library_fts USING {FTS.format(options)}",
            f"INSERT INTO library_fts (rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM library_fts_copy",  # noqa: S608 (constants)
            "DROP TABLE library_fts_copy",
        ):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0005_search_state")]

    operations = [migrations.RunPython(rebuild("4 5"), rebuild(""))]
