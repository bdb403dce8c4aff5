"""Pure-Python scoring engine for government-cloud assessments (no Django imports).

Public API::

    load_framework_file(path) -> (Framework | None, [FrameworkError])
    parse_framework(data, file=...) -> (Framework | None, [FrameworkError])
    validate_answers(framework, payload, require_complete=False) -> (answers, errors)
    score(framework, answers) -> Result
    what_if(framework, answers, changes) -> Result
    result_to_dict(result) -> dict
"""

from assessment.scoring.answers import AnswerError, errors_by_field, parse_answer, validate_answers
from assessment.scoring.engine import AnswerMismatch, index_answers, score, what_if
from assessment.scoring.framework_schema import load_framework_file, parse_framework
from assessment.scoring.hashing import answer_to_payload, answers_to_payload, content_hash
from assessment.scoring.messages import TEMPLATES, Message, gettext_noop
from assessment.scoring.results import (
    CapOutcome,
    CrossCheckFailure,
    DimensionResult,
    IndicatorResult,
    NextGrade,
    Result,
)
from assessment.scoring.rounding import round_half_up
from assessment.scoring.schema_reader import FrameworkError
from assessment.scoring.serialise import result_to_dict
from assessment.scoring.types import (
    Answer,
    ChecklistAnswer,
    CountAnswer,
    EventsAnswer,
    FractionAnswer,
    Framework,
    GradeBand,
    Indicator,
    LevelAnswer,
    NotApplicable,
    NumberAnswer,
    PercentAnswer,
    Text,
    YesNoAnswer,
)
from assessment.scoring.weights import effective_weights

__all__ = [
    "TEMPLATES", "Answer", "AnswerError", "AnswerMismatch", "CapOutcome", "ChecklistAnswer",
    "CountAnswer", "CrossCheckFailure", "DimensionResult", "EventsAnswer", "FractionAnswer",
    "Framework", "FrameworkError", "GradeBand", "Indicator",
    "IndicatorResult", "LevelAnswer", "Message", "NextGrade", "NotApplicable", "NumberAnswer",
    "PercentAnswer", "Result", "Text", "YesNoAnswer", "answer_to_payload",
    "answers_to_payload", "content_hash", "effective_weights", "errors_by_field",
    "gettext_noop", "index_answers", "load_framework_file", "parse_answer", "parse_framework",
    "result_to_dict", "round_half_up", "score", "validate_answers", "what_if",
]  # fmt: skip
