"""Journey: the demo official logs in in Chinese, switches to English, logs out."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_logs_in_in_chinese_switches_to_english_and_logs_out(page, live_server, world):
    official = world["official_a"]
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", name="登录").is_visible()

    page.get_by_label("用户名").fill(official.username)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_test_id("login-submit").click()
    assert "用户名或密码错误" in page.get_by_test_id("login-error").inner_text()

    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    assert "欢迎" in page.get_by_test_id("home-title").inner_text()
    assert page.get_by_role("cell", name="甲市政务云").is_visible()
    assert page.get_by_text("乙市政务云").count() == 0

    page.get_by_test_id("language-select").select_option("en")
    page.get_by_role("button", name="切换").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Welcome" in page.get_by_test_id("home-title").inner_text()

    page.get_by_test_id("logout").click()
    assert page.get_by_role("heading", name="Log in").is_visible()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
