"""Rule-set versions stored like frameworks: the loader service, the command and the selectors."""

import copy
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from procurement.guidance import content_hash, shipped_rules_dir
from procurement.models import RuleSetVersion
from procurement.selectors.rule_sets import rule_set_engine, rule_set_version_in_force
from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files

SHIPPED = shipped_rules_dir() / "cn-gov-procurement-v1.yaml"


@pytest.fixture(scope="module")
def shipped_data():
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict, name: str | None = None) -> Path:
    name = name or f"{data['slug']}-v{data['version']}.yaml"
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_command(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("load_rules", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


# --------------------------------------------------------------------------- storing


def test_every_shipped_rule_file_loads_and_is_stored_as_canonical_json(db):
    outcomes = rule_set_files_load(paths=shipped_rule_files())
    assert [(o.file, o.action) for o in outcomes] == [(p.name, "created") for p in shipped_rule_files()]
    row = RuleSetVersion.objects.get(slug="cn-gov-procurement", version=1)
    assert (row.effective_from, row.effective_to) == (date(2020, 1, 1), None)
    assert row.file_name == "cn-gov-procurement-v1.yaml"
    assert row.title.startswith("政府采购方式选择规则")
    # The stored JSON hashes like the file, and parses back into the same rule set.
    assert content_hash(row.content) == row.content_hash
    assert rule_set_engine(row).content_hash == row.content_hash


def test_loading_again_changes_nothing(db):
    rule_set_files_load(paths=shipped_rule_files())
    before = list(RuleSetVersion.objects.values_list("pk", "loaded_at", "content_hash"))
    outcomes = rule_set_files_load(paths=shipped_rule_files())
    assert {o.action for o in outcomes} == {"unchanged"}
    assert list(RuleSetVersion.objects.values_list("pk", "loaded_at", "content_hash")) == before


def test_same_version_with_changed_content_is_refused(db, tmp_path, shipped_data):
    rule_set_files_load(paths=[SHIPPED])
    changed = copy.deepcopy(shipped_data)
    changed["thresholds"][2]["amount"] = 3000000  # central public-tender threshold
    stored_hash = RuleSetVersion.objects.get().content_hash

    out, err, exc = run_command(write(tmp_path, changed))

    assert isinstance(exc, CommandError)
    assert "cn-gov-procurement-v1.yaml: version 1 of cn-gov-procurement is already loaded with different content" in err
    assert "cn-gov-procurement v1: refused" in out
    assert RuleSetVersion.objects.get().content_hash == stored_hash


def test_comments_and_formatting_do_not_count_as_a_change(db, tmp_path):
    rule_set_files_load(paths=[SHIPPED])
    text = "# a new comment\n" + SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / SHIPPED.name
    path.write_text(text, encoding="utf-8")
    assert [o.action for o in rule_set_files_load(paths=[path])] == ["unchanged"]


def test_a_broken_file_gives_readable_errors_and_stores_nothing(db, tmp_path, shipped_data):
    broken = copy.deepcopy(shipped_data)
    broken["version"] = 2
    broken["effective_from"] = "2030-01-01"
    broken["thresholds"][0]["amount"] = "a lot"
    del broken["methods"]["enquiry"]["basis"]
    broken["methods"]["public_tender"]["periods"][0]["unit"] = "fortnights"
    path = write(tmp_path, broken)

    out, err, exc = run_command(SHIPPED, path)

    assert isinstance(exc, CommandError)
    assert "nothing was stored" in str(exc)
    lines = err.splitlines()
    # Every problem, each with its file and its place in the file.
    assert any(line.startswith("cn-gov-procurement-v2.yaml: thresholds[0].amount:") for line in lines)
    assert any(line.startswith("cn-gov-procurement-v2.yaml: methods.enquiry.basis:") for line in lines)
    assert any(line.startswith("cn-gov-procurement-v2.yaml: methods.public_tender.periods[0].unit:") for line in lines)
    # The good file in the same batch is not stored either: a batch lands whole or not at all.
    assert "cn-gov-procurement v1: not stored" in out
    assert RuleSetVersion.objects.count() == 0


def test_yaml_syntax_error_names_file_and_line(db, tmp_path):
    path = tmp_path / "cn-gov-procurement-v9.yaml"
    path.write_text("slug: [unclosed\nversion: 9\n", encoding="utf-8")
    outcomes = rule_set_files_load(paths=[path])
    assert outcomes[0].action == "invalid"
    message = str(outcomes[0].errors[0])
    assert message.startswith("cn-gov-procurement-v9.yaml: line ") and "YAML syntax error" in message
    assert RuleSetVersion.objects.count() == 0


def test_file_name_must_match_slug_and_version(db, tmp_path, shipped_data):
    path = write(tmp_path, shipped_data, name="rules.yaml")
    outcomes = rule_set_files_load(paths=[path])
    assert outcomes[0].action == "invalid"
    assert "file name must be cn-gov-procurement-v1.yaml" in str(outcomes[0].errors[0])


def test_a_new_version_overlapping_a_stored_one_is_refused(db, tmp_path, shipped_data):
    rule_set_files_load(paths=[SHIPPED])
    v2 = copy.deepcopy(shipped_data)
    v2["version"] = 2
    v2["effective_from"] = date(2020, 1, 1)  # the day v1 starts: v1 would never be in force
    outcomes = rule_set_files_load(paths=[write(tmp_path, v2)])
    assert outcomes[0].action == "refused"
    assert "overlaps the loaded cn-gov-procurement v1" in str(outcomes[0].errors[0])
    assert RuleSetVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("effective_from", "effective_to"),
    [(date(2025, 6, 1), None), (date(2019, 6, 1), date(2020, 1, 1))],
    ids=["starts-before-v1-ends", "ends-on-v1s-first-day"],
)
def test_closed_ranges_still_may_not_overlap(db, tmp_path, shipped_data, effective_from, effective_to):
    v1 = copy.deepcopy(shipped_data)
    v1["effective_to"] = date(2025, 12, 31)
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=effective_from, effective_to=effective_to)
    outcomes = rule_set_files_load(paths=[write(tmp_path, v1), write(tmp_path, v2)])
    assert "refused" in {o.action for o in outcomes}
    assert RuleSetVersion.objects.count() == 0


