"""Pure-Python procurement-method guidance engine (no Django).

Entry points::

    from procurement.guidance import advise, advise_on_date, load_rules_dir, load_rules_file
    rule_sets, errors = load_rules_dir()          # shipped procurement/rules/*.yaml
    result = advise_on_date(rule_sets, facts)     # raises InvalidFacts(errors) on bad facts
    data = result_to_dict(result, translate=gettext)
"""

from procurement.guidance.engine import advise, advise_on_date
from procurement.guidance.facts import facts_from_mapping, validate_facts
from procurement.guidance.rules_schema import (
    check_rule_sets,
    content_hash,
    in_force_until,
    load_rules_dir,
    load_rules_file,
    parse_rules,
    ranges_conflict,
    select_rule_set,
    shipped_rules_dir,
)
from procurement.guidance.serialize import result_to_dict

__all__ = [
    "advise",
    "advise_on_date",
    "check_rule_sets",
    "content_hash",
    "facts_from_mapping",
    "in_force_until",
    "load_rules_dir",
    "load_rules_file",
    "parse_rules",
    "ranges_conflict",
    "result_to_dict",
    "select_rule_set",
    "shipped_rules_dir",
    "validate_facts",
]
