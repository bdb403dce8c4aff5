import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from orgs.models import GovernmentCloud


def test_seed_demo_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seed_demo_is_idempotent_and_keeps_passwords(db, settings, tmp_path):
    settings.DEMO_MODE = True
    settings.VAR_DIR = tmp_path
    from core.demo import demo_data_ensure

    first = demo_data_ensure()
    second = demo_data_ensure()
    assert first == second
    assert {login.role for login in first} == {"official", "consultant", "reviewer", "administrator"}
    assert User.objects.filter(username__startswith="demo-").count() == 4
    assert GovernmentCloud.objects.count() == 1
    official = User.objects.get(username="demo-official")
    assert official.check_password(next(x.password for x in first if x.username == "demo-official"))
    assert (tmp_path / "demo-logins.json").stat().st_mode & 0o077 == 0
