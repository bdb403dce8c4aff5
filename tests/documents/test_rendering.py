"""Each kind of document rendered to a real PDF through the service (no worker)."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from documents.kinds.comparison import ComparisonParams
from documents.models import Document, DocumentKind
from documents.services import document_render, document_request
from procurement.display import label
from tests.documents.helpers import assert_fonts_embedded_as_subsets, pdf_of, text_of


def squeeze(text: str) -> str:
    return "".join(str(text).split())


def rendered(document: Document) -> Document:
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "done", document.error
    assert document.progress == 100 and document.sha256 and document.size == document.file.size
    return document


def test_the_memo_shows_the_saved_guidance_with_its_basis_and_rule_set(world, project_a):
    document, created = document_request(
        actor=world["official_a"], kind=DocumentKind.PROCUREMENT_MEMO, object_id=project_a.pk
    )
    assert created and document.status == "queued" and document.project == project_a
    reader = pdf_of(rendered(document))
    assert_fonts_embedded_as_subsets(reader)
    text = text_of(reader)
    for expected in ("政务云服务采购", "甲市数据局", "3,000,000", "2026-03-01", "福建省"):
        assert expected in text, expected
    # Every method with its verdict and legal basis; secondary sources marked. (Labels as the
    # Chinese catalogue gives them: 公开招标 … once compiled, the English msgid otherwise.)
    with translation.override("zh-hans"):
        for verdict in project_a.result["verdicts"]:
            assert squeeze(label("method", verdict["method"])) in text, verdict["method"]
            assert squeeze(label("verdict", verdict["verdict"])) in text, verdict["verdict"]
        secondary = f"[{squeeze(gettext('secondary'))}]"
    assert "政府采购法第二十六条" in text
    assert secondary in text  # secondary sources carry their mark
    # The timeline's first step from the start date, and the rule set's version and hash.
    assert project_a.result["timelines"][0]["steps"][0]["date"] in text
    assert f"{project_a.rule_set.slug}v{project_a.rule_set.version}" in text
    assert project_a.rule_set.content_hash in text


def test_the_dossier_is_the_sealed_record_with_derivation_ranking_and_hash(world, closed):
    document, _ = document_request(
        actor=world["reviewer"], kind=DocumentKind.EVALUATION_DOSSIER, object_id=closed.pk
    )
    assert document.content_version.endswith("-full")
    reader = pdf_of(rendered(document))
    assert_fonts_embedded_as_subsets(reader)
    text = text_of(reader)
    for expected in ("政务云服务评标", "政务云服务采购", "甲市数据局", "乙公司", "丙公司", "甲公司", "技术方案", "商务与服务"):
        assert expected in text, expected
    # Price-score derivation (base ÷ price × points), totals, and the record's SHA-256.
    assert "1000000.00÷1100000.00×30.00=27.2727" in text and "27.27" in text
    assert "89.00" in text and "86.27" in text and "85.00" in text
    assert closed.seal.sha256 in text
    # Member by member, with who entered them (the full copy).
    consultant = world["consultant"].get_username()
    assert f"{consultant}:47.00" in text and "score.entered" in text


def test_a_reader_without_the_member_scores_gets_a_copy_without_them(world, closed):
    full, _ = document_request(actor=world["reviewer"], kind=DocumentKind.EVALUATION_DOSSIER, object_id=closed.pk)
    redacted, created = document_request(
        actor=world["official_a"], kind=DocumentKind.EVALUATION_DOSSIER, object_id=closed.pk
    )
    assert created and redacted.pk != full.pk and redacted.content_version.endswith("-redacted")
    text = text_of(pdf_of(rendered(redacted)))
    assert "89.00" in text and "46.00" in text and closed.seal.sha256 in text  # means, totals, hash
    assert f"{world['consultant'].get_username()}:47.00" not in text and "47.00" not in text


def test_the_comparison_is_the_side_by_side_table_with_its_gates_on_landscape_pages(world, vendors):
    params = ComparisonParams(ids=tuple(v.pk for v in vendors), deadline=date(2026, 6, 1), min_mlps_level=3)
    document, _ = document_request(actor=world["official_b"], kind=DocumentKind.VENDOR_COMPARISON, comparison=params)
    assert document.params["ids"] == [v.pk for v in vendors] and document.subject.startswith("vendors:")
    reader = pdf_of(rendered(document))
    assert_fonts_embedded_as_subsets(reader)
    page = reader.pages[0].mediabox
    assert page.width > page.height  # A4 landscape
    text = text_of(reader)
    for expected in ("华为云", "天翼云", "浪潮云", "2026-06-01", "MLPS-"):
        assert expected in text, expected
    assert "2026-05-01" in text  # the credential that expires before the deadline, with its date


def test_the_english_copy_is_another_document_in_english(world, project_a):
    chinese, _ = document_request(actor=world["official_a"], kind=DocumentKind.PROCUREMENT_MEMO, object_id=project_a.pk)
    english, created = document_request(
        actor=world["official_a"], kind=DocumentKind.PROCUREMENT_MEMO, object_id=project_a.pk, language="en"
    )
    assert created and english.pk != chinese.pk and english.key != chinese.key
    text = text_of(pdf_of(rendered(english)))
    assert "Procurementmethodmemo" in text and "Publictender" in text and "政务云服务采购" in text


def test_a_template_error_fails_the_document_with_the_reason(world, project_a, monkeypatch):
    import documents.services as services

    document, _ = document_request(actor=world["official_a"], kind=DocumentKind.PROCUREMENT_MEMO, object_id=project_a.pk)
    broken = {**services._HTML, DocumentKind.PROCUREMENT_MEMO: lambda d: (_ for _ in ()).throw(RuntimeError("memo broke"))}
    monkeypatch.setattr(services, "_HTML", broken)
    assert document_render(document_id=document.pk) is None
    document.refresh_from_db()
    assert document.status == "failed" and "memo broke" in document.error and not document.file


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.css", "static:../../config/settings/base.py"])
def test_document_templates_reach_nothing_but_static_files(url, world, project_a, monkeypatch):
    """The shared fetcher guards documents too: a link to anything else is left out."""
    import documents.kinds.memo as memo

    original = memo.pdf_html
    monkeypatch.setattr(memo, "pdf_html", lambda t, c, **k: original(t, c, **k).replace("</body>", f'<img src="{url}"></body>'))
    document, _ = document_request(actor=world["official_a"], kind=DocumentKind.PROCUREMENT_MEMO, object_id=project_a.pk)
    rendered(document)
    with document.file.open("rb") as handle:
        assert b"root:" not in handle.read()
