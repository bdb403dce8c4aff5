"""The database itself refuses UPDATE on audit records (append-only below the ORM too)."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_auditrecord_no_update BEFORE UPDATE ON audit_auditrecord
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_auditrecord_no_update"]
PG_UP = [
    """CREATE OR REPLACE FUNCTION audit_auditrecord_refuse_update() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_auditrecord_no_update BEFORE UPDATE ON audit_auditrecord
    FOR EACH ROW EXECUTE FUNCTION audit_auditrecord_refuse_update()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditrecord_no_update ON audit_auditrecord",
    "DROP FUNCTION IF EXISTS audit_auditrecord_refuse_update()",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(vendor, []):
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
