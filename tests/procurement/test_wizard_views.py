"""The guidance wizard pages: steps, conditional questions, errors, result, saving, projects."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from procurement.models import ProcurementProject
from procurement.services.projects import procurement_project_create
from procurement.wizard.flow import dump_state
from tests.procurement.conftest import base_facts

URL = "/procurement/guidance/"
BASICS = {
    "date": "2025-06-02", "buyer_type": "state_organ", "fiscal_funds_percent": "100",
    "signatory": "buyer", "budget_level": "central", "category": "services",
}


@pytest.fixture
def official(client, loaded_rules, world):
    client.force_login(world["official_a"])
    return client


def fields(response) -> list[str]:
    return list(response.context["form"].fields)


def step_name(response) -> str:
    return response.context["step"].name


def submit(client, response, data=None, action="next", **extra):
    payload = {"state": response.context["state"], "step": step_name(response), action: "1"}
    payload.update(data or {})
    return client.post(URL, payload, **extra)


def walk(client, basics=None, purchase=None, situation=None, details=None, approvals=None,
         models=None):
    """Answer every step that is asked; return the last response (the redirect to the result)."""
    answers = {
        "basics": {**BASICS, **(basics or {})},
        "purchase": {"amount": "2500000", "payment_model": "fixed", **(purchase or {})},
        "situation": situation or {},
        "details": details or {},
        "approvals": approvals or {},
        "models": models or {},
    }
    response = client.get(URL)
    while response.status_code == 200:
        name = step_name(response)
        response = submit(client, response, answers[name])
        assert response.status_code in (200, 302), response
        if response.status_code == 200:
            assert step_name(response) != name, response.context["form"].errors
    return response


def result_of(client, **steps):
    response = walk(client, **steps)
    assert response.status_code == 302 and response.url.startswith("/procurement/guidance/result/?state=")
    return client.get(response.url)


# --------------------------------------------------------------------------- steps and questions


def test_first_step_asks_the_basics_in_chinese_by_default(official):
    response = official.get(URL)
    assert response.status_code == 200
    assert fields(response) == ["date", "buyer_type", "fiscal_funds_percent", "signatory",
                                "budget_level", "category"]
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "htmx.min.js" in html and "<script>" not in html and "onclick" not in html


def test_province_is_asked_only_below_central_level(official):
    central = submit(official, official.get(URL), BASICS)
    assert step_name(central) == "purchase" and "province" not in fields(central)
    city = submit(official, official.get(URL), {**BASICS, "budget_level": "city"})
    assert "province" in fields(city)
    choices = dict(city.context["form"].fields["province"].choices)
    assert choices["fujian"] == "福建省" and "central" not in choices


def test_questions_follow_the_category(official):
    works = submit(official, official.get(URL), {**BASICS, "category": "works"})
    assert "works_must_be_tendered" in fields(works)
    assert not {"is_info_system", "contract_term_months", "government_purchase_of_services"} & set(fields(works))
    services = submit(official, official.get(URL), BASICS)
    assert {"is_info_system", "government_purchase_of_services"} <= set(fields(services))
    assert "works_must_be_tendered" not in fields(services)
    goods = walk_to(official, "situation", basics={"category": "goods"})
    assert "standard_goods" in fields(goods) and "users_choose_supplier" not in fields(goods)


def walk_to(client, target, **steps):
    answers = {"basics": {**BASICS, **steps.get("basics", {})},
               "purchase": {"amount": "2500000", "payment_model": "fixed", **steps.get("purchase", {})},
               "situation": steps.get("situation", {}), "details": steps.get("details", {}),
               "approvals": {}, "models": {}}
    response = client.get(URL)
    while step_name(response) != target:
        response = submit(client, response, answers[step_name(response)])
        assert response.status_code == 200
    return response


def test_details_are_asked_only_for_what_was_said(official):
    approvals = walk_to(official, "approvals")  # nothing special: no details step at all
    assert "approvals_obtained" not in fields(approvals)  # plain public tender: no approval
    addon = walk_to(official, "details", situation={"is_addon": "on"})
    assert fields(addon) == ["addon_original_contract_amount", "addon_already_added",
                             "addon_consistency_reason"]
    failed = walk_to(official, "details", situation={"earlier_tender_failed": "on"})
    assert fields(failed) == ["responsive_bidders"]
    urgent = walk_to(official, "details", situation={"urgent": "on", "capable_suppliers": "1"})
    assert fields(urgent) == ["urgency_caused_by_buyer", "urgency_unforeseeable",
                              "sole_supplier_evidence"]
    long_services = walk_to(official, "details", purchase={
        "government_purchase_of_services": "on", "contract_term_months": "36"})
    assert fields(long_services) == ["multi_year_budget_assured"]


def test_approvals_are_asked_when_a_usable_method_needs_them(official):
    response = walk_to(official, "approvals", situation={"limited_supplier_pool": "on"})
    choices = dict(response.context["form"].fields["approvals_obtained"].choices)
    assert set(choices) == {"competent_budget_unit_consent", "finance_department_approval"}


def test_method_questions_are_skipped_when_the_law_does_not_apply(official):
    basics = submit(official, official.get(URL), {**BASICS, "buyer_type": "state_owned_enterprise"})
    models = submit(official, basics, {"amount": "2500000", "payment_model": "fixed"})
    assert step_name(models) == "models"
    assert models.context["number"] == 3 and models.context["total"] == 3


def test_back_keeps_the_answers(official):
    purchase = submit(official, official.get(URL), {**BASICS, "category": "goods"})
    basics = submit(official, purchase, {}, action="back")
    assert step_name(basics) == "basics"
    assert basics.context["form"].initial["category"] == "goods"


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        ("basics", {"date": "2019-06-01"}, "date", "No rule set is in force on 2019-06-01"),
        ("basics", {"date": "not a date"}, "date", "Enter a valid date."),
        ("basics", {"date": "9999-12-20"}, "date", "Ensure this value is less than or equal to 2999-12-31."),
        ("basics", {"fiscal_funds_percent": "150"}, "fiscal_funds_percent",
         "Ensure this value is less than or equal to 100."),
        ("basics", {"budget_level": ""}, "budget_level", "This field is required."),
        ("purchase", {"amount": "-5"}, "amount", "Ensure this value is greater than or equal to 0."),
        ("purchase", {"amount": "0"}, "amount", "The amount must be greater than zero."),
        ("purchase", {"amount": "1.234"}, "amount",
         "Ensure that there are no more than 2 decimal places."),
    ],
)
def test_bad_input_in_a_step_is_a_field_error(official, step, data, field, message):
    official.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages follow the cookie only
    response = official.get(URL)
    if step == "purchase":
        response = submit(official, response, BASICS)
        data = {"amount": "2500000", "payment_model": "fixed", **data}
    else:
        data = {**BASICS, **data}
    response = submit(official, response, data)
    assert response.status_code == 200
    assert step_name(response) == step
    assert field in response.context["form"].errors
    assert message in response.content.decode()  # rendered in the reader's language (English)
    assert ProcurementProject.objects.count() == 0


def test_addon_without_original_amount_is_refused(official):
    details = walk_to(official, "details", situation={"is_addon": "on"})
    response = submit(official, details, {"addon_original_contract_amount": ""})
    assert step_name(response) == "details"
    assert response.context["form"].errors["addon_original_contract_amount"]


def test_tampered_state_starts_again(official):
    response = official.post(URL, {"state": "forged", "step": "purchase", "next": "1"})
    assert response.status_code == 302 and response.url == URL
    assert official.get(f"{URL}result/?state=forged").status_code == 302


def test_impossible_answers_in_a_result_link_go_back_to_their_step(official):
    state = dump_state({**BASICS, "amount": "0"})
    response = official.get(f"{URL}result/?state={state}")
    assert response.status_code == 200
    assert step_name(response) == "purchase"
    assert response.context["form"].errors["amount"]


# --------------------------------------------------------------------------- result, save, projects


def test_result_shows_every_method_with_reasons_citations_and_timeline(official):
    response = result_of(official, situation={"limited_supplier_pool": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r'<tr data-method="[a-z_]+" data-verdict=', html)) == 8
    assert 'data-method="invited_tender" data-verdict="allowed_with_approval"' in html
    assert "第二十九条第（一）项" in html  # citation: law and article
    assert "procurement/print.css" in html and 'media="print"' in html
    assert response.context["result"]["recommended"][0]["method"] == "public_tender"
    assert response.context["save_form"] is not None
    assert "STEP_PUBLIC_TENDER_BID_DEADLINE" in str(response.context["result"]["timelines"])


def test_secondary_basis_is_marked_on_the_page(official):
    response = result_of(official, basics={"budget_level": "province"},
                         purchase={"province": "fujian"})
    assert "secondary-mark" in response.content.decode()


def test_dates_beyond_the_calendar_are_flagged(official):
    response = result_of(official, basics={"date": "2035-06-04"})
    assert 'class="approximate"' in response.content.decode()


def test_stale_answers_do_not_reach_the_engine(official):
    addon = walk_to(official, "details", situation={"is_addon": "on"})
    situation = submit(official, addon, {}, action="back")
    assert step_name(situation) == "situation"
    # Untick "add-on": its details are no longer asked nor used.
    approvals = submit(official, situation, {})
    assert step_name(approvals) == "approvals"
    final = submit(official, submit(official, approvals, {}), {})
    result = official.get(final.url)
    assert result.context["result"]["recommended"][0]["method"] == "public_tender"


def test_save_creates_a_project_and_shows_it(official, world):
    result = result_of(official)
    response = official.post("/procurement/projects/new/", {
        "state": result.context["state"], "title": "云资源扩容", "body": world["body_a"].pk})
    project = ProcurementProject.objects.get()
    assert response.status_code == 302 and response.url == f"/procurement/projects/{project.pk}/"
    assert (project.title, project.body, project.created_by) == ("云资源扩容", world["body_a"], world["official_a"])
    detail = official.get(response.url)
    assert detail.status_code == 200 and "云资源扩容" in detail.content.decode()
    assert len(detail.context["result"]["verdicts"]) == 8


def test_save_with_bad_input_saves_nothing(official, world):
    result = result_of(official)
    response = official.post("/procurement/projects/new/", {
        "state": result.context["state"], "title": "", "body": world["body_b"].pk})
    assert response.status_code == 200
    errors = response.context["save_form"].errors
    assert set(errors) == {"title", "body"}  # body B is not a choice for official A
    assert ProcurementProject.objects.count() == 0


def test_reviewer_sees_no_save_form_and_cannot_save(client, loaded_rules, world):
    client.force_login(world["reviewer"])
    result = result_of(client)
    assert result.context["save_form"] is None
    response = client.post("/procurement/projects/new/", {
        "state": result.context["state"], "title": "x", "body": world["body_a"].pk})
    assert response.status_code == 403
    assert ProcurementProject.objects.count() == 0


def test_htmx_final_step_redirects_the_whole_page(official):
    response = official.get(URL)
    answers = {"basics": BASICS, "purchase": {"amount": "2500000", "payment_model": "fixed"}}
    while True:
        name = step_name(response)
        if name == "models":
            final = submit(official, response, {}, HTTP_HX_REQUEST="true")
            break
        response = submit(official, response, answers.get(name, {}), HTTP_HX_REQUEST="true")
    assert final.status_code == 204
    assert final["HX-Redirect"].startswith("/procurement/guidance/result/?state=")


def test_pages_need_login(client, loaded_rules):
    for url in (URL, "/procurement/projects/", "/procurement/projects/1/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_projects_are_listed_and_shown_through_the_access_rule(client, loaded_rules, world):
    mine = procurement_project_create(user=world["official_a"], body=world["body_a"],
                                      title="甲项目", facts=base_facts())
    theirs = procurement_project_create(user=world["official_b"], body=world["body_b"],
                                        title="乙项目", facts=base_facts())
    client.force_login(world["official_a"])
    listing = client.get("/procurement/projects/").content.decode()
    assert "甲项目" in listing and "乙项目" not in listing
    assert client.get(f"/procurement/projects/{mine.pk}/").status_code == 200
    assert client.get(f"/procurement/projects/{theirs.pk}/").status_code == 404
    client.force_login(world["admin"])
    filtered = client.get("/procurement/projects/", {"body": world["body_b"].pk}).content.decode()
    assert "乙项目" in filtered and "甲项目" not in filtered


def test_project_list_runs_a_constant_number_of_queries(client, loaded_rules, world, make_user):
    client.force_login(world["admin"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/procurement/projects/").status_code == 200
        return len(ctx.captured_queries)

    procurement_project_create(user=world["official_a"], body=world["body_a"], title="0",
                               facts=base_facts())
    few = count()
    for i in range(5):
        author = make_user(Role.OFFICIAL, world["body_b"])
        procurement_project_create(user=author, body=world["body_b"], title=f"p{i}", facts=base_facts())
    assert count() == few


def test_junk_in_any_wizard_field_is_an_error_never_a_500(official):
    situation = walk_to(official, "situation", situation={})
    pages = [official.get(URL), submit(official, official.get(URL), BASICS), situation]
    for page in pages:
        for name in fields(page):
            for value in ("-1", "x" * 600, "9" * 40, "maybe", "2999-13-40", ""):
                response = submit(official, page, {name: value})
                assert response.status_code in (200, 302), (name, value)
    assert official.post(URL, {"step": "nowhere", "next": "1"}).status_code == 200
    assert official.post(URL, {}).status_code == 200
    assert ProcurementProject.objects.count() == 0
