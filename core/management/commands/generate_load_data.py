"""Demo data at scale for the load benchmark (bench/load.py): bodies across provinces, cities and
counties, their clouds, users of every role, and N assessments with answers and scores.

A handful of assessments go through the services (create, fill, submit, review, approve and
seal), so every code path has real rows; the rest are written with bulk_create, their answers
drawn from a few dozen answer sets that the scoring engine scored once, so the denormalised
score columns (total, grade, dimension_scores, answered_count) are exactly what the services
would have stored. Idempotent-ish: a second run with the same N finds the data and does nothing.
At the end it runs ANALYZE, so the planner has the statistics a database in use would have
(right after a bulk load it has none until autovacuum comes round, and plans change mid-run).

Every generated login has the password LOAD_PASSWORD: the command refuses to run unless
DJANGO_DEBUG or GOVCLOUD_DEMO is on, so it can never seed a production database.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import user_create
from assessment.models import Assessment, FrameworkVersion, Response, Status
from assessment.scoring import score, validate_answers
from assessment.selectors.frameworks import framework_engine
from assessment.services.assessments import assessment_create
from assessment.services.responses import responses_save
from assessment.services.workflow import assessment_transition
from orgs.models import Engagement, GovernmentBody, GovernmentCloud

LOAD_PASSWORD = "Load-Bench-Passw0rd-2026"  # noqa: S105 (scratch load database only; see the docstring)
PREFIX = "负载"  # every generated body's name starts with it
PROVINCE_CODES = (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                  50, 51, 52, 53, 54, 61, 62, 63, 64, 65)
CITIES_PER_PROVINCE = 6
COUNTIES_PER_CITY = 2
YEARS = tuple(range(2019, 2027))
ANSWER_SETS = 40  # distinct scored answer sets per framework
BULK_STATUSES = ((Status.DRAFT, 45), (Status.SUBMITTED, 25), (Status.IN_REVIEW, 15), (Status.RETURNED, 15))
SERVICE_ASSESSMENTS = 12
REVIEWERS, CONSULTANTS, ADMINISTRATORS = 8, 20, 2


class Command(BaseCommand):
    help = "Generate bodies, clouds, users and N assessments with scores for the load benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--assessments", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, assessments: int, seed: int, **options):
        if not (settings.DEBUG or settings.DEMO_MODE):
            raise CommandError("Load data has known passwords: run it only with DJANGO_DEBUG=true or GOVCLOUD_DEMO=true.")
        started = time.monotonic()
        existing = Assessment.objects.filter(cloud__owner__name__startswith=PREFIX).count()
        if existing >= assessments:
            self.stdout.write(f"load data present: {existing} assessments; nothing to do")
            return
        if existing:
            raise CommandError(f"{existing} load assessments exist, fewer than {assessments}: use a fresh database.")
        rng = random.Random(seed)
        call_command("load_shipped_data", verbosity=0)
        frameworks = list(FrameworkVersion.objects.order_by("slug", "version"))
        bodies = _bodies()
        clouds = _clouds(bodies)
        officials = _officials(bodies)
        staff = _staff(bodies, rng)
        self.stdout.write(f"{len(bodies)} bodies, {len(clouds)} clouds, {len(officials) + sum(map(len, staff.values()))} users")
        slots = [(cloud, framework, year) for cloud in clouds for framework in frameworks for year in YEARS]
        if len(slots) < assessments:
            raise CommandError(f"at most {len(slots)} assessments fit the generated clouds")
        rng.shuffle(slots)
        sets = {f.pk: _answer_sets(f, rng) for f in frameworks}
        done = _through_services(slots[:SERVICE_ASSESSMENTS], officials, staff, sets)
        _bulk(slots[SERVICE_ASSESSMENTS:assessments], officials, sets, rng)
        with connection.cursor() as cursor:  # planner statistics, as a database in use has them
            cursor.execute("ANALYZE")
        total = Assessment.objects.filter(cloud__owner__name__startswith=PREFIX).count()
        self.stdout.write(f"{total} assessments ({done} through the services) in {time.monotonic() - started:.1f}s")


def _bodies() -> list[GovernmentBody]:
    provinces = GovernmentBody.objects.bulk_create(
        GovernmentBody(name=f"{PREFIX}{p}省数据局", division_code=f"{p:02d}0000", level="province")
        for p in PROVINCE_CODES
    )
    cities = GovernmentBody.objects.bulk_create(
        GovernmentBody(name=f"{PREFIX}{p.division_code[:2]}{c:02d}市数据局", division_code=f"{p.division_code[:2]}{c:02d}00",
                       level="city", parent=p)
        for p in provinces for c in range(1, CITIES_PER_PROVINCE + 1)
    )
    counties = GovernmentBody.objects.bulk_create(
        GovernmentBody(name=f"{PREFIX}{c.division_code[:4]}{k:02d}县数据局", division_code=f"{c.division_code[:4]}{k:02d}",
                       level="county", parent=c)
        for c in cities for k in range(1, COUNTIES_PER_CITY + 1)
    )
    return provinces + cities + counties


def _clouds(bodies: list[GovernmentBody]) -> list[GovernmentCloud]:
    clouds = []
    for body in bodies:
        names = ("政务云", "行业云") if body.level != "county" else ("政务云",)
        for index, name in enumerate(names):
            clouds.append(GovernmentCloud(
                name=f"{body.name.removesuffix('数据局')}{name}", owner=body,
                kind="comprehensive" if index == 0 else "sector",
                deployment_model=("dedicated", "private", "hybrid", "public")[body.pk % 4],
                cooperation_model="service_purchase" if body.pk % 3 else "joint_venture",
            ))
    return GovernmentCloud.objects.bulk_create(clouds)


def _officials(bodies: list[GovernmentBody]) -> dict[int, User]:
    """One official per body (bulk: one password hash shared by all, as a demo may)."""
    password = make_password(LOAD_PASSWORD)
    # Where the password-age rule is in force, the hash is as new as the account.
    dated = {"password_changed_at": timezone.now()} if "password_changed_at" in {
        f.name for f in User._meta.get_fields()} else {}
    users = User.objects.bulk_create(
        User(username=f"load-official-{body.division_code}", role=Role.OFFICIAL, body=body,
             full_name=f"{body.name}填报人", password=password, **dated)
        for body in bodies
    )
    return {user.body_id: user for user in users}


def _staff(bodies: list[GovernmentBody], rng: random.Random) -> dict[str, list[User]]:
    """Reviewers, consultants (each engaged by a few bodies) and administrators, through the
    service; reviewers and administrators get a confirmed authenticator (second factor)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    made: dict[str, list[User]] = {}
    for role, count in ((Role.REVIEWER, REVIEWERS), (Role.CONSULTANT, CONSULTANTS), (Role.ADMINISTRATOR, ADMINISTRATORS)):
        made[role] = [user_create(username=f"load-{role}-{n}", password=LOAD_PASSWORD, role=role, full_name=f"{role} {n}")
                      for n in range(1, count + 1)]
    for user in made[Role.REVIEWER] + made[Role.ADMINISTRATOR]:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    admin = made[Role.ADMINISTRATOR][0]
    Engagement.objects.bulk_create(
        Engagement(consultant=consultant, body=body, granted_by=admin)
        for consultant in made[Role.CONSULTANT] for body in rng.sample(bodies, 5)
    )
    return made


