"""WeasyPrint's URL fetcher, locked down to the app's own static files (shared: core.pdf)."""

from core.pdf import SCHEME, FetchRefused, resolve_static, safe_url_fetcher

__all__ = ["SCHEME", "FetchRefused", "resolve_static", "safe_url_fetcher"]
