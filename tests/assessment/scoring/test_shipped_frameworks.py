"""Every shipped framework file loads; golden results computed by hand (in the comments)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from assessment.scoring import (
    Framework,
    NotApplicable,
    YesNoAnswer,
    load_framework_file,
    score,
    what_if,
)
from assessment.scoring.types import Answer

from .conftest import FRAMEWORKS_DIR

SHIPPED = sorted(FRAMEWORKS_DIR.glob("*.yaml"))


def test_there_are_shipped_frameworks() -> None:
    assert {p.name for p in SHIPPED} >= {"caict-gov-cloud-v1.yaml", "gbt-42584-2023-v1.yaml"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_framework_file_loads(path: Path) -> None:
    framework, errors = load_framework_file(path)
    assert errors == []
    assert framework is not None
    assert path.name == f"{framework.slug}-v{framework.version}.yaml"
    assert len(framework.content_hash) == 64
    assert {"zh-hans", "en"} <= set(framework.languages)
    for ind in framework.indicators:
        assert ind.provenance and ind.help.zh and ind.help.en and ind.advice.zh and ind.advice.en


def test_caict_shape(caict: Framework) -> None:
    # Domain table: ~20 indicators P1–P4, O1–O6, C1–C5, S1–S5; weights 20/30/25/25.
    assert [i.code for i in caict.indicators] == [
        "P1", "P2", "P3", "P4", "O1", "O2", "O3", "O4", "O5", "O6",
        "C1", "C2", "C3", "C4", "C5", "S1", "S2", "S3", "S4", "S5",
    ]  # fmt: skip
    assert {d.code: d.weight for d in caict.dimensions} == {
        "policy": 20, "outcomes": 30, "platform": 25, "security": 25,
    }  # fmt: skip
    assert [(g.name.zh, g.min_score, g.status) for g in caict.grades] == [
        ("先进级", 85, "confirmed"),
        ("增强级", 70, "modelled"),
        ("基础级", 60, "modelled"),
        ("未达标", 0, "modelled"),
    ]
    # The domain file's "modelled" marks are kept as written.
    provenance = {i.code: i.provenance for i in caict.indicators}
    assert provenance["P2"] == "modelled (Guizhou 推进保障度)"
    assert provenance["P3"] == "modelled (国办发〔2017〕39号)"
    assert provenance["P4"] == "modelled (发改高技〔2017〕1529号)"
    assert provenance["C5"] == "modelled; GB/T 22239 backup items"
    assert provenance["P1"] == "named in seed 004"
    # The security gate: failing S1 or S2 caps at 基础级 (the domain file's "合格").
    assert {(c.indicator, c.cap_grade) for c in caict.caps} == {("S1", "basic"), ("S2", "basic")}


def test_gbt_shape(gbt: Framework) -> None:
    assert [d.name.zh for d in gbt.dimensions] == ["建设质量", "运维水平", "应用效果", "经济与社会效益"]
    assert len(gbt.indicators) == 26  # the standard's count (domain reference)
    assert all(i.provenance.startswith("GB/T 42584-2023 §4.") for i in gbt.indicators)
    assert all(g.status == "modelled" for g in gbt.grades)


def test_caict_golden(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    # Normalised scores (type: formula):
    #   P1 18/20 = 90 %  ratio 0→100          → 90
    #   P2 4 of 5 items × 20                  → 80
    #   P3 76 %  ratio 0→95: 76/95            → 80
    #   P4 15/20 = 75 %                       → 75
    #   policy = (90·30 + 80·25 + 80·25 + 75·20)/100 = 8200/100 = 82      → ×0.20 = 16.4
    #   O1 36/40 = 90 %  ratio 60→100: 30/40  → 75
    #   O2 150/200 = 75 %                     → 75
    #   O3 120/150 = 80 %                     → 80
    #   O4 level L3                           → 70
    #   O5 50 %  inside band 30–70            → 100
    #   O6 88  ratio 60→95: 28/35             → 80
    #   outcomes = (75·20 + 75·20 + 80·15 + 70·20 + 100·10 + 80·15)/100 = 78 → ×0.30 = 23.4
    #   C1 16 services × 5                    → 80
    #   C2 99.72 %  ratio 99.0→99.9: .72/.9   → 80
    #   C3 12 h  (≤ 24 h step)                → 80
    #   C4 45/50 = 90 %  ratio 50→100: 40/50  → 80
    #   C5 level L3                           → 70
    #   platform = (80·15 + 80·25 + 80·15 + 80·20 + 70·25)/100 = 77.5    → ×0.25 = 19.375
    #   S1 compliant 100, S2 yes 100, S3 35+25+25 = 85, S4 100−10−2·5 = 80, S5 4 × 20 = 80
    #   security = (100·25 + 100·20 + 85·20 + 80·20 + 80·15)/100 = 90   → ×0.25 = 22.5
    # total = 16.4 + 23.4 + 19.375 + 22.5 = 81.675 → ROUND_HALF_UP → 81.68 → 增强级 (70–84)
    r = score(caict, caict_answers)
    assert r.total == D("81.68")
    assert r.grade.code == r.score_grade.code == "enhanced"
    assert {d.code: (d.score, d.points) for d in r.dimensions} == {
        "policy": (D(82), D("16.4")),
        "outcomes": (D(78), D("23.4")),
        "platform": (D("77.5"), D("19.375")),
        "security": (D(90), D("22.5")),
    }
    by_code = {i.code: i for i in r.indicators}
    assert by_code["O1"].measured == D(90) and by_code["O1"].normalised == D(75)
    assert by_code["O1"].effective_weight == D(6)  # 30 × 20/100
    assert by_code["O1"].points == D("4.5") and by_code["O1"].shortfall == D("1.5")
    assert r.caps == () and r.missing == () and r.cross_check_failures == ()
    # Shortfalls: C5 6.25·0.3 = 1.875, O4 6·0.3 = 1.8, O1 1.5, O2 1.5, C2 1.25 …
    assert [i.code for i in r.improvement_plan[:5]] == ["C5", "O4", "O1", "O2", "C2"]
    assert "O5" not in {i.code for i in r.improvement_plan}  # already full marks
    # Next grade 先进级 needs 85 − 81.68 = 3.32: C5 (1.875) + O4 (1.8) = 3.675 ≥ 3.32.
    assert r.next_grade is not None
    assert r.next_grade.grade.code == "advanced"
    assert r.next_grade.points_needed == D("3.32")
    assert r.next_grade.indicators == ("C5", "O4")
    assert r.next_grade.points_gained == D("3.675")


def test_caict_golden_with_failed_gate(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    # S2 "no": S2 scores 0, security = (2500 + 0 + 1700 + 1600 + 1200)/100 = 70 → ×0.25 = 17.5,
    # total = 81.675 − 5 = 76.675 → 76.68, still 增强级 by score, but the S2 gate caps at 基础级.
    r = what_if(caict, caict_answers, {"S2": YesNoAnswer("S2", False)})
    assert r.total == D("76.68")
    assert r.score_grade.code == "enhanced"
    assert r.grade.code == "basic"
    assert [(c.rule, c.indicator, c.cap_grade.code, c.lowered_grade) for c in r.caps] == [
        ("gate_s2_cac", "S2", "basic", True)
    ]
    # Back to 增强级 needs no points (76.68 ≥ 70) but S2 must pass first.
    assert r.next_grade is not None
    assert r.next_grade.grade.code == "enhanced"
    assert r.next_grade.points_needed == 0
    assert r.next_grade.required == ("S2",)
    assert r.next_grade.message.code == "next_grade_blocked"


def test_caict_golden_with_na(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    # P4 N/A: policy = (90·30 + 80·25 + 80·25)/80 = 6700/80 = 83.75 → ×0.2 = 16.75;
    # total = 16.75 + 23.4 + 19.375 + 22.5 = 82.025 → 82.03. P1's effective weight 20·30/80 = 7.5.
    r = what_if(caict, caict_answers, {"P4": NotApplicable("P4", "no idle systems identified")})
    assert r.total == D("82.03")
    assert r.dimensions[0].score == D("83.75")
    assert {i.code: i.effective_weight for i in r.indicators if i.dimension == "policy"} == {
        "P1": D("7.5"), "P2": D("6.25"), "P3": D("6.25"), "P4": D(0),
    }  # fmt: skip
    assert r.not_applicable == ("P4",)


def test_gbt_golden(gbt: Framework, gbt_answers: tuple[Answer, ...]) -> None:
    # construction (30):
    #   Q1 5 items: 20+20+15+15+15 = 85; Q2 6/8 = 75; Q3 90 % ratio 50→100 → 80;
    #   Q4 25 % band 10→30 slope → 75; Q5 80/100 → 80; Q6 L3 → 80; Q7 PUE 1.4 (≤ 1.5) → 80;
    #   Q8 25+25+15+15 = 80
    #   = (85·15 + 75·10 + 80·15 + 75·10 + 80·15 + 80·10 + 80·10 + 80·15)/100 = 79.75 → ×0.30 = 23.925
    # operations (25):
    #   M1 99.81 ratio 99.0→99.9 → 90; M2 2 general failures 100−10 → 90; M3 3 h (≤ 4) → 80;
    #   M4 95 % ratio 80→100 → 75; M5 91 % ratio 70→100 → 70; M6 60 % ratio 0→80 → 75;
    #   M7 one overdue vulnerability 100−10 → 90; M8 L3 → 75
    #   = (90·15 + 90·15 + 80·10 + 75·15 + 70·15 + 75·10 + 90·10 + 75·10)/100 = 80.75 → ×0.25 = 20.1875
    # application (25):
    #   A1 81 % ratio 0→90 → 90; A2 99 % ratio 95→100 → 80; A3 88 ratio 60→95 → 80; A4 45 % 0→60 → 75
    #   = (90·30 + 80·25 + 80·25 + 75·20)/100 = 82 → ×0.25 = 20.5
    # benefits (20), E4 and E6 N/A → weights 20, 25, 15, 15 of 75:
    #   E1 1.3 (≥ 1.2) → 80; E2 9/10 → 90; E3 +8 % band, 5→20 slope: (20−8)/15 → 80; E5 −5 % (≥ −10) → 70
    #   = (80·20 + 90·25 + 80·15 + 70·15)/75 = 6100/75 = 81.333… → ×0.20 = 16.2666…
    # total = 23.925 + 20.1875 + 20.5 + 16.2666… = 80.879166… → 80.88 → 良 (80–89)
    r = score(gbt, gbt_answers)
    assert r.total == D("80.88")
    assert r.grade.code == "good" and r.grade.name.zh == "良"
    scores = {d.code: d.score for d in r.dimensions}
    assert scores["construction"] == D("79.75")
    assert scores["operations"] == D("80.75")
    assert scores["application"] == D(82)
    assert abs(scores["benefits"] - D(6100) / D(75)) < D("1e-20")
    eff = {i.code: i.effective_weight for i in r.indicators if i.dimension == "benefits"}
    # E1 20·20/75 = 5.333…, E2 20·25/75 = 6.666…, E3 and E5 20·15/75 = 4, E4 and E6 0
    assert abs(eff["E1"] - D(16) / D(3)) < D("1e-20")
    assert eff["E3"] == eff["E5"] == D(4) and eff["E4"] == eff["E6"] == D(0)
    assert r.not_applicable == ("E4", "E6")
    assert r.caps == ()


def test_gbt_golden_whole_dimension_na(gbt: Framework, gbt_answers: tuple[Answer, ...]) -> None:
    # All of 经济与社会效益 N/A: its 20 goes to the others in proportion 30:25:25 (of 80):
    # total = (79.75·30 + 80.75·25 + 82·25)/80 = (2392.5 + 2018.75 + 2050)/80 = 80.765625 → 80.77
    changes = {f"E{i}": NotApplicable(f"E{i}", "non-revenue project") for i in range(1, 7)}
    r = what_if(gbt, gbt_answers, changes)
    assert r.total == D("80.77")
    dims = {d.code: d for d in r.dimensions}
    assert dims["benefits"].status == "not_applicable" and dims["benefits"].score is None
    assert dims["construction"].effective_weight == D("37.5")  # 100·30/80
    assert dims["operations"].effective_weight == D("31.25")


def test_gbt_gate(gbt: Framework, gbt_answers: tuple[Answer, ...]) -> None:
    # Q8 with only security_rules (15) and backup (15) = 30 < 50: grade capped at 中 (fair).
    # Q8 loses (80 − 30)·15/100·0.30 = 2.25 points: 80.879166 − 2.25 = 78.629166 → 78.63 (中 anyway).
    from assessment.scoring import ChecklistAnswer

    r = what_if(gbt, gbt_answers, {"Q8": ChecklistAnswer("Q8", frozenset({"security_rules", "backup"}))})
    assert r.total == D("78.63")
    assert r.grade.code == "fair"
    assert [(c.indicator, c.lowered_grade) for c in r.caps] == [("Q8", False)]
