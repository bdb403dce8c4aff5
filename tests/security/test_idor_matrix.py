"""IDOR matrix: every URL pattern of the project, as every role, against body A's objects.

The routes come from walking the resolver (tests/security/urlwalk.py), so a new endpoint cannot
escape: a route without a row in EXPECT (or a rule such as the admin site's) fails the test
until someone classifies it. Each row states, per actor, what GET must answer:

    actors, in order: official_a  official_b  consultant_a  consultant_x  reviewer  admin  anonymous
    (consultant_a: engaged by body A, not assigned to the assessment; consultant_x: engaged by nobody)

    A  allowed: 2xx or 3xx (for anonymous: not a redirect to the login page)
    D  refused: 403 or 404; anonymous gets a 302 to the login page (pages) or 401/403 (API)
    M  GET is not served (405): the endpoint only takes unsafe methods, tested in WRITES
    V  reached past the access checks, but refused as a bad request (400) in this state

Unsafe endpoints are in WRITES: each refused actor sends a request that would succeed for an
allowed actor (see test_allowed_writes_take_effect for the proof on a sample) and must get a
refusal while every table outside the security log stays byte-for-byte the same.

State of the objects (tests/security/conftest.py `body_a_objects`): a draft assessment of body A
with one answer and one piece of evidence, a finished report, a procurement project, an open
evaluation with one bid and the engaged consultant on its panel, two catalogue vendors.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessment.services.excel import excel_template

from .conftest import PDF, ROLES, changed_tables, fingerprint, sign_in
from .urlwalk import Route, routes

pytestmark = pytest.mark.django_db

PUBLIC = "AAAAAAA"
ANYONE = "AAAAAAD"
BODY_A = "ADADAAD"  # body rule: A's official, the consultant A engaged, reviewers, administrators
STAFF = "DDDDAAD"
POST_ONLY = "MMMMMMD"


def _a(o):
    return {"pk": o["assessment"].pk}


def _ev(o):
    return {"pk": o["evaluation"].pk}


@dataclass(frozen=True)
class Expect:
    get: str
    kw: Callable[[dict], dict] | None = None
    query: Callable[[dict], str] | None = None
    note: str = ""


EXPECT: dict[str, Expect] = {
    # --- public ----------------------------------------------------------------------------
    "health": Expect(PUBLIC),
    "login": Expect(PUBLIC, note="signed-in users are sent home (302)"),
    "logout": Expect("MMMMMMM", note="POST only; acts on the caller's own session"),
    "set_language": Expect(PUBLIC),
    "api-token": Expect("MMMMMMM", note="POST only; exchanges the caller's own credentials"),
    "schema": Expect(PUBLIC),
    "api-docs": Expect(PUBLIC),
    # --- the caller's own account (no object of anyone else in the URL or the form) -----------
    "home": Expect(ANYONE),
    "otp-verify": Expect(ANYONE, note="verified sessions are sent on (302)"),
    "otp-setup": Expect(ANYONE),
    "otp-recovery-codes": Expect(POST_ONLY),
    "account-security": Expect(ANYONE),
    "password-change": Expect(ANYONE),
    # --- catalogue and stateless tools: every signed-in user ----------------------------------
    "vendors:list": Expect(ANYONE),
    "vendors:detail": Expect(ANYONE, kw=lambda o: {"pk": o["vendor"].pk}),
    "vendors:compare": Expect(ANYONE, query=lambda o: f"ids={o['vendor'].pk},{o['vendor_2'].pk}"),
    "vendors:compare-xlsx": Expect(ANYONE, query=lambda o: f"ids={o['vendor'].pk},{o['vendor_2'].pk}"),
    "vendor-list": Expect(ANYONE),
    "vendor-detail": Expect(ANYONE, kw=lambda o: {"pk": o["vendor"].pk}),
    "vendor-compare": Expect(ANYONE, query=lambda o: f"ids={o['vendor'].pk},{o['vendor_2'].pk}"),
    "api-frameworks": Expect(ANYONE),
    "api-framework": Expect(ANYONE, kw=lambda o: {"slug": o["framework"].slug, "version": o["framework"].version}),
    "api-framework-score": Expect(POST_ONLY, kw=lambda o: {"slug": o["framework"].slug, "version": o["framework"].version}),
    "procurement:guidance": Expect(ANYONE),
    "procurement:guidance-result": Expect(ANYONE, note="no answers yet: back to the wizard (302)"),
    "procurement-guidance": Expect(POST_ONLY),
    "procurement-bid-scores": Expect(POST_ONLY),
    # --- lists: everyone signed in, filtered (the marker check proves B sees none of A) -------
    "assessment-list": Expect(ANYONE),
    "api-assessments": Expect(ANYONE),
    "assessment-create": Expect(ANYONE),
    "procurement:project-list": Expect(ANYONE),
    "procurement-project-list": Expect(ANYONE),
    "procurement:project-create": Expect(POST_ONLY),
    "evaluations:list": Expect(ANYONE),
    "evaluation-list": Expect(ANYONE),
    "evaluations:create": Expect("AAAADAD", note="reviewers only read evaluations"),
    "body-list": Expect(ANYONE),
    "cloud-list": Expect(ANYONE),
    "review-queue": Expect(STAFF),
    # --- body A's objects ------------------------------------------------------------------
    "body-detail": Expect(BODY_A, kw=lambda o: {"pk": o["body"].pk}),
    "cloud-detail": Expect(BODY_A, kw=lambda o: {"pk": o["cloud"].pk}),
    "assessment-detail": Expect(BODY_A, kw=_a),
    "assessment-history": Expect(BODY_A, kw=_a),
    "assessment-review": Expect("ADDDAAD", kw=_a, note="reviewers and fillers; an unassigned consultant only reads"),
    "assessment-benchmark": Expect(BODY_A, kw=_a),
    "assessment-fill": Expect(BODY_A, kw=lambda o: {**_a(o), "dimension": o["dimension"]},
                              note="read-only for those who may not fill"),
    "assessment-preview": Expect(POST_ONLY, kw=lambda o: {**_a(o), "dimension": o["dimension"]}),
    "assessment-transition": Expect(POST_ONLY, kw=lambda o: {**_a(o), "action": "submit"}),
    "assessment-comment": Expect(POST_ONLY, kw=_a),
    "report-request": Expect(POST_ONLY, kw=_a),
    "evidence-upload": Expect(POST_ONLY, kw=_a),
    "assessment-assign": Expect(POST_ONLY, kw=_a),
    "api-assignments": Expect(POST_ONLY, kw=_a),
    "notifications-read": Expect(POST_ONLY, note="marks the caller's own notifications"),
    "evidence-download": Expect(BODY_A, kw=lambda o: {**_a(o), "evidence_id": o["evidence"].pk}),
    "evidence-remove": Expect(POST_ONLY, kw=lambda o: {**_a(o), "evidence_id": o["evidence"].pk}),
    "assessment-excel-template": Expect(BODY_A, kw=_a),
    "assessment-excel-import": Expect("ADDDDDD", kw=_a, note="fillers only"),
    "report-detail": Expect(BODY_A, kw=lambda o: {"pk": o["report"].pk}),
    "report-pdf": Expect(BODY_A, kw=lambda o: {"pk": o["report"].pk}),
    "report-retry": Expect(POST_ONLY, kw=lambda o: {"pk": o["report"].pk}),
    "api-assessment": Expect(BODY_A, kw=_a),
    "api-responses": Expect(BODY_A, kw=_a),
    "api-response": Expect(BODY_A, kw=lambda o: {**_a(o), "code": "P1"}),
    "api-score": Expect(BODY_A, kw=_a),
    "api-what-if": Expect(POST_ONLY, kw=_a),
    "api-history": Expect(BODY_A, kw=_a),
    "api-evidence": Expect(BODY_A, kw=_a),
    "api-evidence-download": Expect(BODY_A, kw=lambda o: {**_a(o), "evidence_id": o["evidence"].pk}),
    "api-excel": Expect(BODY_A, kw=_a),
    "api-report-request": Expect(POST_ONLY, kw=_a),
    "api-report": Expect(BODY_A, kw=lambda o: {"pk": o["report"].pk}),
    "api-report-pdf": Expect(BODY_A, kw=lambda o: {"pk": o["report"].pk}),
    **{f"api-{slug}": Expect(POST_ONLY, kw=_a) for slug in ("submit", "start-review", "return", "approve", "reopen")},
    "procurement:project-detail": Expect(BODY_A, kw=lambda o: {"pk": o["project"].pk}),
    "procurement-project-detail": Expect(BODY_A, kw=lambda o: {"pk": o["project"].pk}),
    # --- body A's evaluation (consultant_a sits on its panel) --------------------------------
    "evaluations:detail": Expect(BODY_A, kw=_ev),
    "evaluations:bid-add": Expect(POST_ONLY, kw=_ev),
    "evaluations:bid-delete": Expect(POST_ONLY, kw=lambda o: {**_ev(o), "bid_pk": o["bid"].pk}),
    "evaluations:panel-add": Expect(POST_ONLY, kw=_ev),
    "evaluations:panel-remove": Expect(POST_ONLY, kw=lambda o: {**_ev(o), "user_pk": o["panel_member"].pk}),
    "evaluations:score": Expect("DDADDDD", kw=_ev, note="panel members only"),
    "evaluations:result": Expect("ADDDAAD", kw=_ev, note="hidden from panel members while open"),
    "evaluations:close": Expect(POST_ONLY, kw=_ev),
    "evaluation-detail": Expect(BODY_A, kw=_ev),
    "evaluation-bids": Expect(BODY_A, kw=_ev),
    "evaluation-bid-detail": Expect(POST_ONLY, kw=lambda o: {**_ev(o), "bid_pk": o["bid"].pk}),
    "evaluation-panel": Expect(BODY_A, kw=_ev),
    "evaluation-panel-member": Expect(POST_ONLY, kw=lambda o: {**_ev(o), "user_pk": o["panel_member"].pk}),
    "evaluation-member-scores": Expect("DDADAAD", kw=_ev, note="staff, and panel members (their own)"),
    "evaluation-result": Expect("ADDDAAD", kw=_ev, note="hidden from panel members while open"),
    "evaluation-sensitivity": Expect("ADDDAAD", kw=_ev, note="hidden from panel members while open"),
    "evaluation-ocds": Expect("VDVDVVD", kw=_ev, note="published only once closed: 400 while open"),
    "evaluation-record": Expect("DDDDVVD", kw=_ev, note="staff only; 400 while open"),
    "evaluation-close": Expect(POST_ONLY, kw=_ev),
    # --- PDF documents of body A's project and evaluation; comparisons of the open catalogue ----
    "documents:memo-request": Expect(POST_ONLY, kw=lambda o: {"pk": o["project"].pk}),
    "documents:dossier-request": Expect(POST_ONLY, kw=_ev),
    "documents:comparison-request": Expect(POST_ONLY, note="the vendor catalogue is open to every user"),
    "documents:detail": Expect(BODY_A, kw=lambda o: {"pk": o["document"].pk}),
    "documents:pdf": Expect(BODY_A, kw=lambda o: {"pk": o["document"].pk}),
    "documents:retry": Expect(POST_ONLY, kw=lambda o: {"pk": o["document"].pk}),
    "api-document-memo": Expect(POST_ONLY, kw=lambda o: {"pk": o["project"].pk}),
    "api-document-dossier": Expect(POST_ONLY, kw=_ev),
    "api-document-comparison": Expect(POST_ONLY, note="the vendor catalogue is open to every user"),
    "api-document": Expect(BODY_A, kw=lambda o: {"pk": o["document"].pk}),
    "api-document-pdf": Expect(BODY_A, kw=lambda o: {"pk": o["document"].pk}),
}

# Django's admin site: one rule for every pattern under /admin/ (new model admins included).
# Everyone but administrators is sent to the admin login; administrators pass the site's gate
# (a model's own rules may still refuse them, e.g. adding audit records).
ADMIN_PUBLIC = {"admin:login"}
ADMIN_SELF_SERVICE = {"admin:logout"}  # ends the caller's own session only


def _admin_kwargs(route: Route, objects: dict) -> dict:
    values = {"object_id": objects["body"].pk, "content_type_id": 1, "url": "no-such-page/"}
    if "app_label" in route.params:
        values["app_label"] = "assessment"
    return {p: values.get(p, 1) for p in route.params}


def _path(route: Route, objects: dict) -> str:
    if route.is_admin:
        return route.path(_admin_kwargs(route, objects))
    expect = EXPECT[route.key]
    path = route.path(expect.kw(objects) if expect.kw else {})
    return path + ("?" + expect.query(objects) if expect.query else "")


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _outcome_ok(code: str, response, *, route: Route, anonymous: bool) -> bool:
    status = response.status_code
    if code == "M":
        return status == 405
    if code == "V":
        return status == 400
    if code == "A":
        return 200 <= status < 400 and not (anonymous and _to_login(response))
    # D
    if anonymous:
        return status in (401, 403) if route.is_api else _to_login(response)
    return status in (403, 404)


MARKERS = ("甲市数据局", "甲市政务云", "甲方采购项目IDOR", "甲方评标IDOR")


def _leaks(response) -> list[str]:
    kind = response.get("Content-Type", "")
    if response.streaming or not (kind.startswith("text/html") or kind.startswith("application/json")):
        return []
    text = response.content.decode("utf-8", "replace")
    if kind.startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return [m for m in MARKERS if m in text]


@pytest.fixture
def clients(actors):
    signed_in = {}
    for role in ROLES:
        signed_in[role] = Client()
        sign_in(signed_in[role], actors[role])
    return signed_in


def test_every_route_has_an_expectation():
    unclassified = [r.key for r in routes() if not r.is_admin and r.key not in EXPECT]
    assert not unclassified, f"classify these routes in EXPECT (and WRITES if unsafe): {unclassified}"


def test_get_matrix(clients, body_a_objects):
    """GET on every route as every actor answers as the table says; B's side never sees a
    trace of A's data on any page; and no GET changes anything."""
    failures, leaks = [], []
    before = fingerprint()
    for route in routes():
        if not route.is_admin and route.key not in EXPECT:
            continue  # reported by test_every_route_has_an_expectation
        path = _path(route, body_a_objects)
        for index, role in enumerate(ROLES):
            response = clients[role].get(path)
            status = response.status_code
            if route.is_admin:
                if route.key in ADMIN_PUBLIC or route.key in ADMIN_SELF_SERVICE:
                    ok = status < 500
                elif role == "admin":
                    ok = status < 500 and not (status == 302 and response["Location"].startswith("/admin/login/"))
                else:
                    ok = status == 302 and response["Location"].startswith("/admin/login/")
            else:
                ok = _outcome_ok(EXPECT[route.key].get[index], response, route=route, anonymous=role == "anonymous")
            if not ok:
                where = response.get("Location", "")
                failures.append(f"{route.key} GET {path} as {role}: {status} {where}".strip())
            if role in ("official_b", "consultant_x") and status == 200:
                found = _leaks(response)
                if found:
                    leaks.append(f"{route.key} GET {path} as {role} shows {found}")
    assert not failures, "unexpected answers:\n" + "\n".join(failures)
    assert not leaks, "body A's data seen from body B's side:\n" + "\n".join(leaks)
    assert changed_tables(before, fingerprint()) == [], "a GET changed data"


