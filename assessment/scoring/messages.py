"""User-facing text of the scoring engine: stable codes, params and English templates.

Every error or explanation the engine produces is a :class:`Message` (code + params). The
template is looked up by code and is English; the Django layer translates it with
``gettext(TEMPLATES[code]) % params`` (``makemessages`` extracts the ``gettext_noop`` calls
below). Placeholders use ``%(name)s``; a literal percent sign is ``%%``. A param may be a
:class:`~assessment.scoring.types.Text` (a zh/en pair, e.g. a grade name from the framework
file) and is then rendered in the requested language.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from assessment.scoring.types import Text


def gettext_noop(s: str) -> str:
    """Mark a string for translation without translating it (Django extracts these)."""
    return s


TEMPLATES: dict[str, str] = {
    # --- answer payloads -------------------------------------------------------------------
    "invalid_payload": gettext_noop("Answers must be an object keyed by indicator code."),
    "unknown_indicator": gettext_noop("Unknown indicator %(indicator)s."),
    "invalid_answer": gettext_noop("The answer to %(indicator)s must be an object."),
    "unknown_field": gettext_noop("Unexpected field %(field)s."),
    "required": gettext_noop("This field is required."),
    "answer_required": gettext_noop("Indicator %(indicator)s has no answer."),
    "invalid_number": gettext_noop("Enter a number."),
    "invalid_integer": gettext_noop("Enter a whole number."),
    "invalid_boolean": gettext_noop("Answer yes (true) or no (false)."),
    "invalid_list": gettext_noop("Give a list of item codes."),
    "invalid_mapping": gettext_noop("Give an object of event codes and counts."),
    "below_minimum": gettext_noop("Must be at least %(min)s."),
    "above_maximum": gettext_noop("Must be at most %(max)s."),
    "ratio_form": gettext_noop(
        "Give either a percentage (value) or a numerator and a denominator, not both."
    ),
    "zero_denominator": gettext_noop(
        "The denominator must be greater than 0; if nothing is counted, mark the indicator "
        "not applicable and give a reason."
    ),
    "numerator_exceeds_denominator": gettext_noop(
        "The numerator (%(numerator)s) cannot exceed the denominator (%(denominator)s)."
    ),
    "unknown_choice": gettext_noop("%(value)s is not one of: %(choices)s."),
    "duplicate_item": gettext_noop("%(value)s is listed more than once."),
    "na_flag": gettext_noop("not_applicable must be true when present."),
    "na_reason_required": gettext_noop("Give the reason why this indicator is not applicable."),
    "na_reason_too_long": gettext_noop("The reason must be at most %(max)s characters."),
    "na_not_allowed": gettext_noop("Indicator %(indicator)s cannot be marked not applicable."),
    "cross_check_failed": gettext_noop(
        "%(left)s (%(left_value)s) must be %(op)s %(right)s (%(right_value)s)."
    ),
    "no_applicable_indicators": gettext_noop(
        "Every indicator is marked not applicable; there is nothing to score."
    ),
    # --- results -------------------------------------------------------------------------
    "cap_failed": gettext_noop(
        "%(indicator)s scored %(score)s, below its pass mark of %(threshold)s: "
        "the grade cannot exceed %(grade)s."
    ),
    "cap_missing": gettext_noop(
        "%(indicator)s has no answer and counts as failed: the grade cannot exceed %(grade)s."
    ),
    "next_grade": gettext_noop(
        "To reach %(grade)s: gain %(points)s points; the fewest indicators that do it: "
        "%(indicators)s."
    ),
    "next_grade_blocked": gettext_noop(
        "To reach %(grade)s: first pass %(required)s, then gain %(points)s points; "
        "suggested indicators: %(indicators)s."
    ),
    "missing_answers": gettext_noop(
        "%(count)s indicators have no answer and score 0: %(indicators)s."
    ),
    # --- framework files -----------------------------------------------------------------
    "file_unreadable": gettext_noop("Cannot read the file: %(detail)s."),
    "yaml_syntax": gettext_noop("Not valid YAML at line %(line)s, column %(column)s: %(detail)s."),
    "yaml_too_deep": gettext_noop("The YAML is nested too deeply."),
    "yaml_value": gettext_noop("A value cannot be read: %(detail)s."),
    "yaml_duplicate_key": gettext_noop("Duplicate key %(key)s at line %(line)s."),
    "file_name_mismatch": gettext_noop(
        "The file must be named %(expected)s after its slug and version."
    ),
    "expected_mapping": gettext_noop("Must be a mapping."),
    "expected_list": gettext_noop("Must be a non-empty list."),
    "expected_text": gettext_noop("Must be a non-empty text."),
    "expected_code": gettext_noop(
        "Must be a code of letters, digits, '_' or '-', starting with a letter."
    ),
    "expected_slug": gettext_noop("Must be lower-case letters, digits and '-'."),
    "expected_integer": gettext_noop("Must be a whole number >= %(min)s."),
    "expected_number": gettext_noop("Must be a number."),
    "expected_positive": gettext_noop("Must be a number > 0."),
    "expected_score": gettext_noop("Must be a number from 0 to 100."),
    "expected_date": gettext_noop("Must be a date (YYYY-MM-DD)."),
    "expected_choice": gettext_noop("Must be one of: %(choices)s."),
    "expected_boolean": gettext_noop("Must be true or false."),
    "missing_key": gettext_noop("Required."),
    "unknown_key": gettext_noop("Unknown key; allowed: %(allowed)s."),
    "duplicate_code": gettext_noop("Duplicate code %(code)s."),
    "unknown_reference": gettext_noop("%(value)s is not a defined %(kind)s."),
    "weights_sum": gettext_noop("Weights must add up to 100; they add up to %(total)s."),
    "dimension_empty": gettext_noop("Dimension %(dimension)s has no indicators."),
    "ascending": gettext_noop("Must be in ascending order: %(detail)s."),
    "best_score_100": gettext_noop("The best %(kind)s must score 100."),
    "monotonic_scores": gettext_noop("Scores must not rise as the value gets worse."),
    "grade_floor": gettext_noop("One grade must have min_score 0 so every total has a grade."),
    "gate_allows_na": gettext_noop(
        "Indicator %(indicator)s is a gate and must set not_applicable_allowed: false."
    ),
    "bad_operand": gettext_noop(
        "Must be <indicator>.<field>, where the field is one of %(fields)s for that indicator."
    ),
}

ParamValue = str | int | Decimal | Text


def _language_part(value: ParamValue, language: str) -> str:
    if isinstance(value, Text):
        return value.zh if language.lower().startswith("zh") else value.en
    return str(value)


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable message: a stable ``code`` and its ``params``."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    def render(
        self, translate: Callable[[str], str] = gettext_noop, language: str = "en"
    ) -> str:
        """Render in ``language`` ("en", "zh-hans"); ``translate`` is e.g. Django's gettext."""
        params = {k: _language_part(v, language) for k, v in self.params.items()}
        return translate(self.template) % params

    def __str__(self) -> str:
        return self.render()
