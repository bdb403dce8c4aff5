"""The shipped catalogue loads with exactly the seeds' facts and sources, idempotently."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from vendors.catalogue_parse import content_hash
from vendors.catalogue_read import read_catalogue
from vendors.models import (
    CatalogueVersion,
    Credential,
    Evidence,
    MarketFact,
    Vendor,
    VendorChange,
)
from vendors.services import catalogue_load, vendor_update
from vendors.services.loader import SHIPPED_FILE

SEED_VENDORS = {"华为云", "天翼云", "阿里云", "浪潮云", "中国电子云", "金山云", "京东智联云", "腾讯云", "软通智慧"}


def fact(vendor_name, text_part):
    return MarketFact.objects.get(vendor__name=vendor_name, text__contains=text_part)


def test_shipped_file_is_valid():
    catalogue, errors = read_catalogue(SHIPPED_FILE)
    assert errors == []
    assert {v.name for v in catalogue.vendors} == SEED_VENDORS


def test_load_vendors_command_loads_the_seed_vendors_with_kinds(db):
    call_command("load_vendors", verbosity=0)
    kinds = dict(Vendor.objects.values_list("name", "kind"))
    assert set(kinds) == SEED_VENDORS
    assert kinds["华为云"] == kinds["浪潮云"] == "infrastructure"
    assert kinds["天翼云"] == "telecom"
    assert kinds["阿里云"] == kinds["腾讯云"] == kinds["金山云"] == kinds["京东智联云"] == "public_cloud"
    assert kinds["中国电子云"] == kinds["软通智慧"] == "integrator"
    assert CatalogueVersion.objects.get().version == 1


def test_domain_facts_with_year_and_source(catalogue):
    share = fact("华为云", "中国政务云基础设施市场份额")
    assert (share.figure, share.unit, share.year) == (Decimal("25.8"), "%", 2021)
    assert share.source_file == "003_7e6e330a588dd8e5.txt" and share.secondary
    assert fact("华为云", "政务专属云").figure == Decimal("27.1")
    assert fact("华为云", "2012年至今").figure == Decimal("700")
    assert fact("华为云", "连续保持第一").figure == Decimal("5")
    assert fact("天翼云", "政务云项目").figure == Decimal("2000")
    cec = fact("中国电子云", "政务云服务运营市场份额")
    assert (cec.figure, cec.year, cec.source_file, cec.secondary) == (
        Decimal("5.2"), 2020, "001_19d9a5fc8b6925f5.txt", True
    )
    assert [fact("阿里云", t).figure for t in ("中央部委", "省市区", "城市")] == [20, 30, 442]
    assert fact("金山云", "2015").year == 2015
    assert fact("京东智联云", "2019年底").figure == Decimal("40")
    market = MarketFact.objects.filter(vendor=None)
    assert sorted(market.values_list("figure", flat=True)) == [Decimal("26.9"), Decimal("135.9")]
    assert all(f.source_file == "000_1e6bbf4046731787.txt" and f.secondary for f in market)
    # Facts from the research report (seed 004) are not press claims.
    assert not fact("天翼云", "政务云项目").secondary


def test_credentials_are_claimed_without_invented_numbers_or_dates(catalogue):
    held = {
        (c.vendor.name, c.kind, c.level)
        for c in Credential.objects.select_related("vendor")
    }
    for expected in [
        ("华为云", "mlps", 4), ("华为云", "iso27001", None), ("华为云", "iso27017", None),
        ("华为云", "iso27018", None), ("华为云", "csa_star", None), ("天翼云", "trusted_cloud", None),
        ("中国电子云", "ccrc", 3), ("中国电子云", "iso9001", None), ("中国电子云", "iso27001", None),
        ("中国电子云", "mlps", 3), ("中国电子云", "trusted_cloud", None),
    ]:
        assert expected in held
    assert not Credential.objects.filter(kind="cac_cloud_assessment").exists()
    for credential in Credential.objects.all():
        assert credential.evidence == Evidence.CLAIMED and not credential.verified
        assert credential.number == "" and credential.valid_from is None and credential.valid_to is None
        assert credential.source_file and credential.source_section


def test_every_loaded_record_is_in_the_change_log(catalogue):
    created = VendorChange.objects.filter(action="create", note="load_vendors seed-vendors v1")
    assert created.filter(entity="vendor").count() == 9
    assert created.filter(entity="credential").count() == Credential.objects.count()
    assert created.filter(actor__isnull=False).count() == 0


def test_second_load_is_a_no_op(catalogue, capsys):
    before = VendorChange.objects.count()
    assert catalogue_load().status == "unchanged"
    call_command("load_vendors")
    assert "already loaded" in capsys.readouterr().out
    assert VendorChange.objects.count() == before


def write(tmp_path, data, name=None) -> Path:
    path = tmp_path / (name or f"{data['slug']}-v{data['version']}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def shipped_data():
    return yaml.safe_load(SHIPPED_FILE.read_text(encoding="utf-8"))


def test_same_version_with_other_content_is_refused_and_changes_nothing(catalogue, tmp_path):
    data = shipped_data()
    data["vendors"][0]["name"] = "华为云（改）"
    before = VendorChange.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        catalogue_load(path=write(tmp_path, data))
    assert "new version" in str(exc.value)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        catalogue_load(path=write(tmp_path, data))
    assert "新版本" in str(exc.value)
    assert VendorChange.objects.count() == before
    assert not Vendor.objects.filter(name="华为云（改）").exists()


def test_new_version_adds_facts_but_keeps_administrator_edits(catalogue, tmp_path, world):
    huawei = Vendor.objects.get(name="华为云")
    vendor_update(actor=world["admin"], vendor=huawei, summary="管理员补充的说明")
    data = shipped_data()
    data["version"] = 2
    data["vendors"][0]["summary"] = "种子说明"
    data["vendors"][0]["credentials"].append(
        {"key": "huawei-cloud/cac", "kind": "cac_cloud_assessment", "title": "云计算服务安全评估",
         "source": {"id": "SEED004", "section": "测试"}}
    )
    report = catalogue_load(path=write(tmp_path, data))
    assert report.created == {"credentials": 1}
    huawei.refresh_from_db()
    assert huawei.summary == "管理员补充的说明"
    assert huawei.credentials.filter(kind="cac_cloud_assessment").exists()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["vendors"][0].update(kind="bank"), "vendors[0].kind"),
        (lambda d: d["vendors"][0]["credentials"][0].pop("level"), "vendors[0].credentials[0].level"),
        (lambda d: d["vendors"][0]["credentials"][0].update(level=9), "vendors[0].credentials[0].level"),
        (lambda d: d["vendors"][0]["credentials"][0].update(valid_to="2026-13-01"),
         "vendors[0].credentials[0].valid_to"),
        (lambda d: d["vendors"][0]["market_facts"][0].update(figure="lots"),
         "vendors[0].market_facts[0].figure"),
        (lambda d: d["vendors"][1]["credentials"][0].update(key="huawei-cloud/mlps-4"),
         "vendors[1].credentials[0].key"),
        (lambda d: d["vendors"][0]["references"][0]["source"].update(id="NOPE"),
         "vendors[0].references[0].source.id"),
        (lambda d: d["vendors"][0].update(colour="red"), "vendors[0].colour"),
        (lambda d: d["vendors"][0]["deployment_models"].append({"model": "private", "source": {"id": "SEED004", "section": "x"}}),
         "vendors[0].deployment_models[4].model"),
    ],
)
def test_a_bad_file_is_refused_with_its_location_and_loads_nothing(db, tmp_path, change, where):
    data = shipped_data()
    change(data)
    path = write(tmp_path, data)
    _catalogue, errors = read_catalogue(path)
    assert where in [location for location, _message in errors]
    with pytest.raises(CommandError) as exc:
        call_command("load_vendors", str(path))
    assert where in str(exc.value)
    assert not Vendor.objects.exists() and not CatalogueVersion.objects.exists()


def test_file_name_must_match_slug_and_version(db, tmp_path):
    path = write(tmp_path, shipped_data(), name="vendors.yaml")
    _catalogue, errors = read_catalogue(path)
    assert errors == [("", "file name must be seed-vendors-v1.yaml")]


def test_yaml_syntax_error_is_reported_not_raised(db, tmp_path):
    path = tmp_path / "seed-vendors-v1.yaml"
    path.write_text("vendors: [unclosed\n", encoding="utf-8")
    _catalogue, errors = read_catalogue(path)
    assert errors and "YAML syntax error" in errors[0][1]


# --- completeness and values of the wrong type ---------------------------------------------------

# The hash of seed-vendors v1 as deployments have stored it (CatalogueVersion.content_hash): if it
# changed, every reload would refuse the shipped file as "same version, other content".
SHIPPED_V1_HASH = "bee6ba03605ca9337ffbebe8f6e44d0061335bdf3d1ada15cc6175609330b3d9"


def test_the_shipped_file_declares_its_vendor_count_outside_the_content_hash():
    data = shipped_data()
    assert data["vendor_count"] == len(data["vendors"]) == len(SEED_VENDORS)
    catalogue, _errors = read_catalogue(SHIPPED_FILE)
    assert catalogue.content_hash == SHIPPED_V1_HASH
    del data["vendor_count"]
    assert content_hash(data) == SHIPPED_V1_HASH


def test_a_catalogue_cut_after_a_complete_vendor_is_refused(db, tmp_path):
    text = SHIPPED_FILE.read_text(encoding="utf-8")
    cut = text[: text.index("  - key: alibaba-cloud")]  # huawei-cloud and ctyun, both whole
    assert yaml.safe_load(cut)["vendors"][1]["key"] == "ctyun"
    path = tmp_path / SHIPPED_FILE.name
    path.write_text(cut, encoding="utf-8")
    _catalogue, errors = read_catalogue(path)
    assert errors == [("vendor_count", "the file declares 9 vendors but lists 2: it may have been cut short "
                                       "(or correct vendor_count after adding or removing a vendor)")]
    with translation.override("zh-hans"), pytest.raises(CommandError) as exc:
        call_command("load_vendors", str(path))
    assert str(exc.value) == (
        "服务商目录未载入：\nvendor_count: 文件声明有 9 个服务商，实际列出 2 个：文件可能被截断"
        "（若增删了服务商，请同时修改 vendor_count）"
    )
    assert not Vendor.objects.exists() and not CatalogueVersion.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("vendor_count"), "is required: the number of vendors the file lists, "
                                          "so that a file cut short is refused"),
        (lambda d: d.update(vendor_count="9"), "must be a whole number"),
        (lambda d: d.update(vendor_count=True), "must be a whole number"),
        (lambda d: d.update(vendor_count=10), "the file declares 10 vendors but lists 9: it may have "
                                              "been cut short (or correct vendor_count after adding or removing a vendor)"),
    ],
)
def test_vendor_count_is_required_and_checked(tmp_path, change, message):
    data = shipped_data()
    change(data)
    _catalogue, errors = read_catalogue(write(tmp_path, data))
    assert errors == [("vendor_count", message)]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["vendors"][0]["source"].update(id=["DOMAIN"]), "vendors[0].source.id"),
        (lambda d: d["vendors"][0]["source"].update(id={"DOMAIN": 1}), "vendors[0].source.id"),
        (lambda d: d["vendors"][0]["deployment_models"][0].update(model=["dedicated"]),
         "vendors[0].deployment_models[0].model"),
        (lambda d: d["vendors"][0]["credentials"][0].update(kind={"mlps": 3}), "vendors[0].credentials[0].kind"),
        (lambda d: d["vendors"][0].update(kind=["public_cloud"]), "vendors[0].kind"),
        (lambda d: d["vendors"][0]["credentials"][0].update(valid_to=["2026-01-01"]),
         "vendors[0].credentials[0].valid_to"),
        (lambda d: d["vendors"][0]["market_facts"][0].update(figure={"a": 1}), "vendors[0].market_facts[0].figure"),
        (lambda d: d["vendors"][0].update(key="x" * 101), "vendors[0].key"),
        (lambda d: d.update(version=10**12), "version"),
        (lambda d: d.update(format=True), "format"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_at_its_path(tmp_path, change, where):
    data = shipped_data()
    change(data)
    _catalogue, errors = read_catalogue(write(tmp_path, data))
    assert where in [location for location, _message in errors]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("valid_to_typo: 2026-02-30", "a value cannot be read: day is out of range for month"),
        ("deep: " + "[" * 3000 + "]" * 3000, "the YAML is nested too deeply"),
        ("odd: !!timestamp yesterday", "a value cannot be read: "),
        ("long: 1" + "0" * 5000, "a value cannot be read: "),
    ],
)
def test_a_value_pyyaml_cannot_build_is_an_error_not_a_traceback(tmp_path, line, message):
    path = tmp_path / SHIPPED_FILE.name
    path.write_text(SHIPPED_FILE.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    catalogue, errors = read_catalogue(path)
    assert catalogue is None and len(errors) == 1 and errors[0][1].startswith(message)


def test_an_integer_too_long_for_text_is_an_error_at_its_path(tmp_path):
    path = tmp_path / SHIPPED_FILE.name
    text = SHIPPED_FILE.read_text(encoding="utf-8").replace("title: 政务云厂商", "title: 0x" + "f" * 5000 + "\nx: 政务云厂商", 1)
    path.write_text(text, encoding="utf-8")
    catalogue, errors = read_catalogue(path)
    assert catalogue is None and errors == [("title", "the number is too long")]
