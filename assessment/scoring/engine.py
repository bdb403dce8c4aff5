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
from assessment.scoring.messages import Message
from assessment.scoring.planning import next_grade
from assessment.scoring.results import (
    CapOutcome,
    DimensionResult,
    IndicatorResult,
    Result,
    make_cap_outcome,
    make_cross_check_failure,
    make_dimension_result,
    make_indicator_result,
    new_object,
)
from assessment.scoring.rounding import HUNDRED, SCORING_CONTEXT, ZERO, round_half_up
from assessment.scoring.types import Answer, Framework, GradeBand, NotApplicable

Answers = Mapping[str, Answer] | Iterable[Answer]


class AnswerMismatch(ValueError):
    """A typed answer that cannot belong to this framework (a programming error: payloads are
    validated by ``answers.validate_answers`` first, which reports such problems per field)."""


def score(framework: Framework, answers: Answers) -> Result:
    """Score one set of typed answers against one framework version."""
    kind = type(answers)
    if kind is tuple or kind is list:
        items = answers
    elif isinstance(answers, Mapping):
        items = tuple(answers.values())
    else:
        items = tuple(answers)
    indexed = {a.code: a for a in items}  # type: ignore[union-attr]
    if len(indexed) != len(items):  # type: ignore[arg-type]
        raise AnswerMismatch("two answers for the same indicator")
    with localcontext(SCORING_CONTEXT):
        # Unknown codes and answers of the wrong type are refused by _score, as
        # index_answers refuses them.
        return _score(framework, indexed)


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
    """The formula of the module docstring, in one pass over the framework's indicators.

    ``answers`` keyed by code, one each; refuses (``AnswerMismatch``) unknown codes and
    answers of a type the indicator does not accept. Reads the framework's precomputed
    tables (``compiled``)."""
    c = fw.compiled
    if NotApplicable in map(type, answers.values()):
        na_codes = [code for code, a in answers.items() if type(a) is NotApplicable]
        rows, dimension_rows = c.rows_for(na_codes)
    else:
        rows, dimension_rows = c.rows, c.dimension_rows
    get = answers.get

    # 1. per indicator: normalised n (0 when missing) → points n·e/100 → shortfall e − points.
    indicator_results: list[IndicatorResult] = []
    with_shortfall: list[IndicatorResult] = []
    dim_nw = [ZERO] * len(dimension_rows)  # Σ n·w per dimension, by position
    missing: list[str] = []
    not_applicable: list[str] = []  # framework order, whatever order the answers came in
    for ind, code, allowed, scorer, params, dim_pos, weight, eff, factor in rows:
        answer = get(code)
        if answer is None:
            status, n, measured = "missing", ZERO, None
            missing.append(code)
        elif (kind := type(answer)) not in allowed:
            raise AnswerMismatch(f"{kind.__name__} does not fit indicator {code}")
        elif kind is NotApplicable:
            not_applicable.append(code)
            indicator_results.append(
                make_indicator_result(ind, "not_applicable", answer, None, None, ZERO, ZERO, ZERO)
            )
            continue
        else:
            status = "answered"
            n, measured = scorer(params, answer)
        points = n * factor  # = n · eff / 100 (factor = eff / 100 is exact)
        dim_nw[dim_pos] += n * weight
        # make_indicator_result(...), inlined: built once per indicator per scoring call
        # (results.py: filling the fresh instance's __dict__ in field order).
        ir = new_object(IndicatorResult)
        d = ir.__dict__
        d["indicator"] = ind
        d["status"] = status
        d["answer"] = answer
        d["measured"] = measured
        d["normalised"] = n
        d["effective_weight"] = eff
        d["points"] = points
        d["shortfall"] = eff - points
        indicator_results.append(ir)
        if n < HUNDRED:
            with_shortfall.append(ir)

    if len(missing) + len(answers) != len(rows):  # some answer is for no indicator here
        unknown = next(code for code in answers if code not in fw.indicator_by_code)
        raise AnswerMismatch(f"unknown indicator {unknown!r}")

    # 2. dimensions: score S = Σ n·w / Σ w over applicable indicators (exact for whole
    # weights); points = S × effective dimension weight / 100; total = Σ dimension points.
    dimensions: list[DimensionResult] = []
    total = ZERO
    for (dim, dim_eff, applicable_weight), nw in zip(dimension_rows, dim_nw, strict=True):
        if dim_eff is None:
            dimensions.append(
                make_dimension_result(dim, "not_applicable", ZERO, None, ZERO, ZERO)
            )
            continue
        dim_score = nw / applicable_weight
        points = dim_score * dim_eff / HUNDRED
        total += points
        # make_dimension_result(...), inlined.
        dr = new_object(DimensionResult)
        d = dr.__dict__
        d["dimension"] = dim
        d["status"] = "scored"
        d["effective_weight"] = dim_eff
        d["score"] = dim_score
        d["points"] = points
        d["shortfall"] = dim_eff - points
        dimensions.append(dr)

    # 3. total, grade, caps (一票否决).
    shown_total = round_half_up(total)
    for score_grade in fw.grades:  # highest first; the last band has min_score 0
        if shown_total >= score_grade.min_score:
            break
    grade, caps = _apply_caps(fw, score_grade, indicator_results, missing)

    # 4. explanations: checks, plan (most points first, framework order on ties), next grade.
    failures = tuple(
        [
            make_cross_check_failure(
                check.code, ".".join(check.left), left, check.op, ".".join(check.right), right,
                check.description, message,
            )  # fmt: skip
            for check, left, right, message in failed_checks(fw, answers)
        ]
    )
    # Most points recoverable first; a reverse sort is still stable: framework order on ties.
    improvement = tuple(sorted(with_shortfall, key=_SHORTFALL, reverse=True))
    notices = []
    if len(not_applicable) == len(c.rows):  # no dimension is applicable
        notices.append(Message("no_applicable_indicators"))
    if missing:
        notices.append(
            Message("missing_answers", {"count": len(missing), "indicators": ", ".join(missing)})
        )
    # make_result(...), inlined.
    result = new_object(Result)
    d = result.__dict__
    d["framework_slug"] = fw.slug
    d["framework_version"] = fw.version
    d["framework_content_hash"] = fw.content_hash
    d["inputs_hash"] = c.inputs_encoder(answers)
    d["total"] = shown_total
    d["score_grade"] = score_grade
    d["grade"] = grade
    d["dimensions"] = tuple(dimensions)
    d["indicators"] = tuple(indicator_results)
    d["caps"] = tuple(caps)
    d["cross_check_failures"] = failures
    d["missing"] = tuple(missing)
    d["not_applicable"] = tuple(not_applicable)
    d["improvement_plan"] = improvement
    d["next_grade"] = next_grade(fw, shown_total, grade, caps, improvement)
    d["notices"] = tuple(notices)
    return result  # type: ignore[no-any-return]


def _apply_caps(
    fw: Framework,
    score_grade: GradeBand,
    results: list[IndicatorResult],
    missing: list[str],
) -> tuple[GradeBand, list[CapOutcome]]:
    """Lower the grade to the cap grade of every gate that failed (a missing answer fails)."""
    grade = score_grade
    grade_rank = fw.grade_rank
    rank = score_rank = grade_rank[score_grade.code]
    caps = []
    for rule, position, fails_below, cap_grade, cap_rank, threshold in fw.compiled.caps:
        # Gates cannot be N/A (the schema refuses it), so normalised is a Decimal.
        n = results[position].normalised or ZERO
        if n >= fails_below:
            continue
        if cap_rank > rank:
            grade, rank = cap_grade, cap_rank
        message = Message(
            "cap_missing" if rule.indicator in missing else "cap_failed",
            {
                "indicator": rule.indicator,
                "score": round_half_up(n),  # a message is a presentation point
                "threshold": threshold,
                "grade": cap_grade.name,
            },
        )
        caps.append(
            make_cap_outcome(
                rule.code, rule.indicator, cap_grade, n, fails_below, cap_rank > score_rank,
                rule.reason, message,
            )  # fmt: skip
        )
    return grade, caps