def _answer_sets(framework: FrameworkVersion, rng: random.Random) -> list[dict[str, Any]]:
    """ANSWER_SETS answer sets, each with its engine result: complete ones and partial ones."""
    engine = framework_engine(framework)
    indicators = framework.content["indicators"]
    out = []
    while len(out) < ANSWER_SETS:
        complete = len(out) % 2 == 0
        payloads = {}
        for ind in indicators:
            if complete or rng.random() < 0.6:
                payload = _payload(ind, rng)
                if payload is not None:
                    payloads[ind["code"]] = payload
        by_code = {ind["code"]: ind for ind in indicators}
        for _attempt in range(500):  # redraw only what a field or cross check refuses
            answers, errors = validate_answers(engine, payloads)
            if not errors:
                break
            for code in {e.indicator for e in errors} or set(payloads):
                if code in by_code:
                    payloads[code] = _payload(by_code[code], rng)
        else:
            continue
        if complete and len(payloads) < len(indicators):
            continue  # a type this generator cannot fill: try another draw
        result = score(engine, answers)
        out.append({"payloads": payloads, "complete": complete, "columns": {
            "total": result.total, "grade": result.grade.code,
            "dimension_scores": {d.code: (str(d.score) if d.score is not None else None) for d in result.dimensions},
            "answered_count": sum(1 for i in result.indicators if i.status != "missing"),
        }})
    return out


