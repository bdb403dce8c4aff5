"""The engine is pure Python: no Django (or any other web/DB framework) import in the package."""

import ast
from pathlib import Path

import assessment.scoring as scoring
from assessment.scoring import Framework

FORBIDDEN = ("django", "rest_framework", "celery")


def test_no_framework_imports() -> None:
    for path in Path(scoring.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_no_framework_specific_code(caict: Framework, gbt: Framework) -> None:
    # The second framework must score through exactly the same code: no slug, dimension,
    # indicator, grade or cap code of a shipped framework appears as a literal in the engine.
    specific: set[str] = set()
    for fw in (caict, gbt):
        specific |= {fw.slug, *(d.code for d in fw.dimensions), *(i.code for i in fw.indicators)}
        specific |= {*(g.code for g in fw.grades), *(c.code for c in fw.caps)}
    for path in Path(scoring.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in specific, f"{path.name} mentions {node.value!r}"
