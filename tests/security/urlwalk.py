"""Every URL pattern of the project, found by walking the resolver, and a concrete path for each.

The IDOR matrix iterates over this list, so a new endpoint cannot escape it: a route that the
matrix has no expectation for fails the test until someone classifies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve

_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    key: str  # the URL name ("namespace:name"), or the route text for unnamed patterns
    route: str  # the joined pattern text, e.g. "assessments/<int:pk>/fill/<slug:dimension>/"
    params: tuple[str, ...]
    callback: object

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/v1/")

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    def path(self, kwargs: dict[str, object]) -> str:
        """The concrete path with `kwargs` substituted (each parameter must be given)."""
        missing = [p for p in self.params if p not in kwargs]
        if missing:
            raise KeyError(f"{self.key}: no value for {', '.join(missing)}")
        text = _GROUP.sub(lambda m: str(kwargs[m.group(1) or m.group(2)]), self.route)
        path = "/" + text.replace("^", "").replace("$", "")
        match = resolve(path)  # the path must reach this very pattern, not a neighbour
        if match.func is not self.callback and getattr(match.func, "__wrapped__", None) is not self.callback:
            raise AssertionError(f"{path} resolves to {match.view_name or match.route}, not {self.key}")
        return path


def routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver(), "", None):
        seen.setdefault(route.key, route)  # format-suffix duplicates share a name: keep the first
    return list(seen.values())


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, text, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            params = tuple(m.group(1) or m.group(2) for m in _GROUP.finditer(text))
            yield Route(key=name or text, route=text, params=params, callback=pattern.callback)