def _payload(ind: dict, rng: random.Random) -> dict | None:
    kind, params = ind["type"], ind.get("params") or {}
    if kind == "ratio":
        denominator = rng.randint(10, 200)
        return {"numerator": rng.randint(0, denominator), "denominator": denominator}
    if kind == "band":
        return {"value": str(Decimal(rng.randint(0, 1000)) / 10)}
    if kind == "threshold":
        bounds = [float(s["bound"]) for s in params.get("steps", [])] or [100.0]
        return {"value": str(round(rng.uniform(0, max(bounds) * 1.2), 2))}
    if kind == "level":
        return {"level": rng.choice(params["levels"])["code"]}
    if kind == "yes_no":
        return {"value": rng.random() < 0.7}
    if kind == "capped_count":
        return {"count": rng.randint(0, 30)}
    if kind == "checklist":
        items = [i["code"] for i in params["items"]]
        return {"items": rng.sample(items, rng.randint(0, len(items)))}
    if kind == "deduction":
        events = [e["code"] for e in params["events"]]
        return {"events": {e: rng.randint(0, 2) for e in rng.sample(events, rng.randint(0, len(events)))}}
    return None


def _through_services(slots, officials, staff, sets) -> int:
    """A few assessments along the whole workflow, as people would make them."""
    reviewers = staff[Role.REVIEWER]
    done = 0
    for index, (cloud, framework, year) in enumerate(slots):
        official = officials[cloud.owner_id]
        assessment = assessment_create(actor=official, cloud=cloud, year=year, framework=framework)
        answers = [s for s in sets[framework.pk] if s["complete"]][index]["payloads"]
        assessment = responses_save(actor=official, assessment_id=assessment.pk, answers=answers, lock_version=0)
        steps = (("submit", official), ("start_review", reviewers[0]), ("approve", reviewers[1]))[: index % 4]
        for action, actor in steps:
            assessment = assessment_transition(actor=actor, assessment_id=assessment.pk, action=action,
                                               lock_version=assessment.lock_version)
        done += 1
    return done


def _bulk(slots, officials, sets, rng) -> None:
    statuses, weights = zip(*BULK_STATUSES, strict=True)
    batch = 2000
    for start in range(0, len(slots), batch):
        chunk = slots[start:start + batch]
        rows, chosen = [], []
        for cloud, framework, year in chunk:
            status = rng.choices(statuses, weights)[0]
            pool = [s for s in sets[framework.pk] if s["complete"] or status in (Status.DRAFT, Status.RETURNED)]
            answer_set = rng.choice(pool)
            chosen.append(answer_set)
            rows.append(Assessment(cloud=cloud, year=year, framework=framework, status=status, lock_version=1,
                                   created_by=officials[cloud.owner_id], **answer_set["columns"]))
        with transaction.atomic():
            made = Assessment.objects.bulk_create(rows)
            Response.objects.bulk_create(
                (Response(assessment=a, indicator_code=code, payload=payload, updated_by=a.created_by)
                 for a, s in zip(made, chosen, strict=True) for code, payload in s["payloads"].items()),
                batch_size=5000,
            )
