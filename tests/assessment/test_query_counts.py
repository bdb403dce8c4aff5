"""The pages and endpoints of the load mix (bench/load.py) run a small, fixed number of queries,
whatever the number of rows they show: no N+1 on the review queue, the list, the home pages,
an assessment's overview, fill and review pages, the API read and save, the report progress.

Each test counts queries with a little data, adds rows of every kind the page shows, and
counts again: the count must not move, and must stay under a bound that the page met when
this was written (a regression that adds a query per request fails too).
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from assessment.models import Assessment, Status
from assessment.services.assessments import assessment_assign, assessment_create
from assessment.services.evidence import evidence_add
from assessment.services.responses import responses_save
from assessment.services.workflow import assessment_transition, comment_add
from tests.assessment.conftest import CAICT_PAYLOAD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def queries(client, method, url, expect=200, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, **kwargs)
    assert response.status_code == expect, (url, response.status_code)
    return ctx.captured_queries


def count(client, url, **kwargs) -> int:
    return len(queries(client, "get", url, **kwargs))


@pytest.fixture
def many(world, caict, make_body, make_cloud):
    """add(n): n more bodies, each with a cloud and a submitted assessment (the queue grows)."""
    made = []

    def add(n):
        for _ in range(n):
            body = make_body()
            cloud = make_cloud(body)
            a = assessment_create(actor=world["admin"], cloud=cloud, year=2025, framework=caict)
            made.append(a)
        Assessment.objects.filter(pk__in=[a.pk for a in made]).update(status=Status.SUBMITTED)
        return made

    return add


def test_review_queue_is_constant_and_does_not_list_every_body(client, world, many):
    many(2)
    client.force_login(world["reviewer"])
    urls = ["/assessments/review-queue/", "/assessments/review-queue/?status=in_review",
            "/assessments/review-queue/?body_name=测试", "/assessments/review-queue/?page=2"]
    small = [count(client, u) for u in urls]
    options_small = client.get(urls[0]).content.decode().count("<option")
    many(60)  # more bodies, and a queue longer than one page
    assert [count(client, u) for u in urls] == small
    assert max(small) <= 5  # session, user, device; the count and the page (no body list)
    page = client.get(urls[0]).content.decode()
    assert page.count("<option") == options_small  # the body filter is a search, not 60 options
    assert page.count('<tr>') <= 51  # 50 a page, and the header row


def test_queue_body_search_offers_a_bounded_number_of_bodies(client, world, many):
    many(30)
    client.force_login(world["reviewer"])
    url = "/assessments/review-queue/?suggest=body&body_name=测试"
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert html.count("<option") == 20
    assert count(client, url, HTTP_HX_REQUEST="true") <= 4
    client.force_login(world["official_a"])  # the queue is for reviewers, the search too
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 403


def test_assessment_list_is_constant(client, world, caict, make_cloud):
    client.force_login(world["official_a"])
    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2025, framework=caict)
    small = count(client, "/assessments/")
    for year in range(2016, 2024):
        assessment_create(actor=world["official_a"], cloud=make_cloud(world["body_a"]), year=year, framework=caict)
    assert count(client, "/assessments/") == small <= 5


def test_home_pages_are_constant_and_page_the_clouds(client, world, caict, make_body, make_cloud, many):
    users = [world["official_a"], world["consultant"], world["reviewer"]]

    def counts():
        out = []
        for user in users:
            client.force_login(user)
            out.append(count(client, "/"))
        return out

    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2025, framework=caict)
    small = counts()
    many(30)  # 30 more bodies and clouds: a reviewer sees them all
    for year in range(2016, 2024):
        assessment_create(actor=world["official_a"], cloud=make_cloud(world["body_a"]), year=year, framework=caict)
    assert counts() == small
    assert max(small) <= 11  # 3 + the clouds (count, page, vendors), recent, notifications, and per role
    client.force_login(world["reviewer"])
    home = client.get("/").content.decode()
    assert 0 < home.count("<td>政务云") <= 25  # the clouds' table: 25 a page, of 40
    assert "?page=2" in home


def _fill_everything(world, assessment, rounds):
    """Answers, evidence on several indicators, comments and (for the reviewer) assignments."""
    for n in range(rounds):
        evidence_add(actor=world["official_a"], assessment_id=assessment.pk, indicator_code=("P1", "P2", "O1")[n % 3],
                     upload=SimpleUploadedFile(f"e{n}.pdf", PDF + str(n).encode()), refers_to=datetime.date(2025, 1, 1))
        comment_add(actor=world["reviewer"], assessment_id=assessment.pk, text=f"看一下 {n}",
                    indicator_code=("P1", "")[n % 2])


@pytest.fixture
def filled(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    _fill_everything(world, assessment_a, 1)
    return assessment_a


@pytest.mark.parametrize("who,path,bound", [
    # Every request reads the session, the user and the second-factor device (middleware): 3.
    ("official_a", "/assessments/{pk}/", 8),  # + assessment, answers, assignments, seals, comments
    ("reviewer", "/assessments/{pk}/", 9),  # + the consultants to assign
    ("official_a", "/assessments/{pk}/fill/policy/", 6),  # + assessment, answers, evidence
    ("reviewer", "/assessments/{pk}/review/", 7),  # + assessment, answers, evidence, comments
    ("official_a", "/assessments/{pk}/review/", 7),
])
def test_assessment_pages_are_constant(client, world, filled, who, path, bound):
    client.force_login(world[who])
    url = path.format(pk=filled.pk)
    count(client, url)  # warm the per-process framework copy
    small = count(client, url)
    _fill_everything(world, filled, 6)
    assessment_assign(actor=world["reviewer"], assessment=filled, consultant=world["consultant"])
    assert count(client, url) == small <= bound


def test_detail_is_constant_across_sealed_revisions(client, world, filled, make_user):
    client.force_login(world["reviewer"])
    url = f"/assessments/{filled.pk}/"
    count(client, url)
    small = count(client, url)
    for revision in (1, 2):
        assessment_transition(actor=world["official_a"], assessment_id=filled.pk, action="submit")
        assessment_transition(actor=world["reviewer"], assessment_id=filled.pk, action="start_review")
        assessment_transition(actor=make_user(Role.REVIEWER), assessment_id=filled.pk, action="approve")
        assessment_transition(actor=world["reviewer"], assessment_id=filled.pk, action="reopen", comment=f"再看 {revision}")
    page = client.get(url).content.decode()
    assert "r1" in page and "r2" in page  # both seals listed, and the diff since the last one
    assert count(client, url) == small  # the seals and the diff come in the same queries


MAIN_TABLE_READ = re.compile(r'SELECT .*? FROM "assessment_assessment"')


def _main_table_reads(captured):
    """Queries that read assessments themselves (not their answers, evidence and so on)."""
    return [q["sql"] for q in captured if MAIN_TABLE_READ.match(q["sql"]) and "COUNT(" not in q["sql"]]


def test_api_read_and_save_read_the_assessment_once(client, world, filled):
    client.force_login(world["official_a"])
    url = f"/api/v1/assessments/{filled.pk}/"
    client.get(url)
    read = queries(client, "get", url)
    assert len(read) <= 4 and len(_main_table_reads(read)) == 1
    lock = client.get(url).json()["lock_version"]
    saved = queries(client, "patch", f"{url}responses/", content_type="application/json",
                    data={"answers": {"P1": {"numerator": 3, "denominator": 20}}, "lock_version": lock})
    # Once to check it is visible, once locked by the service (SELECT … FOR UPDATE): no re-read.
    assert len(_main_table_reads(saved)) == 2
    assert len(saved) <= 16
    after = client.get(url).json()
    response = client.patch(f"{url}responses/", content_type="application/json",
                            data={"answers": {"P1": {"numerator": 4, "denominator": 20}}, "lock_version": after["lock_version"]})
    assert response.json() == client.get(url).json()  # what the save answers is what a read shows


def test_report_progress_poll_is_constant(client, world, filled):
    from assessment.services.reports import report_request

    report, _created = report_request(actor=world["official_a"], assessment=filled)
    client.force_login(world["official_a"])
    url = f"/reports/{report.pk}/"
    small = count(client, url, HTTP_HX_REQUEST="true")
    assert small <= 6
    _fill_everything(world, filled, 3)
    assert count(client, url, HTTP_HX_REQUEST="true") == small


def test_a_consultant_engaged_and_assigned_sees_each_assessment_once(client, world, assessment_a, assessment_b, make_user):
    """The consultant's scope joins engagements and assignments (several rows per assessment):
    the list, the API and a single read keep each assessment once; others read it directly."""
    from assessment.selectors.assessments import (
        assessment_get,
        assessment_list,
        visible_assessments,
    )
    from orgs.services import engagement_grant

    consultant, colleague = world["consultant"], make_user(Role.CONSULTANT)
    engagement_grant(consultant=colleague, body=world["body_a"], granted_by=world["admin"])
    for c in (consultant, colleague):  # two engagements × two assignments: joined, 3 rows match
        assessment_assign(actor=world["reviewer"], assessment=assessment_a, consultant=c)
    assert [a.pk for a in assessment_list(user=consultant)] == [assessment_a.pk]
    assert assessment_get(user=consultant, pk=assessment_a.pk).pk == assessment_a.pk
    client.force_login(consultant)
    assert client.get("/api/v1/assessments/").json()["count"] == 1
    assert "IN (SELECT" in str(visible_assessments(user=consultant).query)
    for who in ("official_a", "reviewer"):  # a single-valued scope needs no semi-join
        assert "IN (SELECT" not in str(visible_assessments(user=world[who]).query)
    assert [a.pk for a in assessment_list(user=world["official_b"])] == [assessment_b.pk]


def test_history_page_is_constant_and_paged(client, world, assessment_a):
    def save(n):
        responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, lock_version=None,
                       answers={"P1": {"numerator": n % 20, "denominator": 20}})  # one history entry

    client.force_login(world["official_a"])
    url = f"/assessments/{assessment_a.pk}/history/"
    save(1)
    count(client, url)
    small = count(client, url)
    for n in range(2, 122):
        save(n)
    assert count(client, url) == small <= 6  # 3 + assessment, count, the page
    page = client.get(url).content.decode()
    assert page.count("<li><time") == 100 and "?page=2" in page
    assert client.get(url + "?page=2").content.decode().count("<li><time") == 21
