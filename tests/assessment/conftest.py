"""Assessment fixtures: the shipped frameworks loaded into the database, and assessments."""

import pytest

from assessment.models import FrameworkVersion
from assessment.services.assessments import assessment_create
from assessment.services.frameworks import framework_files_load, shipped_framework_files
from tests.assessment.scoring.conftest import CAICT_PAYLOAD, GBT_PAYLOAD

__all__ = ["CAICT_PAYLOAD", "GBT_PAYLOAD"]


@pytest.fixture
def frameworks(db):
    framework_files_load(paths=shipped_framework_files())
    return {f.slug: f for f in FrameworkVersion.objects.all()}


@pytest.fixture
def caict(frameworks):
    return frameworks["caict-gov-cloud"]


@pytest.fixture
def assessment_a(world, caict):
    return assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=caict)


@pytest.fixture
def assessment_b(world, caict):
    return assessment_create(actor=world["official_b"], cloud=world["cloud_b"], year=2026, framework=caict)
