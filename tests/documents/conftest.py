"""Document fixtures: a saved procurement project, a closed (sealed) evaluation, vendors.

The evaluation, vendor and assessment fixtures are shared with those apps' tests (imported
here so that pytest registers them for this folder too).
"""

from datetime import date

import pytest

from evaluations import services as evaluation_services
from tests.assessment.conftest import assessment_a, caict, frameworks  # noqa: F401
from tests.evaluations.conftest import (  # noqa: F401
    make_evaluation,
    make_project,
    panel,
    project_a,
    rules,
    scored,
)
from tests.vendors.conftest import certificate, make_vendor  # noqa: F401


@pytest.fixture
def closed(world, scored):  # noqa: F811 (the imported fixture)
    """The scored evaluation of body A, closed and sealed by its official."""
    evaluation = scored["evaluation"]
    evaluation_services.evaluation_close(user=world["official_a"], evaluation=evaluation)
    evaluation.refresh_from_db()
    return evaluation


@pytest.fixture
def vendors(make_vendor):  # noqa: F811 (the imported fixture)
    """Three catalogue vendors under a 等保 level-3 gate on 2026-06-01: one passes, one's
    filing expires before the deadline, one has no filing at all."""
    return [
        make_vendor("华为云", credentials=[certificate("mlps", date(2028, 12, 31), level=3)]),
        make_vendor("天翼云", kind="telecom", credentials=[certificate("mlps", date(2026, 5, 1), level=3)]),
        make_vendor("浪潮云", kind="infrastructure"),
    ]
