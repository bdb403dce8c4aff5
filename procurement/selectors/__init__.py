"""Reads of the procurement area, one module per entity."""
