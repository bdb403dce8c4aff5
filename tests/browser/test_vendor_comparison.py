"""Journey: an official picks three vendors, compares them with gates and exports to Excel."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.conftest import PASSWORD
from vendors.services import catalogue_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_compare_three_vendors_side_by_side(page, live_server, world):
    catalogue_load()
    official = world["official_a"]
    page.goto(f"{live_server.url}/accounts/login/?next=/vendors/")
    page.get_by_label("用户名").fill(official.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()

    for name in ("华为云", "天翼云", "中国电子云"):
        page.get_by_test_id(f"pick-{name}").check()
    page.get_by_test_id("compare-submit").click()
    page.wait_for_url("**/vendors/compare/**")

    table = page.get_by_test_id("compare-table")
    headers = table.locator("thead th").all_inner_texts()
    # In the catalogue's order (by name), which is the order the boxes were ticked in the list.
    assert sorted(headers[1:]) == sorted(["华为云", "天翼云", "中国电子云"])

    page.locator("#id_deadline").fill("2026-03-31")
    page.locator("#id_min_mlps_level").select_option("4")
    page.get_by_test_id("apply-gates").click()
    page.wait_for_load_state()
    # 华为云 claims 等保四级 (unverified: warn); 中国电子云 has level 3 (fail); 天翼云 none (fail).
    status = {
        name: page.get_by_test_id(f"status-{name}").get_attribute("data-status")
        for name in ("华为云", "天翼云", "中国电子云")
    }
    assert status == {"华为云": "warn", "天翼云": "fail", "中国电子云": "fail"}
    page.screenshot(path="/tmp/ve-compare.png", full_page=True)

    same_rows = page.locator('#compare-table tr[data-differs="false"]')
    differing = page.locator('#compare-table tr[data-differs="true"]')
    assert same_rows.count() > 0 and differing.count() > 0
    assert same_rows.first.is_visible()
    page.get_by_test_id("only-differences").check()
    assert not same_rows.first.is_visible()
    assert differing.first.is_visible()

    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        book = load_workbook(BytesIO(handle.read()))
    assert [c.value for c in book.worksheets[0][6]][1:4] == headers[1:]
