"""The wizard's flow: which steps and questions apply, answers → engine facts, per-step checks.

Answers are a flat dict of JSON values keyed by question (dates and amounts as text, tri-state
answers "yes" / "no" / ""), carried between requests in a signed form field (`dump_state` /
`load_state`), so the server keeps no wizard state and the browser's back button is harmless.
Answers to questions that no longer apply (the buyer went back and changed an earlier answer)
are kept but never reach the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError

from procurement.guidance.rules_model import RuleSet
from procurement.guidance.types import Approval, Result
from procurement.models import RuleSetVersion
from procurement.selectors.rule_sets import rule_set_engine, rule_set_version_in_force
from procurement.services.guidance import GuidanceOutcome, guidance_compute
from procurement.wizard.questions import QUESTIONS, STEP_NAMES, STEPS, Question, Step

SALT = "procurement.guidance.wizard"
ADDON_PREFIX = "addon_"
PREFERENCES_PREFIX = "preferences_"
NOT_ENGINE_FACTS = ("is_addon",)
# Facts the engine needs before it can say anything (Facts' fields without a default).
REQUIRED_FACTS = ("date", "buyer_type", "fiscal_funds_percent", "budget_level", "category", "amount")


def dump_state(answers: Mapping[str, Any]) -> str:
    return signing.dumps({"answers": dict(answers)}, salt=SALT, compress=True)


def load_state(token: str | None) -> dict[str, Any]:
    """The answers in a signed token; raises signing.BadSignature if it was tampered with."""
    if not token:
        return {}
    data = signing.loads(token, salt=SALT)
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise signing.BadSignature("no answers")
    return {k: v for k, v in answers.items() if k in QUESTIONS}


class Ctx:
    """The answers so far and what follows from them (rule set in force, preliminary result)."""

    def __init__(self, answers: Mapping[str, Any]):
        self.answers = dict(answers)

    def answer(self, key: str) -> Any:
        return self.answers.get(key)

    @cached_property
    def rule_set_row(self) -> RuleSetVersion | None:
        on = _as_date(self.answer("date"))
        return rule_set_version_in_force(on=on) if on else None

    @cached_property
    def rules(self) -> RuleSet | None:
        return rule_set_engine(self.rule_set_row) if self.rule_set_row else None

    @cached_property
    def preliminary(self) -> Result | None:
        """Guidance on the answers so far, without the approvals (None until it can run)."""
        mapping = facts_mapping(self, steps=STEPS, exclude=("approvals_obtained",))
        if any(mapping.get(k) in (None, "") for k in REQUIRED_FACTS):
            return None
        try:
            return guidance_compute(data=mapping).result
        except ValidationError:
            return None

    def required_approvals(self) -> tuple[Approval, ...]:
        prelim = self.preliminary
        return tuple(a.approval for a in prelim.approvals) if prelim else ()

    def service_term_normal_months(self) -> int | None:
        if self.rules is None:
            return None
        return int(self.rules.rule("service_contract_term").values["normal_max_months"])


# --------------------------------------------------------------------------- steps


def questions_of(step: Step, ctx: Ctx) -> list[Question]:
    return [q for q in step.questions if q.when(ctx)]


def step_applies(step: Step, ctx: Ctx) -> bool:
    return step.when(ctx) and bool(questions_of(step, ctx))


def step_named(name: str) -> Step:
    return STEPS[STEP_NAMES.index(name)]


def applicable_steps(ctx: Ctx) -> list[Step]:
    return [s for s in STEPS if step_applies(s, ctx)]


def next_step(current: Step, ctx: Ctx) -> Step | None:
    """The next step that applies after `current`; None when the result is next."""
    for step in STEPS[STEP_NAMES.index(current.name) + 1 :]:
        if step_applies(step, ctx):
            return step
    return None


def previous_step(current: Step, ctx: Ctx) -> Step:
    for step in reversed(STEPS[: STEP_NAMES.index(current.name)]):
        if step_applies(step, ctx):
            return step
    return STEPS[0]


def position(step: Step, ctx: Ctx) -> tuple[int, int]:
    """(number of `step`, number of steps) among the steps that apply now."""
    names = [s.name for s in applicable_steps(ctx)]
    if step.name not in names:
        names.append(step.name)
    return names.index(step.name) + 1, len(names)


# --------------------------------------------------------------------------- answers → facts


def facts_mapping(
    ctx: Ctx, *, steps: Iterable[Step] | None = None, exclude: Iterable[str] = ()
) -> dict[str, Any]:
    """The engine's input for the answers to the questions that apply (JSON-like values)."""
    steps = applicable_steps(ctx) if steps is None else steps
    excluded = set(exclude)
    out: dict[str, Any] = {}
    addon: dict[str, Any] = {}
    preferences: dict[str, Any] = {}
    for step in steps:
        for q in step.questions:
            # Excluded first: the approvals question's condition itself needs this mapping.
            if q.key in excluded or q.key in NOT_ENGINE_FACTS or not q.when(ctx):
                continue
            value = _engine_value(q, ctx.answer(q.key))
            if value is None:
                continue
            if q.key.startswith(ADDON_PREFIX):
                addon[q.key.removeprefix(ADDON_PREFIX)] = value
            elif q.key.startswith(PREFERENCES_PREFIX):
                preferences[q.key.removeprefix(PREFERENCES_PREFIX)] = value
            else:
                out[q.key] = value
    if addon:
        addon["amount"] = out.get("amount")
        out["addon"] = addon
    if preferences:
        out["preferences"] = preferences
    return out


