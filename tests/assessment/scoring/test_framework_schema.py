"""Broken framework files give readable (file, path, message) errors, never a traceback."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import load_framework_file, parse_framework
from assessment.scoring.schema_reader import FrameworkError

from .conftest import FRAMEWORKS_DIR

NAME = "caict-gov-cloud-v1.yaml"
BASE: dict[str, Any] = yaml.safe_load((FRAMEWORKS_DIR / NAME).read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = NAME) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_for(tmp_path: Path, mutate: Any) -> list[FrameworkError]:
    data = copy.deepcopy(BASE)
    mutate(data)
    framework, errors = load_framework_file(write(tmp_path, data))
    assert framework is None
    assert errors
    return errors


def paths(errors: list[FrameworkError]) -> dict[str, str]:
    return {e.path: e.code for e in errors}


def test_unchanged_copy_loads(tmp_path: Path) -> None:
    framework, errors = load_framework_file(write(tmp_path, copy.deepcopy(BASE)))
    assert errors == [] and framework is not None


def test_error_reads_file_path_message(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        d["indicators"][3]["weight"] = 0

    errors = errors_for(tmp_path, mutate)
    assert str(errors[0]) == f"{NAME}: indicators[3].weight: Must be a number > 0."
    assert errors[0].file == NAME and errors[0].path == "indicators[3].weight"
    assert errors[0].code == "expected_positive"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("slug"), {"slug": "missing_key"}),
        (lambda d: d.update(version="one"), {"version": "expected_integer"}),
        (lambda d: d.update(version=True), {"version": "expected_integer"}),
        (lambda d: d.update(published="21 March 2018"), {"published": "expected_date"}),
        (lambda d: d.update(colour="blue"), {"colour": "unknown_key"}),
        (lambda d: d["dimensions"][0].update(weight=25), {"dimensions": "weights_sum"}),
        (lambda d: d["dimensions"][1].update(code="policy"), {"dimensions[1].code": "duplicate_code"}),
        (lambda d: d["indicators"][0].update(dimension="economy"), {"indicators[0].dimension": "unknown_reference"}),
        (lambda d: d["indicators"][0].update(type="slider"), {"indicators[0].type": "expected_choice"}),
        (lambda d: d["indicators"][1].update(code="P1"), {"indicators[1].code": "duplicate_code"}),
        (lambda d: d["indicators"][0].pop("help_en"), {"indicators[0].help_en": "missing_key"}),
        (lambda d: d["indicators"][0].update(name_zh="  "), {"indicators[0].name_zh": "expected_text"}),
        (lambda d: d["indicators"][0]["params"].update(floor=100), {"indicators[0].params.target": "ascending"}),
        (lambda d: d["indicators"][0]["params"].update(target=120), {"indicators[0].params.target": "expected_score"}),
        (lambda d: d["indicators"][8]["params"].update(full_from=80), {"indicators[8].params": "ascending"}),
        (lambda d: d["indicators"][7]["params"]["levels"][3].update(score=90), {"indicators[7].params.levels": "best_score_100"}),
        (lambda d: d["indicators"][7]["params"]["levels"][1].update(code="L1"), {"indicators[7].params.levels[1].code": "duplicate_code"}),
        (lambda d: d["indicators"][1]["params"]["items"][0].update(points=-5), {"indicators[1].params.items[0].points": "expected_positive"}),
        (lambda d: d["indicators"][12]["params"]["steps"].reverse(), {"indicators[12].params.steps": "ascending"}),
        (lambda d: d["indicators"][12]["params"].update(otherwise=50), {"indicators[12].params.steps": "monotonic_scores"}),
        (lambda d: d["indicators"][10]["params"].update(points_per_unit="five"), {"indicators[10].params.points_per_unit": "expected_positive"}),
        (lambda d: d["indicators"][18]["params"].update(events=[]), {"indicators[18].params.events": "expected_list"}),
        (lambda d: d["indicators"][16].update(params={"yes": 100}), {"indicators[16].params.yes": "unknown_key"}),
        (lambda d: d["indicators"][15].update(not_applicable_allowed=True), {"caps[0].indicator": "gate_allows_na"}),
        (lambda d: d["grades"][3].update(min_score=10), {"grades": "grade_floor"}),
        (lambda d: d["grades"][1].update(status="official"), {"grades[1].status": "expected_choice"}),
        (lambda d: d["caps"][0].update(cap_grade="合格"), {"caps[0].cap_grade": "unknown_reference"}),
        (lambda d: d["caps"][0].update(indicator="S9"), {"caps[0].indicator": "unknown_reference"}),
        (lambda d: d["not_applicable_policy"].update(within_dimension="zero"), {"not_applicable_policy.within_dimension": "expected_choice"}),
        (lambda d: d["cross_checks"][0].update(left="O4.level"), {"cross_checks[0].left": "bad_operand"}),
        (lambda d: d["cross_checks"][0].update(op="<="), {"cross_checks[0].op": "expected_choice"}),
        (lambda d: d.update(indicators="P1, P2"), {"indicators": "expected_list"}),
        (lambda d: d["indicators"].append(["not", "a", "mapping"]), {"indicators[20]": "expected_mapping"}),
    ],
)
def test_broken_variant(tmp_path: Path, mutate: Any, expected: dict[str, str]) -> None:
    found = paths(errors_for(tmp_path, mutate))
    for path, code in expected.items():
        assert found.get(path) == code, found


def test_indicator_weights_must_sum_per_dimension(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, lambda d: d["indicators"][0].update(weight=35))
    assert [(e.path, e.code) for e in errors] == [("indicators", "weights_sum")]
    assert "105 (policy)" in str(errors[0])


def test_many_problems_are_all_reported(tmp_path: Path) -> None:
    def mutate(d: dict) -> None:
        d["slug"] = "CAICT Gov Cloud"
        d["indicators"][3]["weight"] = "heavy"
        d["indicators"][5]["params"]["floor"] = -1
        d["grades"][0]["min_score"] = 185

    found = paths(errors_for(tmp_path, mutate))
    assert {"slug", "indicators[3].weight", "indicators[5].params.floor", "grades[0].min_score"} <= set(found)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text("slug: caict-gov-cloud\nindicators: [\n  {code: P1,\n", encoding="utf-8")
    framework, errors = load_framework_file(path)
    assert framework is None
    assert len(errors) == 1 and errors[0].code == "yaml_syntax"
    assert str(errors[0]).startswith(f"{NAME}: Not valid YAML at line ")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text("slug: a\nversion: 1\nslug: b\n", encoding="utf-8")
    framework, errors = load_framework_file(path)
    assert framework is None
    assert [(e.code, e.params["line"]) for e in errors] == [("yaml_duplicate_key", 3)]


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert [e.code for e in load_framework_file(path)[1]] == ["expected_mapping"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text("", encoding="utf-8")
    assert [e.code for e in load_framework_file(path)[1]] == ["expected_mapping"]


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    framework, errors = load_framework_file(tmp_path / "nope-v1.yaml")
    assert framework is None and errors[0].code == "file_unreadable"
    path = tmp_path / NAME
    path.write_bytes("slug: 政务云".encode("gbk"))
    assert load_framework_file(path)[1][0].code == "file_unreadable"


def test_file_name_must_match_slug_and_version(tmp_path: Path) -> None:
    framework, errors = load_framework_file(write(tmp_path, copy.deepcopy(BASE), "caict-latest.yaml"))
    assert framework is None
    assert [(e.code, e.params["expected"]) for e in errors] == [("file_name_mismatch", NAME)]


def test_content_hash_ignores_layout_not_data(tmp_path: Path) -> None:
    original, _ = load_framework_file(FRAMEWORKS_DIR / NAME)
    reformatted, _ = load_framework_file(write(tmp_path, copy.deepcopy(BASE)))
    assert original is not None and reformatted is not None
    assert original.content_hash == reformatted.content_hash
    changed = copy.deepcopy(BASE)
    changed["indicators"][0]["advice_en"] += "!"
    (tmp_path / "x").mkdir()
    edited, _ = load_framework_file(write(tmp_path / "x", changed))
    assert edited is not None and edited.content_hash != original.content_hash


# Fuzz: arbitrary JSON-like values put anywhere in a valid file never raise.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


def _containers(node: Any, out: list) -> list:
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            _containers(v, out)
    elif isinstance(node, list):
        out.append(node)
        for v in node:
            _containers(v, out)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=json_values)
def test_parse_never_raises(data: st.DataObject, value: Any) -> None:
    doc = copy.deepcopy(BASE)
    containers = _containers(doc, [])
    target = data.draw(st.sampled_from(containers))
    if isinstance(target, dict):
        key = data.draw(st.sampled_from(sorted(target, key=str)))
        target[key] = value
    else:
        target[data.draw(st.integers(0, len(target) - 1))] = value
    framework, errors = parse_framework(doc, file=NAME)
    assert (framework is None) == bool(errors)
    for error in errors:
        assert str(error).startswith(NAME)
