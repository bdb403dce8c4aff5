"""assessment/access.py: who sees which assessments."""

from accounts.models import Role
from assessment.access import assessment_scope
from assessment.models import Assessment


def test_a_superuser_with_the_consultant_role_still_sees_every_assessment(world, make_user, assessment_a):
    superuser = make_user(Role.CONSULTANT)
    superuser.is_superuser = True
    superuser.save(update_fields=["is_superuser"])
    assert Assessment.objects.filter(assessment_scope(superuser)).count() == Assessment.objects.count() >= 1


def test_a_consultant_sees_only_engaged_bodies_and_assignments(world, make_user, assessment_a):
    outsider = make_user(Role.CONSULTANT)
    assert not Assessment.objects.filter(assessment_scope(outsider)).exists()
