"""The framework loader: validates, stores idempotently, refuses edits, lands whole or not at all."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from assessment.models import FrameworkVersion
from assessment.services.frameworks import shipped_framework_files


def test_loads_every_shipped_file_once(db, capsys):
    call_command("load_frameworks")
    assert FrameworkVersion.objects.count() == len(shipped_framework_files()) == 2
    call_command("load_frameworks")
    assert FrameworkVersion.objects.count() == 2
    assert "unchanged" in capsys.readouterr().out


def test_same_version_with_different_content_is_refused(db, tmp_path):
    call_command("load_frameworks")
    source = next(p for p in shipped_framework_files() if p.name.startswith("caict"))
    edited = tmp_path / source.name
    edited.write_text(source.read_text(encoding="utf-8").replace("weight: 30\n", "weight: 30.0\n    # edited\n", 1).replace("name_zh: 政策响应率", "name_zh: 政策响应率（改）"), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_frameworks", str(edited))
    assert FrameworkVersion.objects.get(slug="caict-gov-cloud").content["indicators"][0]["name_zh"] == "政策响应率"


def test_a_broken_file_reports_file_path_and_message_and_stores_nothing(db, tmp_path, capsys):
    good = shipped_framework_files()[0]
    shutil.copy(good, tmp_path / good.name)
    broken = tmp_path / "broken-v1.yaml"
    broken.write_text("slug: broken\nversion: one\ndimensions: []\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_frameworks", str(tmp_path / good.name), str(broken))
    err = capsys.readouterr().err
    assert "broken-v1.yaml: version:" in err
    assert FrameworkVersion.objects.count() == 0


def test_missing_path_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_frameworks", "/nonexistent.yaml")


def test_a_version_in_use_cannot_be_deleted(world, caict):
    from django.db.models import ProtectedError

    from assessment.services.assessments import assessment_create

    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=caict)
    with pytest.raises(ProtectedError):
        caict.delete()
