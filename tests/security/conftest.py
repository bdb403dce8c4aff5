"""Security fixtures: one world of body-A objects made through the services, every role, and
sign-in helpers that pass the second-factor gate the way a verified user would."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from accounts.models import Role
from assessment.models import Report, ReportStatus
from assessment.services.evidence import evidence_add
from assessment.services.reports import report_request
from assessment.services.responses import responses_save
from tests.assessment.conftest import assessment_a, caict, frameworks  # noqa: F401 (fixtures)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The seven actors of the matrix, in the order the expectation tables use.
ROLES = ("official_a", "official_b", "consultant_a", "consultant_x", "reviewer", "admin", "anonymous")

# Tables whose rows a refused request may legitimately add: the security log itself, sessions,
# login-lockout bookkeeping, API tokens and second-factor devices.
VOLATILE_APPS = {"audit", "sessions", "axes", "authtoken", "otp_totp", "otp_static", "admin", "core"}


def sign_in(client, user) -> None:
    """Session sign-in as `user`. tests/conftest.py makes the test client's force_login a
    completed login, second factor included, so reviewers and administrators pass the gate."""
    client.logout()
    if user is not None:
        client.force_login(user)


def fingerprint() -> dict[str, object]:
    """Row count and a digest of every row of every table a user's request could change, except
    the security log and bookkeeping tables: equal before and after means nothing changed."""
    out: dict[str, object] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in VOLATILE_APPS or meta.proxy or not meta.managed:
            continue
        fields = [f.attname for f in meta.concrete_fields if not isinstance(f, models.BinaryField)]
        rows = list(model.objects.order_by("pk").values_list(*fields))
        out[meta.label] = (len(rows), hash(repr(rows)))
    return out


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))


@pytest.fixture
def rules(db):
    from procurement.services.rule_sets import rule_set_files_load, shipped_rule_files

    rule_set_files_load(paths=shipped_rule_files())


def procurement_facts() -> dict:
    return {
        "date": "2026-03-01", "buyer_type": "state_organ", "fiscal_funds_percent": "100",
        "budget_level": "city", "province": "fujian", "category": "services", "amount": "3000000",
    }


def wizard_state() -> str:
    """A signed, complete answer set of the guidance wizard (what its result page carries)."""
    from procurement.wizard.flow import dump_state

    return dump_state({
        "date": "2026-03-02", "buyer_type": "state_organ", "fiscal_funds_percent": "100",
        "signatory": "buyer", "budget_level": "city", "province": "fujian", "category": "services",
        "amount": "2500000", "payment_model": "fixed",
    })


@pytest.fixture
def actors(world, make_user):
    """The seven actors: world's users plus a consultant whom no body engaged."""
    return {
        "official_a": world["official_a"], "official_b": world["official_b"],
        "consultant_a": world["consultant"], "consultant_x": make_user(Role.CONSULTANT),
        "reviewer": world["reviewer"], "admin": world["admin"], "anonymous": None,
    }


@pytest.fixture
def body_a_objects(world, actors, assessment_a, caict, rules):  # noqa: F811
    """Objects of body A, made through the services as body A's official would make them:
    a draft assessment with an answer and evidence, a report (finished), a procurement project,
    an evaluation with a bid and the engaged consultant on its panel, a vendor."""
    from procurement.services.projects import procurement_project_create
    from vendors.services import vendor_create

    official = world["official_a"]
    responses_save(actor=official, assessment_id=assessment_a.pk, lock_version=0,
                   answers={"P1": {"numerator": "18", "denominator": "20"}})
    evidence = _evidence(official, assessment_a)
    report, _created = report_request(actor=official, assessment=assessment_a, language="zh-hans")
    # A finished report, so that the download itself is reachable for those allowed.
    report.file.save(f"security-{report.pk}.pdf", ContentFile(PDF), save=False)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DONE, file=report.file.name, progress=100,
                                               sha256="0" * 64, size=len(PDF), pages=1)
    project = procurement_project_create(user=official, body=world["body_a"], title="甲方采购项目IDOR",
                                         facts=procurement_facts())
    objects = {
        "assessment": assessment_a, "evidence": evidence, "report": report, "project": project,
        "vendor": vendor_create(actor=actors["admin"], name="安全测试云", kind="public_cloud"),
        "vendor_2": vendor_create(actor=actors["admin"], name="安全测试云二", kind="public_cloud"),
        "framework": caict, "body": world["body_a"], "cloud": world["cloud_a"],
        "dimension": caict.content["dimensions"][0]["code"], "wizard_state": wizard_state(),
        "official_b": actors["official_b"], "consultant_a": actors["consultant_a"],
    }
    if apps.is_installed("evaluations"):
        objects.update(_evaluation(official, project, actors["consultant_a"]))
    if apps.is_installed("documents"):
        objects["document"] = _memo(official, project)
    assessment_a.refresh_from_db()
    return objects


def _evidence(official, assessment):
    import datetime

    return evidence_add(
        actor=official, assessment_id=assessment.pk, indicator_code="P1",
        upload=SimpleUploadedFile("通知.pdf", PDF, content_type="application/pdf"),
        refers_to=datetime.date(2026, 1, 5),
    )


def _memo(official, project):
    """The procurement memo of project A, finished (so that its download is reachable)."""
    from documents.models import Document, DocumentKind
    from documents.services import document_request

    document, _created = document_request(actor=official, kind=DocumentKind.PROCUREMENT_MEMO, object_id=project.pk)
    document.file.save(f"security-memo-{document.pk}.pdf", ContentFile(PDF), save=False)
    Document.objects.filter(pk=document.pk).update(status="done", file=document.file.name, progress=100,
                                                   sha256="0" * 64, size=len(PDF), pages=1)
    return document


def _evaluation(official, project, panel_member) -> dict:
    from evaluations import services

    evaluation = services.evaluation_create(
        user=official, project=project, title="甲方评标IDOR", procurement_method="public_tender",
        category="services", criteria=[
            {"code": "price", "name": "价格", "kind": "price", "max_points": Decimal(30)},
            {"code": "tech", "name": "技术方案", "kind": "technical", "max_points": Decimal(70)},
        ],
    )
    services.panel_member_add(user=official, evaluation=evaluation, member=panel_member)
    bid = services.bid_create(user=official, evaluation=evaluation, bidder_name="甲公司", price=Decimal("1000000"))
    return {"evaluation": evaluation, "bid": bid, "panel_member": panel_member}
