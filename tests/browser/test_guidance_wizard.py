"""Journey: an official answers the guidance wizard step by step, reads the result and saves it."""

import pytest

from procurement.models import ProcurementProject
from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_walks_the_wizard_to_a_result_and_saves_it(page, live_server, world):
    rule_set_files_load(paths=shipped_rule_files())
    official = world["official_a"]
    page.goto(f"{live_server.url}/accounts/login/?next=/procurement/guidance/")
    page.get_by_label("用户名").fill(official.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()

    wizard = page.get_by_test_id("wizard")
    assert wizard.get_attribute("data-step") == "basics"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator('[name="date"]').fill("2025-06-02")
    page.locator('[name="buyer_type"]').select_option("state_organ")
    page.locator('[name="budget_level"]').select_option("city")
    page.locator('[name="category"]').select_option("services")
    page.get_by_test_id("wizard-next").click()

    page.wait_for_selector('[data-testid="wizard"][data-step="purchase"]')
    # A bad amount is refused in place, with the error on its field.
    page.locator('[name="province"]').select_option("fujian")
    page.locator('[name="amount"]').fill("0")
    page.get_by_test_id("wizard-next").click()
    page.wait_for_selector('[data-testid="wizard"][data-step="purchase"] .has-error [name="amount"]')
    page.locator('[name="amount"]').fill("2500000")
    page.get_by_test_id("wizard-next").click()

    page.wait_for_selector('[data-testid="wizard"][data-step="situation"]')
    # Back keeps the answers given.
    page.get_by_test_id("wizard-back").click()
    page.wait_for_selector('[data-testid="wizard"][data-step="purchase"]')
    assert page.locator('[name="amount"]').input_value() == "2500000"
    page.get_by_test_id("wizard-next").click()
    page.wait_for_selector('[data-testid="wizard"][data-step="situation"]')
    assert page.locator('[name="addon_original_contract_amount"]').count() == 0
    page.locator('[name="limited_supplier_pool"]').check()
    page.get_by_test_id("wizard-next").click()

    page.wait_for_selector('[data-testid="wizard"][data-step="approvals"]')
    page.locator('[name="approvals_obtained"][value="competent_budget_unit_consent"]').check()
    page.get_by_test_id("wizard-next").click()

    page.wait_for_selector('[data-testid="wizard"][data-step="models"]')
    page.locator('[name="handles_sensitive_data"][value="yes"]').check()
    page.get_by_test_id("wizard-next").click()

    page.wait_for_selector('[data-testid="guidance-result"]')
    assert "/procurement/guidance/result/" in page.url
    rows = page.locator('[data-testid="verdicts"] tbody tr')
    assert rows.count() == 8
    invited = page.locator('tr[data-method="invited_tender"]')
    assert invited.get_attribute("data-verdict") == "allowed_with_approval"
    assert "第二十九条" in invited.inner_text()
    assert page.locator('[data-testid="recommended"] li').first.get_attribute("data-method") == "public_tender"
    assert page.locator("table.timeline").count() >= 1
    assert page.locator(".secondary-mark").count() >= 1  # Fujian figures are secondary

    # Printing shows the result without the page chrome.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_test_id("save-form").is_visible()
    assert page.get_by_test_id("verdicts").is_visible()
    page.emulate_media(media="screen")

    page.locator('[name="title"]').fill("政务云资源扩容")
    page.get_by_test_id("save-project").click()
    page.wait_for_selector('[data-testid="project-title"]')
    assert page.get_by_test_id("project-title").inner_text() == "政务云资源扩容"
    assert page.get_by_test_id("project-body").inner_text() == world["body_a"].name

    project = ProcurementProject.objects.get()
    assert (project.body, project.created_by) == (world["body_a"], official)
    assert project.facts["province"] == "fujian"
    assert project.facts["approvals_obtained"] == ["competent_budget_unit_consent"]
    assert project.recommended_method == "public_tender"
