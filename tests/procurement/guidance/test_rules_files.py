"""Every shipped rule file loads; its figures are the domain file's; selection by date works."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from procurement.guidance import (
    advise_on_date,
    check_rule_sets,
    content_hash,
    in_force_until,
    load_rules_dir,
    load_rules_file,
    parse_rules,
    select_rule_set,
    shipped_rules_dir,
)
from procurement.guidance.types import InvalidFacts, Method, PeriodUnit
from tests.procurement.guidance.conftest import RULES_FILE, make, write_rules

SHIPPED = sorted(shipped_rules_dir().glob("*.y*ml"))


def test_there_is_at_least_one_shipped_rule_file():
    assert SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_rule_file_loads_without_errors(path):
    rule_set, errors = load_rules_file(path)
    assert [str(e) for e in errors] == []
    assert rule_set is not None
    assert path.name == f"{rule_set.slug}-v{rule_set.version}.yaml"
    assert len(rule_set.content_hash) == 64


def test_shipped_directory_loads_as_a_consistent_set():
    rule_sets, errors = load_rules_dir()
    assert errors == []
    assert {rs.file for rs in rule_sets} == {p.name for p in SHIPPED}


def test_shipped_directory_is_data_only():
    assert not list(shipped_rules_dir().glob("*.py"))


def test_every_method_is_in_the_rules(rules):
    assert set(rules.methods) == set(Method)


@pytest.mark.parametrize(
    ("method", "period", "days", "unit"),
    [
        (Method.PUBLIC_TENDER, "bid_deadline", 20, PeriodUnit.CALENDAR_DAYS),
        (Method.PUBLIC_TENDER, "documents_on_sale", 5, PeriodUnit.WORKING_DAYS),
        (Method.PUBLIC_TENDER, "clarification_cutoff", 15, PeriodUnit.CALENDAR_DAYS),
        (Method.COMPETITIVE_CONSULTATION, "first_response_deadline", 10, PeriodUnit.CALENDAR_DAYS),
        (Method.COMPETITIVE_CONSULTATION, "documents_on_sale", 5, PeriodUnit.WORKING_DAYS),
        (Method.COMPETITIVE_NEGOTIATION, "response_deadline", 3, PeriodUnit.WORKING_DAYS),
        (Method.ENQUIRY, "response_deadline", 3, PeriodUnit.WORKING_DAYS),
        (Method.SINGLE_SOURCE, "public_notice", 5, PeriodUnit.WORKING_DAYS),
        (Method.COOPERATIVE_INNOVATION, "public_notice", 5, PeriodUnit.WORKING_DAYS),
    ],
)
def test_statutory_periods_match_the_domain_file(rules, method, period, days, unit):
    found = {p.id: p for p in rules.methods[method].periods}[period]
    assert (found.days, found.unit) == (days, unit)
    assert found.basis, "every period carries its legal basis"


def test_evaluation_section_keeps_the_shape_the_bid_scoring_engine_reads(raw_rules):
    pw = raw_rules["evaluation"]["price_weight"]
    assert (pw["tender"]["goods"]["min"], pw["tender"]["goods"]["max"]) == (30, None)
    assert (pw["tender"]["services"]["min"], pw["tender"]["services"]["max"]) == (10, None)
    assert (pw["consultation"]["goods"]["min"], pw["consultation"]["goods"]["max"]) == (30, 60)
    assert (pw["consultation"]["services"]["min"], pw["consultation"]["services"]["max"]) == (
        10,
        30,
    )
    for stage in pw.values():
        for cat in stage.values():
            assert cat["basis"]["source"] in raw_rules["sources"]


def test_parsed_price_weights(rules):
    assert rules.price_weights["consultation"]["goods"].max == 60
    assert rules.price_weights["tender"]["services"].min == 10


@pytest.mark.parametrize(
    ("jurisdiction", "secondary"),
    [("central", False), ("fujian", True), ("sichuan", True), ("henan", True)],
)
def test_threshold_items_are_flagged_secondary_as_in_the_domain_file(
    rules, jurisdiction, secondary
):
    items = [t for t in rules.thresholds if t.jurisdiction == jurisdiction]
    assert items
    assert {t.secondary for t in items} == {secondary}


def test_secondary_provisions_and_methods(rules):
    assert rules.methods[Method.COOPERATIVE_INNOVATION].secondary
    assert rules.rule("needs_survey").secondary
    assert rules.rule("service_contract_term").secondary
    assert not rules.methods[Method.PUBLIC_TENDER].secondary


def test_sources_of_the_domain_list_have_urls(rules):
    for source in rules.sources.values():
        if source.in_domain_sources:
            assert source.url and source.url.startswith("http")
    assert rules.sources["LAW"].url.startswith("https://github.com/LawRefBook/Laws/")


def test_model_sections_are_marked_modelled(rules, raw_rules):
    assert rules.cooperation.modelled and rules.deployment.modelled
    assert raw_rules["cooperation_models"]["basis"]["source"] == "SEED004"


# --------------------------------------------------------------------------- hash


def test_content_hash_ignores_comments_and_tracks_values(tmp_path):
    text = RULES_FILE.read_text(encoding="utf-8")
    commented = tmp_path / "cn-gov-procurement-v1.yaml"
    commented.write_text("# an extra comment\n" + text, encoding="utf-8")
    original, _ = load_rules_file(RULES_FILE)
    same, errors = load_rules_file(commented)
    assert errors == []
    assert same.content_hash == original.content_hash
    changed = tmp_path / "changed" / "cn-gov-procurement-v1.yaml"
    changed.parent.mkdir()
    changed.write_text(text.replace("amount: 2000000", "amount: 2000001", 1), encoding="utf-8")
    different, errors = load_rules_file(changed)
    assert errors == []
    assert different.content_hash != original.content_hash


def test_content_hash_is_key_order_independent():
    assert content_hash({"a": 1, "b": date(2020, 1, 1)}) == content_hash(
        {"b": date(2020, 1, 1), "a": 1}
    )


def test_result_records_the_rule_set_it_used(run, rules):
    result = run()
    assert (result.rules.slug, result.rules.version, result.rules.content_hash) == (
        "cn-gov-procurement",
        1,
        rules.content_hash,
    )


# --------------------------------------------------------------------------- selection


def _v1_and_v2(tmp_path, raw_rules, v1=None, v2=None):
    """The shipped rules as v1 (open-ended from 2020, with `v1` changes) and a test-only v2
    (from 2026-01-01, with `v2` changes), as two files in a directory."""
    assert raw_rules["effective_to"] is None
    write_rules(tmp_path, {**copy.deepcopy(raw_rules), **(v1 or {})})
    second = {**copy.deepcopy(raw_rules), "version": 2, "effective_from": date(2026, 1, 1), **(v2 or {})}
    write_rules(tmp_path, second, "cn-gov-procurement-v2.yaml")
    return load_rules_dir(tmp_path)


# v1 closed the day before v2, or open-ended: either way v2 takes over on 2026-01-01.
@pytest.mark.parametrize("v1_to", [date(2025, 12, 31), None])
@pytest.mark.parametrize(
    ("on", "version"),
    [
        (date(2019, 12, 31), None),
        (date(2020, 1, 1), 1),
        (date(2025, 12, 31), 1),
        (date(2026, 1, 1), 2),
        (date(2040, 6, 1), 2),
    ],
)
def test_rule_set_is_selected_by_date(tmp_path, raw_rules, v1_to, on, version):
    rule_sets, errors = _v1_and_v2(tmp_path, raw_rules, v1={"effective_to": v1_to})
    assert errors == []
    chosen = select_rule_set(rule_sets, on)
    assert (chosen.version if chosen else None) == version


def test_overlapping_versions_are_an_error(tmp_path, raw_rules):
    rule_sets, errors = _v1_and_v2(tmp_path, raw_rules, v1={"effective_to": date(2025, 12, 31)},
                                   v2={"effective_from": date(2024, 1, 1)})
    assert len(rule_sets) == 2
    assert any("overlaps" in e.message for e in errors)
    assert check_rule_sets(rule_sets)


def test_an_open_ended_version_ends_the_day_before_its_successor(tmp_path, raw_rules):
    rule_sets, errors = _v1_and_v2(tmp_path, raw_rules, v2={"effective_to": date(2026, 12, 31)})
    assert errors == []
    v1, v2 = sorted(rule_sets, key=lambda r: r.version)
    assert in_force_until(v1, rule_sets) == date(2025, 12, 31)
    assert in_force_until(v2, rule_sets) == date(2026, 12, 31)
    assert in_force_until(v1, [v1]) is None
    # After a closed successor ends, the open-ended version does not come back.
    assert select_rule_set(rule_sets, date(2027, 1, 1)) is None
    with pytest.raises(InvalidFacts) as exc:
        advise_on_date(rule_sets, make(date=date(2027, 1, 1)))
    assert "2020-01-01–2025-12-31" in exc.value.errors[0].params["ranges"]


@pytest.mark.parametrize(
    ("v1_version", "v2_from"),
    [(1, date(2020, 1, 1)), (3, date(2026, 1, 1))],
    ids=["same-first-day", "lower-version-later"],
)
def test_an_open_ended_version_still_conflicts_unless_truly_succeeded(tmp_path, raw_rules, v1_version, v2_from):
    first = copy.deepcopy(raw_rules)
    first["version"] = v1_version
    second = copy.deepcopy(raw_rules)
    second.update(version=2, effective_from=v2_from)
    write_rules(tmp_path, first, f"cn-gov-procurement-v{v1_version}.yaml")
    write_rules(tmp_path, second, "cn-gov-procurement-v2.yaml")
    rule_sets, errors = load_rules_dir(tmp_path)
    assert len(rule_sets) == 2
    assert [(e.file, e.path) for e in errors] == [("cn-gov-procurement-v2.yaml", "effective_from")]


def test_file_name_must_match_slug_and_version(tmp_path, raw_rules):
    path = write_rules(tmp_path, raw_rules, "procurement-rules.yaml")
    rule_set, errors = load_rules_file(path)
    assert rule_set is None
    assert [e.message for e in errors] == [
        "file name must be cn-gov-procurement-v1.yaml (one file per version)"
    ]


@pytest.mark.parametrize("bad", [["fujian"], {"fujian": 1}, 7])
def test_a_jurisdiction_of_the_wrong_type_is_a_readable_error(raw_rules, bad):
    data = copy.deepcopy(raw_rules)
    data["provisions"]["catalogue_lists_cloud"]["jurisdictions"] = [bad]
    rule_set, errors = parse_rules(data)
    assert rule_set is None
    assert any(e.path == "provisions.catalogue_lists_cloud.jurisdictions[0]" for e in errors), errors
