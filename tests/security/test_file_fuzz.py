"""Malformed files: the YAML loaders and the Excel import answer with readable errors, never a
traceback or a 500, and a refused file writes nothing (rows are counted before and after).

The YAML cases start from the shipped files and break them (truncation, wrong types, huge
numbers, binary garbage, alias expansion), plus hypothesis-driven structural mutations: any
leaf of the shipped document replaced by a value of another type. The Excel cases go through
both the page and the API.
"""

from __future__ import annotations

import copy
import io
import random
import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from assessment.models import Assessment, FrameworkVersion
from assessment.services.excel import SHEET, excel_template
from assessment.services.frameworks import shipped_framework_files
from procurement.models import RuleSetVersion
from procurement.services.rule_sets import shipped_rule_files
from vendors.models import CatalogueVersion, Vendor
from vendors.services.loader import SHIPPED_FILE

from .conftest import fingerprint

pytestmark = pytest.mark.django_db

LOADERS = {
    # command: (shipped file, models whose rows must not change when the file is refused)
    "load_frameworks": (shipped_framework_files()[0], (FrameworkVersion,)),
    "load_rules": (shipped_rule_files()[0], (RuleSetVersion,)),
    "load_vendors": (Path(SHIPPED_FILE), (CatalogueVersion, Vendor)),
}
# Bounded and reproducible; no shrinking (a failure is reported as found, in seconds).
FUZZ = settings(max_examples=12, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])


def _counts(models) -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in models}


def _load(command: str, path: Path) -> str | None:
    """Run the loader; None when it stored the file, else its error text. Anything but a
    CommandError (a traceback for the operator) fails the test."""
    try:
        call_command(command, str(path), verbosity=0, stdout=io.StringIO(), stderr=(err := io.StringIO()))
    except CommandError as exc:
        return f"{exc}\n{err.getvalue()}"
    return None


def _refused_cleanly(command: str, content: bytes, tmp_path: Path) -> str:
    shipped, models = LOADERS[command]
    path = tmp_path / shipped.name  # the vendors loader reads slug and version from the name
    path.write_bytes(content)
    before = _counts(models)
    message = _load(command, path)
    assert message is not None, f"{command} accepted a broken file"
    assert message.strip() and "Traceback" not in message
    assert _counts(models) == before, f"{command} wrote rows for a refused file"
    return message


def _shipped(command: str) -> str:
    return LOADERS[command][0].read_text(encoding="utf-8")


def _leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _replace(data, path, value):
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


