"""Evaluation fixtures: the shipped rule set, a procurement project per body, evaluations with a
panel, bids and scores — all made through the services."""

from decimal import Decimal

import pytest

from accounts.models import Role
from evaluations import services
from evaluations.services.scores import ScoreEntry
from procurement.services.projects import procurement_project_create
from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files

CRITERIA = [
    {"code": "price", "name": "价格", "kind": "price", "max_points": Decimal(30)},
    {"code": "tech", "name": "技术方案", "kind": "technical", "max_points": Decimal(50)},
    {"code": "service", "name": "商务与服务", "kind": "commercial", "max_points": Decimal(20)},
]


def facts(category="services", amount="3000000"):
    return {
        "date": "2026-03-01", "buyer_type": "state_organ", "fiscal_funds_percent": "100",
        "budget_level": "city", "province": "fujian", "category": category, "amount": amount,
    }


@pytest.fixture
def rules(db):
    rule_set_files_load(paths=shipped_rule_files())


@pytest.fixture
def make_project(rules):
    def make(user, body, title="政务云服务采购", **kwargs):
        return procurement_project_create(user=user, body=body, title=title, facts=facts(**kwargs))

    return make


@pytest.fixture
def project_a(world, make_project):
    return make_project(world["official_a"], world["body_a"])


@pytest.fixture
def make_evaluation(db):
    def make(user, project, **overrides):
        values = {
            "title": "政务云服务评标", "procurement_method": "public_tender", "category": "services",
            "criteria": CRITERIA,
        }
        values.update(overrides)
        return services.evaluation_create(user=user, project=project, **values)

    return make


@pytest.fixture
def panel(world, make_user):
    """Two experts on body A's side: an official of A and the consultant A engaged."""
    return [make_user(Role.OFFICIAL, world["body_a"]), world["consultant"]]


@pytest.fixture
def scored(world, project_a, make_evaluation, panel):
    """An open evaluation of three bids, fully scored by two members.

    Prices 100 / 120 / 110 万 (services, price points 30); means: A tech 40 service 15,
    B tech 46 service 18, C tech 43 service 16.
    """
    official = world["official_a"]
    evaluation = make_evaluation(official, project_a)
    for member in panel:
        services.panel_member_add(user=official, evaluation=evaluation, member=member)
    bids = {
        name: services.bid_create(user=official, evaluation=evaluation, bidder_name=name, price=Decimal(price))
        for name, price in (("甲公司", "1000000"), ("乙公司", "1200000"), ("丙公司", "1100000"))
    }
    marks = {
        "甲公司": [(40, 15), (40, 15)],
        "乙公司": [(45, 18), (47, 18)],
        "丙公司": [(43, 16), (43, 16)],
    }
    for index, member in enumerate(panel):
        entries = []
        for name, pairs in marks.items():
            tech, service = pairs[index]
            entries += [
                ScoreEntry(bids[name].pk, "tech", Decimal(tech)),
                ScoreEntry(bids[name].pk, "service", Decimal(service)),
            ]
        services.member_scores_submit(user=member, evaluation=evaluation, entries=entries)
    return {"evaluation": evaluation, "bids": bids, "panel": panel}
