"""make backup / make restore: back up, wipe the database and media, restore into the empty
database, and find everything — users, assessments, evidence files with matching hashes, the
second factor and an intact audit chain."""

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from accounts.models import User
from assessment.models import Assessment, Evidence, FrameworkVersion
from assessment.services.assessments import assessment_create
from assessment.services.evidence import evidence_add
from assessment.services.frameworks import framework_files_load, shipped_framework_files
from audit.models import AuditRecord
from audit.selectors import audit_chain_verify
from tests.conftest import PASSWORD, database_url_for_subprocess, otp_device_for

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(world):
    """A draft assessment of body A's cloud on the shipped CAICT framework."""
    framework_files_load(paths=shipped_framework_files())
    framework = FrameworkVersion.objects.filter(slug="caict-gov-cloud").order_by("-version").first()
    return assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=framework)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run(script: str, *args: str, media: Path, backups: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url_for_subprocess(),
        "GOVCLOUD_VAR_DIR": str(settings.VAR_DIR),
        "DJANGO_MEDIA_ROOT": str(media),
        "GOVCLOUD_BACKUP_DIR": str(backups),
        "PYTHON": sys.executable,
    }
    return subprocess.run(["bash", f"scripts/{script}", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def backup(media: Path, backups: Path) -> Path:
    result = run("backup.sh", media=media, backups=backups)
    assert result.returncode == 0, result.stdout + result.stderr
    archive = Path(result.stdout.strip().splitlines()[-1])
    assert archive.parent == backups and archive.name.startswith("govcloud-") and archive.exists()
    assert archive.stat().st_mode & 0o077 == 0  # password hashes and OTP secrets inside
    return archive


def wipe(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def gap(db):
    """Rows deleted before the data is made, so ids do not start at 1: a restore must keep them."""
    for i in range(3):
        User.objects.create(username=f"gone-{i}", role="consultant").delete()


@pytest.fixture
def data(world, draft, media):
    files = []
    for code, body in (("P1", PDF), ("P2", PDF + b"% second\n")):
        files.append(evidence_add(
            actor=world["official_a"], assessment_id=draft.pk, indicator_code=code,
            upload=SimpleUploadedFile(f"证明-{code}.pdf", body, content_type="application/pdf"),
            refers_to=draft.created_at.date(),
        ))
    otp_device_for(world["reviewer"])
    return {"evidence": {e.pk: (e.file.name, e.sha256) for e in files}}


def test_backup_wipe_restore_finds_everything(gap, world, draft, data, media, tmp_path):
    users = sorted(User.objects.values_list("pk", "username", "role", "password"))
    assessments = sorted(Assessment.objects.values_list("pk", "cloud__name", "year", "status"))
    audit_hashes = list(AuditRecord.objects.order_by("seq").values_list("seq", "hash"))
    assert len(audit_hashes) >= 5  # one per user created

    archive = backup(media, tmp_path / "backups")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = tar.extractfile(next(n for n in names if n.endswith("MANIFEST.sha256"))).read().decode()
    assert any(n.endswith("/db.json") for n in names) and any(n.endswith("/backup.json") for n in names)
    for name, sha in data["evidence"].values():
        assert f"{sha}  ./media/{name}" in manifest

    wipe(media)
    assert not User.objects.exists() and not Assessment.objects.exists() and not media.exists()

    result = run("restore.sh", str(archive), media=media, backups=tmp_path / "backups")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Audit log OK" in result.stdout

    assert sorted(User.objects.values_list("pk", "username", "role", "password")) == users  # ids kept
    assert User.objects.get(pk=world["official_a"].pk).check_password(PASSWORD)
    assert sorted(Assessment.objects.values_list("pk", "cloud__name", "year", "status")) == assessments
    assert Evidence.objects.count() == 2
    for pk, (name, sha) in data["evidence"].items():
        evidence = Evidence.objects.get(pk=pk)
        assert evidence.file.name == name and evidence.sha256 == sha
        assert hashlib.sha256((media / name).read_bytes()).hexdigest() == sha
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert TOTPDevice.objects.filter(user__username=world["reviewer"].username, confirmed=True).exists()
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", "hash"))[: len(audit_hashes)] == audit_hashes
    assert audit_chain_verify().ok
    # The restored database keeps working: new rows get fresh ids, the chain goes on.
    from audit.services import audit_record

    audit_record(event="export")
    assert audit_chain_verify().ok


def test_restore_refuses_a_database_with_users(world, data, media, tmp_path):
    archive = backup(media, tmp_path / "backups")
    shutil.rmtree(media)
    result = run("restore.sh", str(archive), media=media, backups=tmp_path / "backups")
    assert result.returncode != 0 and "not empty" in result.stderr
    assert not media.exists()


def test_restore_refuses_a_tampered_archive(world, data, media, tmp_path):
    archive = backup(media, tmp_path / "backups")
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read() if member.isfile() else None
            if content is not None and member.name.endswith("/db.json"):
                content = content.replace(b"official", b"administrator", 1)
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content) if content is not None else None)
    wipe(media)
    result = run("restore.sh", str(tampered), media=media, backups=tmp_path / "backups")
    assert result.returncode != 0 and "manifest" in result.stderr
    assert not User.objects.exists()
