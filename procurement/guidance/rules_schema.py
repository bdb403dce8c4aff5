"""Load, validate and select versioned procurement rule sets.

Public API::

    load_rules_file(path) -> (RuleSet | None, list[RuleError])
    parse_rules(data, file="<memory>") -> (RuleSet | None, list[RuleError])
    load_rules_dir(directory=None) -> (tuple[RuleSet, ...], list[RuleError])
    check_rule_sets(rule_sets) -> list[RuleError]
    ranges_conflict(a, b) -> bool
    in_force_until(rule_set, rule_sets) -> date | None
    select_rule_set(rule_sets, on) -> RuleSet | None
    content_hash(data) -> str

Loading never raises on bad input: unreadable files, YAML syntax errors, duplicate keys, wrong
types, unknown keys and ids, missing legal bases, inconsistent figures all come back as
:class:`RuleError` (file, path, message) — every one of them, not just the first.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

import yaml

from procurement.guidance.rules_methods import read_approvals, read_methods
from procurement.guidance.rules_model import RuleSet
from procurement.guidance.rules_model_sets import read_models
from procurement.guidance.rules_provisions import read_evaluation, read_provisions
from procurement.guidance.rules_sources import read_jurisdictions, read_sources
from procurement.guidance.rules_thresholds import read_thresholds
from procurement.guidance.types import Method, RuleError, Signatory
from procurement.guidance.yaml_checks import Checker, load_yaml_text

FORMAT_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_KEYS_REQUIRED = (
    "format",
    "slug",
    "version",
    "title",
    "effective_from",
    "effective_to",
    "sources",
    "jurisdictions",
    "thresholds",
    "methods",
    "approvals",
    "provisions",
    "evaluation",
    "cooperation_models",
    "deployment_models",
)
TOP_KEYS_OPTIONAL = ("currency",)


def shipped_rules_dir() -> Path:
    """The directory of the rule files shipped with the code (``procurement/rules``)."""
    return Path(__file__).resolve().parent.parent / "rules"


def content_hash(data: Any) -> str:
    """SHA-256 of the parsed rule data in canonical JSON (sorted keys, dates as ISO text).

    Comments and formatting do not change the hash; any change to a value does.
    """
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def load_rules_file(path: str | Path) -> tuple[RuleSet | None, list[RuleError]]:
    """Read and validate one rule file; the file name must be ``<slug>-v<version>.yaml``."""
    path = Path(path)
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return None, [RuleError(name, "", f"cannot read the file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return None, [RuleError(name, "", f"not UTF-8 text (byte {exc.start})")]
    try:
        data = load_yaml_text(text)
    except yaml.YAMLError as exc:
        return None, [
            RuleError(name, _yaml_position(exc), f"YAML syntax error: {_yaml_problem(exc)}")
        ]
    except RecursionError:
        return None, [RuleError(name, "", "the YAML is nested too deeply")]
    # PyYAML builds some values with int(), float() and date(): an impossible date
    # (2026-02-30), an integer of more than 4300 digits or a malformed !!timestamp fails there.
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        return None, [RuleError(name, "", f"a value cannot be read: {exc}")]
    rule_set, errors = parse_rules(data, file=name)
    if isinstance(data, dict):
        slug, version = data.get("slug"), data.get("version")
        expected = f"{slug}-v{version}"
        if isinstance(slug, str) and isinstance(version, int) and path.stem != expected:
            errors.append(
                RuleError(name, "", f"file name must be {expected}.yaml (one file per version)")
            )
            rule_set = None
    return (rule_set if not errors else None), errors


def _yaml_position(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return ""
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return ": ".join(parts) if parts else str(exc).splitlines()[0]


def parse_rules(data: Any, file: str = "<memory>") -> tuple[RuleSet | None, list[RuleError]]:
    """Validate parsed YAML data and build a :class:`RuleSet` (``None`` if anything is wrong)."""
    c = Checker(file)
    top = c.mapping(data, "")
    if top is None:
        return None, c.errors
    c.keys(top, "", required=TOP_KEYS_REQUIRED, optional=TOP_KEYS_OPTIONAL)
    fmt = c.integer(top, "format", "")
    if fmt is not None and fmt != FORMAT_VERSION:
        c.error("format", f"unsupported format {fmt} (this code reads format {FORMAT_VERSION})")
    slug = c.string(top, "slug", "")
    if slug is not None and not SLUG_RE.match(slug):
        c.error("slug", "use lower-case letters, digits and hyphens")
    version = c.integer(top, "version", "", minimum=1)
    title = c.string(top, "title", "")
    effective_from = c.date(top, "effective_from", "")
    effective_to = c.date(top, "effective_to", "", nullable=True)
    if effective_from and effective_to and effective_to < effective_from:
        c.error("effective_to", f"{effective_to} is before effective_from {effective_from}")
    if "currency" in top and top["currency"] != "CNY":
        c.error("currency", "amounts are in yuan: currency must be CNY")

    sources = read_sources(c, top.get("sources"))
    jurisdictions = read_jurisdictions(c, top.get("jurisdictions"))
    thresholds = read_thresholds(c, top.get("thresholds"), sources, jurisdictions)
    methods = read_methods(c, top.get("methods"), sources)
    approvals = read_approvals(c, top.get("approvals"), sources)
    provisions = read_provisions(c, top.get("provisions"), sources, jurisdictions)
    price_weights = read_evaluation(c, top.get("evaluation"), sources)
    cooperation = read_models(
        c, top.get("cooperation_models"), "cooperation", "cooperation_models", sources
    )
    deployment = read_models(
        c, top.get("deployment_models"), "deployment", "deployment_models", sources
    )
    _check_unused_sources(c, top, sources)

    if c.errors:
        return None, c.errors
    assert slug and version and title and effective_from and cooperation and deployment
    info = provisions["info_system"].values
    return (
        RuleSet(
            slug=slug,
            version=version,
            title=title,
            effective_from=effective_from,
            effective_to=effective_to,
            content_hash=content_hash(data),
            file=file,
            sources=sources,
            jurisdictions=jurisdictions,
            thresholds=thresholds,
            methods=methods,
            approvals=approvals,
            rules=provisions,
            signatory_risk=frozenset(
                Signatory(s) for s in provisions["tender_law_risk"].values["signatories"]
            ),
            info_system_excluded=frozenset(Method(m) for m in info["excluded_methods"]),
            info_system_jurisdictions=(
                None if info["jurisdictions"] is None else frozenset(info["jurisdictions"])
            ),
            catalogue_lists_cloud=frozenset(
                provisions["catalogue_lists_cloud"].values["jurisdictions"]
            ),
            price_weights=price_weights,
            recommendation_profiles=dict(provisions["recommendation"].values["profiles"]),
            cooperation=cooperation,
            deployment=deployment,
            raw=top,
        ),
        [],
    )


def _check_unused_sources(c: Checker, top: dict[str, Any], sources: dict[str, Any]) -> None:
    used: set[str] = set()
    _collect_cited(top, used)
    for sid in sources:
        if sid not in used:
            c.error(f"sources.{sid}", "source is not cited by any item")


def _collect_cited(value: Any, used: set[str]) -> None:
    stack = [value]  # iterative: a file may nest thousands deep
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if "law" in value and isinstance(value.get("source"), str):
                used.add(value["source"])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def load_rules_dir(
    directory: str | Path | None = None,
) -> tuple[tuple[RuleSet, ...], list[RuleError]]:
    """Load every ``*.yaml`` rule file in ``directory`` (default: the shipped rules)."""
    directory = Path(directory) if directory is not None else shipped_rules_dir()
    rule_sets: list[RuleSet] = []
    errors: list[RuleError] = []
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    for path in files:
        rule_set, file_errors = load_rules_file(path)
        errors.extend(file_errors)
        if rule_set is not None:
            rule_sets.append(rule_set)
    errors.extend(check_rule_sets(rule_sets))
    return tuple(rule_sets), errors


def check_rule_sets(rule_sets: Iterable[RuleSet]) -> list[RuleError]:
    """Versions of one slug must be unique and their effective ranges must not overlap.

    An open-ended version (``effective_to: null``) may be followed by a higher version that
    starts later: it is then taken to end the day before that one starts (see
    :func:`in_force_until`), so a new version needs no edit of the released one. Two versions
    starting on the same day, a lower version starting after an open-ended higher one, and
    overlapping closed ranges are still refused.
    """
    errors: list[RuleError] = []
    by_slug: dict[str, list[RuleSet]] = {}
    for rs in rule_sets:
        by_slug.setdefault(rs.slug, []).append(rs)
    for group in by_slug.values():
        group.sort(key=lambda r: (r.effective_from, r.version))
        versions: dict[int, RuleSet] = {}
        for rs in group:
            if rs.version in versions:
                errors.append(
                    RuleError(
                        rs.file,
                        "version",
                        f"version {rs.version} also in {versions[rs.version].file}",
                    )
                )
            versions[rs.version] = rs
        for earlier, later in zip(group, group[1:], strict=False):
            if ranges_conflict(earlier, later):
                errors.append(
                    RuleError(
                        later.file,
                        "effective_from",
                        f"overlaps {earlier.file} (effective {earlier.effective_from} to "
                        f"{earlier.effective_to or 'open end'})",
                    )
                )
    return errors


class _Versioned(Protocol):
    slug: str
    version: int
    effective_from: date
    effective_to: date | None


def ranges_conflict(a: _Versioned, b: _Versioned) -> bool:
    """Do two versions of one slug both claim some day?

    Closed ranges conflict when they share a day (both ends inclusive). An open-ended version
    does not conflict with a higher version starting strictly later: that one succeeds it.
    It does conflict with a version starting the same day or earlier, and with a lower version
    starting later (an older text cannot cut short a newer one).
    """
    earlier, later = sorted((a, b), key=lambda r: (r.effective_from, r.version))
    if earlier.effective_to is not None:
        return earlier.effective_to >= later.effective_from
    return not (later.effective_from > earlier.effective_from and later.version > earlier.version)


def in_force_until(rule_set: _Versioned, rule_sets: Iterable[_Versioned]) -> date | None:
    """The last day ``rule_set`` is in force among ``rule_sets`` (engine rule sets or stored
    rows): its ``effective_to``, or for an open-ended version the day before the next version
    of its slug starts; ``None`` when it is still open."""
    if rule_set.effective_to is not None:
        return rule_set.effective_to
    successors = [
        rs.effective_from
        for rs in rule_sets
        if rs.slug == rule_set.slug and rs.effective_from > rule_set.effective_from
    ]
    return min(successors) - timedelta(days=1) if successors else None


def select_rule_set(
    rule_sets: Sequence[RuleSet], on: date, slug: str | None = None
) -> RuleSet | None:
    """The rule set in force on ``on`` (latest ``effective_from`` wins); ``None`` if none is.

    An open-ended version ends the day before the next version of its slug starts
    (:func:`in_force_until`)."""
    candidates = [
        rs
        for rs in rule_sets
        if (slug is None or rs.slug == slug)
        and rs.effective_from <= on
        and ((until := in_force_until(rs, rule_sets)) is None or on <= until)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda rs: (rs.effective_from, rs.version))


__all__ = [
    "FORMAT_VERSION",
    "check_rule_sets",
    "content_hash",
    "in_force_until",
    "load_rules_dir",
    "load_rules_file",
    "parse_rules",
    "ranges_conflict",
    "select_rule_set",
    "shipped_rules_dir",
]
