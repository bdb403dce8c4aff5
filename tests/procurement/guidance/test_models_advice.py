"""Cooperation and deployment models: modelled weighted scores, exclusions, notes."""

from __future__ import annotations

from decimal import Decimal

from procurement.guidance.models_advice import round2
from procurement.guidance.types import ModelPreferences


def scores(advice):
    return {o.key: o.score for o in advice.options}


def test_default_cooperation_comparison(run):
    advice = run().cooperation
    assert advice.modelled
    assert scores(advice) == {"direct_purchase": Decimal("3.75"), "joint_venture": Decimal("2.25")}
    assert advice.recommended == "direct_purchase"
    assert [n.code for n in advice.notes] == ["MODEL_JV_PROCUREMENT_UNCLEAR"]
    assert advice.basis[0].source == "SEED004"


def test_weights_change_the_cooperation_advice(run):
    prefs = ModelPreferences(
        funding_pressure=0, control_and_risk=0, project_cycle=0, sustainability=5
    )
    advice = run(preferences=prefs).cooperation
    assert advice.recommended == "joint_venture"
    assert dict(advice.weights)["sustainability"] == 5
    assert all(
        r.params["weight"] for o in advice.options for r in o.reasons if "weight" in r.params
    )


def test_all_zero_weights_fall_back_to_defaults(run):
    prefs = ModelPreferences(
        funding_pressure=0, control_and_risk=0, project_cycle=0, sustainability=0
    )
    assert run(preferences=prefs).cooperation.recommended == "direct_purchase"


def test_deployment_default_and_sensitive_data(run):
    open_advice = run(handles_sensitive_data=False).deployment
    assert open_advice.recommended == "gov_public_cloud"
    sensitive = run(handles_sensitive_data=True).deployment
    assert sensitive.recommended == "dedicated_cloud"
    public = next(o for o in sensitive.options if o.key == "gov_public_cloud")
    assert public.excluded and public.reasons[0].code == "MODEL_EXCLUDED_SENSITIVE"
    assert sensitive.options[-1].key == "gov_public_cloud"


def test_security_weight_favours_private_cloud(run):
    prefs = ModelPreferences(security=5, flexibility=0, scalability=0, cost=0)
    assert (
        run(handles_sensitive_data=True, preferences=prefs).deployment.recommended
        == "private_cloud"
    )


def test_deployment_notes(run):
    assert [n.code for n in run().deployment.notes] == ["MODEL_SENSITIVITY_UNKNOWN"]
    notes = run(handles_sensitive_data=False, public_facing=True).deployment.notes
    assert [n.code for n in notes] == ["MODEL_PUBLIC_FACING_NON_SENSITIVE"]


def test_rounding_is_half_up_to_two_places():
    assert round2(Decimal("3.125")) == Decimal("3.13")
    assert round2(Decimal("10") / Decimal("3")) == Decimal("3.33")
