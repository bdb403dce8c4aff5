"""The review queue's body filter in Chromium: typing part of a name fills the suggestions
(htmx asks the queue for matching bodies), and filtering by it narrows the queue."""

import pytest

from assessment.models import Assessment, Status
from tests.browser.test_assessment_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_body_search_suggests_and_filters(page, live_server, world, caict):
    from assessment.services.assessments import assessment_create

    for official, cloud in (("official_a", "cloud_a"), ("official_b", "cloud_b")):
        assessment_create(actor=world[official], cloud=world[cloud], year=2026, framework=caict)
    Assessment.objects.update(status=Status.SUBMITTED)
    base = live_server.url
    login(page, base, world["reviewer"])
    page.goto(f"{base}/assessments/review-queue/")
    box = page.get_by_test_id("body-search")
    box.press_sequentially("甲市")
    options = page.locator("#queue-bodies option")
    options.first.wait_for(state="attached")
    assert options.count() == 1 and options.first.get_attribute("value") == "甲市数据局"
    box.fill("甲市数据局")
    with page.expect_navigation():
        box.press("Enter")  # submits the filter form
    assert "body_name=" in page.url
    assert page.get_by_role("link", name="甲市政务云").is_visible()
    assert page.get_by_role("link", name="乙市政务云").count() == 0
