"""Evaluation pages: create with the legal weight checked, bids, panel, scoring, result, close."""

from decimal import Decimal

import pytest

from evaluations import services
from evaluations.models import Evaluation, MemberScore


def login(client, user):
    client.force_login(user)  # a completed login (second factor included where one is required)
    return client


def form_data(project, price="30"):
    data = {
        "project": project.pk, "title": "页面评标", "procurement_method": "competitive_consultation",
        "category": "services", "sme_deduction_percent": "0", "rounding_places": "2",
        "rounding_mode": "ROUND_HALF_UP",
        "criteria-TOTAL_FORMS": "3", "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1", "criteria-MAX_NUM_FORMS": "50",
    }
    rows = [("price", "价格", "price", price), ("tech", "技术", "technical", "50"),
            ("service", "服务", "commercial", str(50 - Decimal(price)))]
    for index, (code, name, kind, points) in enumerate(rows):
        data.update({f"criteria-{index}-code": code, f"criteria-{index}-name": name,
                     f"criteria-{index}-kind": kind, f"criteria-{index}-max_points": points})
    return data


def test_create_page_refuses_a_weight_outside_the_legal_range(client, world, project_a):
    login(client, world["official_a"])
    assert client.get("/evaluations/new/").status_code == 200
    response = client.post("/evaluations/new/", form_data(project_a, price="35"))
    assert response.status_code == 400
    formset = response.context["formset"]
    assert formset.forms[0].errors["max_points"]
    assert not Evaluation.objects.exists()
    response = client.post("/evaluations/new/", form_data(project_a, price="30"))
    assert response.status_code == 302
    assert Evaluation.objects.get().procurement_method == "competitive_consultation"


def test_create_page_lists_only_visible_projects(client, world, project_a, make_project):
    other = make_project(world["official_b"], world["body_b"], title="乙市项目")
    login(client, world["official_a"])
    response = client.post("/evaluations/new/", form_data(other))
    assert response.status_code == 400 and "project" in response.context["form"].errors
    assert "乙市项目" not in client.get("/evaluations/new/").content.decode()


def test_detail_bids_panel_and_close_through_pages(client, world, scored):
    evaluation = scored["evaluation"]
    login(client, world["official_a"])
    page = client.get(f"/evaluations/{evaluation.pk}/")
    assert page.status_code == 200 and "乙公司" in page.content.decode()
    response = client.post(f"/evaluations/{evaluation.pk}/bids/", {"bid-bidder_name": "丁", "bid-price": "-1"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not evaluation.bids.filter(bidder_name="丁").exists()
    response = client.post(f"/evaluations/{evaluation.pk}/close/")
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.is_closed
    html = client.get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert evaluation.seal.sha256 in html and "data-testid=\"bid-add\"" not in html


def test_member_scoring_page(client, world, scored):
    evaluation = scored["evaluation"]
    member = scored["panel"][0]
    login(client, member)
    page = client.get(f"/evaluations/{evaluation.pk}/score/")
    assert page.status_code == 200
    bid = scored["bids"]["甲公司"]
    field = f"s-{bid.pk}-tech"
    assert page.context["form"][field].initial == Decimal("40.00")
    data = {name: page.context["form"][name].initial for name in page.context["form"].fields}
    data[field] = "60"  # above the maximum of 50
    response = client.post(f"/evaluations/{evaluation.pk}/score/", data)
    assert response.status_code == 400 and response.context["form"].errors[field]
    data[field] = "42.5"
    assert client.post(f"/evaluations/{evaluation.pk}/score/", data).status_code == 302
    assert MemberScore.objects.get(bid=bid, member=member, criterion__code="tech").points == Decimal("42.5")
    # While open a member sees no result; an editor off the panel does.
    assert client.get(f"/evaluations/{evaluation.pk}/result/").status_code == 403


def test_result_page_shows_the_derivation(client, world, scored):
    login(client, world["reviewer"])
    response = client.get(f"/evaluations/{scored['evaluation'].pk}/result/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1000000.00 ÷ 1200000.00 × 30.00" in html and "89.00" in html
    assert 'data-testid="sensitivity"' in html


def test_non_members_cannot_open_the_scoring_page_and_others_get_404(client, world, scored):
    login(client, world["official_a"])
    assert client.get(f"/evaluations/{scored['evaluation'].pk}/score/").status_code == 403
    client.logout()
    login(client, world["official_b"])
    for tail in ("", "score/", "result/"):
        assert client.get(f"/evaluations/{scored['evaluation'].pk}/{tail}").status_code == 404
    assert "政务云服务评标" not in client.get("/evaluations/").content.decode()


@pytest.mark.parametrize("tail", ["bids/", "close/", "panel/"])
def test_reviewers_cannot_post_changes(client, world, scored, tail):
    login(client, world["reviewer"])
    assert client.post(f"/evaluations/{scored['evaluation'].pk}/{tail}", {}).status_code == 403
    assert not scored["evaluation"].__class__.objects.get(pk=scored["evaluation"].pk).is_closed


def test_closing_an_incomplete_evaluation_shows_the_reason(client, world, project_a, make_evaluation):
    evaluation = make_evaluation(world["official_a"], project_a)
    services.bid_create(user=world["official_a"], evaluation=evaluation, bidder_name="甲", price=Decimal(1))
    login(client, world["official_a"])
    response = client.post(f"/evaluations/{evaluation.pk}/close/", follow=True)
    assert len(list(response.context["messages"])) >= 1
    evaluation.refresh_from_db()
    assert not evaluation.is_closed


def test_list_page_runs_a_constant_number_of_queries(client, world, make_project, make_evaluation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    official = world["official_a"]
    project = make_project(official, world["body_a"])
    login(client, official)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/evaluations/").status_code == 200
        return len(ctx)

    make_evaluation(official, project)
    small = count()
    for _ in range(4):
        make_evaluation(official, make_project(official, world["body_a"]))
    assert count() == small
