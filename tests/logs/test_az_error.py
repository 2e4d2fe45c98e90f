from sigdoctor.logs.az_error import AzErrorParser


def test_code_message_block(scan_only):
    [record] = scan_only(AzErrorParser, """
        ERROR: (InvalidParameter) The gallery image version source id: '/subscriptions/x/resourceGroups/rsc_tmp/providers/Microsoft.Compute/virtualMachines/vm-win11-x64' must be specified in 'galleryImageVersion.properties.storageProfile.source.virtualMachineId'.
        Code: InvalidParameter
        Message: The gallery image version source id: '/subscriptions/x/resourceGroups/rsc_tmp/providers/Microsoft.Compute/virtualMachines/vm-win11-x64' must be specified in 'galleryImageVersion.properties.storageProfile.source.virtualMachineId'.
        Target: galleryImageVersion.properties.storageProfile.source
    """)
    assert (record.source, record.line, record.code) == ("az", 1, "InvalidParameter")
    assert record.target == "galleryImageVersion.properties.storageProfile.source"
    assert record.message.startswith("The gallery image version source id: '/subscriptions/x/")


def test_partial_paste_without_the_first_line(scan_only):
    [record] = scan_only(AzErrorParser, """
        Code: InvalidParameter
        Message: The value of parameter api-version is invalid.
        Target: api-version
        Inner error: {
            "internalErrorCode": "ParameterValueInvalid"
        }
    """)
    assert (record.line, record.code, record.message, record.target) == (
        2, "InvalidParameter", "The value of parameter api-version is invalid.", "api-version")


def test_printed_twice_is_reported_once(scan_only):
    records = scan_only(AzErrorParser, """
        cli.azure.cli.core.azclierror: (ResourceGroupNotFound) Resource group 'rg-devops-packer' could not be found.
        Code: ResourceGroupNotFound
        Message: Resource group 'rg-devops-packer' could not be found.
        az_command_data_logger: (ResourceGroupNotFound) Resource group 'rg-devops-packer' could not be found.
        Code: ResourceGroupNotFound
        Message: Resource group 'rg-devops-packer' could not be found.
    """)
    assert [(r.line, r.code) for r in records] == [(1, "ResourceGroupNotFound")]


def test_exception_details_replace_a_generic_wrapper(scan_only):
    records = scan_only(AzErrorParser, """
        ERROR: (InvalidTemplateDeployment) The template deployment failed with multiple errors. Please see details for more information.
        Code: InvalidTemplateDeployment
        Message: The template deployment failed with multiple errors. Please see details for more information.
        Exception Details:\t(RequestDisallowedByAzure) Resource 'myVM' was disallowed by Azure: regions policy.
        \tCode: RequestDisallowedByAzure
        \tMessage: Resource 'myVM' was disallowed by Azure: regions policy.\t(InvalidTemplate) Deployment template validation failed.
        \tCode: InvalidTemplate
        \tMessage: Deployment template validation failed.
    """)
    assert [(r.code, r.message) for r in records] == [
        ("RequestDisallowedByAzure", "Resource 'myVM' was disallowed by Azure: regions policy."),
        ("InvalidTemplate", "Deployment template validation failed."),
    ]


def test_deployment_failed_with_correlation_id_and_pretty_json(scan_only):
    [record] = scan_only(AzErrorParser, """
        Deployment failed. Correlation ID: f098dc2a-4199-42c4-a57e-f07ef3819dd7. {
          "status": "Failed",
          "error": {
            "code": "ResourceDeploymentFailure",
            "message": "The resource operation completed with terminal provisioning state 'Failed'.",
            "details": [
              {
                "code": "DeploymentFailed",
                "message": "At least one resource deployment operation failed.",
                "details": [
                  {
                    "code": "BadRequest",
                    "message": "{\\r\\n  \\"error\\": {\\r\\n    \\"code\\": \\"GalleryImageNotFound\\",\\r\\n    \\"message\\": \\"The gallery image /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i is not available in koreacentral region.\\"\\r\\n  }\\r\\n}"
                  }
                ]
              }
            ]
          }
        }
    """)
    assert record.code == "GalleryImageNotFound"
    assert record.message.endswith("is not available in koreacentral region.")
    assert record.request.correlation_id == "f098dc2a-4199-42c4-a57e-f07ef3819dd7"
    assert record.line == 13


