"""Reader for the scored model comparisons (cooperation_models, deployment_models)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procurement.guidance.messages import has_message, model_reason_code
from procurement.guidance.rules_model import ModelChoice, ModelCriterion, ModelSet, Source
from procurement.guidance.yaml_checks import Checker, join


def read_models(
    c: Checker, raw: Any, kind: str, section: str, sources: Mapping[str, Source]
) -> ModelSet | None:
    m = c.mapping(raw, section)
    if m is None:
        return None
    c.keys(m, section, required=("modelled", "scale", "basis", "criteria", "options"))
    modelled = c.boolean(m, "modelled", section)
    if not modelled:
        c.error(join(section, "modelled"), "these scores are our modelling: set modelled: true")
    scale = c.mapping(m.get("scale", {}), join(section, "scale")) or {}
    lo = c.integer(scale, "min", join(section, "scale"), minimum=0) or 0
    hi = c.integer(scale, "max", join(section, "scale"), minimum=1) or 0
    if lo >= hi:
        c.error(join(section, "scale"), "min must be below max")
    criteria: list[ModelCriterion] = []
    cm = c.mapping(m.get("criteria", {}), join(section, "criteria")) or {}
    for key, value in cm.items():
        p = join(join(section, "criteria"), key)
        vm = c.mapping(value, p)
        if vm is None:
            continue
        c.keys(vm, p, required=("name_zh", "weight"))
        weight = c.integer(vm, "weight", p, minimum=0, maximum=5)
        criteria.append(ModelCriterion(key, c.string(vm, "name_zh", p) or key, weight or 0))
    if criteria and not any(cr.weight for cr in criteria):
        c.error(join(section, "criteria"), "at least one criterion needs a weight above 0")
    options: list[ModelChoice] = []
    om = c.mapping(m.get("options", {}), join(section, "options")) or {}
    keys = [cr.key for cr in criteria]
    for key, value in om.items():
        p = join(join(section, "options"), key)
        vm = c.mapping(value, p)
        if vm is None:
            continue
        c.keys(vm, p, required=("name_zh", "scores"), optional=("excluded_when_sensitive",))
        sm = c.mapping(vm.get("scores", {}), join(p, "scores")) or {}
        c.keys(sm, join(p, "scores"), required=keys)
        scores = {k: c.integer(sm, k, join(p, "scores"), minimum=lo, maximum=hi) for k in sm}
        for crit in keys:
            code = model_reason_code(kind, key, crit)
            if not has_message(code):
                c.error(
                    join(p, "scores"),
                    f"no translatable message {code} for option {key!r} / {crit!r}; "
                    "add it to procurement/guidance/messages.py",
                )
        options.append(
            ModelChoice(
                key,
                c.string(vm, "name_zh", p) or key,
                {k: v for k, v in scores.items() if v is not None},
                c.boolean(vm, "excluded_when_sensitive", p),
            )
        )
    if len(options) < 2:
        c.error(join(section, "options"), "needs at least two options to compare")
    return ModelSet(
        kind, tuple(criteria), tuple(options), lo, hi, c.basis(m, section, sources), modelled
    )
