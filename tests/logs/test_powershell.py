from sigdoctor.logs.powershell import PowerShellParser

HTTP_BLOCKS = """
    DEBUG: ============================ HTTP REQUEST ============================

    HTTP Method:
    DELETE

    Absolute Uri:
    https://management.azure.com/subscriptions/3f9a/resourceGroups/rg-images-prod/providers/Microsoft.Compute/galleries/gal_prod_weu/images/win2022-avd?api-version=2023-07-03

    Headers:
    x-ms-client-request-id        : 2f4ce52f-c06c-4d54-a186-14846594d3be

    Body:


    DEBUG: ============================ HTTP RESPONSE ============================

    Status Code:
    Conflict

    Headers:
    Pragma                        : no-cache
    x-ms-request-id               : caf5991d-1111-2222-3333-444455556666
    x-ms-correlation-request-id   : c94417c4-1111-2222-3333-444455556666

    Body:
    {
      "error": {
        "code": "Conflict",
        "message": "Can not delete resource before nested resources are deleted."
      }
    }


"""

EXCEPTION = """
    Remove-AzGalleryImageDefinition : Can not delete resource before nested resources are deleted.
    ErrorCode: Conflict
    ErrorMessage: Can not delete resource before nested resources are deleted.
    ErrorTarget:
    StatusCode: 409
    ReasonPhrase: Conflict
    OperationID : caf5991d-1111-2222-3333-444455556666
    At line:1 char:1
    + Remove-AzGalleryImageDefinition -ResourceGroupName rg-images-prod -Gal ...
    + ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
        + CategoryInfo          : CloseError: (:) [Remove-AzGalleryImageDefinition], ComputeCloudException
        + FullyQualifiedErrorId : Microsoft.Azure.Commands.Compute.Automation.RemoveAzureRmGalleryImageDefinition
"""


def test_debug_http_blocks_body_and_exception_are_one_record(scan_only):
    [record] = scan_only(PowerShellParser, HTTP_BLOCKS + EXCEPTION)
    assert (record.source, record.line, record.code) == ("powershell", 29, "Conflict")
    assert record.message == "Can not delete resource before nested resources are deleted."
    request = record.request
    assert (request.method, request.status) == ("DELETE", "Conflict")
    assert request.resource_id.endswith("/galleries/gal_prod_weu/images/win2022-avd")
    assert (request.request_id, request.correlation_id) == (
        "caf5991d-1111-2222-3333-444455556666", "c94417c4-1111-2222-3333-444455556666")
    assert (record.command, record.target_hint, record.operation_hint) == (
        "Remove-AzGalleryImageDefinition", "image", "delete")


def test_exception_without_trace(scan_only):
    [record] = scan_only(PowerShellParser, """
        Update-AzGalleryImageVersion : Resource group '<NameOfResourceGroup>' could not be found.
        ErrorCode: ResourceGroupNotFound
        ErrorMessage: Resource group '<NameOfResourceGroup>' could not be found.
        ErrorTarget:
        StatusCode: 404
        ReasonPhrase: Not Found
        OperationID : bb826209-309f-4c8d-a7fd-239a345793e9
        At line:1 char:1
    """)
    assert (record.line, record.code, record.request.status, record.request.request_id) == (
        1, "ResourceGroupNotFound", "404", "bb826209-309f-4c8d-a7fd-239a345793e9")
    assert (record.target_hint, record.operation_hint) == ("version", "update")


def test_long_running_operation_failed_keeps_the_inner_message(scan_only):
    [record] = scan_only(PowerShellParser, """
        New-AzGalleryImageVersion : Long running operation failed with status 'Failed'. Additional Info:'Replication failed in this region due to 'The GalleryImageVersion source resource size 2520 exceeds the max size 2048 supported'.'
        ErrorCode: ReplicationFailed
        ErrorMessage: Replication failed in this region due to 'The GalleryImageVersion source resource size 2520 exceeds the max size 2048 supported'.
    """)
    assert record.code == "ReplicationFailed"
    assert record.message.startswith("Replication failed in this region due to 'The GalleryImageVersion source")


def test_long_running_operation_failed_alone(scan_only):
    [record] = scan_only(PowerShellParser, """
        Long running operation failed with status 'Failed'. Additional Info:'The disk encryption set 'des1' was not found.'
    """)
    assert record.message == "The disk encryption set 'des1' was not found."


def test_powershell7_concise_view(scan_only):
    [record] = scan_only(PowerShellParser, """
        New-AzGalleryImageDefinition: C:\\scripts\\deploy.ps1:12
        Line |
          12 |  New-AzGalleryImageDefinition -ResourceGroupName $rg -GalleryName $gal …
             |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
             | Cannot bind parameter 'MinimumCPU'. Cannot convert value "four" to type "System.Int32". Error: "Input
             | string was not in a correct format."
    """)
    assert record.message == ('Cannot bind parameter \'MinimumCPU\'. Cannot convert value "four" to type "System.Int32".'
                              ' Error: "Input string was not in a correct format."')
    assert (record.line, record.command, record.target_hint) == (5, "New-AzGalleryImageDefinition", "image")


