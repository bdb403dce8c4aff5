"""Report benchmark: request → PDF ready through a real worker, against bare WeasyPrint.

Prints (medians over RUNS):
  report_end_to_end_seconds: N      request to PDF stored, through the broker and a real worker
  report_bare_weasyprint_seconds: N  WeasyPrint alone on the same HTML
  report_pdf_bytes: N
  report_batch_seconds: N           BATCH reports queued at once, rendered by 2 workers
  report_batch_done_once: N         how many of them ended done, each with exactly one file

Runs on a scratch SQLite database and SQLite broker in a temporary folder unless DATABASE_URL
and CELERY_BROKER_URL are set. Usage: .venv/bin/python bench/report.py [RUNS] [BATCH]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
BATCH = int(sys.argv[2]) if len(sys.argv) > 2 else 100

scratch = Path(tempfile.mkdtemp(prefix="govcloud-bench-"))
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ["GOVCLOUD_VAR_DIR"] = str(scratch)
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = f"bench-{os.getpid()}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.services import user_create  # noqa: E402
from assessment.models import FrameworkVersion, Report, ReportStatus  # noqa: E402
from assessment.reports.context import report_context  # noqa: E402
from assessment.reports.render import html_to_pdf, report_html  # noqa: E402
from assessment.services.assessments import assessment_create  # noqa: E402
from assessment.services.reports import report_request  # noqa: E402
from assessment.services.responses import responses_save  # noqa: E402
from orgs.services import body_create, cloud_create  # noqa: E402
from tests.assessment.scoring.conftest import CAICT_PAYLOAD  # noqa: E402


def worker(name: str) -> subprocess.Popen:
    s = connection.settings_dict
    db_url = f"sqlite:///{s['NAME']}" if s["ENGINE"].endswith("sqlite3") else os.environ["DATABASE_URL"]
    log = (scratch / f"{name}.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", f"--hostname={name}@%h",
         "-Q", os.environ["CELERY_TASK_DEFAULT_QUEUE"], "--loglevel=WARNING"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": db_url}, stdout=log, stderr=subprocess.STDOUT,
    )
    time.sleep(4)  # let it connect before the clock starts
    return proc


def wait_done(ids: list[int], timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while Report.objects.filter(pk__in=ids).exclude(status__in=[ReportStatus.DONE, ReportStatus.FAILED]).exists():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for reports")
        time.sleep(0.02)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    framework = FrameworkVersion.objects.get(slug="caict-gov-cloud")
    province = body_create(name="江苏省", division_code="320000", level="province")
    body = body_create(name="宿迁市数据局", division_code="321300", level="city", parent=province)
    user = user_create(username="bench", password="Correct-Horse-Battery-42", role="official", body=body)
    clouds = [cloud_create(name=f"宿迁市政务云{i}", kind="comprehensive", owner=body, deployment_model="dedicated",
                           cooperation_model="service_purchase") for i in range(BATCH + 1)]
    assessments = []
    for cloud in clouds:
        a = assessment_create(actor=user, cloud=cloud, year=2026, framework=framework)
        responses_save(actor=user, assessment_id=a.pk, answers=CAICT_PAYLOAD, lock_version=0)
        a.refresh_from_db()
        assessments.append(a)
    standard = assessments[0]

    html = report_html(report_context(assessment=standard), language="zh-hans")
    html_to_pdf(html)  # warm fonts and caches, as a running worker is
    bare, sizes = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        sizes.append(len(html_to_pdf(html).content))
        bare.append(time.perf_counter() - t)

    workers = [worker("bench-a"), worker("bench-b")]
    try:
        end_to_end, waits, renders = [], [], []
        for run in range(RUNS + 1):  # the first run warms the worker's process
            language = "zh-hans"
            if run:
                standard.refresh_from_db()
                responses_save(actor=user, assessment_id=standard.pk, answers={"O6": {"value": 80 + run}},
                               lock_version=standard.lock_version)
                standard.refresh_from_db()
            t = time.perf_counter()
            report, _ = report_request(actor=user, assessment=standard, language=language)
            wait_done([report.pk])
            if run:
                end_to_end.append(time.perf_counter() - t)
                report.refresh_from_db()
                waits.append((report.started_at - report.requested_at).total_seconds())
                renders.append((report.finished_at - report.started_at).total_seconds())
        t = time.perf_counter()
        ids = [report_request(actor=user, assessment=a)[0].pk for a in assessments[1:]]
        wait_done(ids)
        batch_seconds = time.perf_counter() - t
    finally:
        for proc in workers:
            proc.terminate()
            proc.wait(timeout=30)
    from django.core.files.storage import default_storage

    done_once = 0
    for report in Report.objects.filter(pk__in=ids):
        _dirs, files = default_storage.listdir(f"reports/{report.assessment_id}")
        if report.status == ReportStatus.DONE and len([f for f in files if f.startswith(report.key)]) == 1:
            done_once += 1
    print(f"report_end_to_end_seconds: {statistics.median(end_to_end):.3f}")
    print(f"report_queue_wait_seconds: {statistics.median(waits):.3f}")  # informative: request → worker starts
    print(f"report_worker_seconds: {statistics.median(renders):.3f}")  # informative: worker starts → stored
    print(f"report_bare_weasyprint_seconds: {statistics.median(bare):.3f}")
    print(f"report_pdf_bytes: {int(statistics.median(sizes))}")
    print(f"report_batch_seconds: {batch_seconds:.1f}")
    print(f"report_batch_done_once: {done_once}")


if __name__ == "__main__":
    main()