def test_error_json_line_from_bicep(scan_only):
    [record] = scan_only(AzErrorParser, """
        ERROR: {"status":"Failed","error":{"code":"DeploymentFailed","message":"At least one resource deployment operation failed.","details":[{"code":"LinkedAuthorizationFailed","message":"The client has permission to perform action 'Microsoft.Compute/galleries/images/read' on scope '/subscriptions/7cc9/resourcegroups/defender/providers/Microsoft.Compute/virtualMachines/srv02', however the current tenant 'd79f' is not authorized to access linked subscription 'adb2'."}]}}  Correlation ID: cc3b6940-e73c-4853-8720-714960725a7e
    """)
    assert record.code == "LinkedAuthorizationFailed"
    assert record.request.correlation_id == "cc3b6940-e73c-4853-8720-714960725a7e"


def test_msrestazure_azure_error(scan_only):
    [record] = scan_only(AzErrorParser, """
        ERROR: Azure Error: InvalidParameter
        Message: Parameter 'galleryImageVersion.properties.storageProfile' is not allowed.
        Target: galleryImageVersion.properties.storageProfile
    """)
    assert (record.code, record.message, record.target) == (
        "InvalidParameter", "Parameter 'galleryImageVersion.properties.storageProfile' is not allowed.",
        "galleryImageVersion.properties.storageProfile")


def test_argparse_error_names_the_command(scan_only):
    [record] = scan_only(AzErrorParser, """
        az sig image-definition create: error: argument --minimum-cpu-core: invalid int value: 'four'
    """)
    assert record.message == "argument --minimum-cpu-core: invalid int value: 'four'"
    assert (record.command, record.target_hint, record.operation_hint) == (
        "az sig image-definition create", "image", "create")


def test_plain_error_line_and_typed_command(scan_only):
    [record] = scan_only(AzErrorParser, """
        + az sig image-version delete -g rg -r gal -i img -e 1.0.0
        ERROR: Deletion of Gallery image version is not allowed because the image is enabled for blockDeletionBeforeEndOfLife and its endOfLifeDate has not reached yet
        + exit 1
    """)
    assert record.line == 2
    assert (record.command, record.target_hint, record.operation_hint) == ("az sig image-version delete", "version", "delete")


def test_ci_runner_epilogue_is_not_an_error(scan_only):
    records = scan_only(AzErrorParser, """
        2024-05-02T10:11:12.2616210Z ERROR: (InvalidResourceName) The provided resource name 'g/u-' has these invalid trailing characters: '-'.
        2024-05-02T10:11:12.3593295Z ##[error]Process completed with exit code 1.
    """)
    assert [r.code for r in records] == ["InvalidResourceName"]


def test_go_azure_sdk_polling_block(scan_only):
    [record] = scan_only(AzErrorParser, """
        Status: "Failed"
        Code: "ReplicationJobsNotCompleted"
        Message: "Replication job not completed at region: westeurope
        and at region: uksouth"
        Activity Id: ""
    """)
    assert (record.code, record.message) == (
        "ReplicationJobsNotCompleted", "Replication job not completed at region: westeurope and at region: uksouth")


def test_azure_devops_error_followed_by_powershell_fields(scan_only):
    [record] = scan_only(AzErrorParser, """
        2024-04-18T09:44:10.3409999Z ##[error]The disk encryption set 'des-weu' was not found.
        2024-04-18T09:44:10.3543581Z ErrorCode: NotFound
        2024-04-18T09:44:10.3690900Z ErrorMessage: The disk encryption set 'des-weu' was not found.
        2024-04-18T09:44:10.4212291Z StatusCode: 404
        2024-04-18T09:44:10.4287906Z OperationID : 287d4766-c3a6-45e8-b57e-06267a47825b
    """)
    assert (record.source, record.code, record.request.status) == ("powershell", "NotFound", "404")
    assert record.request.request_id == "287d4766-c3a6-45e8-b57e-06267a47825b"


def test_prompt_in_parentheses_is_not_an_error_code(scan_only):
    assert scan_only(AzErrorParser, """
        (base) alice@host:~$ az sig list -o table
        (.venv) ci@build:~$ python create.py
    """) == []


def test_colour_paste_error_logger_without_level(scan_only):
    [record] = scan_only(AzErrorParser, """
        cli.azure.cli.core.azclierror: There is no latest image version exists for "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i"
        az_command_data_logger: There is no latest image version exists for "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i"
        az_command_data_logger: exit code: 1
    """)
    assert record.line == 1
    assert record.message.startswith("There is no latest image version exists for")
