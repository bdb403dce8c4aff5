"""The state machine, separation of duties, sealing and reopening, through the services."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import Assessment, HistoryEntry, Notification, SealedRecord, Status
from assessment.scoring.hashing import canonical_json, sha256_hex
from assessment.services.assessments import assessment_assign
from assessment.services.responses import responses_save
from assessment.services.workflow import TRANSITIONS, assessment_transition
from tests.assessment.conftest import CAICT_PAYLOAD


def fill_all(assessment, actor):
    assessment.refresh_from_db()
    return responses_save(actor=actor, assessment_id=assessment.pk, answers=CAICT_PAYLOAD, lock_version=assessment.lock_version)


def act(assessment, actor, action, comment=""):
    return assessment_transition(actor=actor, assessment_id=assessment.pk, action=action, comment=comment)


def test_submit_needs_every_indicator_answered(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers={"P1": CAICT_PAYLOAD["P1"]}, lock_version=0)
    with pytest.raises(ValidationError) as err:
        act(assessment_a, world["official_a"], "submit")
    assert "answers.S2" in err.value.message_dict
    assert Assessment.objects.get(pk=assessment_a.pk).status == Status.DRAFT


def test_full_journey_submit_return_resubmit_approve(world, assessment_a):
    official, reviewer = world["official_a"], world["reviewer"]
    fill_all(assessment_a, official)
    act(assessment_a, official, "submit")
    assert Notification.objects.filter(recipient=reviewer, event="submitted").exists()
    act(assessment_a, reviewer, "start_review")
    act(assessment_a, reviewer, "return", comment="P1 需要补充配套文件")
    assert Notification.objects.filter(recipient=official, event="returned").exists()
    a = Assessment.objects.get(pk=assessment_a.pk)
    assert a.status == Status.RETURNED
    responses_save(actor=official, assessment_id=a.pk, answers={"P1": {"numerator": 20, "denominator": 20}}, lock_version=a.lock_version)
    act(a, official, "submit")
    act(a, reviewer, "start_review")
    act(a, reviewer, "approve")
    a.refresh_from_db()
    assert a.status == Status.APPROVED and a.total is not None and a.grade


def test_approval_seals_a_record_whose_hash_matches_its_payload(world, assessment_a):
    fill_all(assessment_a, world["official_a"])
    for actor, action in ((world["official_a"], "submit"), (world["reviewer"], "start_review"), (world["reviewer"], "approve")):
        act(assessment_a, actor, action)
    seal = SealedRecord.objects.get(assessment=assessment_a)
    assert seal.record_hash == sha256_hex(canonical_json(seal.payload))
    assert seal.payload["framework"]["slug"] == "caict-gov-cloud"
    assert seal.payload["answers"]["P1"] == CAICT_PAYLOAD["P1"]
    assert seal.payload["scores"]["total"] == str(Assessment.objects.get(pk=assessment_a.pk).total)


def test_an_approved_assessment_refuses_every_change(world, assessment_a):
    fill_all(assessment_a, world["official_a"])
    for actor, action in ((world["official_a"], "submit"), (world["reviewer"], "start_review"), (world["reviewer"], "approve")):
        act(assessment_a, actor, action)
    a = Assessment.objects.get(pk=assessment_a.pk)
    with pytest.raises(ValidationError):
        responses_save(actor=world["official_a"], assessment_id=a.pk, answers={"P1": {"value": 10}}, lock_version=a.lock_version)
    with pytest.raises(PermissionDenied):  # reviewers adjust only in review
        responses_save(actor=world["reviewer"], assessment_id=a.pk, answers={"P1": {"value": 10}}, lock_version=a.lock_version, reason="x")
    assert a.responses.get(indicator_code="P1").payload == CAICT_PAYLOAD["P1"]


def test_reopen_creates_a_new_revision_and_the_old_seal_stays(world, assessment_a):
    fill_all(assessment_a, world["official_a"])
    for actor, action in ((world["official_a"], "submit"), (world["reviewer"], "start_review"), (world["reviewer"], "approve")):
        act(assessment_a, actor, action)
    with pytest.raises(ValidationError):
        act(assessment_a, world["reviewer"], "reopen")  # a reason is mandatory
    act(assessment_a, world["reviewer"], "reopen", comment="数据口径调整")
    a = Assessment.objects.get(pk=assessment_a.pk)
    assert (a.status, a.revision) == (Status.DRAFT, 2)
    assert SealedRecord.objects.filter(assessment=a).count() == 1


ILLEGAL = [
    (start, action)
    for action, t in TRANSITIONS.items()
    for start in Status.values
    if start not in t.sources
]


@pytest.mark.parametrize(("start", "action"), ILLEGAL)
def test_every_illegal_transition_is_refused(world, assessment_a, start, action):
    Assessment.objects.filter(pk=assessment_a.pk).update(status=start)
    actor = world["reviewer"] if TRANSITIONS[action].by_reviewer else world["official_a"]
    with pytest.raises(ValidationError) as err:
        act(assessment_a, actor, action, comment="reason")
    assert "status" in err.value.message_dict
    assert Assessment.objects.get(pk=assessment_a.pk).status == start


def test_officials_cannot_review_and_reviewers_cannot_submit(world, assessment_a):
    fill_all(assessment_a, world["official_a"])
    with pytest.raises(PermissionDenied):
        act(assessment_a, world["reviewer"], "submit")
    act(assessment_a, world["official_a"], "submit")
    with pytest.raises(PermissionDenied):
        act(assessment_a, world["official_a"], "start_review")


def test_separation_of_duties_the_adjuster_cannot_approve(world, assessment_a, make_user):
    fill_all(assessment_a, world["official_a"])
    act(assessment_a, world["official_a"], "submit")
    act(assessment_a, world["reviewer"], "start_review")
    a = Assessment.objects.get(pk=assessment_a.pk)
    with pytest.raises(ValidationError):  # reason required
        responses_save(actor=world["reviewer"], assessment_id=a.pk, answers={"O6": {"value": 80}}, lock_version=a.lock_version)
    responses_save(actor=world["reviewer"], assessment_id=a.pk, answers={"O6": {"value": 80}}, lock_version=a.lock_version, reason="问卷样本不足，按复核结果调整")
    assert HistoryEntry.objects.filter(assessment=a, kind="adjustment", reason__startswith="问卷").exists()
    with pytest.raises(ValidationError) as err:
        act(a, world["reviewer"], "approve")
    assert "actor" in err.value.message_dict
    act(a, make_user("reviewer"), "approve")  # a second reviewer may


def test_consultant_assigned_can_fill_unassigned_cannot(world, assessment_a):
    with pytest.raises(PermissionDenied):
        responses_save(actor=world["consultant"], assessment_id=assessment_a.pk, answers={"P1": {"value": 50}}, lock_version=0)
    assessment_assign(actor=world["reviewer"], assessment=assessment_a, consultant=world["consultant"])
    responses_save(actor=world["consultant"], assessment_id=assessment_a.pk, answers={"P1": {"value": 50}}, lock_version=0)


def test_stale_lock_version_is_refused_and_nothing_is_lost(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers={"P1": {"value": 50}}, lock_version=0)
    with pytest.raises(ValidationError) as err:  # a second editor who opened the page at version 0
        responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers={"P1": {"value": 10}}, lock_version=0)
    assert "lock_version" in err.value.message_dict
    assert Assessment.objects.get(pk=assessment_a.pk).responses.get().payload == {"value": 50}


def test_bad_value_saves_nothing(world, assessment_a):
    with pytest.raises(ValidationError) as err:
        responses_save(
            actor=world["official_a"], assessment_id=assessment_a.pk,
            answers={"P1": {"value": 50}, "O1": {"numerator": 50, "denominator": 40}}, lock_version=0,
        )
    assert "answers.O1" in "".join(err.value.message_dict)
    assert not Assessment.objects.get(pk=assessment_a.pk).responses.exists()


def test_email_goes_out_on_submit(world, assessment_a, django_capture_on_commit_callbacks):
    world["reviewer"].email = "reviewer@example.gov.cn"
    world["reviewer"].save()
    fill_all(assessment_a, world["official_a"])
    with django_capture_on_commit_callbacks(execute=True):
        act(assessment_a, world["official_a"], "submit")
    assert len(mail.outbox) == 1 and "reviewer@example.gov.cn" in mail.outbox[0].to
