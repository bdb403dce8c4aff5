import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.services import user_create, user_set_role
from tests.conftest import PASSWORD


def test_official_needs_a_body(db):
    with pytest.raises(ValidationError) as err:
        user_create(username="o", password=PASSWORD, role=Role.OFFICIAL)
    assert "body" in err.value.message_dict


def test_only_officials_belong_to_a_body(make_body):
    with pytest.raises(ValidationError) as err:
        user_create(username="r", password=PASSWORD, role=Role.REVIEWER, body=make_body())
    assert "body" in err.value.message_dict


def test_weak_password_is_refused_and_nothing_is_saved(make_body):
    from accounts.models import User

    with pytest.raises(ValidationError):
        user_create(username="o", password="123456", role=Role.OFFICIAL, body=make_body())
    assert not User.objects.filter(username="o").exists()


def test_only_administrators_reach_the_django_admin(make_user, make_body):
    assert make_user(Role.ADMINISTRATOR).is_staff
    assert not make_user(Role.REVIEWER).is_staff
    assert not make_user(Role.OFFICIAL, make_body()).is_staff


def test_changing_role_reapplies_the_rules(make_user, make_body):
    admin = make_user(Role.ADMINISTRATOR)
    user_set_role(user=admin, role=Role.OFFICIAL, body=make_body())
    admin.refresh_from_db()
    assert admin.role == Role.OFFICIAL and not admin.is_staff


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
