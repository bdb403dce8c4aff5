"""The access rule: who sees which bodies and clouds (one rule, used by every selector)."""

from orgs.selectors import body_list, cloud_list
from orgs.services import engagement_revoke


def names(qs):
    return sorted(obj.name for obj in qs)


def test_official_sees_only_their_own_body_and_clouds(world):
    official = world["official_a"]
    assert names(body_list(user=official)) == ["甲市数据局"]
    assert names(cloud_list(user=official)) == ["甲市政务云"]
    assert names(cloud_list(user=world["official_b"])) == ["乙市政务云"]


def test_consultant_sees_engaged_bodies_only(world):
    assert names(cloud_list(user=world["consultant"])) == ["甲市政务云"]


def test_revoked_engagement_hides_the_body(world):
    engagement_revoke(engagement=world["consultant"].engagements.get())
    assert names(cloud_list(user=world["consultant"])) == []


def test_reviewer_and_administrator_see_everything(world):
    for role in ("reviewer", "admin"):
        assert names(cloud_list(user=world[role])) == ["乙市政务云", "甲市政务云"]


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert names(body_list(user=AnonymousUser())) == []
    official = world["official_a"]
    official.is_active = False
    assert names(body_list(user=official)) == []
