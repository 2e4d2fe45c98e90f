"""What the failing request worked on and did: hints from URLs, commands, cmdlets and tool wording.

`Context` is the running state a scan shares between parsers: the most recent request, the last
request that started a change (its polling GETs report its failure), the command being run, and
Terraform/Packer wording. Every finding takes a snapshot of it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import replace

from .record import ErrorRecord, Request

MUTATING = ("PUT", "PATCH", "DELETE", "POST")
_METHOD_OPERATION = {"PUT": "create", "PATCH": "update", "DELETE": "delete", "GET": "show", "HEAD": "show"}
_POLL_SEGMENTS = ("operations", "operationresults", "capsoperations", "operationstatuses",
                  "asyncoperations", "operationsstatus", "asyncoperationresults")
_RESOURCE_START = re.compile(r"/(?:subscriptions|providers|sharedgalleries|communitygalleries)/", re.I)
_SCHEME_HOST = re.compile(r"^[a-zA-Z][\w+.-]*://[^/]*")


_STATUS_NAMES = {"ok": "200", "created": "201", "accepted": "202", "nocontent": "204", "badrequest": "400",
                 "unauthorized": "401", "forbidden": "403", "notfound": "404", "conflict": "409",
                 "preconditionfailed": "412", "toomanyrequests": "429", "internalservererror": "500",
                 "badgateway": "502", "serviceunavailable": "503", "gatewaytimeout": "504"}


def status_number(status: str) -> str:
    """"404" for "404", "NotFound" (.NET enum name) or "Not Found" (reason phrase); else as given."""
    key = status.strip().lower().replace(" ", "")
    return _STATUS_NAMES.get(key, status.strip())


def is_success(status: str) -> bool:
    return status_number(status).startswith("2")


def url_path(url: str) -> str:
    path = url.strip().strip("'\"").split("?", 1)[0].split("#", 1)[0]
    return _SCHEME_HOST.sub("", path)


def resource_id_from_url(url: str) -> str:
    path = url_path(url)
    start = _RESOURCE_START.search(path)
    return (path[start.start() :] if start else path).rstrip("/")


def is_poll(url: str) -> bool:
    segments = url_path(url).lower().split("/")
    return any(segment in _POLL_SEGMENTS for segment in segments)


def hints_from_url(url: str, method: str) -> tuple[str, str]:
    segments = [s.lower() for s in url_path(url).strip("/").split("/")]
    target = ""
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else None
        if segment in ("galleries", "sharedgalleries", "communitygalleries") and following is not None:
            target = "gallery"
        elif segment == "images" and target in ("gallery", "image"):
            target = "image"
        elif segment == "versions" and target == "image":
            target = "version"
        elif segment == "virtualmachinescalesets" and target != "vmss":
            target = "vmss"
        elif segment == "virtualmachines" and target != "vmss":
            target = "vm"
        elif segment == "disks":
            target = "disk"
        elif segment == "deployments" and method in ("PUT", "POST"):
            return "", "deploy"
    operation = _METHOD_OPERATION.get(method, "")
    if method == "POST" and segments and segments[-1] == "share":
        operation = "share"
    return target, operation


_TYPED_AZ = re.compile(r"(?:^|[$#>+`]\s*|\bRun\s+)az\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})")
_SETUP_GROUPS = {"login", "logout", "account", "config", "extension", "version", "upgrade", "cloud", "init",
                 "feedback", "find", "interactive", "bicep", "provider"}
_SETUP_NOUNS = ("Context", "Account", "Subscription", "Environment", "Module", "Config", "Tenant", "Location")


def typed_command(text: str) -> str:
    """`az sig image-version create` from a shell line such as `$ az sig image-version create -g rg ...`."""
    match = _TYPED_AZ.search(text)
    if not match:
        return ""
    words = match.group(1).split()
    return "" if words[0] in _SETUP_GROUPS else "az " + " ".join(words)


def is_setup_cmdlet(cmdlet: str) -> bool:
    """Set-AzContext, Connect-AzAccount...: what a script runs first, not what failed."""
    return cmdlet.endswith(_SETUP_NOUNS) or cmdlet.startswith(("Import-", "Connect-"))


_AZ_VERBS = {"create": "create", "update": "update", "delete": "delete", "show": "show", "list": "show",
             "get": "show", "set": "update", "share": "share", "add": "update", "remove": "update"}
_AZ_GROUPS = {"vm": "vm", "vmss": "vmss", "disk": "disk"}


def hints_from_command(command: str) -> tuple[str, str]:
    """From `az sig image-version create` or a PowerShell cmdlet name such as `New-AzGallery`."""
    words = command.split()
    if words and words[0] == "az":
        return _az_hints(words[1:])
    if len(words) == 1 and "-" in words[0]:
        return _cmdlet_hints(words[0])
    return "", ""


def _az_hints(words: list[str]) -> tuple[str, str]:
    if not words:
        return "", ""
    if "deployment" in words[:2]:
        return "", "deploy" if "create" in words or "validate" in words else ""
    verb = ""
    if words[0] == "sig":
        if len(words) > 1 and words[1] in ("image-definition", "image-version"):
            target = "image" if words[1] == "image-definition" else "version"
            verb = words[2] if len(words) > 2 else ""
        else:
            target, verb = "gallery", (words[1] if len(words) > 1 else "")
    elif words[0] in _AZ_GROUPS:
        target, verb = _AZ_GROUPS[words[0]], (words[1] if len(words) > 1 else "")
    else:
        return "", ""
    return target, _AZ_VERBS.get(verb, "")


_CMDLET_VERBS = {"New": "create", "Remove": "delete", "Update": "update", "Set": "update", "Get": "show",
                 "Add": "update"}
_CMDLET_NOUNS = (("GalleryImageVersion", "version"), ("GalleryImageDefinition", "image"), ("GalleryImage", "image"),
                 ("Gallery", "gallery"), ("Vmss", "vmss"), ("VM", "vm"), ("Disk", "disk"))


def _cmdlet_hints(cmdlet: str) -> tuple[str, str]:
    verb, _, noun = cmdlet.partition("-")
    noun = re.sub(r"^Az(?:ureRm)?", "", noun)
    if "Deployment" in noun:
        return "", "deploy"
    target = next((t for prefix, t in _CMDLET_NOUNS if noun.lower().startswith(prefix.lower())), "")
    return target, _CMDLET_VERBS.get(verb, "")


_WORDING_OP = re.compile(
    r"\b(creating/updating|creating|updating|deleting|retrieving|reading|waiting for (?:creation|deletion|update) of)"
    r"\s+([A-Za-z][A-Za-z ]{2,60})",
    re.I,
)
_WORDING_TARGETS = (("image version", "version"), ("shared image gallery", "gallery"), ("shared image", "image"),
                    ("gallery image", "image"), ("image definition", "image"), ("gallery", "gallery"),
                    ("scale set", "vmss"), ("virtual machine", "vm"), ("managed disk", "disk"), ("disk", "disk"))
_AUTOREST_CLIENT = re.compile(r"\b(Galleries|GalleryImages|GalleryImageVersions|VirtualMachines|VirtualMachineScaleSets"
                              r"|Disks|Deployments)Client#(\w+)")
_CLIENT_TARGETS = {"Galleries": "gallery", "GalleryImages": "image", "GalleryImageVersions": "version",
                   "VirtualMachines": "vm", "VirtualMachineScaleSets": "vmss", "Disks": "disk", "Deployments": ""}
_CLIENT_METHODS = {"CreateOrUpdate": "create", "Delete": "delete", "Update": "update", "Get": "show"}
_TF_TYPE = re.compile(r"\bazurerm_(shared_image_version|shared_image_gallery|shared_image|\w*virtual_machine_scale_set"
                      r"|\w*virtual_machine|managed_disk)\b")
_TF_TYPE_TARGETS = {"shared_image_version": "version", "shared_image_gallery": "gallery", "shared_image": "image",
                    "managed_disk": "disk"}


def hints_from_wording(text: str) -> tuple[str, str]:
    """From Terraform/Packer text: `Error deleting Shared Image Gallery "g"`, `GalleriesClient#Delete`..."""
    match = _WORDING_OP.search(text)
    if match:
        verb = match.group(1).lower()
        operation = "delete" if "delet" in verb else "show" if verb in ("reading", "retrieving") else (
            "update" if verb.startswith("updat") or "update" in verb else "create")
        noun = match.group(2).lower()
        target = next((t for phrase, t in _WORDING_TARGETS if phrase in noun), "")
        if target:
            return target, operation
    client = _AUTOREST_CLIENT.search(text)
    if client:
        return _CLIENT_TARGETS[client.group(1)], _CLIENT_METHODS.get(client.group(2), "")
    tf_type = _TF_TYPE.search(text)
    if tf_type:
        kind = tf_type.group(1)
        target = _TF_TYPE_TARGETS.get(kind) or ("vmss" if kind.endswith("scale_set") else "vm")
        return target, ""
    return "", ""


def _unredacted(value: str) -> str:
    value = value.strip()
    return "" if not value or value.strip("*") == "" or value.upper() == "REDACTED" else value


class Context:
    """Running state of one scan, shared by all parsers."""

    MAX_REMEMBERED = 10000

    def __init__(self) -> None:
        self.request: Request | None = None
        self.initiator: Request | None = None  # last request that started a change
        self.command = ""
        self.wording: tuple[str, str] = ("", "")
        self.mutations = 0  # successful changes so far: a GET 404 before one was only a check
        self.sequence = 0  # increases with every request
        self._succeeded: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._counted = False

    # -- requests -----------------------------------------------------------------------------
    def start_request(self, url: str = "", method: str = "") -> Request:
        self.sequence += 1
        self.request = Request()
        self._counted = False
        if url:
            self.set_url(url)
        if method:
            self.set_method(method)
        return self.request

    def current(self) -> Request:
        return self.request or self.start_request()

    def set_url(self, url: str) -> None:
        request = self.current()
        request.url = url.strip().strip("'\"")
        request.resource_id = resource_id_from_url(request.url)
        self._note_initiator()

    def set_method(self, method: str) -> None:
        self.current().method = method.strip().strip("'\"").upper()
        self._note_initiator()

    def set_status(self, status: str) -> None:
        request = self.current()
        request.status = status.strip()
        if is_success(request.status) and not self._counted:
            self._counted = True
            key = (request.method, request.resource_id.lower())
            self._succeeded[key] = self.sequence
            self._succeeded.move_to_end(key)
            if len(self._succeeded) > self.MAX_REMEMBERED:
                self._succeeded.popitem(last=False)
            if request.method in MUTATING:
                self.mutations += 1

    def set_ids(self, request_id: str = "", correlation_id: str = "") -> None:
        request_id, correlation_id = _unredacted(request_id), _unredacted(correlation_id)
        request = self.current()
        request.request_id = request.request_id or request_id.strip()
        request.correlation_id = request.correlation_id or correlation_id.strip()

    def succeeded_since(self, method: str, resource_id: str, sequence: int) -> bool:
        return self._succeeded.get((method, resource_id.lower()), -1) > sequence

    def _note_initiator(self) -> None:
        request = self.request
        if request and request.method in MUTATING and request.url and not is_poll(request.url):
            self.initiator = request

    def failing_request(self) -> Request:
        """The request an error belongs to: a polling GET reports the change that started it."""
        request = self.request
        if request is None:
            return Request()
        if self.initiator and self.initiator is not request and request.method in ("GET", ""):
            same = request.resource_id.lower() == self.initiator.resource_id.lower()
            if is_poll(request.url) or same:
                return replace(self.initiator)
        return replace(request)

    # -- records ------------------------------------------------------------------------------
    def record(self, source: str, line: int, message: str, code: str = "", target: str = "",
               request: Request | None = None) -> ErrorRecord:
        request = request if request is not None else self.failing_request()
        record = ErrorRecord(source=source, line=line, message=message, code=code, target=target,
                             request=request, command=self.command)
        record.target_hint, record.operation_hint = self.hints(request)
        return record

    def hints(self, request: Request) -> tuple[str, str]:
        url_target, url_op = hints_from_url(request.url or request.resource_id, request.method)
        cmd_target, cmd_op = hints_from_command(self.command)
        word_target, word_op = self.wording
        # A read that succeeded did not fail: the error came after it (client side), so the command says more.
        read_fine = request.method in ("GET", "HEAD") and is_success(request.status)
        if url_target and not read_fine:
            if url_op == "create" and "update" in (cmd_op, word_op):  # PUT is create-or-update
                url_op = "update"
            return url_target, url_op or cmd_op or word_op
        return cmd_target or word_target or url_target, cmd_op or word_op or url_op