def test_a_later_version_succeeds_the_open_ended_shipped_one(db, tmp_path, shipped_data):
    """The shipped v1 is open-ended (effective_to: null). A v2 starting later loads without
    editing v1, which is then taken to end the day before v2 starts."""
    assert shipped_data["effective_to"] is None
    rule_set_files_load(paths=[SHIPPED])
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=date(2026, 1, 1), title="v2")
    outcomes = rule_set_files_load(paths=[write(tmp_path, v2)])
    assert [(o.version, o.action) for o in outcomes] == [(2, "created")], outcomes
    v1_row = RuleSetVersion.objects.get(version=1)
    assert v1_row.effective_to is None  # stored as released: nothing was edited
    assert rule_set_version_in_force(on=date(2025, 12, 31)).version == 1
    assert rule_set_version_in_force(on=date(2026, 1, 1)).version == 2
    assert rule_set_version_in_force(on=date(2040, 1, 1)).version == 2
    assert rule_set_version_in_force(on=date(2019, 12, 31)) is None
    # Loading both files again changes nothing.
    assert {o.action for o in rule_set_files_load(paths=[SHIPPED, tmp_path / "cn-gov-procurement-v2.yaml"])} == {
        "unchanged"
    }


def test_a_closed_successor_does_not_revive_the_open_ended_version(db, tmp_path, shipped_data):
    rule_set_files_load(paths=[SHIPPED])
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=date(2026, 1, 1), effective_to=date(2026, 12, 31))
    assert rule_set_files_load(paths=[write(tmp_path, v2)])[0].action == "created"
    assert rule_set_version_in_force(on=date(2026, 12, 31)).version == 2
    assert rule_set_version_in_force(on=date(2027, 1, 1)) is None  # v1 ended on 2025-12-31


def test_a_date_after_a_closed_successor_names_the_ranges_as_in_force(db, tmp_path, shipped_data):
    from django.core.exceptions import ValidationError

    from procurement.services.guidance import guidance_compute
    from tests.procurement.conftest import base_facts

    rule_set_files_load(paths=[SHIPPED])
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=date(2026, 1, 1), effective_to=date(2026, 12, 31))
    rule_set_files_load(paths=[write(tmp_path, v2)])
    with pytest.raises(ValidationError) as exc:
        guidance_compute(data=base_facts(date="2027-01-01"))
    message = " ".join(exc.value.message_dict["date"])
    assert "v1: 2020-01-01–2025-12-31" in message and "v2: 2026-01-01–2026-12-31" in message


def test_a_lower_version_cannot_start_after_an_open_ended_higher_one(db, tmp_path, shipped_data):
    v3 = copy.deepcopy(shipped_data)
    v3.update(version=3)  # open-ended from 2020
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=date(2026, 1, 1))
    rule_set_files_load(paths=[write(tmp_path, v3)])
    outcomes = rule_set_files_load(paths=[write(tmp_path, v2)])
    assert outcomes[0].action == "refused"
    assert RuleSetVersion.objects.count() == 1


