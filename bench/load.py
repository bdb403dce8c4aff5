"""Load benchmark: gunicorn on PostgreSQL with a real Celery worker on Redis, 10,000 assessments
of generated demo data, and a realistic mix of concurrent users — on loopback only, bounded.

Prints:
  load_p95_ms: N        95th percentile of every page and API request of the mix (not the logins)
  load_requests: N      requests of the mix sent in the run
  load_errors: N        of them: transport errors, 5xx, and answers other than the one expected
  (and, informative: load_p50_ms, load_max_ms, load_rps, load_generate_seconds, p95 per kind,
  and where the CPU went during the run: load_cpu_* in core-seconds — the web workers, the
  report worker, PostgreSQL's backends for this database, this client, and the whole machine,
  whose remainder is everything else running on it)

The mix, for USERS concurrent users (a fixed split, each with 0.5–1.5 s of think time):
  officials (60 %)  open a dimension of their own draft and save it (the fill page POST), or
                    save answers through the API (PATCH /api/v1/assessments/<id>/responses/),
                    and look at the assessment, the list and their home page;
  reviewers (25 %)  browse the review queue (pages, filters, a body looked up by part of its
                    name in the search box), open queued assessments and their review pages, and
                    go back to their home page (second factor verified at login, as required);
  requesters (15 %) officials who ask for a PDF report now and then and follow its progress
                    page, while the worker renders it.

It creates and drops its own database (govcloud_load, or --database, on 127.0.0.1:5432), uses Redis database
LOAD_REDIS_DB on 127.0.0.1:6379 with a queue of its own, and stops after DURATION seconds.
Usage: .venv/bin/python bench/load.py [--duration 60] [--users 20] [--assessments 10000]
       [--workers 3] [--keep] (keep the database for profiling) [--database govcloud_load]
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.support.cpu import CpuMeter  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"
DB_NAME = "govcloud_load"
LOAD_REDIS_DB = 11
HOST = "127.0.0.1"  # loopback only


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", default=DB_NAME, help="name of the scratch database (created and dropped)")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def environment(scratch: Path) -> dict[str, str]:
    # Production settings (DEBUG off), made to work over plain HTTP on loopback.
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "load-benchmark-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "CELERY_BROKER_URL": f"redis://{HOST}:6379/{LOAD_REDIS_DB}",
        "CELERY_TASK_DEFAULT_QUEUE": f"load-{os.getpid()}",
        "GOVCLOUD_VAR_DIR": str(scratch),
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def start(env: dict[str, str], args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


# --- the people ---------------------------------------------------------------------------------

@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    samples: list[tuple[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.samples.append((kind, ms))
            if error:
                self.errors.append(f"{kind}: {error}")


class User(ABC):
    def __init__(self, base: str, stats: Stats, deadline: float, rng: random.Random):
        self.base, self.stats, self.deadline, self.rng = base, stats, deadline, rng
        self.http = requests.Session()

    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken", "")

    def call(self, kind: str, method: str, path: str, *, expect: tuple[int, ...] = (200,), **kwargs) -> requests.Response | None:
        if method != "GET":
            kwargs.setdefault("headers", {})["X-CSRFToken"] = self.csrf()
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, allow_redirects=False, timeout=30, **kwargs)
        except requests.RequestException as exc:
            self.stats.record(kind, (time.perf_counter() - started) * 1000, f"{type(exc).__name__}")
            return None
        ms = (time.perf_counter() - started) * 1000
        error = None if response.status_code in expect else f"{method} {path} -> {response.status_code}"
        self.stats.record(kind, ms, error)
        return response

    def login(self, username: str, password: str, totp_key: str | None = None) -> None:
        page = self.http.get(self.base + "/accounts/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.http.post(self.base + "/accounts/login/", allow_redirects=False, timeout=30,
                                  data={"username": username, "password": password, "csrfmiddlewaretoken": token})
        if response.status_code != 302:
            raise RuntimeError(f"login of {username} failed: {response.status_code}")
        if totp_key:
            from django_otp.oath import TOTP

            code = f"{TOTP(bytes.fromhex(totp_key)).token():06d}"
            page = self.http.get(self.base + "/accounts/otp/verify/", timeout=30)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            response = self.http.post(self.base + "/accounts/otp/verify/", allow_redirects=False, timeout=30,
                                      data={"token": code, "csrfmiddlewaretoken": token})
            if response.status_code != 302:
                raise RuntimeError(f"second factor of {username} failed: {response.status_code}")

    def think(self) -> None:
        time.sleep(self.rng.uniform(0.5, 1.5))

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            self.step()
            self.think()

    @abstractmethod
    def step(self) -> None:
        """One turn of this kind of user: a request or a short sequence of them."""


class Official(User):
    def __init__(self, *args, assessment: int, dimension: str, fields: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment, self.dimension, self.fields = assessment, dimension, fields
        self.turn = 0

    def step(self) -> None:
        self.turn += 1
        a = self.assessment
        if self.turn % 2:  # the page: open the dimension, save it
            page = self.call("fill_page", "GET", f"/assessments/{a}/fill/{self.dimension}/")
            if page is None:
                return
            lock = re.search(r'name="lock_version" value="(\d+)"', page.text)
            self.think()
            data = {**self.fields, "lock_version": lock.group(1) if lock else "0",
                    "csrfmiddlewaretoken": self.csrf()}
            data[next(k for k in self.fields if k.endswith("__numerator"))] = str(self.rng.randint(1, 10))
            self.call("fill_save", "POST", f"/assessments/{a}/fill/{self.dimension}/", data=data, expect=(302,))
        else:  # the API: read the lock version, save answers
            detail = self.call("api_read", "GET", f"/api/v1/assessments/{a}/")
            if detail is None or detail.status_code != 200:
                return
            numerator = self.rng.randint(1, 10)
            self.call("api_save", "PATCH", f"/api/v1/assessments/{a}/responses/",
                      json={"answers": {"P1": {"numerator": numerator, "denominator": 10}},
                            "lock_version": detail.json()["lock_version"]})
            self.call("page", "GET", f"/assessments/{a}/")
            if self.turn % 4 == 0:
                self.call("page", "GET", "/assessments/")
            else:  # back to the home page (the dashboard) now and then
                self.call("home", "GET", "/")


class Reviewer(User):
    def __init__(self, *args, queue: list[int], bodies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.queue, self.bodies = queue, bodies

    def step(self) -> None:
        choice = self.rng.random()
        if choice < 0.05:
            self.call("home", "GET", "/")
        elif choice < 0.12:  # look for one body: type part of its name (the box asks for matches), filter
            name = self.rng.choice(self.bodies)
            self.call("queue_search", "GET", "/assessments/review-queue/",
                      params={"suggest": "body", "body_name": name[:4]}, headers={"HX-Request": "true"})
            self.call("queue", "GET", "/assessments/review-queue/", params={"body_name": name})
        elif choice < 0.4:
            query = self.rng.choice(["", "?status=submitted", "?status=in_review", "?page=2", "?year=2024"])
            self.call("queue", "GET", f"/assessments/review-queue/{query}")
        elif choice < 0.75:
            self.call("page", "GET", f"/assessments/{self.rng.choice(self.queue)}/")
        else:
            self.call("review_page", "GET", f"/assessments/{self.rng.choice(self.queue)}/review/")


class Requester(User):
    def __init__(self, *args, assessment: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.report: str | None = None
        self.next_request = 0.0

    def step(self) -> None:
        now = time.monotonic()
        if self.report is None or now >= self.next_request:
            language = self.rng.choice(["zh-hans", "en"])
            response = self.call("report_request", "POST", f"/assessments/{self.assessment}/reports/",
                                 data={"language": language, "csrfmiddlewaretoken": self.csrf()}, expect=(302,))
            if response is not None and response.status_code == 302:
                self.report = response.headers["Location"]
            self.next_request = now + self.rng.uniform(15, 25)
        else:  # the progress page polls (htmx fragment)
            self.call("report_poll", "GET", self.report, headers={"HX-Request": "true"})


# --- set-up and run -----------------------------------------------------------------------------

def people(env: dict[str, str], users: int) -> dict:
    """Logins and targets, read from the generated database (as a separate Django process)."""
    script = r"""
