"""Journey: official fills and submits, reviewer returns with a comment, official fixes and
resubmits, reviewer approves — in Chromium, through the real pages."""

import pytest

from accounts.otp import otp_required
from assessment.models import Assessment, Status
from assessment.services.responses import responses_save
from tests.assessment.conftest import CAICT_PAYLOAD
from tests.conftest import PASSWORD, otp_code, otp_device_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    device = otp_device_for(user) if otp_required(user) else None
    page.get_by_test_id("login-submit").click()
    if device is not None:  # reviewers: the second factor, with a code from their authenticator
        page.wait_for_url(f"{base}/accounts/otp/verify/**")
        page.locator("#id_token").fill(otp_code(device))
        page.get_by_test_id("otp-submit").click()
    page.wait_for_url(f"{base}/")


def logout(page):
    page.get_by_test_id("logout").click()


def test_fill_submit_return_fix_resubmit_approve(page, live_server, world, assessment_a):
    base = live_server.url
    rest = {k: v for k, v in CAICT_PAYLOAD.items() if not k.startswith("P")}
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=rest, lock_version=0)

    # The official fills the policy dimension in the browser; the live preview follows.
    login(page, base, world["official_a"])
    page.goto(f"{base}/assessments/{assessment_a.pk}/fill/policy/")
    page.get_by_test_id("input-P1__numerator").fill("12")
    page.get_by_test_id("input-P1__denominator").fill("20")
    page.get_by_label("政务云总体规划").check()
    page.get_by_label("系统迁移上云计划").check()
    page.get_by_test_id("input-P3__value").fill("90")
    page.get_by_test_id("na-P4").check()
    page.locator("#id_P4__reason").fill("本期未认定闲置系统")
    page.wait_for_function("document.querySelector('[data-testid=preview-total]').textContent.trim() !== '—'")
    page.get_by_test_id("save").click()
    assert page.get_by_text("已保存").is_visible()
    page.goto(f"{base}/assessments/{assessment_a.pk}/")
    page.get_by_test_id("action-submit").click()
    assert page.get_by_text("已提交审核").is_visible()
    logout(page)

    # The reviewer starts the review and returns it with a comment.
    login(page, base, world["reviewer"])
    page.goto(f"{base}/assessments/review-queue/")
    page.get_by_role("link", name="甲市政务云").click()
    page.get_by_test_id("action-start_review").click()
    page.locator("#comment-return").fill("P1 分子请附上级政策清单并核对")
    page.get_by_test_id("action-return").click()
    assert Assessment.objects.get(pk=assessment_a.pk).status == Status.RETURNED
    logout(page)

    # The official reads the comment, fixes P1 and resubmits.
    login(page, base, world["official_a"])
    page.goto(f"{base}/assessments/{assessment_a.pk}/")
    assert "P1 分子请附上级政策清单并核对" in page.get_by_test_id("comment").first.inner_text()
    page.goto(f"{base}/assessments/{assessment_a.pk}/fill/policy/")
    page.get_by_test_id("input-P1__numerator").fill("18")
    page.get_by_test_id("save").click()
    page.goto(f"{base}/assessments/{assessment_a.pk}/")
    page.get_by_test_id("action-submit").click()
    logout(page)

    # The reviewer approves; the assessment is sealed.
    login(page, base, world["reviewer"])
    page.goto(f"{base}/assessments/{assessment_a.pk}/")
    page.get_by_test_id("action-start_review").click()
    page.get_by_test_id("action-approve").click()
    assert page.get_by_text("已批准并封存").is_visible()
    a = Assessment.objects.get(pk=assessment_a.pk)
    assert a.status == Status.APPROVED and a.sealed_records.count() == 1
    assert a.responses.get(indicator_code="P1").payload == {"numerator": "18", "denominator": "20"}
