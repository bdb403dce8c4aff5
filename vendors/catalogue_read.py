"""Read a vendor catalogue file (``vendors/data/<slug>-v<version>.yaml``): bytes, text, YAML.

Pure Python (no Django): the loader service calls :func:`read_catalogue` and gets either a
:class:`~vendors.catalogue_parse.Catalogue` or every problem at once, each with its path in the
file (``vendors[2].credentials[0].level``), so a bad file is refused with clear messages and
changes nothing.

This module answers for the file itself: it cannot be read, is not UTF-8, is not YAML, or holds
a value PyYAML cannot build (a date such as 2026-02-30, nesting thousands deep, an integer of
thousands of digits); and its name must match the slug and version it declares. The content is
checked by :func:`~vendors.catalogue_parse.parse_catalogue`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .catalogue_checker import Message, gettext_noop
from .catalogue_parse import Catalogue, parse_catalogue


def _refused(where: str, template: str, **params: Any) -> tuple[None, list[tuple[str, str]]]:
    """No catalogue: the file itself is refused with one message."""
    return None, [(where, Message(template, **params))]


def read_catalogue(path: str | Path) -> tuple[Catalogue | None, list[tuple[str, str]]]:
    """Read, validate and build a catalogue; the file name must be ``<slug>-v<version>.yaml``."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return _refused("", gettext_noop("cannot read %(name)s: %(detail)s"),
                        name=path.name, detail=str(exc.strerror or exc))
    except UnicodeDecodeError as exc:
        return _refused("", gettext_noop("%(name)s is not UTF-8 text (byte %(byte)s)"),
                        name=path.name, byte=exc.start)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        return _refused(where, gettext_noop("YAML syntax error: %(problem)s"),
                        problem=str(getattr(exc, "problem", None) or exc))
    except RecursionError:
        return _refused("", gettext_noop("the YAML is nested too deeply"))
    # PyYAML builds some values with int(), float() and date(): an impossible date
    # (2026-02-30), an integer of more than 4300 digits or a malformed !!timestamp fails there.
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        return _refused("", gettext_noop("a value cannot be read: %(detail)s"), detail=str(exc))
    catalogue, errors = parse_catalogue(data)
    if catalogue is not None and path.stem != f"{catalogue.slug}-v{catalogue.version}":
        errors.append(("", Message(gettext_noop("file name must be %(name)s"),
                                   name=f"{catalogue.slug}-v{catalogue.version}.yaml")))
        catalogue = None
    return catalogue, errors