import json, django
django.setup()
from django.db.models import Count
from accounts.models import User
from assessment.models import Assessment
from django_otp.plugins.otp_totp.models import TOTPDevice
drafts = list(Assessment.objects.filter(status="draft", framework__slug="caict-gov-cloud",
              cloud__owner__name__startswith="负载").order_by("id")
              .values_list("id", "cloud__owner_id")[:200])
seen, officials = set(), []
for pk, body in drafts:
    if body not in seen:
        seen.add(body)
        officials.append({"assessment": pk, "username": User.objects.get(body_id=body, role="official").username})
queue = list(Assessment.objects.filter(status__in=["submitted", "in_review"]).values_list("id", flat=True)[:300])
bodies = sorted(set(Assessment.objects.filter(pk__in=queue).values_list("cloud__owner__name", flat=True)))
reviewers = [{"username": d.user.username, "key": d.key} for d in
             TOTPDevice.objects.filter(user__role="reviewer", confirmed=True).select_related("user").order_by("user_id")]
from core.management.commands.generate_load_data import LOAD_PASSWORD
print(json.dumps({"officials": officials, "queue": queue, "bodies": bodies, "reviewers": reviewers, "password": LOAD_PASSWORD}))
"""
    import json

    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


FILL_FIELDS = {"P1__present": "1", "P1__numerator": "7", "P1__denominator": "10"}


def main() -> None:
    global DB_NAME
    args = parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        sys.exit("--database: a lower-case PostgreSQL identifier")
    DB_NAME = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    try:
        with psycopg.connect(f"{PG}/postgres", connect_timeout=5):
            pass
        redis_up = socket.create_connection((HOST, 6379), timeout=5)
        redis_up.close()
    except (psycopg.OperationalError, OSError) as exc:
        sys.exit(f"load benchmark needs PostgreSQL on {HOST}:5432 and Redis on {HOST}:6379: {exc}")
    scratch = Path(tempfile.mkdtemp(prefix="govcloud-load-"))
    env = environment(scratch)
    gen_env = {**env, "DJANGO_DEBUG": "true"}  # the generator refuses to run outside DEBUG/demo
    recreate_database()
    procs: list[subprocess.Popen] = []
    try:
        manage(gen_env, "migrate", "--noinput")
        started = time.monotonic()
        manage(gen_env, "generate_load_data", "--assessments", str(args.assessments))
        generate_seconds = time.monotonic() - started
        manage(env, "collectstatic", "--noinput")
        port = free_port()
        base = f"http://{HOST}:{port}"
        procs.append(start(env, [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1",
                                 "--loglevel=WARNING", "-Q", env["CELERY_TASK_DEFAULT_QUEUE"],
                                 f"--hostname=load-{os.getpid()}@%h"], scratch / "worker.log"))
        gunicorn = start(env, [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{HOST}:{port}",
                               "--workers", str(args.workers), "--access-logfile", "-", "--log-level", "warning"],
                         scratch / "gunicorn.log")
        procs.append(gunicorn)
        wait_http(base + "/health/", gunicorn)

        targets = people(env, args.users)
        stats = Stats()
        deadline_holder: list[float] = [0.0]
        rng = random.Random(7)
        n_reviewers = max(1, round(args.users * 0.25))
        n_requesters = max(1, round(args.users * 0.15))
        n_officials = args.users - n_reviewers - n_requesters
        password = targets["password"]
        crowd: list[User] = []
        for index in range(n_officials + n_requesters):
            target = targets["officials"][index]
            kind = Official if index < n_officials else Requester
            extra = {"dimension": "policy", "fields": FILL_FIELDS} if kind is Official else {}
            person = kind(base, stats, 0, random.Random(rng.random()), assessment=target["assessment"], **extra)
            person.login(target["username"], password)
            crowd.append(person)
        for index in range(n_reviewers):
            target = targets["reviewers"][index % len(targets["reviewers"])]
            person = Reviewer(base, stats, 0, random.Random(rng.random()), queue=targets["queue"], bodies=targets["bodies"])
            person.login(target["username"], password, target["key"])
            crowd.append(person)

        deadline_holder[0] = time.monotonic() + args.duration
        for person in crowd:
            person.deadline = deadline_holder[0]
        threads = [threading.Thread(target=p.run, daemon=True) for p in crowd]
        meter = CpuMeter(web=gunicorn.pid, worker=procs[0].pid, server=PG, database=DB_NAME)
        load_before = os.getloadavg()
        meter.start()
        run_started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 60)
        elapsed = time.monotonic() - run_started
        meter.stop()
        load_after = os.getloadavg()

        times = sorted(ms for _kind, ms in stats.samples)
        p95 = times[int(0.95 * (len(times) - 1))] if times else 0
        print(f"load_p95_ms: {round(p95)}")
        print(f"load_requests: {len(times)}")
        print(f"load_errors: {len(stats.errors)}")
        print(f"load_p50_ms: {round(statistics.median(times)) if times else 0}")
        print(f"load_max_ms: {round(times[-1]) if times else 0}")
        print(f"load_rps: {len(times) / elapsed:.1f}")
        print(f"load_users: {len(crowd)} ({n_officials} officials, {n_reviewers} reviewers, {n_requesters} requesters)")
        print(f"load_generate_seconds: {generate_seconds:.1f}")
        for line in meter.report(elapsed):
            print(line)
        print(f"load_uptime_loadavg: {' '.join(f'{v:.2f}' for v in load_before)} before, "
              f"{' '.join(f'{v:.2f}' for v in load_after)} after")
        kinds = sorted({k for k, _ in stats.samples})
        for kind in kinds:
            values = sorted(ms for k, ms in stats.samples if k == kind)
            print(f"load_p95_ms_{kind}: {round(values[int(0.95 * (len(values) - 1))])} (n={len(values)})")
        for error in stats.errors[:10]:
            print(f"# error: {html.unescape(error)}")
    finally:
        for proc in reversed(procs):
            stop(proc)
        if not args.keep:
            drop_database()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
