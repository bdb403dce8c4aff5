"""Broken rule files give readable (file, path, message) errors — all of them, never a traceback."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from procurement.guidance import load_rules_dir, load_rules_file, parse_rules
from tests.procurement.guidance.conftest import RULES_FILE, write_rules

NAME = "cn-gov-procurement-v1.yaml"


def _set(path: str, value):
    """Mutation: set ``a.b[0].c`` to ``value`` (``...`` deletes the key)."""

    def mutate(data):
        *parents, last = _split(path)
        node = data
        for key in parents:
            node = node[key]
        if value is ...:
            del node[last]
        else:
            node[last] = value

    return mutate


def _split(path: str):
    out = []
    for part in path.split("."):
        if "[" in part:
            name, idx = part[:-1].split("[")
            out += [name, int(idx)]
        else:
            out.append(part)
    return out


BROKEN = [
    ("missing slug", _set("slug", ...), "slug", "required key is missing"),
    ("typo in a top key", _set("thresholdz", []), "thresholdz", "unknown key"),
    ("bad slug", _set("slug", "CN Gov"), "slug", "lower-case"),
    ("version not a number", _set("version", "one"), "version", "whole number"),
    (
        "effective_to before from",
        _set("effective_to", date(2019, 1, 1)),
        "effective_to",
        "before effective_from",
    ),
    ("date and time", _set("effective_from", "2020-01-01T00:00"), "effective_from", "date"),
    ("wrong format", _set("format", 2), "format", "unsupported format"),
    (
        "unknown source id",
        _set("thresholds[0].basis.source", "NOPE"),
        "thresholds[0].basis.source",
        "unknown source id",
    ),
    ("missing basis", _set("thresholds[0].basis", ...), "thresholds[0].basis", "legal basis"),
    (
        "basis without law",
        _set("methods.enquiry.basis.law", ...),
        "methods.enquiry.basis.law",
        "required key is missing",
    ),
    (
        "float money",
        _set("thresholds[0].amount", 1000000.5),
        "thresholds[0].amount",
        "whole number of yuan",
    ),
    ("negative money", _set("thresholds[0].amount", -1), "thresholds[0].amount", "negative"),
    (
        "null amount without note",
        _set("thresholds[0].amount", None),
        "thresholds[0].note",
        "needs a note",
    ),
    (
        "unknown jurisdiction",
        _set("thresholds[4].jurisdiction", "atlantis"),
        "thresholds[4].jurisdiction",
        "unknown jurisdiction",
    ),
    (
        "unknown level",
        _set("thresholds[0].levels", ["galaxy"]),
        "thresholds[0].levels[0]",
        "unknown value",
    ),
    (
        "missing central figure",
        _set("thresholds[1].categories", ["goods"]),
        "thresholds",
        "no central figure for procurement_limit/works",
    ),
    (
        "tender below limit",
        _set("thresholds[2].amount", 500000),
        "thresholds",
        "below the procurement limit",
    ),
    (
        "missing method",
        _set("methods.enquiry", ...),
        "methods.enquiry",
        "required method is missing",
    ),
    ("unknown method", _set("methods.auction", {}), "methods.auction", "unknown value"),
    (
        "unknown condition",
        _set(
            "methods.enquiry.conditions.cheap",
            {"basis": {"law": "x", "article": None, "source": "LAW"}},
        ),
        "methods.enquiry.conditions.cheap",
        "unknown condition",
    ),
    (
        "limit of wrong type",
        _set("methods.enquiry.limits.min_suppliers.value", "three"),
        "methods.enquiry.limits.min_suppliers.value",
        "expected int",
    ),
    (
        "zero-day period",
        _set("methods.enquiry.periods[0].days", 0),
        "methods.enquiry.periods[0].days",
        "at least 1",
    ),
    (
        "bad unit",
        _set("methods.enquiry.periods[0].unit", "fortnights"),
        "methods.enquiry.periods[0].unit",
        "unknown value",
    ),
    (
        "dangling anchor",
        _set("methods.public_tender.periods[2].before", "nowhere"),
        "methods.public_tender.periods[2].before",
        "earlier period",
    ),
    (
        "both anchors",
        _set("methods.enquiry.periods[0].before", "start"),
        "methods.enquiry.periods[0]",
        "exactly one",
    ),
    (
        "unknown period id",
        _set("methods.enquiry.periods[0].id", "siesta"),
        "methods.enquiry.periods[0].id",
        "unknown period",
    ),
    (
        "unknown approval",
        _set("approvals.deviation_from_public_tender.requires", ["bless"]),
        "approvals.deviation_from_public_tender.requires[0]",
        "unknown value",
    ),
    (
        "missing provision",
        _set("provisions.addon", ...),
        "provisions.addon",
        "required key is missing",
    ),
    (
        "percent too big",
        _set("provisions.addon.max_total_percent", 110),
        "provisions.addon.max_total_percent",
        "at most 100",
    ),
    (
        "price weight inverted",
        _set("evaluation.price_weight.consultation.goods.min", 70),
        "evaluation.price_weight.consultation.goods",
        "above max",
    ),
    (
        "price weight missing",
        _set("evaluation.price_weight.tender.services", ...),
        "evaluation.price_weight.tender.services",
        "required key",
    ),
    (
        "models not marked modelled",
        _set("cooperation_models.modelled", False),
        "cooperation_models.modelled",
        "modelled: true",
    ),
    (
        "model score out of scale",
        _set("deployment_models.options.private_cloud.scores.cost", 9),
        "deployment_models.options.private_cloud.scores.cost",
        "at most 5",
    ),
    (
        "model option without message",
        _set(
            "deployment_models.options.edge_cloud",
            {
                "name_zh": "边缘云",
                "scores": {"security": 3, "flexibility": 3, "scalability": 3, "cost": 3},
            },
        ),
        "deployment_models.options.edge_cloud.scores",
        "no translatable message",
    ),
    (
        "unused source",
        _set("sources.EXTRA", {"title": "x", "url": "https://example.org"}),
        "sources.EXTRA",
        "not cited",
    ),
    (
        "domain source without url",
        _set("sources.LAW.url", None),
        "sources.LAW.url",
        "needs its URL",
    ),
]


@pytest.mark.parametrize(("label", "mutate", "path", "needle"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_variant_reports_a_readable_error(tmp_path, raw_rules, label, mutate, path, needle):
    data = copy.deepcopy(raw_rules)
    mutate(data)
    rule_set, errors = load_rules_file(write_rules(tmp_path, data))
    assert rule_set is None
    matches = [e for e in errors if e.path == path and needle in e.message]
    assert matches, [str(e) for e in errors]
    assert all(e.file == NAME for e in errors)
    assert str(matches[0]).startswith(f"{NAME}: {path}: ")


INDEPENDENT = (
    "typo in a top key",
    "bad slug",
    "version not a number",
    "date and time",
    "missing basis",
    "basis without law",
    "unknown jurisdiction",
    "limit of wrong type",
    "dangling anchor",
    "percent too big",
    "price weight inverted",
    "model score out of scale",
)


def test_every_error_in_a_file_is_reported_not_just_the_first(tmp_path, raw_rules):
    data = copy.deepcopy(raw_rules)
    chosen = [b for b in BROKEN if b[0] in INDEPENDENT]
    assert len(chosen) == len(INDEPENDENT)
    for _, mutate, _, _ in chosen:
        mutate(data)
    _, errors = load_rules_file(write_rules(tmp_path, data))
    for label, _, path, needle in chosen:
        assert any(e.path == path and needle in e.message for e in errors), label


@pytest.mark.parametrize(
    ("content", "path", "needle"),
    [
        ("slug: [unclosed\n", "line 2, column 1", "YAML syntax error"),
        ("slug: a\nslug: b\n", "line 2, column 1", "duplicate key 'slug'"),
        ("- just\n- a list\n", "", "expected a mapping"),
        ("", "", "expected a mapping (key: value), got null"),
        ("key: !!python/object:os.system ls\n", "line 1, column 6", "YAML syntax error"),
    ],
)
def test_unparseable_files(tmp_path, content, path, needle):
    file = tmp_path / NAME
    file.write_text(content, encoding="utf-8")
    rule_set, errors = load_rules_file(file)
    assert rule_set is None
    assert any(e.path == path and needle in e.message for e in errors), [str(e) for e in errors]


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / NAME
    binary.write_bytes(b"\xff\xfe\x00garbage")
    _, errors = load_rules_file(binary)
    assert "not UTF-8" in errors[0].message
    _, errors = load_rules_file(tmp_path / "absent-v1.yaml")
    assert "cannot read the file" in errors[0].message


def test_parse_rules_accepts_any_python_value_without_raising():
    for junk in (None, 42, "text", [1, 2], {"format": object()}):
        rule_set, errors = parse_rules(junk)
        assert rule_set is None and errors


def test_directory_with_one_broken_file_still_loads_the_good_one(tmp_path, raw_rules):
    (tmp_path / NAME).write_text(RULES_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken-v1.yaml").write_text("slug: [", encoding="utf-8")
    rule_sets, errors = load_rules_dir(tmp_path)
    assert [rs.file for rs in rule_sets] == [NAME]
    assert [e.file for e in errors] == ["broken-v1.yaml"]
