"""POST /api/v1/procurement/guidance/: stateless guidance, field-level errors, languages."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from procurement import display
from procurement.models import ProcurementProject
from tests.procurement.conftest import base_facts

URL = "/api/v1/procurement/guidance/"


@pytest.fixture
def api(loaded_rules, world):
    client = APIClient()
    client.force_authenticate(world["official_a"])
    return client


def post(api, facts, language="en"):
    return api.post(URL, facts, format="json", HTTP_ACCEPT_LANGUAGE=language)


def verdicts(data):
    return {v["method"]: v["verdict"] for v in data["verdicts"]}


def recommended(data):
    return [r["method"] for r in data["recommended"]]


# --------------------------------------------------------------------------- one case per family


@pytest.mark.parametrize(
    ("changes", "first", "method", "verdict"),
    [
        ({}, "public_tender", "public_tender", "allowed"),
        ({"limited_supplier_pool": True}, "public_tender", "invited_tender", "allowed_with_approval"),
        ({"earlier_tender_failed": True, "responsive_bidders": 2},
         "competitive_negotiation", "competitive_negotiation", "allowed_with_approval"),
        ({"government_purchase_of_services": True},
         "public_tender", "competitive_consultation", "allowed_with_approval"),
        ({"addon": {"original_contract_amount": "30000000", "amount": "2500000",
                    "consistency_reason": "same platform"}},
         "single_source", "single_source", "allowed_with_approval"),
        ({"capable_suppliers": 1, "sole_supplier_evidence": True},
         "single_source", "single_source", "allowed_with_approval"),
        ({"category": "goods", "standard_goods": True, "amount": "1500000"},
         "public_tender", "enquiry", "allowed"),
        ({"repeat_small_orders": True}, "framework_agreement", "framework_agreement", "allowed"),
        ({"rd_need": True, "no_market_solution": True},
         "cooperative_innovation", "cooperative_innovation", "allowed"),
    ],
    ids=["public-tender", "invited-tender", "negotiation", "consultation", "single-source-addon",
         "single-source-sole-supplier", "enquiry", "framework", "cooperative-innovation"],
)
def test_each_method_family(api, changes, first, method, verdict):
    response = post(api, base_facts(**changes))
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["applicability"]["applies"] is True
    assert recommended(data)[0] == first
    assert verdicts(data)[method] == verdict
    assert len(data["verdicts"]) == 8  # every method, in or out


def test_full_result_carries_reasons_basis_timeline_models_and_rule_set(api, loaded_rules):
    data = post(api, base_facts(limited_supplier_pool=True)).json()
    row = loaded_rules[0]
    assert data["rules"] == {
        "id": row.pk, "slug": row.slug, "version": row.version, "title": row.title,
        "content_hash": row.content_hash, "effective_from": "2020-01-01", "effective_to": None,
    }
    invited = next(v for v in data["verdicts"] if v["method"] == "invited_tender")
    reason = invited["reasons"][0]
    assert reason["code"] == "MET_LIMITED_SUPPLIER_POOL"
    assert reason["text"] == "The item is special and can only be bought from a limited range of suppliers."
    assert reason["basis"][0] == {
        "law": "政府采购法", "article": "第二十九条第（一）项", "source": "LAW", "secondary": False,
        "url": reason["basis"][0]["url"], "note": None,
    }
    assert {a["approval"] for a in data["approvals"]} == {
        "competent_budget_unit_consent", "finance_department_approval"}
    assert [d["code"] for d in data["documents"]][:2] == [
        "DOC_COMPETENT_BUDGET_UNIT_CONSENT", "DOC_FINANCE_DEPARTMENT_APPROVAL"]
    timeline = next(t for t in data["timelines"] if t["method"] == "public_tender")
    assert [s["code"] for s in timeline["steps"]] == [
        "STEP_PUBLIC_TENDER_DOCUMENTS_ON_SALE", "STEP_PUBLIC_TENDER_BID_DEADLINE",
        "STEP_PUBLIC_TENDER_CLARIFICATION_CUTOFF"]
    assert timeline["steps"][1]["date"] == "2025-06-22"  # 20 calendar days after 2025-06-02
    assert data["cooperation"]["recommended"] == "direct_purchase"
    assert {o["key"] for o in data["deployment"]["options"]} == {
        "private_cloud", "dedicated_cloud", "gov_public_cloud", "hybrid_cloud"}
    assert data["facts"]["limited_supplier_pool"] is True
    assert data["facts"]["amount"] == "2500000"  # as given, not re-rounded


def test_secondary_citations_are_marked(api):
    data = post(api, base_facts(budget_level="province", province="fujian")).json()
    tender = data["thresholds"]["public_tender"]
    assert tender["amount"] == "4000000" and tender["secondary"] is True
    assert all(b["secondary"] for b in tender["basis"])
    assert "THRESHOLD_SECONDARY" in [w["code"] for w in data["warnings"]]


def test_province_given_by_chinese_name_and_fallback_warned(api):
    data = post(api, base_facts(budget_level="city", province="江苏省")).json()
    assert data["facts"]["province"] == "jiangsu"
    assert "PROVINCE_FALLBACK" in [w["code"] for w in data["warnings"]]


def test_law_not_applicable_says_why_and_recommends_nothing(api):
    data = post(api, base_facts(buyer_type="state_owned_enterprise")).json()
    assert data["applicability"]["applies"] is False
    assert data["applicability"]["reasons"][0]["code"] == "BUYER_NOT_IN_SCOPE"
    assert data["recommended"] == []
    assert data["warnings"][0]["code"] == "LAW_NOT_APPLICABLE"


def test_date_beyond_the_holiday_calendar_is_flagged(api):
    data = post(api, base_facts(date="2035-06-04")).json()
    assert "TIMELINE_BEYOND_CALENDAR" in [w["code"] for w in data["warnings"]]
    assert all(t["approximate"] for t in data["timelines"])


def test_nothing_is_stored(api):
    post(api, base_facts())
    assert ProcurementProject.objects.count() == 0


# --------------------------------------------------------------------------- impossible facts


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-1"}, "amount", "The amount cannot be negative."),
        ({"amount": "0"}, "amount", "The amount must be greater than zero."),
        ({"same_item_purchases_ytd": "-5"}, "same_item_purchases_ytd", "The amount cannot be negative."),
        ({"addon": {"amount": "2500000"}}, "addon.original_contract_amount",
         "An add-on needs the amount of the original contract."),
        ({"addon": {"original_contract_amount": "9000000", "amount": "100"}}, "addon.amount",
         "The add-on amount must equal the purchase amount (2500000 yuan)."),
        ({"date": "2019-06-01"}, "date",
         "No rule set is in force on 2019-06-01 (loaded: cn-gov-procurement v1: 2020-01-01–)."),
        ({"budget_level": "city"}, "province", "Give the province for a provincial, city or county budget."),
        ({"budget_level": "city", "province": "atlantis"}, "province", "Unknown province atlantis."),
        ({"fiscal_funds_percent": "120"}, "fiscal_funds_percent", "A percentage must be between 0 and 100."),
        ({"category": "works", "is_info_system": True}, "category",
         "A government information system is goods or services, not works."),
        ({"capable_suppliers": 3, "sole_supplier_evidence": True}, "sole_supplier_evidence",
         "Evidence of a single supplier contradicts the 3 capable suppliers given."),
        ({"capable_suppliers": -2}, "capable_suppliers", "The number cannot be negative."),
        ({"contract_term_months": 0}, "contract_term_months", "The contract term must be at least one month."),
        ({"preferences": {"security": 9}}, "preferences.security", "A weight must be a whole number from 0 to 5."),
        ({"date": "9999-12-20"}, "date", "Give a date from 1900-01-01 to 2999-12-31."),
        ({"timeline_start": "9999-12-31"}, "timeline_start", "Give a date from 1900-01-01 to 2999-12-31."),
        ({"ammount": "5"}, "ammount", "Unknown field."),
        ({"addon": {"original_contract_amount": "1", "amount": "2500000", "colour": "red"}},
         "addon.colour", "Unknown field."),
    ],
)
def test_impossible_facts_are_field_errors(api, changes, field, message):
    response = post(api, base_facts(**changes))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in error["fields"][field]


def test_missing_and_mistyped_facts_are_field_errors(api):
    response = post(api, {"date": "yesterday", "amount": "lots", "category": "spaceships"})
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"date", "amount", "category", "buyer_type", "budget_level", "fiscal_funds_percent"} <= set(fields)


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "{not json", "null"])
def test_malformed_bodies_are_400_not_500(api, body):
    response = api.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.json()


def test_requires_authentication(loaded_rules):
    assert APIClient().post(URL, base_facts(), format="json").status_code in (401, 403)


# --------------------------------------------------------------------------- language


def test_error_messages_follow_accept_language(api):
    facts = base_facts(addon={"original_contract_amount": "30000000"})  # no add-on amount
    english = post(api, facts, "en").json()["error"]["fields"]["addon.amount"]
    chinese = post(api, facts, "zh-hans").json()["error"]["fields"]["addon.amount"]
    assert english == ["This field is required."]
    assert chinese == ["这个字段是必填项。"]  # the engine's message through Django's catalogue


def test_result_messages_are_rendered_in_the_request_language(api, monkeypatch):
    seen = []

    def spy(text):
        seen.append(translation.get_language())
        return f"[{translation.get_language()}] {text}"

    monkeypatch.setattr(display, "gettext", spy)
    for language in ("en", "zh-hans"):
        response = post(api, base_facts(), language)
        assert response["Content-Language"] == language
        reason = response.json()["applicability"]["reasons"][0]
        assert reason["text"].startswith(f"[{language}] The buyer (")
    assert set(seen) == {"en", "zh-hans"}


def test_the_input_serializer_documents_every_fact_the_engine_reads():
    import dataclasses

    from procurement.api.serializers import AddOnInput, FactsInput, PreferencesInput
    from procurement.guidance.types import AddOnFacts, Facts, ModelPreferences

    for serializer, dataclass in ((FactsInput, Facts), (AddOnInput, AddOnFacts),
                                  (PreferencesInput, ModelPreferences)):
        assert set(serializer().fields) == {f.name for f in dataclasses.fields(dataclass)}


def test_junk_in_any_fact_is_a_400_never_a_500(api):
    from procurement.api.serializers import FactsInput

    junk = [-1, 0, "x", "", [], {}, None, True, 1e308, "9" * 40, "2999-12-31", ["nope"]]
    for name in FactsInput().fields:
        for value in junk:
            response = post(api, base_facts(**{name: value}))
            assert response.status_code in (200, 400), (name, value, response.status_code)
            if response.status_code == 400:
                assert response.json()["error"]["fields"], (name, value)
