"""Catalogue writes: validation and the append-only change log, from services and the admin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from vendors.models import Credential, Vendor, VendorChange
from vendors.services import (
    credential_create,
    credential_update,
    vendor_create,
    vendor_record_delete,
    vendor_update,
)


def test_create_update_delete_are_logged_with_old_and_new_values(world):
    admin = world["admin"]
    vendor = vendor_create(actor=admin, name="测试云", kind="public_cloud")
    vendor_update(actor=admin, vendor=vendor, kind="telecom", note="reclassified")
    vendor_update(actor=admin, vendor=vendor, kind="telecom")  # no change: no entry
    credential = credential_create(actor=admin, vendor=vendor, kind="iso27001")
    credential_update(actor=admin, credential=credential, number="ISMS-1", valid_to=date(2027, 1, 1))
    log = list(VendorChange.objects.order_by("id"))
    assert [(c.entity, c.action) for c in log] == [
        ("vendor", "create"), ("vendor", "update"), ("credential", "create"), ("credential", "update"),
    ]
    assert log[1].changes == {"kind": ["public_cloud", "telecom"]}
    assert log[1].actor == admin and log[1].note == "reclassified"
    assert log[3].changes == {"number": ["", "ISMS-1"], "valid_to": [None, "2027-01-01"]}

    vendor_record_delete(actor=admin, record=vendor)
    deleted = VendorChange.objects.latest("id")
    assert (deleted.entity, deleted.action, deleted.vendor_name) == ("vendor", "delete", "测试云")
    assert deleted.changes["kind"] == ["telecom", None]
    # The history outlives the vendor.
    assert VendorChange.objects.filter(vendor_name="测试云").count() == 5


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "mlps"}, "level"),
        ({"kind": "ccrc", "level": 4}, "level"),
        ({"kind": "iso27001", "evidence": "certificate", "valid_to": date(2027, 1, 1)}, "number"),
        ({"kind": "iso27001", "evidence": "certificate", "number": "X-1"}, "valid_to"),
        ({"kind": "iso27001", "valid_from": date(2027, 1, 2), "valid_to": date(2027, 1, 1)}, "valid_to"),
        ({"kind": "fairy"}, "kind"),
    ],
)
def test_bad_credentials_are_refused_per_field_and_change_nothing(world, fields, field):
    vendor = vendor_create(actor=None, name="测试云", kind="public_cloud")
    before = VendorChange.objects.count()
    with pytest.raises(ValidationError) as exc:
        credential_create(actor=world["admin"], vendor=vendor, **fields)
    assert field in exc.value.message_dict
    assert not Credential.objects.exists()
    assert VendorChange.objects.count() == before


def test_duplicate_vendor_name_is_a_field_error(db):
    vendor_create(actor=None, name="测试云", kind="public_cloud")
    with pytest.raises(ValidationError) as exc:
        vendor_create(actor=None, name="测试云", kind="telecom")
    assert "name" in exc.value.message_dict


def admin_client(client, user):
    client.force_login(user)  # a completed login (second factor included where one is required)
    return client


def test_admin_edit_goes_through_the_services_and_shows_the_history(client, world, catalogue):
    client = admin_client(client, world["admin"])
    vendor = Vendor.objects.get(name="腾讯云")
    url = f"/admin/vendors/vendor/{vendor.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("name", "kind", "summary", "source_file", "source_section")}
    data["summary"] = "管理员编辑"
    for formset in page.context["inline_admin_formsets"]:
        mgmt = formset.formset.management_form
        prefix = formset.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = mgmt.initial["TOTAL_FORMS"]
        data[f"{prefix}-INITIAL_FORMS"] = mgmt.initial["INITIAL_FORMS"]
        for index, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form.initial.get(name)
                if value is not None:
                    data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
    # Add a checked certificate in the credential inline.
    prefix = "credentials"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({
        f"{prefix}-{index}-kind": "iso27001", f"{prefix}-{index}-evidence": "certificate",
        f"{prefix}-{index}-number": "ISMS-9", f"{prefix}-{index}-valid_to": "2027-06-30",
    })
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    vendor.refresh_from_db()
    assert vendor.summary == "管理员编辑"
    entries = VendorChange.objects.filter(vendor=vendor, note="admin", actor=world["admin"])
    assert {(e.entity, e.action) for e in entries} == {("vendor", "update"), ("credential", "create")}
    page = client.get(url)
    assert "ISMS-9" in page.content.decode()  # the history inline shows it


def test_admin_refuses_a_certificate_without_number(client, world, catalogue):
    client = admin_client(client, world["admin"])
    response = client.post(
        "/admin/vendors/vendor/add/",
        {
            "name": "新云", "kind": "telecom", "summary": "", "source_file": "", "source_section": "",
            "credentials-TOTAL_FORMS": 1, "credentials-INITIAL_FORMS": 0,
            "credentials-0-kind": "iso27001", "credentials-0-evidence": "certificate",
            "credentials-0-valid_to": "2027-01-01",
            **{f"{p}-{k}": 0 for p in ("deployments", "regions", "references", "market_facts", "changes")
               for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
        },
    )
    assert response.status_code == 200
    assert not Vendor.objects.filter(name="新云").exists()
    credential_forms = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "credentials"
    ][0].formset.forms
    assert "number" in credential_forms[0].errors


def test_change_log_is_read_only_in_the_admin(client, world, catalogue):
    client = admin_client(client, world["admin"])
    change = VendorChange.objects.first()
    assert client.get("/admin/vendors/vendorchange/").status_code == 200
    assert client.get("/admin/vendors/vendorchange/add/").status_code == 403
    response = client.post(f"/admin/vendors/vendorchange/{change.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert VendorChange.objects.filter(pk=change.pk).exists()


def test_non_administrators_cannot_edit_vendors_in_the_admin(client, world, catalogue):
    client = admin_client(client, world["reviewer"])
    response = client.get("/admin/vendors/vendor/")
    assert response.status_code in (302, 403)