# --- unsafe methods ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Write:
    key: str
    method: str
    refused: str  # per actor: R must be refused, . not checked here (allowed, or stateful)
    data: Callable[[dict], dict] = lambda o: {}
    fmt: str = "form"  # form (urlencoded/multipart) or json
    # A refusal is 403/404 (anonymous: login redirect / 401 / 403). Where the object is chosen
    # in the form, not the URL, an unusable choice is a form error instead (200/400).
    form_choice: bool = False
    ok_as: str = ""  # an actor for whom the same request must change data (positive control)


def _xlsx(o):
    return SimpleUploadedFile("import.xlsx", excel_template(assessment=o["assessment"]),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _pdf():
    return SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")


def _lock(o) -> int:
    o["assessment"].refresh_from_db()
    return o["assessment"].lock_version


FILL = {"P1__present": "1", "P1__numerator": "19", "P1__denominator": "20"}
ANSWERS = {"P1": {"numerator": "17", "denominator": "20"}}
BODY_B_SIDE = ".R.R..R"

WRITES: tuple[Write, ...] = (
    Write("assessment-create", "post", ".R.RR.R", form_choice=True, ok_as="official_a",
          data=lambda o: {"cloud": o["cloud"].pk, "year": 2027, "framework": o["framework"].pk}),
    Write("assessment-fill", "post", ".RRRRRR", ok_as="official_a",
          data=lambda o: {"lock_version": _lock(o), **FILL}),
    Write("assessment-preview", "post", BODY_B_SIDE, data=lambda o: FILL),
    Write("assessment-transition", "post", ".RRRRRR", data=lambda o: {"lock_version": _lock(o)}),
    Write("assessment-comment", "post", ".RRR..R", ok_as="official_a", data=lambda o: {"text": "请补充材料"}),
    Write("report-request", "post", ".RRR..R", ok_as="official_a", data=lambda o: {"language": "en"}),
    Write("evidence-upload", "post", ".RRRRRR", ok_as="official_a",
          data=lambda o: {"indicator_code": "P1", "file": _pdf(), "refers_to": "2026-01-06"}),
    Write("evidence-remove", "post", ".RRRRRR"),
    Write("assessment-excel-import", "post", ".RRRRRR",
          data=lambda o: {"file": _xlsx(o), "lock_version": _lock(o)}),
    Write("report-retry", "post", BODY_B_SIDE),
    Write("assessment-assign", "post", "RRRR..R", ok_as="reviewer", data=lambda o: {"consultant": o["consultant_a"].pk}),
    Write("api-assignments", "post", "RRRR..R", fmt="json", data=lambda o: {"consultant": o["consultant_a"].pk}),
    Write("procurement:project-create", "post", ".R.RR.R", form_choice=True, ok_as="official_a",
          data=lambda o: {"title": "乙方冒名项目", "body": o["body"].pk, "state": o["wizard_state"]}),
    Write("api-assessments", "post", ".R.RR.R", fmt="json", form_choice=True, ok_as="official_a",
          data=lambda o: {"cloud": o["cloud"].pk, "year": 2028, "framework_slug": o["framework"].slug,
                          "framework_version": o["framework"].version}),
    Write("api-responses", "patch", ".RRRRRR", fmt="json", ok_as="official_a",
          data=lambda o: {"answers": ANSWERS, "lock_version": _lock(o)}),
    Write("api-response", "put", ".RRRRRR", fmt="json", ok_as="official_a",
          data=lambda o: {"answer": {"numerator": "16", "denominator": "20"}, "lock_version": _lock(o)}),
    Write("api-what-if", "post", BODY_B_SIDE, fmt="json", data=lambda o: {"changes": ANSWERS}),
    Write("api-evidence", "post", ".RRRRRR", ok_as="official_a",
          data=lambda o: {"indicator_code": "P1", "file": _pdf(), "refers_to": "2026-01-07"}),
    Write("api-excel", "post", ".RRRRRR", data=lambda o: {"file": _xlsx(o), "lock_version": _lock(o)}),
    Write("api-report-request", "post", ".RRR..R", fmt="json", data=lambda o: {"language": "en"}),
    Write("api-submit", "post", ".RRRRRR", fmt="json", data=lambda o: {"lock_version": _lock(o)}),
    *(Write(f"api-{slug}", "post", "RRRR..R", fmt="json", data=lambda o: {"comment": "理由", "lock_version": _lock(o)})
      for slug in ("start-review", "return", "approve", "reopen")),
    Write("body-list", "post", "RRRRR.R", fmt="json", ok_as="admin",
          data=lambda o: {"name": "冒名单位", "division_code": "320300", "level": "city"}),
    Write("cloud-list", "post", "RRRRR.R", fmt="json",
          data=lambda o: {"name": "冒名云", "owner": o["body"].pk, "kind": "comprehensive",
                          "deployment_model": "dedicated", "cooperation_model": "service_purchase"}),
    Write("procurement-project-list", "post", ".R.RR.R", fmt="json", form_choice=True,
          data=lambda o: {"title": "乙方冒名项目", "body": o["body"].pk, "facts": _facts()}),
)

EVALUATION_WRITES: tuple[Write, ...] = (
    Write("evaluations:create", "post", ".R.RR.R", form_choice=True,
          data=lambda o: {"project": o["project"].pk, "title": "冒名评标", "procurement_method": "public_tender",
                          "category": "services", "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"}),
    Write("evaluations:bid-add", "post", ".R.RR.R", ok_as="official_a",
          data=lambda o: {"bid-bidder_name": "乙公司", "bid-price": "1100000"}),
    Write("evaluations:bid-delete", "post", ".R.RR.R"),
    Write("evaluations:panel-add", "post", ".R.RR.R", data=lambda o: {"panel-user": o["official_b"].pk}),
    Write("evaluations:panel-remove", "post", ".R.RR.R"),
    Write("evaluations:score", "post", "RR.RRRR",
          data=lambda o: {f"s-{o['bid'].pk}-tech": "60"}),
    Write("evaluations:close", "post", ".R.RR.R"),
    Write("evaluation-list", "post", ".R.RR.R", fmt="json", form_choice=True,
          data=lambda o: {"project": o["project"].pk, "title": "冒名评标", "procurement_method": "public_tender",
                          "category": "services", "criteria": []}),
    Write("evaluation-detail", "patch", ".R.RR.R", fmt="json", data=lambda o: {"title": "改名"}),
    Write("evaluation-bids", "post", ".R.RR.R", fmt="json", ok_as="official_a",
          data=lambda o: {"bidder_name": "丙公司", "price": "1200000.00"}),
    Write("evaluation-bid-detail", "patch", ".R.RR.R", fmt="json", data=lambda o: {"price": "900000.00"}),
    Write("evaluation-bid-detail", "delete", ".R.RR.R"),
    Write("evaluation-panel", "post", ".R.RR.R", fmt="json", data=lambda o: {"user": o["official_b"].pk}),
    Write("evaluation-panel-member", "delete", ".R.RR.R"),
    Write("evaluation-member-scores", "post", "RR.RRRR", fmt="json",
          data=lambda o: {"scores": [{"bid": o["bid"].pk, "criterion": "tech", "points": "60"}]}),
    Write("evaluation-close", "post", ".R.RR.R", fmt="json"),
)


DOCUMENT_WRITES: tuple[Write, ...] = (
    Write("documents:memo-request", "post", BODY_B_SIDE, ok_as="official_a", data=lambda o: {"language": "en"}),
    Write("documents:dossier-request", "post", BODY_B_SIDE, data=lambda o: {"language": "en"}),
    Write("documents:retry", "post", BODY_B_SIDE),
    Write("api-document-memo", "post", BODY_B_SIDE, fmt="json", data=lambda o: {"language": "en"}),
    Write("api-document-dossier", "post", BODY_B_SIDE, fmt="json", data=lambda o: {"language": "en"}),
)


def _facts() -> dict:
    from .conftest import procurement_facts

    return procurement_facts()


def _writes() -> tuple[Write, ...]:
    return (WRITES + (EVALUATION_WRITES if apps.is_installed("evaluations") else ())
            + (DOCUMENT_WRITES if apps.is_installed("documents") else ()))


def _send(client: Client, write: Write, path: str, objects: dict):
    data = write.data(objects)
    if write.fmt == "json":
        return getattr(client, write.method)(path, data=json.dumps(data), content_type="application/json")
    if write.method == "post":
        return client.post(path, data)
    return getattr(client, write.method)(path)


def _refused(response, write: Write, route: Route, role: str) -> bool:
    status = response.status_code
    if role == "anonymous":
        return status in (401, 403) if route.is_api else _to_login(response)
    allowed = {403, 404} | ({200, 400} if write.form_choice else set())
    return status in allowed


def test_write_tables_cover_every_unsafe_route():
    by_key = {r.key: r for r in routes()}
    missing = [k for k, e in EXPECT.items() if e.get == POST_ONLY and k in by_key and k not in {w.key for w in _writes()}
               and k not in SELF_SERVICE_WRITES | STATELESS_WRITES | CATALOGUE_WRITES]
    assert not missing, f"POST-only routes with no write check: {missing}"


# POST-only routes that act only on the caller's own account, or compute without storing.
SELF_SERVICE_WRITES = {"otp-recovery-codes", "notifications-read"}
STATELESS_WRITES = {"api-framework-score", "procurement-guidance", "procurement-bid-scores"}
# POST-only routes about the open vendor catalogue: no body's object is involved.
CATALOGUE_WRITES = {"documents:comparison-request", "api-document-comparison"}


def test_refused_writes_change_nothing(clients, body_a_objects):
    objects = body_a_objects
    by_key = {r.key: r for r in routes()}
    failures = []
    state = fingerprint()
    for write in _writes():
        route = by_key.get(write.key)
        if route is None:
            continue
        path = _path(route, objects)
        for index, role in enumerate(ROLES):
            if write.refused[index] != "R":
                continue
            response = _send(clients[role], write, path, objects)
            after = fingerprint()
            changed = changed_tables(state, after)
            state = after
            if not _refused(response, write, route, role) or changed:
                failures.append(f"{write.method.upper()} {path} ({write.key}) as {role}: "
                                f"{response.status_code}, changed {changed}")
    assert not failures, "writes not refused, or refused but with effects:\n" + "\n".join(failures)


def test_allowed_writes_take_effect(clients, body_a_objects):
    """The positive control: the payloads used above are good, so a refusal means refusal."""
    objects = body_a_objects
    by_key = {r.key: r for r in routes()}
    failures = []
    for write in _writes():
        route = by_key.get(write.key)
        if not write.ok_as or route is None:
            continue
        before = fingerprint()
        response = _send(clients[write.ok_as], write, _path(route, objects), objects)
        if response.status_code >= 400 or not changed_tables(before, fingerprint()):
            failures.append(f"{write.key} as {write.ok_as}: {response.status_code} {response.content[:300]!r}")
    assert not failures, "\n".join(failures)


def test_admin_site_refuses_every_unsafe_request_from_non_administrators(clients, body_a_objects):
    before = fingerprint()
    failures = []
    for route in routes():
        if not route.is_admin or route.key in ADMIN_PUBLIC | ADMIN_SELF_SERVICE:
            continue
        path = route.path(_admin_kwargs(route, body_a_objects))
        for role in ROLES:
            if role == "admin":
                continue
            response = clients[role].post(path, {"name": "x", "post": "yes"})
            if not (response.status_code == 302 and response["Location"].startswith("/admin/login/")):
                failures.append(f"POST {path} as {role}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert changed_tables(before, fingerprint()) == []
