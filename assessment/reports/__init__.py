"""PDF assessment reports: context, HTML template, WeasyPrint rendering with a safe fetcher."""

# Bump when the report's template or styles change: a new version renders new PDFs.
TEMPLATE_VERSION = "1"
