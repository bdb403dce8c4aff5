"""Fixtures for the Django layer of procurement: the shipped rule set loaded, valid facts."""

import pytest

from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files


@pytest.fixture
def loaded_rules(db):
    """The shipped rule files stored through the loader service; returns the stored rows."""
    outcomes = rule_set_files_load(paths=shipped_rule_files())
    assert [o.action for o in outcomes] == ["created"] * len(outcomes)
    from procurement.models import RuleSetVersion

    return list(RuleSetVersion.objects.order_by("effective_from"))


def base_facts(**changes) -> dict:
    """Valid API facts: a central-level service purchase above the public-tender threshold."""
    facts = {
        "date": "2025-06-02",
        "buyer_type": "state_organ",
        "fiscal_funds_percent": "100",
        "budget_level": "central",
        "category": "services",
        "amount": "2500000",
    }
    facts.update(changes)
    return {k: v for k, v in facts.items() if v is not ...}
