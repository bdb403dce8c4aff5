from tests.assessment.conftest import (  # noqa: F401  (shared fixtures)
    assessment_a,
    caict,
    frameworks,
)
