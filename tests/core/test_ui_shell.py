"""The UI shell: Chinese by default, a language switch, role-aware home, login and logout."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_login_page_is_chinese_by_default_even_for_english_browsers(client, db):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录" in html


def test_wrong_login_shows_a_clear_message_and_no_session(client, world):
    response = client.post("/accounts/login/", {"username": world["official_a"].username, "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_login_form_reports_each_field(client, db):
    html = client.post("/accounts/login/", {}).content.decode()
    assert html.count("字段是必填项。") == 2


def test_language_switch_to_english_and_back(client, world):
    client.force_login(world["official_a"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html and "Log out" in html
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    assert "退出登录" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        ("official_a", ["甲市政务云"], ["乙市政务云"]),
        ("consultant", ["甲市政务云", "您的委托"], ["乙市政务云"]),
        ("reviewer", ["甲市政务云", "乙市政务云"], []),
    ],
)
def test_home_page_is_role_aware(client, world, role, sees, hidden):
    client.force_login(world[role])
    html = client.get("/").content.decode()
    for text in sees:
        assert text in html
    for text in hidden:
        assert text not in html


def test_administrators_reach_the_admin_and_others_do_not(client, world):
    client.force_login(world["admin"])
    assert client.get("/admin/orgs/governmentcloud/").status_code == 200
    client.force_login(world["reviewer"])
    assert client.get("/admin/orgs/governmentcloud/").status_code == 302


def test_logout_ends_the_server_side_session(client, world):
    assert client.login(username=world["official_a"].username, password=PASSWORD)
    session_key = client.session.session_key
    client.post("/accounts/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/").status_code == 302


def test_health_reports_database_and_worker(client, db):
    data = client.get("/health/").json()
    assert data["database"] == "ok" and "worker_last_seen" in data


def test_templates_and_styles_load_nothing_from_outside():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import\s+url\(\s*["']?https?:|fonts\.googleapis""")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (ROOT / "templates", ROOT / "static")
        for path in folder.rglob("*") if path.suffix in {".html", ".css", ".js"}
        if pattern.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert offenders == []


def test_static_files_are_served_by_the_app(client):
    response = client.get(settings.STATIC_URL + "css/app.css")
    assert response.status_code == 200
