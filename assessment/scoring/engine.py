"""The four-dimension scoring engine: ``score(framework, answers) -> Result``.

Formula (framework-agnostic; every number comes from the framework file). The structure — indicator
scores weighted within dimensions, dimensions weighted into a 0–100 total, a grade ladder and
gates — is that of the CAICT four-dimension method (seed 004: 政策落实/应用成效/平台能力/安全保障)
and of GB/T 42584-2023 §4 (four dimensions, weighted indicators); the weights, bands and gates
are the framework file's, mostly modelled:

* indicator: normalised score ``n_i`` in 0–100 from its type's function (``indicator_types``);
  a missing answer scores 0 and is listed as missing; an N/A answer is excluded;
* effective weight ``e_i`` on the 0–100 total scale after N/A redistribution (``weights``);
* points ``p_i = n_i × e_i / 100``; shortfall ``e_i − p_i``;
* dimension score (0–100) ``S_d = Σ n_i w_i / Σ w_i`` over its applicable indicators; its
  points ``S_d × E_d / 100`` with ``E_d`` its effective weight (= ``Σ p_i`` of its indicators);
  total ``Σ`` dimension points (0–100);
* grade: the highest band whose min_score ≤ the rounded total, then lowered to the cap grade of
  every cap (一票否决) whose gate indicator scores below its pass mark (missing = failed).

All arithmetic runs at full precision in ``SCORING_CONTEXT`` and the Result keeps exact figures;
only the total is rounded (half-up, 2 places) because the grade is read from the total shown.
Other figures are rounded where they are presented (``result_to_dict``, messages). Nothing
passed in is mutated.
"""

from collections.abc import Iterable, Mapping
from decimal import localcontext
from operator import attrgetter

from assessment.scoring.cross_checks import failed_checks
from assessment.scoring.hashing import indexed_inputs_hash
from assessment.scoring.messages import Message
from assessment.scoring.planning import next_grade
from assessment.scoring.results import (
    CapOutcome,
    CrossCheckFailure,
    IndicatorResult,
    Result,
    make_dimension_result,
    make_indicator_result,
    make_result,
    new_object,
    set_dict,
)
from assessment.scoring.rounding import HUNDRED, SCORING_CONTEXT, ZERO, round_half_up
from assessment.scoring.types import Answer, Framework, GradeBand, NotApplicable
from assessment.scoring.weights import redistribute

Answers = Mapping[str, Answer] | Iterable[Answer]


class AnswerMismatch(ValueError):
    """A typed answer that cannot belong to this framework (a programming error: payloads are
    validated by ``answers.validate_answers`` first, which reports such problems per field)."""


def score(framework: Framework, answers: Answers) -> Result:
    """Score one set of typed answers against one framework version."""
    with localcontext(SCORING_CONTEXT):
        return _score(framework, index_answers(framework, answers))


def what_if(
    framework: Framework, answers: Answers, changes: Mapping[str, Answer | None]
) -> Result:
    """Rescore with ``changes`` applied (``None`` clears an answer); nothing is mutated."""
    merged = dict(index_answers(framework, answers))
    for code, answer in changes.items():
        if code not in framework.indicator_by_code:
            raise AnswerMismatch(f"unknown indicator {code!r}")
        if answer is None:
            merged.pop(code, None)
        elif answer.code != code:
            raise AnswerMismatch(f"change for {code} carries an answer for {answer.code}")
        else:
            merged[code] = answer
    return score(framework, merged.values())


def index_answers(framework: Framework, answers: Answers) -> dict[str, Answer]:
    """``{code: answer}``; refuses unknown codes, duplicates and answers of the wrong type."""
    items = answers.values() if isinstance(answers, Mapping) else answers
    accepts = framework.accepts
    indexed: dict[str, Answer] = {}
    count = 0
    for answer in items:
        code = answer.code
        allowed = accepts.get(code)
        if allowed is None:
            raise AnswerMismatch(f"unknown indicator {code!r}")
        if type(answer) not in allowed:
            raise AnswerMismatch(f"{type(answer).__name__} does not fit indicator {code}")
        indexed[code] = answer
        count += 1
    if count != len(indexed):
        raise AnswerMismatch("two answers for the same indicator")
    return indexed


_SHORTFALL = attrgetter("shortfall")


