"""Procurement: rule sets, method guidance and procurement projects."""