def test_parameter_binding_error_windows_powershell(scan_only):
    [record] = scan_only(PowerShellParser, """
        PS C:\\> New-AzGalleryImageDefinition -ResourceGroupName rg -GalleryName g -Name d -OsType Linx
        New-AzGalleryImageDefinition : Cannot bind parameter 'OsType'. Cannot convert value "Linx" to type
        "Microsoft.Azure.Management.Compute.Models.OperatingSystemTypes". Error: "Unable to match the identifier name Linx
        to a valid enumerator name. Specify one of the following enumerator names and try again: Windows, Linux"
        At line:1 char:84
        + ... -OsType Linx
        +             ~~~~
            + CategoryInfo          : InvalidArgument: (:) [New-AzGalleryImageDefinition], ParameterBindingException
    """)
    assert record.message.startswith("Cannot bind parameter 'OsType'. Cannot convert value \"Linx\" to type \"Microsoft")
    assert record.message.endswith("try again: Windows, Linux\"")
    assert record.command == "New-AzGalleryImageDefinition"


def test_qos_event_of_a_caught_existence_check_is_not_reported(scan):
    records = scan("""
        DEBUG: ============================ HTTP REQUEST ============================

        HTTP Method:
        GET

        Absolute Uri:
        https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal_uks?api-version=2023-07-03

        DEBUG: ============================ HTTP RESPONSE ============================

        Status Code:
        NotFound

        Body:
        {"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.Compute/galleries/gal_uks' under resource group 'rg' was not found."}}

        DEBUG: AzureQoSEvent:  Module: Az.Compute:7.1.0; CommandName: Get-AzGallery; IsSuccess: False; Exception: Microsoft.Azure.Commands.Compute.Common.ComputeCloudException: The Resource 'Microsoft.Compute/galleries/gal_uks' under resource group 'rg' was not found.
        ErrorCode: ResourceNotFound
        ErrorMessage: The Resource 'Microsoft.Compute/galleries/gal_uks' under resource group 'rg' was not found.
           at Microsoft.Azure.Commands.Compute.ComputeClientBaseCmdlet.ExecuteClientAction(Action action);
        VERBOSE: Gallery gal_uks not found in rg; creating it.
        DEBUG: ============================ HTTP REQUEST ============================

        HTTP Method:
        PUT

        Absolute Uri:
        https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal_uks?api-version=2023-07-03

        DEBUG: ============================ HTTP RESPONSE ============================

        Status Code:
        Created

        Body:
        {"name": "gal_uks", "properties": {"provisioningState": "Creating"}}
    """)
    assert records == []


def test_qos_event_alone_reports_the_error(scan_only):
    [record] = scan_only(PowerShellParser, """
        DEBUG: AzureQoSEvent: CommandName - New-AzGallery; IsSuccess - False; Duration - 00:00:01; Exception - Microsoft.Azure.Commands.Compute.Common.ComputeCloudException: Gallery name is invalid.
        ErrorCode: InvalidParameter
        ErrorMessage: Gallery name is invalid.
        ErrorTarget: galleryName
    """)
    assert (record.code, record.target, record.command) == ("InvalidParameter", "galleryName", "New-AzGallery")


def test_deployment_error_with_json_in_quotes(scan_only):
    [record] = scan_only(PowerShellParser, """
        New-AzResourceGroupDeployment : 2:34:06 pm - Resource Microsoft.Compute/disks 'edyt5uiulbzq4d3' failed with message '{
          "error": {
            "code": "BadRequest",
            "message": "The source blob https://x.blob.core.windows.net/public/Client01d.vhd does not belong to the same region as the disk."
          }
        }'
    """)
    assert (record.code, record.line) == ("BadRequest", 4)
    assert record.message.startswith("The source blob https://x.blob.core.windows.net/")
    assert record.operation_hint == "deploy"


def test_code_equals_message_form(scan_only):
    [record] = scan_only(PowerShellParser, """
        New-AzResourceGroupDeployment : 10:02:11 - Error: Code=InvalidTemplate; Message=Deployment template validation failed: 'The resource 'x' is defined multiple times in a template.'
    """)
    assert record.code == "InvalidTemplate"
    assert record.message.startswith("Deployment template validation failed")


def test_content_type_header_is_not_a_cmdlet(scan_only):
    assert scan_only(PowerShellParser, """
        Content-Type: application/json; charset=utf-8
        Set-Cookie: x=y
    """) == []


def test_category_info_after_the_message_names_the_cmdlet(scan_only):
    [record] = scan_only(PowerShellParser, """
        2024-06-11T08:14:52.4410312Z ##[error]Cannot bind parameter 'EndOfLifeDate'. Cannot convert value "$(eol)" to type "System.DateTime".
        2024-06-11T08:14:52.4421907Z     + CategoryInfo          : InvalidArgument: (:) [New-AzGalleryImageDefinition], ParameterBindingException
        2024-06-11T08:14:52.4425633Z ##[error]PowerShell exited with code '1'.
    """)
    assert (record.command, record.target_hint, record.operation_hint) == ("New-AzGalleryImageDefinition", "image", "create")
