"""Reads of the assessment area, one module per entity."""