def _score(fw: Framework, answers: dict[str, Answer]) -> Result:
    """The formula of the module docstring, in one pass over the framework's indicators."""
    na_codes = {c for c, a in answers.items() if type(a) is NotApplicable}
    if na_codes:
        eff_by_code, dim_eff = redistribute(fw.dimensions, fw.indicators, na_codes)
        weights = {code: (eff, eff / HUNDRED) for code, eff in eff_by_code.items()}
    else:
        weights, dim_eff = fw.full_weights, fw.full_dimension_weights
    get = answers.get

    # 1. per indicator: normalised n (0 when missing) → points n·e/100 → shortfall e − points.
    indicator_results: list[IndicatorResult] = []
    with_shortfall: list[IndicatorResult] = []
    dim_nw = dict.fromkeys(dim_eff, ZERO)  # Σ n·w per dimension
    missing: list[str] = []
    not_applicable: list[str] = []  # framework order, whatever order the answers came in
    for ind, scorer in fw.scoring_rows:
        code = ind.code
        answer = get(code)
        if answer is None:
            status, n, measured = "missing", ZERO, None
            missing.append(code)
        elif type(answer) is NotApplicable:
            not_applicable.append(code)
            indicator_results.append(
                make_indicator_result(ind, "not_applicable", answer, None, None, ZERO, ZERO, ZERO)
            )
            continue
        else:
            status = "answered"
            n, measured = scorer(ind.params, answer)
        eff, factor = weights[code]
        points = n * factor  # = n · eff / 100 (factor = eff / 100 is exact)
        dim_nw[ind.dimension] += n * ind.weight
        # make_indicator_result(...), inlined: built once per indicator per scoring call.
        result = new_object(IndicatorResult)
        set_dict(result, "__dict__", {
            "indicator": ind, "status": status, "answer": answer, "measured": measured,
            "normalised": n, "effective_weight": eff, "points": points, "shortfall": eff - points,
        })  # fmt: skip
        indicator_results.append(result)
        if n < HUNDRED:
            with_shortfall.append(result)

    # 2. dimensions: score S = Σ n·w / Σ w over applicable indicators (exact for whole
    # weights); points = S × effective dimension weight / 100; total = Σ dimension points.
    dimensions = []
    total = ZERO
    for dim in fw.dimensions:
        if dim.code not in dim_eff:
            dimensions.append(
                make_dimension_result(dim, "not_applicable", ZERO, None, ZERO, ZERO)
            )
            continue
        eff, applicable_weight = dim_eff[dim.code]
        dim_score = dim_nw[dim.code] / applicable_weight
        points = dim_score * eff / HUNDRED
        total += points
        dimensions.append(
            make_dimension_result(dim, "scored", eff, dim_score, points, eff - points)
        )

    # 3. total, grade, caps (一票否决).
    shown_total = round_half_up(total)
    score_grade = next(g for g in fw.grades if shown_total >= g.min_score)
    grade, caps = _apply_caps(fw, score_grade, indicator_results, missing)

    # 4. explanations: checks, plan (most points first, framework order on ties), next grade.
    failures = tuple(
        CrossCheckFailure(
            check.code, ".".join(check.left), left, check.op, ".".join(check.right), right,
            check.description, message,
        )  # fmt: skip
        for check, left, right, message in failed_checks(fw, answers)
    )
    # Most points recoverable first; a reverse sort is still stable: framework order on ties.
    improvement = tuple(sorted(with_shortfall, key=_SHORTFALL, reverse=True))
    notices = []
    if not dim_eff:
        notices.append(Message("no_applicable_indicators"))
    if missing:
        notices.append(
            Message("missing_answers", {"count": len(missing), "indicators": ", ".join(missing)})
        )
    return make_result(
        framework_slug=fw.slug,
        framework_version=fw.version,
        framework_content_hash=fw.content_hash,
        inputs_hash=indexed_inputs_hash(
            fw.slug, fw.version, fw.content_hash, answers, fw.sorted_codes
        ),
        total=shown_total,
        score_grade=score_grade,
        grade=grade,
        dimensions=tuple(dimensions),
        indicators=tuple(indicator_results),
        caps=tuple(caps),
        cross_check_failures=failures,
        missing=tuple(missing),
        not_applicable=tuple(not_applicable),
        improvement_plan=improvement,
        next_grade=next_grade(fw, shown_total, grade, caps, improvement),
        notices=tuple(notices),
    )


def _apply_caps(
    fw: Framework,
    score_grade: GradeBand,
    results: list[IndicatorResult],
    missing: list[str],
) -> tuple[GradeBand, list[CapOutcome]]:
    """Lower the grade to the cap grade of every gate that failed (a missing answer fails)."""
    grade = score_grade
    caps = []
    for rule in fw.caps:
        # Gates cannot be N/A (the schema refuses it), so normalised is a Decimal.
        n = results[fw.indicator_position[rule.indicator]].normalised or ZERO
        if n >= rule.fails_below:
            continue
        cap_grade = fw.grade_by_code[rule.cap_grade]
        cap_rank = fw.grade_rank[cap_grade.code]
        if cap_rank > fw.grade_rank[grade.code]:
            grade = cap_grade
        message = Message(
            "cap_missing" if rule.indicator in missing else "cap_failed",
            {
                "indicator": rule.indicator,
                "score": round_half_up(n),  # a message is a presentation point
                "threshold": round_half_up(rule.fails_below),
                "grade": cap_grade.name,
            },
        )
        caps.append(
            CapOutcome(
                rule.code, rule.indicator, cap_grade, n, rule.fails_below,
                cap_rank > fw.grade_rank[score_grade.code], rule.reason, message,
            )  # fmt: skip
        )
    return grade, caps
