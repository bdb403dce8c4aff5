"""Vendor pages: catalogue, details, comparison with highlighted differences, Excel export."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.vendors.conftest import certificate
from vendors.models import Vendor


@pytest.fixture
def browser_client(client, world):
    client.force_login(world["official_a"])
    return client


def three(catalogue=None):
    return [Vendor.objects.get(name=n) for n in ("华为云", "天翼云", "中国电子云")]


def query(vendors, extra=""):
    return "&".join(f"ids={v.pk}" for v in vendors) + extra


def test_pages_need_login(client, db):
    assert client.get("/vendors/").status_code == 302
    assert client.get("/vendors/compare/?ids=1,2").status_code == 302


def test_list_page_lists_vendors_and_filters(browser_client, catalogue):
    html = browser_client.get("/vendors/").content.decode()
    assert "华为云" in html and "腾讯云" in html and 'name="ids"' in html
    html = browser_client.get("/vendors/?kind=telecom").content.decode()
    assert "天翼云" in html and "华为云" not in html


def test_list_page_runs_a_constant_number_of_queries(browser_client, make_vendor):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert browser_client.get("/vendors/").status_code == 200
        return len(ctx)

    make_vendor(credentials=[certificate("iso27001", date(2027, 1, 1))])
    small = count()
    for _ in range(5):
        make_vendor(credentials=[certificate("iso27001", date(2027, 1, 1))])
    assert count() == small


def test_detail_page_shows_facts_with_sources(browser_client, catalogue):
    vendor = Vendor.objects.get(name="华为云")
    html = browser_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "25.8 %" in html and "003_7e6e330a588dd8e5.txt" in html
    assert browser_client.get("/vendors/999999/").status_code == 404


def test_compare_page_highlights_differences_and_applies_gates(browser_client, catalogue):
    response = browser_client.get(
        "/vendors/compare/?" + query(three(), "&deadline=2026-03-31&min_mlps_level=4&cac_required=on")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-differs="true"') >= 3
    assert 'class="differs"' in html
    comparison = response.context["comparison"]
    assert [c.status for c in comparison.columns] == ["fail", "fail", "fail"]  # nobody shows CAC
    assert "export.xlsx?" in html


def test_compare_page_with_bad_input_shows_field_errors(browser_client, catalogue):
    response = browser_client.get("/vendors/compare/?ids=abc&min_mlps_level=7&deadline=nope")
    assert response.status_code == 400
    form = response.context["form"]
    assert {"ids", "min_mlps_level", "deadline"} <= set(form.errors)
    response = browser_client.get("/vendors/compare/?ids=999998,999999")
    assert response.status_code == 400 and "ids" in response.context["form"].errors


def test_excel_export_opens_with_openpyxl(browser_client, catalogue, make_vendor):
    sneaky = make_vendor("=HYPERLINK(\"x\")")
    vendors = [*three(), sneaky]
    response = browser_client.get(
        "/vendors/compare/export.xlsx?" + query(vendors, "&deadline=2026-03-31&min_mlps_level=3")
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[6]]
    assert header[1:5] == ["华为云", "天翼云", "中国电子云", '=HYPERLINK("x")']
    assert sheet.cell(row=6, column=5).data_type == "s"  # text, never a formula
    labels = [row[0].value for row in sheet.iter_rows(min_row=7)]
    assert len(labels) > 5
    gates = book.worksheets[1]
    assert gates.max_row == 1 + len(vendors)  # one MLPS gate per vendor


def test_excel_export_with_bad_input_is_a_400_page(browser_client, catalogue):
    response = browser_client.get("/vendors/compare/export.xlsx?ids=1")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
