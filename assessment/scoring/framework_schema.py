"""Parse and validate a framework file into a :class:`Framework`, reporting every error.

``load_framework_file(path)`` is what the Django loader command calls: it never raises for a
bad file; it returns ``(None, errors)`` where each error names the file, the path inside it
(``indicators[3].weight``) and a message — or ``(framework, [])``.

The rules checked here are those the engine relies on: codes unique, dimension weights and each
dimension's indicator weights add up to 100, every indicator type's params well formed, a grade
with min_score 0, caps that point at a gate indicator and an existing grade, cross-checks
between existing answer fields, and the file named ``<slug>-v<version>.yaml``.
"""

from pathlib import Path
from typing import Any

import yaml

from assessment.scoring.hashing import content_hash
from assessment.scoring.indicator_types import INDICATOR_TYPES, SCORERS
from assessment.scoring.params_schema import PARAM_PARSERS
from assessment.scoring.rounding import HUNDRED, ZERO
from assessment.scoring.schema_reader import FrameworkError, Reader, join
from assessment.scoring.types import (
    CapRule,
    CrossCheck,
    Dimension,
    Framework,
    GradeBand,
    Indicator,
    NaPolicy,
    NotApplicable,
    Text,
)

TOP_REQUIRED = (
    "slug", "version", "title_zh", "title_en", "source_zh", "source_en", "published",
    "effective", "languages", "dimensions", "indicators", "grades", "not_applicable_policy",
)  # fmt: skip
TOP_OPTIONAL = ("caps", "cross_checks", "notes_zh", "notes_en")
INDICATOR_REQUIRED = (
    "code", "name_zh", "name_en", "dimension", "weight", "type", "unit_zh", "unit_en",
    "help_zh", "help_en", "evidence_zh", "evidence_en", "advice_zh", "advice_en", "provenance",
)  # fmt: skip
INDICATOR_OPTIONAL = ("params", "not_applicable_allowed")

#: Answer fields a cross-check may compare, per indicator type.
OPERAND_FIELDS: dict[str, tuple[str, ...]] = {
    "ratio": ("value", "numerator", "denominator"),
    "band": ("value", "numerator", "denominator"),
    "threshold": ("value",),
    "capped_count": ("count",),
}
CHECK_OPS = ("lt", "lte", "eq", "gte", "gt")
NA_POLICIES = ("proportional",)