def test_the_guidance_api_uses_the_version_in_force_on_the_date(db, tmp_path, shipped_data, world):
    from rest_framework.test import APIClient

    from tests.procurement.conftest import base_facts

    rule_set_files_load(paths=[SHIPPED])
    v2 = copy.deepcopy(shipped_data)
    v2.update(version=2, effective_from=date(2026, 1, 1), title="v2")
    rule_set_files_load(paths=[write(tmp_path, v2)])
    api = APIClient()
    api.force_authenticate(world["official_a"])
    for on, version in (("2025-12-31", 1), ("2026-01-02", 2)):
        response = api.post("/api/v1/procurement/guidance/", base_facts(date=on), format="json")
        assert response.status_code == 200, response.content
        assert response.json()["rules"]["version"] == version


def test_consecutive_versions_load_together_and_the_date_selects_one(db, tmp_path, shipped_data):
    v1 = copy.deepcopy(shipped_data)
    v1["effective_to"] = date(2025, 12, 31)
    v2 = copy.deepcopy(shipped_data)
    v2["version"] = 2
    v2["effective_from"] = date(2026, 1, 1)
    v2["title"] = "v2"
    write(tmp_path, v1)
    write(tmp_path, v2)
    out, err, exc = run_command(tmp_path)  # a directory: every rule file in it
    assert exc is None, err
    assert "cn-gov-procurement v1: created" in out and "cn-gov-procurement v2: created" in out
    assert rule_set_version_in_force(on=date(2025, 12, 31)).version == 1
    assert rule_set_version_in_force(on=date(2026, 1, 1)).version == 2
    assert rule_set_version_in_force(on=date(2019, 12, 31)) is None


def test_duplicate_versions_in_one_batch_are_refused(db, tmp_path, shipped_data):
    other = tmp_path / "other"
    other.mkdir()
    copy_path = write(other, shipped_data)
    outcomes = rule_set_files_load(paths=[SHIPPED, copy_path])
    assert "refused" in {o.action for o in outcomes}
    assert RuleSetVersion.objects.count() == 0


def test_command_defaults_to_the_shipped_files_and_is_idempotent(db):
    out, err, exc = run_command()
    assert exc is None and err == ""
    assert "cn-gov-procurement v1: created" in out
    out, err, exc = run_command()
    assert "cn-gov-procurement v1: unchanged" in out
    assert RuleSetVersion.objects.count() == len(shipped_rule_files())


def test_command_reports_a_missing_path(db):
    out, err, exc = run_command("/no/such/rules.yaml")
    assert isinstance(exc, CommandError) and "No such file: /no/such/rules.yaml" in str(exc)


def test_load_shipped_data_loads_the_rules_too(db, monkeypatch):
    from core.management.commands import load_shipped_data

    assert "load_rules" in load_shipped_data.SHIPPED_LOADERS
    # Only ours: the other loaders are tested by their own apps.
    monkeypatch.setattr(load_shipped_data, "SHIPPED_LOADERS", ("load_rules",))
    call_command("load_shipped_data", verbosity=0)
    assert RuleSetVersion.objects.filter(slug="cn-gov-procurement", version=1).exists()


# --------------------------------------------------------------------------- selectors


def test_engine_rule_set_is_parsed_once_per_version(loaded_rules):
    row = loaded_rules[0]
    first = rule_set_engine(row)
    again = rule_set_engine(RuleSetVersion.objects.defer("content").get(pk=row.pk))
    assert again is first
    assert (first.slug, first.version) == (row.slug, row.version)


def test_citations_from_secondary_sources_are_marked(loaded_rules):
    rules = rule_set_engine(loaded_rules[0])
    by_place = {(t.jurisdiction, t.kind, tuple(sorted(t.levels))): t for t in rules.thresholds}
    assert all(b.secondary for b in by_place[("fujian", "public_tender", ("province",))].basis)
    assert not any(b.secondary for b in by_place[("central", "public_tender", ("central",))].basis)


def test_admin_lists_rule_sets_read_only(client, loaded_rules, world):
    client.force_login(world["admin"])
    row = loaded_rules[0]
    assert client.get("/admin/procurement/rulesetversion/").status_code == 200
    page = client.get(f"/admin/procurement/rulesetversion/{row.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get("/admin/procurement/rulesetversion/add/").status_code == 403
    assert client.post(f"/admin/procurement/rulesetversion/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert RuleSetVersion.objects.filter(pk=row.pk).exists()
    client.force_login(world["official_a"])
    assert client.get("/admin/procurement/rulesetversion/").status_code == 302
