"""The bundled catalog: valid, complete against Microsoft's page, and stable."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sigdoctor import paths
from sigdoctor.catalog import AREA_PREFIX
from sigdoctor.logs.record import ErrorRecord, Request
from sigdoctor.search import SearchIndex
from sigdoctor.validate import check_directory

DATA = Path(__file__).parent / "data"

TSV = DATA / "reference" / "error-messages.en.tsv"
SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590"
SUB2 = "7cc9eba2-e01a-4d0e-8631-9620618b07cf"
GALLERY_ID = f"/subscriptions/{SUB}/resourceGroups/rg-images-prod/providers/Microsoft.Compute/galleries/gal_prod_weu"
# Realistic values for every placeholder name the page uses (case-insensitive).
VALUES = {
    "galleryname": "gal_prod_weu", "imagedefinitionname": "ubuntu-2204", "imagename": "ubuntu-2204",
    "galleryname/imagedefinitionname": "gal_prod_weu/ubuntu-2204",
    "region": "eastus3", "region_1": "westeurope", "region_2": "koreacentral", "sourceregion": "westeurope",
    "publishingregions": "eastus2, koreacentral", "resourcegroup": "rg-images-prod",
    "subscriptionid": SUB, "subscriptionid_1": SUB, "subscriptionid_2": SUB2, "subscriptionid1": SUB,
    "subscriptionid2": SUB2, "tenantid1": "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "character": ".", "property": "galleryImage.properties.identifier.sku", "value": "2024-13-45",
    "number": "3", "minvalue": "1", "maxvalue": "10", "versionnumber": "1.0.0", "vmssname": "vmss-web",
    "resourceid": f"/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build01",
    "sourceid": f"/subscriptions/{SUB}/resourceGroups/rg-build/providers/Microsoft.Compute/disks/osdisk01",
    "diskencryptionsetid": f"/subscriptions/{SUB}/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-weu",
    "versionid": f"{GALLERY_ID}/images/ubuntu-2204/versions/1.0.0", "vmid": f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
    "imagedefinitionresourceid": f"{GALLERY_ID}/images/ubuntu-2204", "diskid": "datadisk-ultra01",
    "osstate_1": "Specialized", "osstate_2": "Generalized", "v#_1": "V1", "v#_2": "V2",
    "ostype_1": "Windows", "ostype_2": "Linux", "publisher": "Contoso", "offer": "Finance", "sku": "backend",
    "propertytype": "Microsoft.Azure.Management.Compute.Models.OperatingSystemStateTypes",
    "choice1": "Generalized", "choice2": "Specialized", "choice_1": "Generalized", "choice_2": "Specialized",
    "diskimage": "osDiskImage", "diskimages": "dataDiskImages", "name": "plan1", "product": "prod1",
    "promotioncode": "none",
}


def fill_row(template: str) -> str:
    def value(m: re.Match) -> str:
        name = m.group(1).replace(" ", "").lower()
        if name not in VALUES:
            raise KeyError(f"no sample value for <{m.group(1)}>")
        return VALUES[name]
    text = re.sub(r"<([^<>]+)>", value, template)
    return text.replace("…", "'eastus,westeurope'.")


def tsv_rows():
    with open(TSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_catalog_is_valid():
    problems = check_directory(paths.knowledge_dir())
    assert not problems, "\n".join(map(str, problems))


def test_every_file_is_named_by_its_id_and_area(catalog):
    for entry in catalog:
        assert entry.path.stem == entry.id
        assert AREA_PREFIX[entry.id[3]] == entry.area


@pytest.mark.parametrize("row", tsv_rows(), ids=lambda r: r["section"] + ":" + r["message_template"][:50])
def test_every_documented_message_is_covered(row, matcher):
    """A filled-in instance of every row of Microsoft's page matches an entry of that area."""
    message = fill_row(row["message_template"])
    candidates = matcher._template_candidates(ErrorRecord("plain", 1, message, request=Request()))
    found = [matcher.catalog.get(c.entry_id) for c in candidates]
    if not found:
        # A symptom the page lists (slow VM creation) is not a message Azure prints:
        # it is covered by a symptom entry that lookup finds from the same words.
        hits = SearchIndex(matcher.catalog).lookup(message, 1)
        found = [matcher.catalog.get(h.entry_id) for h in hits if matcher.catalog.get(h.entry_id).kind == "symptom"]
    assert row["section"] in {e.area for e in found}, f"{message!r} matched {[e.id for e in found]}"


def test_retired_entries_point_to_active_ones(catalog):
    for entry in catalog:
        if entry.status == "retired":
            assert catalog.get(entry.superseded_by).active


def test_guidance_from_the_page_is_in_the_catalog(catalog):
    """Replication, sharing, limits: reachable by lookup even though Azure prints no message for them."""
    guidance = [e for e in catalog.active() if e.kind == "guidance"]
    assert len(guidance) >= 4
