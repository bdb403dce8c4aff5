"""Asking for documents: one row per key, field-level refusals, nothing created on bad input."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from documents.kinds.comparison import ComparisonParams
from documents.models import Document, DocumentKind
from documents.services import document_render, document_request
from evaluations.models import Evaluation
from procurement.models import ProcurementProject
from vendors.services import credential_create

MEMO, DOSSIER, COMPARISON = DocumentKind.PROCUREMENT_MEMO, DocumentKind.EVALUATION_DOSSIER, DocumentKind.VENDOR_COMPARISON


def test_asking_again_for_the_same_key_returns_the_same_document(world, project_a, closed):
    memo, created = document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)
    again, created_again = document_request(actor=world["consultant"], kind=MEMO, object_id=project_a.pk)
    assert created and not created_again and again.pk == memo.pk
    dossier, _ = document_request(actor=world["reviewer"], kind=DOSSIER, object_id=closed.pk)
    assert document_request(actor=world["admin"], kind=DOSSIER, object_id=closed.pk)[0].pk == dossier.pk
    assert Document.objects.count() == 2
    assert memo.key != dossier.key and len(memo.key) == 64


def test_rendering_twice_keeps_one_file(world, project_a):
    from django.core.files.storage import default_storage

    memo, _ = document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)
    document_render(document_id=memo.pk)
    assert document_render(document_id=memo.pk) is None  # done: nothing happens
    memo.refresh_from_db()
    folder = memo.file.name.rsplit("/", 1)[0]
    _dirs, files = default_storage.listdir(folder)
    assert [f for f in files if f.startswith(memo.key)] == [memo.file.name.rsplit("/", 1)[-1]]


def test_comparison_parameters_are_canonical(world, vendors):
    ids = tuple(v.pk for v in vendors)
    first, _ = document_request(actor=world["official_a"], kind=COMPARISON, comparison=ComparisonParams(
        ids=ids, deadline=date(2026, 6, 1), required=("iso27001", "csa_star")))
    same, created = document_request(actor=world["official_b"], kind=COMPARISON, comparison=ComparisonParams(
        ids=ids, deadline=date(2026, 6, 1), required=("csa_star", "iso27001", "csa_star")))
    assert not created and same.pk == first.pk
    assert first.params == {"ids": list(ids), "deadline": "2026-06-01", "min_mlps_level": None,
                            "cac_required": False, "required": ["csa_star", "iso27001"], "warn_days": 30}
    other_deadline, created = document_request(actor=world["official_a"], kind=COMPARISON, comparison=ComparisonParams(
        ids=ids, deadline=date(2026, 7, 1), required=("iso27001", "csa_star")))
    assert created and other_deadline.subject != first.subject


def test_a_vendor_changed_after_the_request_fails_that_document_and_asking_again_renders_anew(world, vendors):
    params = ComparisonParams(ids=tuple(v.pk for v in vendors[:2]), deadline=date(2026, 6, 1))
    stale, _ = document_request(actor=world["official_a"], kind=COMPARISON, comparison=params)
    credential_create(actor=world["admin"], vendor=vendors[0], kind="iso27001", number="ISO-1",
                      valid_to=date(2029, 1, 1), evidence="certificate")
    document_render(document_id=stale.pk)
    stale.refresh_from_db()
    assert stale.status == "failed" and stale.error and not stale.file
    fresh, created = document_request(actor=world["official_a"], kind=COMPARISON, comparison=params)
    assert created and fresh.content_version != stale.content_version
    document_render(document_id=fresh.pk)
    fresh.refresh_from_db()
    assert fresh.status == "done"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"kind": MEMO, "language": "fr"}, "language"),
    ({"kind": "letter"}, "kind"),
    ({"kind": MEMO, "object_id": None}, "kind"),
])
def test_bad_requests_get_a_field_error_and_create_nothing(world, project_a, kwargs, field):
    kwargs = {"object_id": project_a.pk, **kwargs}
    with pytest.raises(ValidationError) as error:
        document_request(actor=world["official_a"], **kwargs)
    assert field in error.value.message_dict
    assert not Document.objects.exists()


def test_an_open_evaluation_has_no_dossier(world, scored):
    with pytest.raises(ValidationError) as error:
        document_request(actor=world["official_a"], kind=DOSSIER, object_id=scored["evaluation"].pk)
    assert "status" in error.value.message_dict and not Document.objects.exists()


@pytest.mark.parametrize(("ids", "field"), [((1,), "ids"), ((999998, 999999), "ids")])
def test_bad_comparison_parameters_get_a_field_error(world, ids, field):
    with pytest.raises(ValidationError) as error:
        document_request(actor=world["official_a"], kind=COMPARISON,
                         comparison=ComparisonParams(ids=ids, deadline=date(2026, 6, 1)))
    assert field in error.value.message_dict and not Document.objects.exists()


def test_what_the_actor_cannot_see_does_not_exist(world, project_a, closed):
    with pytest.raises(ProcurementProject.DoesNotExist):
        document_request(actor=world["official_b"], kind=MEMO, object_id=project_a.pk)
    with pytest.raises(Evaluation.DoesNotExist):
        document_request(actor=world["official_b"], kind=DOSSIER, object_id=closed.pk)
    assert not Document.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_make_one_document(world, project_a):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    barrier, results, errors = threading.Barrier(2), [], []

    def ask():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results.append(document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)[0].pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(results)) == 1 and Document.objects.count() == 1