class _DuplicateKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_framework_file(path: str | Path) -> tuple[Framework | None, list[FrameworkError]]:
    """Read, parse and validate one framework YAML file; never raises for a bad file."""
    path = Path(path)
    file = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [FrameworkError(file, "", "file_unreadable", {"detail": str(exc)})]
    try:
        data = yaml.load(text, Loader=_DuplicateKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        detail = str(exc.problem or exc.context or "syntax error")
        if detail.startswith("duplicate key"):
            key = detail.removeprefix("duplicate key ")
            return None, [FrameworkError(file, "", "yaml_duplicate_key", {"key": key, "line": line})]
        return None, [
            FrameworkError(file, "", "yaml_syntax", {"line": line, "column": column, "detail": detail})
        ]
    except yaml.YAMLError as exc:
        return None, [FrameworkError(file, "", "yaml_syntax", {"line": 0, "column": 0, "detail": str(exc)})]
    except RecursionError:
        return None, [FrameworkError(file, "", "yaml_too_deep", {})]
    # PyYAML builds some values with int(), float() and date(): an impossible date
    # (2026-02-30), an integer of more than 4300 digits or a malformed !!timestamp fails there.
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        return None, [FrameworkError(file, "", "yaml_value", {"detail": str(exc)})]
    framework, errors = parse_framework(data, file=file)
    if framework is not None:
        expected = f"{framework.slug}-v{framework.version}.yaml"
        if path.name != expected:
            return None, [FrameworkError(file, "", "file_name_mismatch", {"expected": expected})]
    return framework, errors


def parse_framework(data: Any, *, file: str = "<data>") -> tuple[Framework | None, list[FrameworkError]]:
    """Validate parsed YAML data; returns the Framework only when there is no error at all."""
    r = Reader(file)
    top = r.mapping(data, "", TOP_REQUIRED, TOP_OPTIONAL)
    if top is None:
        return None, r.errors
    slug = r.slug(top.get("slug"), "slug")
    version = r.integer(top.get("version"), "version", 1)
    title = r.texts(top, "", "title")
    source = r.texts(top, "", "source")
    notes = r.texts(top, "", "notes") if "notes_zh" in top or "notes_en" in top else Text("", "")
    published = r.date(top.get("published"), "published")
    effective = r.date(top.get("effective"), "effective")
    languages = tuple(r.text(x, join("languages", i)) or "" for i, x in enumerate(r.items(top.get("languages"), "languages")))
    dimensions = _dimensions(r, top.get("dimensions"))
    dim_codes = {d.code for d in dimensions}
    indicators = _indicators(r, top.get("indicators"), dim_codes)
    _check_indicator_weights(r, dimensions, indicators)
    grades = _grades(r, top.get("grades"))
    by_code = {i.code: i for i in indicators}
    caps = _caps(r, top.get("caps", []), by_code, {g.code for g in grades})
    na_policy = _na_policy(r, top.get("not_applicable_policy"))
    checks = _cross_checks(r, top.get("cross_checks", []), by_code)
    if r.errors:
        return None, r.errors
    grades = tuple(sorted(grades, key=lambda g: g.min_score, reverse=True))
    framework = Framework(
        slug=slug, version=version, title=title, source=source,  # type: ignore[arg-type]
        published=published, effective=effective, languages=languages,  # type: ignore[arg-type]
        dimensions=dimensions, indicators=indicators, grades=grades, caps=caps,
        na_policy=na_policy, cross_checks=checks, notes=notes,  # type: ignore[arg-type]
        content_hash=content_hash(data),
        indicator_by_code=by_code,
        indicator_position={ind.code: pos for pos, ind in enumerate(indicators)},
        accepts={
            ind.code: frozenset(SCORERS[ind.type][1])
            | ({NotApplicable} if ind.not_applicable_allowed else set())
            for ind in indicators
        },
        grade_by_code={g.code: g for g in grades},
        grade_rank={g.code: rank for rank, g in enumerate(grades)},
    )  # fmt: skip
    return framework, []


def _dimensions(r: Reader, raw: Any) -> tuple[Dimension, ...]:
    out: list[Dimension] = []
    paths: list[str] = []
    for i, entry in enumerate(r.items(raw, "dimensions")):
        p = join("dimensions", i)
        m = r.mapping(entry, p, ("code", "name_zh", "name_en", "weight", "provenance"))
        if m is None:
            continue
        code = r.code(m.get("code"), join(p, "code"))
        name = r.texts(m, p, "name")
        weight = r.positive(m.get("weight"), join(p, "weight"))
        provenance = r.text(m.get("provenance"), join(p, "provenance"))
        if code and name and weight is not None and provenance:
            out.append(Dimension(code, name, weight, provenance))
            paths.append(join(p, "code"))
    r.unique(zip((d.code for d in out), paths, strict=True))
    total = sum((d.weight for d in out), ZERO)
    if out and total != HUNDRED:
        r.error("dimensions", "weights_sum", total=total)
    return tuple(out)


def _indicators(r: Reader, raw: Any, dim_codes: set[str]) -> tuple[Indicator, ...]:
    out: list[Indicator] = []
    paths: list[str] = []
    for i, entry in enumerate(r.items(raw, "indicators")):
        p = join("indicators", i)
        m = r.mapping(entry, p, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
        if m is None:
            continue
        code = r.code(m.get("code"), join(p, "code"))
        name = r.texts(m, p, "name")
        dimension = m.get("dimension")
        if not isinstance(dimension, str) or dimension not in dim_codes:
            r.error(join(p, "dimension"), "unknown_reference", value=str(dimension), kind="dimension")
        weight = r.positive(m.get("weight"), join(p, "weight"))
        kind = r.choice(m.get("type"), join(p, "type"), INDICATOR_TYPES)
        params = PARAM_PARSERS[kind](r, m.get("params"), join(p, "params")) if kind else None
        texts = [r.texts(m, p, stem) for stem in ("unit", "help", "evidence", "advice")]
        provenance = r.text(m.get("provenance"), join(p, "provenance"))
        na_allowed = r.boolean(m.get("not_applicable_allowed", True), join(p, "not_applicable_allowed"))
        values = (code, name, weight, kind, params, *texts, provenance, na_allowed)
        if isinstance(dimension, str) and dimension in dim_codes and all(v is not None for v in values):
            out.append(
                Indicator(code, name, dimension, weight, kind, params, *texts, provenance, na_allowed)  # type: ignore[arg-type]
            )
            paths.append(join(p, "code"))
    r.unique(zip((x.code for x in out), paths, strict=True))
    return tuple(out)


def _check_indicator_weights(r: Reader, dims: tuple[Dimension, ...], inds: tuple[Indicator, ...]) -> None:
    for d in dims:
        weights = [i.weight for i in inds if i.dimension == d.code]
        if not weights:
            r.error("indicators", "dimension_empty", dimension=d.code)
        elif sum(weights, ZERO) != HUNDRED:
            r.error("indicators", "weights_sum", total=f"{sum(weights, ZERO)} ({d.code})")


def _grades(r: Reader, raw: Any) -> tuple[GradeBand, ...]:
    out: list[GradeBand] = []
    paths: list[str] = []
    for i, entry in enumerate(r.items(raw, "grades")):
        p = join("grades", i)
        m = r.mapping(entry, p, ("code", "name_zh", "name_en", "min_score", "status", "provenance"))
        if m is None:
            continue
        code = r.code(m.get("code"), join(p, "code"))
        name = r.texts(m, p, "name")
        min_score = r.score(m.get("min_score"), join(p, "min_score"))
        status = r.choice(m.get("status"), join(p, "status"), ("confirmed", "modelled"))
        provenance = r.text(m.get("provenance"), join(p, "provenance"))
        if code and name and min_score is not None and status and provenance:
            out.append(GradeBand(code, name, min_score, status, provenance))  # type: ignore[arg-type]
            paths.append(join(p, "code"))
    r.unique(zip((g.code for g in out), paths, strict=True))
    r.unique((str(g.min_score.normalize()), join(p, "min_score")) for g, p in zip(out, paths, strict=True))
    if out and not any(g.min_score == ZERO for g in out):
        r.error("grades", "grade_floor")
    return tuple(out)


def _caps(r: Reader, raw: Any, inds: dict[str, Indicator], grades: set[str]) -> tuple[CapRule, ...]:
    if raw == []:
        return ()
    out: list[CapRule] = []
    paths: list[str] = []
    for i, entry in enumerate(r.items(raw, "caps")):
        p = join("caps", i)
        keys = ("code", "indicator", "fails_below", "cap_grade", "reason_zh", "reason_en", "provenance")
        m = r.mapping(entry, p, keys)
        if m is None:
            continue
        code = r.code(m.get("code"), join(p, "code"))
        ind = _lookup(inds, m.get("indicator"))
        if ind is None:
            r.error(join(p, "indicator"), "unknown_reference", value=str(m.get("indicator")), kind="indicator")
        elif ind.not_applicable_allowed:
            r.error(join(p, "indicator"), "gate_allows_na", indicator=ind.code)
        fails_below = r.score(m.get("fails_below"), join(p, "fails_below"))
        if fails_below is not None and fails_below <= ZERO:
            r.error(join(p, "fails_below"), "expected_positive")
        cap = m.get("cap_grade")
        cap_ok = isinstance(cap, str) and cap in grades
        if not cap_ok:
            r.error(join(p, "cap_grade"), "unknown_reference", value=str(cap), kind="grade")
        reason = r.texts(m, p, "reason")
        provenance = r.text(m.get("provenance"), join(p, "provenance"))
        if code and ind and fails_below and cap_ok and reason and provenance:
            out.append(CapRule(code, ind.code, fails_below, cap, reason, provenance))
            paths.append(join(p, "code"))
    r.unique(zip((c.code for c in out), paths, strict=True))
    return tuple(out)


def _na_policy(r: Reader, raw: Any) -> NaPolicy | None:
    p = "not_applicable_policy"
    m = r.mapping(raw, p, ("within_dimension", "empty_dimension", "note_zh", "note_en"))
    if m is None:
        return None
    within = r.choice(m.get("within_dimension"), join(p, "within_dimension"), NA_POLICIES)
    empty = r.choice(m.get("empty_dimension"), join(p, "empty_dimension"), NA_POLICIES)
    note = r.texts(m, p, "note")
    return NaPolicy(within, empty, note) if within and empty and note else None  # type: ignore[arg-type]


def _lookup(inds: dict[str, Indicator], code: Any) -> Indicator | None:
    return inds.get(code) if isinstance(code, str) else None


def _operand(r: Reader, raw: Any, path: str, inds: dict[str, Indicator]) -> tuple[str, str] | None:
    code, _, fld = str(raw).partition(".")
    ind = _lookup(inds, code)
    fields = OPERAND_FIELDS.get(ind.type, ()) if ind else ()
    if fld not in fields:
        allowed = ", ".join(fields) if fields else "value, numerator, denominator, count"
        r.error(path, "bad_operand", fields=allowed)
        return None
    return code, fld


def _cross_checks(r: Reader, raw: Any, inds: dict[str, Indicator]) -> tuple[CrossCheck, ...]:
    if raw == []:
        return ()
    out: list[CrossCheck] = []
    paths: list[str] = []
    for i, entry in enumerate(r.items(raw, "cross_checks")):
        p = join("cross_checks", i)
        m = r.mapping(entry, p, ("code", "left", "op", "right", "description_zh", "description_en"))
        if m is None:
            continue
        code = r.code(m.get("code"), join(p, "code"))
        left = _operand(r, m.get("left"), join(p, "left"), inds)
        op = r.choice(m.get("op"), join(p, "op"), CHECK_OPS)
        right = _operand(r, m.get("right"), join(p, "right"), inds)
        description = r.texts(m, p, "description")
        if code and left and op and right and description:
            out.append(CrossCheck(code, left, op, right, description))  # type: ignore[arg-type]
            paths.append(join(p, "code"))
    r.unique(zip((c.code for c in out), paths, strict=True))
    return tuple(out)
