"""Demo data for `make run`: one body with a cloud and one user per role (idempotent).

Passwords are generated on the first run and kept in var/demo-logins.json (mode 0600) so a
second run prints the same logins. Demo data exists only when GOVCLOUD_DEMO is on.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import Role, User
from accounts.services import user_create
from orgs.models import GovernmentBody, GovernmentCloud
from orgs.services import body_create, cloud_create, engagement_grant
from vendors.models import Vendor, VendorKind

DEMO_USERS = (
    ("demo-official", Role.OFFICIAL, "王晓明"),
    ("demo-consultant", Role.CONSULTANT, "李咨询"),
    ("demo-reviewer", Role.REVIEWER, "张审核"),
    ("demo-admin", Role.ADMINISTRATOR, "系统管理员"),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


def logins_path() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.json"


@transaction.atomic
def demo_data_ensure() -> list[DemoLogin]:
    province = _body("江苏省人民政府办公厅（演示）", "320000", "province", None)
    body = _body("宿迁市数据局（演示）", "321300", "city", province)
    vendors = [
        Vendor.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in (("华为云", VendorKind.INFRASTRUCTURE), ("天翼云", VendorKind.TELECOM))
    ]
    if not GovernmentCloud.objects.filter(owner=body, name="宿迁市政务云（演示）").exists():
        cloud_create(
            name="宿迁市政务云（演示）", kind="comprehensive", owner=body,
            deployment_model="dedicated", cooperation_model="service_purchase",
            operating_vendors=vendors,
        )

    stored = _read_stored()
    logins: list[DemoLogin] = []
    for username, role, full_name in DEMO_USERS:
        password = stored.get(username) or _new_password()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username, password=password, role=role, full_name=full_name,
                body=body if role == Role.OFFICIAL else None,
            )
        elif username not in stored:  # the file was lost: issue a fresh password
            user.set_password(password)
            user.save(update_fields=["password"])
        logins.append(DemoLogin(username, password, role))
    consultant = User.objects.get(username="demo-consultant")
    engagement_grant(consultant=consultant, body=body, granted_by=User.objects.get(username="demo-admin"))
    _write_stored({login.username: login.password for login in logins})
    return logins


def _body(name: str, code: str, level: str, parent: GovernmentBody | None) -> GovernmentBody:
    existing = GovernmentBody.objects.filter(name=name, division_code=code).first()
    return existing or body_create(name=name, division_code=code, level=level, parent=parent)


def _new_password() -> str:
    # Random, plus one character of each class, so the complexity policy always accepts it.
    return secrets.token_urlsafe(12) + "aA1-"


def _read_stored() -> dict[str, str]:
    try:
        return json.loads(logins_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_stored(data: dict[str, str]) -> None:
    path = logins_path()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
