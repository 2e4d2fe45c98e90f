"""ARM resource ids -> the names sigdoctor puts into prose and commands."""

from __future__ import annotations

import re

# segment name in an ARM id (lowercase) -> variable it fills
_SEGMENTS = {
    "subscriptions": "subscriptionId",
    "resourcegroups": "resourceGroup",
    "galleries": "galleryName",
    "sharedgalleries": "galleryName",
    "communitygalleries": "galleryName",
    "images": "imageDefinitionName",
    "versions": "versionName",
    "virtualmachines": "vmName",
    "virtualmachinescalesets": "vmssName",
    "disks": "diskName",
    "locations": "location",
}
_ID = re.compile(r"/(?:subscriptions|SharedGalleries|CommunityGalleries)/[^\s'\"?,;)\]]+", re.IGNORECASE)


def find_resource_id(text: str) -> str:
    m = _ID.search(text or "")
    return m.group(0).rstrip("./") if m else ""


def variables_from_id(resource_id: str) -> dict[str, str]:
    """Names along an ARM id: /subscriptions/s/resourceGroups/rg/.../galleries/g/images/d."""
    parts = [p for p in (resource_id or "").split("?")[0].split("/") if p]
    found: dict[str, str] = {}
    for key, value in zip(parts, parts[1:], strict=False):
        name = _SEGMENTS.get(key.lower())
        if name and name not in found and value.lower() not in _SEGMENTS:
            found[name] = value
    return found


def split_gallery_path(value: str) -> dict[str, str]:
    """'gallery/definition' (as some messages name a parent) -> both names."""
    parts = [p for p in value.strip("'\" ").split("/") if p]
    names = ("galleryName", "imageDefinitionName", "versionName")
    return dict(zip(names, parts, strict=False)) if 1 < len(parts) <= 3 else {}
