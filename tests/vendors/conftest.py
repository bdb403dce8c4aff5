"""Vendor fixtures: the shipped catalogue, and vendors with credentials made through services."""

import itertools

import pytest

from vendors.services import catalogue_load, credential_create, vendor_create

_seq = itertools.count(1)


@pytest.fixture
def catalogue(db):
    return catalogue_load()


@pytest.fixture
def make_vendor(db):
    def make(name=None, kind="public_cloud", credentials=(), actor=None):
        vendor = vendor_create(actor=actor, name=name or f"测试云{next(_seq)}", kind=kind)
        for spec in credentials:
            credential_create(actor=actor, vendor=vendor, **spec)
        return vendor

    return make


def certificate(kind, valid_to, *, level=None, number=None, valid_from=None):
    """A checked certificate (number and expiry given)."""
    return {
        "kind": kind, "level": level, "number": number or f"{kind.upper()}-{next(_seq)}",
        "valid_from": valid_from, "valid_to": valid_to, "evidence": "certificate",
    }
