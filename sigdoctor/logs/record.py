"""The one normalized shape every log parser produces."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Request:
    """The HTTP request that failed, as far as the log tells."""

    method: str = ""  # PUT, GET, DELETE, ...
    url: str = ""
    resource_id: str = ""  # /subscriptions/.../providers/Microsoft.Compute/galleries/g/images/d
    status: str = ""  # "400", or PowerShell's "BadRequest"
    request_id: str = ""  # x-ms-request-id, PowerShell "OperationID :"
    correlation_id: str = ""  # x-ms-correlation-request-id, "Correlation ID:"


@dataclass
class ErrorRecord:
    """One error found in the input."""

    source: str  # az-debug, az, powershell, terraform, packer, arm, sdk, plain
    line: int  # 1-based line of the input where the error was found
    message: str  # the innermost real error message, unescaped, whitespace collapsed
    code: str = ""  # ARM error code, e.g. ParentResourceNotFound
    target: str = ""  # the error's "target" field, e.g. galleryImageVersionName
    request: Request = field(default_factory=Request)
    command: str = ""  # what the user ran: "az sig image-definition delete", "Remove-AzGallery"
    # What the failing request worked on and did, when the log tells (request URL and
    # method, the az command, the PowerShell cmdlet, Terraform's wording):
    target_hint: str = ""  # gallery | image | version | vm | vmss | disk | ""
    operation_hint: str = ""  # create | update | delete | show | deploy | ""

    def to_dict(self) -> dict:
        return asdict(self)