def _engine_value(q: Question, value: Any) -> Any:
    if value is None or value == "" or value == []:
        return None
    if q.kind == "tristate":
        return {"yes": True, "no": False}.get(value)
    return value


def question_key(engine_field: str) -> str:
    """The question behind an engine field path (``addon.amount`` is asked as ``amount``)."""
    if engine_field == "addon.amount":
        return "amount"
    return engine_field.replace(".", "_")


# --------------------------------------------------------------------------- checks


def check_step(step: Step, ctx: Ctx) -> dict[str, list[str]]:
    """Field errors for the answers of `step` (keyed by question; "" for other questions).

    The first step checks that a rule set covers the date; later steps run the engine's fact
    validation on every answer so far and keep what concerns the answers given.
    """
    keys = {q.key for q in questions_of(step, ctx)}
    mapping = facts_mapping(ctx, steps=_steps_up_to(step, ctx))
    if any(mapping.get(k) in (None, "") for k in REQUIRED_FACTS):
        if "date" in keys and ctx.rule_set_row is None:
            return _errors_of(_guidance_errors({"date": mapping.get("date")}), keys, ctx)
        return {}
    return _errors_of(_guidance_errors(mapping), keys, ctx)


def compute(ctx: Ctx) -> tuple[GuidanceOutcome | None, Step | None, dict[str, list[str]]]:
    """The final guidance; or the step to send the buyer back to, with its errors."""
    try:
        return guidance_compute(data=facts_mapping(ctx)), None, {}
    except ValidationError as exc:
        errors = exc.message_dict
    for step in applicable_steps(ctx):
        keys = {q.key for q in questions_of(step, ctx)}
        if any(question_key(f) in keys for f in errors):
            return None, step, _errors_of(errors, keys, ctx)
    return None, STEPS[0], _errors_of(errors, set(), ctx)


def _steps_up_to(step: Step, ctx: Ctx) -> list[Step]:
    index = STEP_NAMES.index(step.name)
    return [s for s in applicable_steps(ctx) if STEP_NAMES.index(s.name) <= index] + (
        [] if step_applies(step, ctx) else [step]
    )


def _guidance_errors(mapping: Mapping[str, Any]) -> dict[str, list[str]]:
    try:
        guidance_compute(data=mapping)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def _errors_of(
    errors: Mapping[str, list[str]], keys: set[str], ctx: Ctx
) -> dict[str, list[str]]:
    """Errors on this step's questions by key; errors on answered questions elsewhere under
    "" with the question's label; errors on questions not asked yet are not the buyer's."""
    out: dict[str, list[str]] = {}
    for field, messages in errors.items():
        key = question_key(field)
        if key in keys:
            out.setdefault(key, []).extend(messages)
        elif key in QUESTIONS and ctx.answer(key) not in (None, ""):
            label = QUESTIONS[key].label
            out.setdefault("", []).extend(f"{label}: {m}" for m in messages)
        elif key not in QUESTIONS:
            out.setdefault("", []).extend(messages)
    return out


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