BROKEN = {
    "empty": lambda text: b"",
    **{f"truncated at {pct}%": (lambda pct: lambda text: text[: len(text) * pct // 100].encode())(pct)
       for pct in (10, 40, 70, 95)},
    "top level is a list": lambda text: b"- a\n- b\n",
    "top level is a number": lambda text: b"42\n",
    "not YAML": lambda text: b"{{{ [[[ :::\n\t- !!python/object:os.system\n",
    "unsafe tag": lambda text: b"!!python/object/apply:os.system ['true']\n",
    "binary garbage": lambda text: random.Random(9).randbytes(4096),
    "not UTF-8": lambda text: text.encode("gb18030"),
    "alias expansion": lambda text: (
        b"a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: [*d, *d, *d, *d, *d, *d, *d, *d]\n"
    ),
    "every top-level value a list": lambda text: yaml.safe_dump(
        {k: ["x"] for k in yaml.safe_load(text)}, allow_unicode=True).encode(),
    "every top-level value a huge number": lambda text: yaml.safe_dump(
        {k: 10**400 for k in yaml.safe_load(text)}, allow_unicode=True).encode(),
    "every number huge or infinite": lambda text: _map_numbers(text, lambda i, n: [10**40, float("inf"), -(10**30), float("nan")][i % 4]),
    "every number a string": lambda text: _map_numbers(text, lambda i, n: f"{n}元"),
    # Values PyYAML itself fails to build (ValueError, RecursionError, AttributeError inside it).
    "impossible date": lambda text: text.encode() + b"\nextra_date: 2026-02-30\n",
    "integer of 5000 digits": lambda text: text.encode() + b"\nextra_number: " + b"9" * 5000 + b"\n",
    "malformed timestamp tag": lambda text: text.encode() + b"\nextra_time: !!timestamp x\n",
    "malformed int tag": lambda text: text.encode() + b"\nextra_int: !!int x\n",
    "nested 5000 deep": lambda text: b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


def _map_numbers(text: str, replace) -> bytes:
    counter = iter(range(10**9))

    def walk(node):
        if isinstance(node, bool):
            return node
        if isinstance(node, int | float):
            return replace(next(counter), node)
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return yaml.safe_dump(walk(yaml.safe_load(text)), allow_unicode=True).encode()


@pytest.mark.parametrize("command", sorted(LOADERS))
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_yaml_is_refused_with_a_readable_error(command, case, tmp_path):
    content = BROKEN[case](_shipped(command))
    started = time.monotonic()
    _refused_cleanly(command, content, tmp_path)
    assert time.monotonic() - started < 30, "the loader took too long on a small file"


def test_catalogue_cut_at_an_item_boundary_is_refused(tmp_path):
    content = LOADERS["load_vendors"][0].read_bytes()
    _refused_cleanly("load_vendors", content[: len(content) * 2 // 5], tmp_path)


@pytest.mark.parametrize("command", sorted(LOADERS))
def test_shipped_file_still_loads(command, tmp_path):
    # The control for the cases above: the unbroken file is accepted.
    shipped, models = LOADERS[command]
    path = tmp_path / shipped.name
    path.write_bytes(shipped.read_bytes())
    assert _load(command, path) is None
    assert all(count > 0 for count in _counts(models).values())


@pytest.mark.parametrize("command", sorted(LOADERS))
def test_random_bytes_are_refused(command, tmp_path_factory):
    @FUZZ
    @given(st.binary(min_size=0, max_size=2048))
    def check(content):
        _refused_cleanly(command, content, tmp_path_factory.mktemp("bytes"))

    check()


ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, float("inf"), float("nan"), -0.0, "", "0", "2026-02-30", "NaN"]),
    st.text(max_size=30), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.mark.parametrize("command", sorted(LOADERS))
def test_any_leaf_of_the_shipped_file_replaced_is_stored_whole_or_refused_cleanly(command, tmp_path_factory):
    """Structure-aware fuzzing: a value of the wrong type, or out of range, anywhere."""
    data = yaml.safe_load(_shipped(command))
    leaves = list(_leaves(data))
    shipped, models = LOADERS[command]

    @FUZZ
    @given(st.sampled_from(leaves), ODD_VALUES)
    def check(path, value):
        target = tmp_path_factory.mktemp("leaf") / shipped.name
        target.write_text(yaml.safe_dump(_replace(data, path, value), allow_unicode=True), encoding="utf-8")
        with transaction.atomic():
            before = _counts(models)
            message = _load(command, target)
            if message is not None:  # refused: readable, and nothing written
                assert message.strip() and "Traceback" not in message, (path, value)
                assert _counts(models) == before, (path, value)
            transaction.set_rollback(True)  # an accepted variant must not leak into the next example

    check()


@pytest.mark.parametrize("where", ["source.id", "deployment model", "credential kind"])
def test_catalogue_value_of_the_wrong_type_is_refused_cleanly(where, tmp_path):
    data = yaml.safe_load(_shipped("load_vendors"))
    vendor = data["vendors"][0]
    if where == "source.id":
        vendor["source"]["id"] = ["DOMAIN"]
    elif where == "deployment model":
        vendor["deployment_models"][0]["model"] = ["dedicated"]
    else:
        next(v for v in data["vendors"] if v.get("credentials"))["credentials"][0]["kind"] = {"mlps": 3}
    _refused_cleanly("load_vendors", yaml.safe_dump(data, allow_unicode=True).encode(), tmp_path)


# --- Excel import -------------------------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _template_workbook(assessment) -> Workbook:
    return load_workbook(io.BytesIO(excel_template(assessment=assessment)))


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row_of(ws, code: str) -> int:
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value == code:
            return row
    raise AssertionError(code)


def _edited(assessment, edit) -> bytes:
    wb = _template_workbook(assessment)
    edit(wb[SHEET])
    return _save(wb)


def _many_rows(rows: int) -> bytes:
    """A small .xlsx whose one sheet unpacks to `rows` rows (a zip bomb in miniature)."""
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P1</t></is></c>'
        f'<c r="F{r}" t="inlineStr"><is><t>85%</t></is></c></row>'
        for r in range(2, rows + 2)
    )
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{cells}</sheetData></worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'))
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def _with_part(content: bytes, name: str, data: bytes) -> bytes:
    """The workbook `content` with part `name` replaced (or added)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            if info.filename != name:
                z.writestr(info.filename, source.read(info))
        z.writestr(name, data)
    return buffer.getvalue()


def _unpacks_huge(a) -> bytes:
    """A zip bomb: the template plus a part of 100 MB of zeros, about 100 KB packed."""
    return _with_part(excel_template(assessment=a), "xl/media/padding.bin", bytes(100 * 1024 * 1024))


def _sheet_xml(a) -> bytes:
    with zipfile.ZipFile(io.BytesIO(excel_template(assessment=a))) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _wrong_sheet(a) -> bytes:
    wb = _template_workbook(a)
    wb[SHEET].title = "Sheet1"
    return _save(wb)


def _set(code: str, column: int, value):
    def edit(ws):
        ws.cell(_row_of(ws, code), column, value)
    return edit


def _merged(ws):
    row = _row_of(ws, "P1")
    ws.merge_cells(start_row=row, start_column=1, end_row=row + 2, end_column=6)


def _headers_only(ws):
    ws.delete_rows(2, ws.max_row)
    ws.cell(2, 1, "ZZ9")


EXCEL = {
    "binary garbage": lambda a: random.Random(7).randbytes(20_000),
    "empty": lambda a: b"",
    "truncated workbook": lambda a: excel_template(assessment=a)[:3000],
    "zip without a workbook": lambda a: _zip_of_text(),
    "wrong sheet": _wrong_sheet,
    "merged cells across rows": lambda a: _edited(a, _merged),
    "huge number": lambda a: _edited(a, _set("P1", 6, 1e308)),
    "huge integer ratio": lambda a: _edited(a, lambda ws: (_set("P1", 6, 10**30)(ws), _set("P1", 7, 3)(ws))),
    "negative count": lambda a: _edited(a, _set("P1", 6, -5)),
    "unknown indicator": lambda a: _edited(a, _headers_only),
    "unpacks to 100 MB": _unpacks_huge,
    "damaged sheet XML": lambda a: _with_part(
        excel_template(assessment=a), "xl/worksheets/sheet1.xml", _sheet_xml(a)[:-2000]),
    "a number cell holding text": lambda a: _with_part(
        excel_template(assessment=a), "xl/worksheets/sheet1.xml",
        _sheet_xml(a).replace(b"</sheetData>", b'<row r="30"><c r="F30" t="n"><v>abc</v></c></row></sheetData>')),
    "sheet declares a million rows": lambda a: _with_part(
        excel_template(assessment=a), "xl/worksheets/sheet1.xml",
        re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:J1048576"', _sheet_xml(a))),
}


def _page_import(client, assessment, content: bytes):
    return client.post(f"/assessments/{assessment.pk}/excel/import/", {
        "file": SimpleUploadedFile("import.xlsx", content, content_type=XLSX_TYPE),
        "lock_version": assessment.lock_version,
    })


def _api_import(client, assessment, content: bytes):
    return client.post(f"/api/v1/assessments/{assessment.pk}/excel/", {
        "file": SimpleUploadedFile("import.xlsx", content, content_type=XLSX_TYPE),
        "lock_version": assessment.lock_version,
    })


@pytest.mark.parametrize("case", sorted(EXCEL))
def test_bad_workbook_is_refused_with_a_readable_error_and_saves_nothing(client, world, assessment_a, case):
    client.force_login(world["official_a"])
    content = EXCEL[case](assessment_a)
    for via in (_page_import, _api_import):
        assessment = Assessment.objects.get(pk=assessment_a.pk)
        before = fingerprint()
        started = time.monotonic()
        response = via(client, assessment, content)
        elapsed = time.monotonic() - started
        body = response.content.decode("utf-8", "replace")
        if via is _page_import:
            assert response.status_code == 200, (case, response.status_code)
            assert 'class="form-errors' in body or 'class="error' in body, case
        else:
            assert response.status_code == 400, (case, response.status_code, body[:300])
            assert response.json()["error"]["fields"], case
        assert "Traceback" not in body
        assert len(body) < 2_000_000, f"{case}: a {len(body)}-byte error page"
        assert elapsed < 60, f"{case}: {elapsed:.0f}s"
        assert fingerprint() == before, f"{case} via {via.__name__} wrote something"


def test_formula_in_a_value_cell_is_refused_and_keeps_the_answer(client, world, assessment_a):
    client.force_login(world["official_a"])
    stored = _edited(assessment_a, _set("P1", 6, "85%"))
    assert _page_import(client, assessment_a, stored).status_code == 302
    assessment = Assessment.objects.get(pk=assessment_a.pk)
    response = _page_import(client, assessment, _edited(assessment, _set("P1", 6, "=17/20")))
    assert response.status_code == 200
    assert assessment.responses.filter(indicator_code="P1").exists()


def test_many_rows_get_one_bounded_answer(client, world, assessment_a):
    client.force_login(world["official_a"])
    before = fingerprint()
    response = _api_import(client, assessment_a, _many_rows(20_000))
    assert response.status_code == 400
    assert fingerprint() == before
    assert len(response.content) < 100_000, f"{len(response.content)} bytes"


def test_a_good_workbook_is_imported_through_both_paths(client, world, assessment_a):
    # The control for the cases above.
    client.force_login(world["official_a"])
    content = _edited(assessment_a, _set("P1", 6, "85%"))
    assert _page_import(client, assessment_a, content).status_code == 302
    assessment = Assessment.objects.get(pk=assessment_a.pk)
    assert assessment.responses.get(indicator_code="P1").payload == {"value": "85"}
    content = _edited(assessment, _set("P1", 6, "90%"))
    assert _api_import(client, assessment, content).status_code == 200
    assert assessment.responses.get(indicator_code="P1").payload == {"value": "90"}
