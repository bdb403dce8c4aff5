"""Messages (codes, params, English templates), serialisation, and engine purity."""

from __future__ import annotations

import ast
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import procurement.comparison as engine
from procurement.comparison import TEMPLATES, Bid, Message, evaluate, to_dict
from procurement.comparison.messages import msg

from .helpers import rules, uniform

PACKAGE = Path(engine.__file__).parent
D = Decimal


def _msg_calls() -> list[tuple[str, set[str]]]:
    """(code, keyword params) of every msg("…", …) call with a literal code in the package."""
    calls = []
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "msg"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keywords = {k.arg for k in node.keywords if k.arg and k.arg != "field"}
                has_splat = any(k.arg is None for k in node.keywords)
                calls.append((node.args[0].value, keywords if not has_splat else None))
    return calls


def test_every_code_used_has_a_template_with_matching_placeholders() -> None:
    calls = _msg_calls()
    assert len(calls) > 40
    for code, keywords in calls:
        assert code in TEMPLATES, code
        placeholders = set(re.findall(r"%\((\w+)\)s", TEMPLATES[code]))
        if keywords is not None:
            assert placeholders <= keywords, (code, placeholders - keywords)


def test_templates_are_marked_for_makemessages() -> None:
    source = (PACKAGE / "messages.py").read_text(encoding="utf-8")
    assert "def gettext_noop(s: str) -> str:" in source
    assert source.count("gettext_noop(") >= len(TEMPLATES)
    for template in TEMPLATES.values():
        # every % is a placeholder or an escaped %%
        assert re.sub(r"%\(\w+\)s|%%", "", template).count("%") == 0, template


def test_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError):
        msg("no.such.code")


def test_message_text_and_translation_hook() -> None:
    m = Message("bid.price_missing", {"bidder": "A"}, "bids[0].price")
    assert m.text() == "The bid of A has no price."
    assert m.text(lambda s: s.replace("The bid of", "投标人")) == "投标人 A has no price."


def test_engine_imports_no_django() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "django" for a in node.names), path
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] != "django", path


def test_to_dict_is_json_ready_with_decimals_as_strings() -> None:
    result = evaluate(
        rules(required_members=7),
        [Bid("A", D("1000000")), Bid("B", D("900000"))],
        uniform({"A": (45, 18), "B": (40, 15)}),
    )
    data = to_dict(result)
    json.dumps(data)  # no Decimal, date or tuple left
    assert data["ok"] is True
    assert data["base_price"] == "900000"
    a = data["bids"][0]
    assert a["price_score"] == {
        "base": "900000",
        "price": "1000000",
        "points": "30",
        "raw": "27",
        "rounded": "27.00",
    }
    assert a["total"] == "90.00"
    assert data["warnings"] == [
        {
            "code": "panel.too_few_members",
            "field": "member_scores",
            "params": {"members": 5, "required": 7},
            "message": "Only 5 panel members scored; 7 are needed.",
        }
    ]
    assert data["price_weight_range"]["max_percent"] is None


def test_to_dict_of_an_error_result() -> None:
    data = to_dict(evaluate(rules(), [Bid("A", None)], []))
    assert data["ok"] is False and data["bids"] == []
    assert data["errors"][0]["field"] == "bids[0].price"
