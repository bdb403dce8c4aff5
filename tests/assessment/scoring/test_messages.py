"""Every message code has a well-formed English template; rendering picks the language."""

import ast
import re
from pathlib import Path

import assessment.scoring as scoring
from assessment.scoring.messages import TEMPLATES, Message
from assessment.scoring.types import Text

PACKAGE = Path(scoring.__file__).parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_templates_are_python_format_strings() -> None:
    for code, template in TEMPLATES.items():
        names = set(PLACEHOLDER.findall(template))
        rendered = template % {name: "x" for name in names}  # raises on a stray %
        assert "%(" not in rendered, code


def test_every_code_used_in_the_package_has_a_template() -> None:
    used: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # Message("code", …), r.error(path, "code", …), e.add(field, "code", …), AnswerError(…, "code", …)
            if isinstance(node, ast.Call):
                for arg in node.args[:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in TEMPLATES:
                        used.add(arg.value)
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"error", "add"} and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                    assert node.args[1].value in TEMPLATES, (path.name, node.args[1].value)
    assert used  # the scan found the calls


def test_text_params_render_per_language() -> None:
    message = Message("next_grade", {"grade": Text("先进级", "Advanced"), "points": "3.32", "indicators": "C5"})
    assert message.render() == "To reach Advanced: gain 3.32 points; the fewest indicators that do it: C5."
    assert "先进级" in message.render(language="zh-hans")
    assert str(message) == message.render()
