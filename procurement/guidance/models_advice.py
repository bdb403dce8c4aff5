"""Cooperation-model and deployment-model advice: a short, modelled, weighted comparison.

Criteria and the per-option scores come from the rule data (``cooperation_models`` /
``deployment_models``, source: seed 004 and domain §6), marked ``modelled: true``: they are our
reading of a market report, not law. The buyer may re-weight each criterion 0..5 through
:class:`ModelPreferences`; unset weights use the data's default.

Score = Σ(weight × score) / Σ(weight), rounded half-up to 2 places (:func:`round2`). If every
weight is 0 the data's default weights are used instead (validation normally forbids it).
An option marked ``excluded_when_sensitive`` (政务公有云: "non-sensitive, public-facing systems")
is kept in the list with its score but ``excluded`` when the buyer handles sensitive data, and
is never recommended then. Ties keep the data's order.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from procurement.guidance.messages import model_reason_code
from procurement.guidance.rules_model import ModelSet, RuleSet
from procurement.guidance.types import Facts, Message, ModelAdvice, ModelOption

TWO_PLACES = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """The one rounding helper for modelled scores: half-up to 2 decimal places."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _weights(model: ModelSet, facts: Facts) -> dict[str, int]:
    weights = {}
    for criterion in model.criteria:
        chosen = facts.preferences.get(criterion.key)
        weights[criterion.key] = criterion.weight if chosen is None else chosen
    if not any(weights.values()):
        weights = {c.key: c.weight for c in model.criteria}
    return weights


def compare(model: ModelSet, facts: Facts, notes: tuple[Message, ...] = ()) -> ModelAdvice:
    """Score every option of ``model`` for ``facts`` (see the module docstring)."""
    weights = _weights(model, facts)
    total_weight = Decimal(sum(weights.values()))
    options: list[ModelOption] = []
    for choice in model.options:
        weighted = sum(
            (Decimal(weights[k]) * Decimal(choice.scores.get(k, model.scale_min)) for k in weights),
            Decimal(0),
        )
        score = round2(weighted / total_weight) if total_weight else Decimal(0)
        reasons = [
            Message(
                model_reason_code(model.kind, choice.key, k),
                {"score": choice.scores.get(k), "weight": weights[k]},
                model.basis,
            )
            for k in weights
            if weights[k]
        ]
        excluded = bool(choice.excluded_when_sensitive and facts.handles_sensitive_data)
        if excluded:
            reasons.insert(0, Message("MODEL_EXCLUDED_SENSITIVE", {}, model.basis))
        options.append(ModelOption(choice.key, choice.name_zh, score, excluded, tuple(reasons)))
    ranked = sorted(options, key=lambda o: (o.excluded, -o.score))
    best = next((o.key for o in ranked if not o.excluded), None)
    return ModelAdvice(
        kind=model.kind,
        options=tuple(ranked),
        recommended=best,
        weights=tuple(weights.items()),
        modelled=model.modelled,
        basis=model.basis,
        notes=notes,
    )


def advise_models(rules: RuleSet, facts: Facts) -> tuple[ModelAdvice, ModelAdvice]:
    """(cooperation advice, deployment advice).

    Cooperation always carries the domain file's risk point: how buyers then procure from a
    joint-venture company is unclear in public sources. Deployment notes when sensitivity is
    unknown (it decides whether 政务公有云 is an option at all), and that non-sensitive,
    public-facing systems are the seed's case for 政务公有云.
    """
    coop_notes = (Message("MODEL_JV_PROCUREMENT_UNCLEAR", {}, rules.cooperation.basis),)
    deploy_notes: tuple[Message, ...] = ()
    if facts.handles_sensitive_data is None:
        deploy_notes = (Message("MODEL_SENSITIVITY_UNKNOWN", {}, rules.deployment.basis),)
    elif facts.public_facing and facts.handles_sensitive_data is False:
        deploy_notes = (Message("MODEL_PUBLIC_FACING_NON_SENSITIVE", {}, rules.deployment.basis),)
    return (
        compare(rules.cooperation, facts, coop_notes),
        compare(rules.deployment, facts, deploy_notes),
    )
