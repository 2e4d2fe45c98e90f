from sigdoctor.logs.az_debug import AzDebugParser, command_from_arguments

PUT_404 = """
    cli.knack.cli: Command arguments: ['sig', 'image-definition', 'create', '-g', 'rg-img', '--gallery-name', 'contosoGallery', '--debug']
    cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/contosoGallery/images/ubuntu?api-version=2022-03-03'
    cli.azure.cli.core.sdk.policies: Request method: 'PUT'
    cli.azure.cli.core.sdk.policies: Request headers:
    cli.azure.cli.core.sdk.policies:     'x-ms-client-request-id': '11111111-0000-0000-0000-000000000000'
    cli.azure.cli.core.sdk.policies:     'Authorization': '*****'
    cli.azure.cli.core.sdk.policies: Request body:
    cli.azure.cli.core.sdk.policies: {"location": "westeurope", "properties": {"osType": "Linux"}}
    urllib3.connectionpool: https://management.azure.com:443 "PUT /subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/contosoGallery/images/ubuntu?api-version=2022-03-03 HTTP/1.1" 404 214
    cli.azure.cli.core.sdk.policies: Response status: 404
    cli.azure.cli.core.sdk.policies: Response headers:
    cli.azure.cli.core.sdk.policies:     'x-ms-failure-cause': 'gateway'
    cli.azure.cli.core.sdk.policies:     'x-ms-request-id': '6b4f1c02-6a4e-4c7e-9b55-5d7a3a0e1f11'
    cli.azure.cli.core.sdk.policies:     'x-ms-correlation-request-id': 'c1b2d3e4-0000-4c7e-9b55-5d7a3a0e1f11'
    cli.azure.cli.core.sdk.policies: Response content:
    cli.azure.cli.core.sdk.policies: {"error":{"code":"ParentResourceNotFound","message":"Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found."}}
"""


def test_error_body_with_its_request(scan_only):
    [record] = scan_only(AzDebugParser, PUT_404)
    assert (record.source, record.line, record.code) == ("az-debug", 16, "ParentResourceNotFound")
    assert record.message == "Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found."
    request = record.request
    assert (request.method, request.status) == ("PUT", "404")
    assert request.url.endswith("/galleries/contosoGallery/images/ubuntu?api-version=2022-03-03")
    assert request.resource_id == ("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-img/providers"
                                   "/Microsoft.Compute/galleries/contosoGallery/images/ubuntu")
    assert request.request_id == "6b4f1c02-6a4e-4c7e-9b55-5d7a3a0e1f11"
    assert request.correlation_id == "c1b2d3e4-0000-4c7e-9b55-5d7a3a0e1f11"
    assert (record.command, record.target_hint, record.operation_hint) == (
        "az sig image-definition create", "image", "create")


def test_failed_polling_response_with_status_200(scan_only):
    [record] = scan_only(AzDebugParser, """
        DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0?api-version=2022-03-03'
        DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'PUT'
        DEBUG: cli.azure.cli.core.sdk.policies: Response status: 201
        DEBUG: cli.azure.cli.core.sdk.policies: Response headers:
        DEBUG: cli.azure.cli.core.sdk.policies:     'x-ms-request-id': 'put-request-id'
        DEBUG: cli.azure.cli.core.sdk.policies: Response content:
        DEBUG: cli.azure.cli.core.sdk.policies: {"name":"1.0.0","properties":{"provisioningState":"Creating"}}
        DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/capsOperations/ed1d17f0?api-version=2022-03-03&t=6385&c=MIIHpTCC'
        DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'GET'
        DEBUG: cli.azure.cli.core.sdk.policies: Response status: 200
        DEBUG: cli.azure.cli.core.sdk.policies: Response content:
        DEBUG: cli.azure.cli.core.sdk.policies: {"status":"InProgress","name":"ed1d17f0"}
        DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/capsOperations/ed1d17f0?api-version=2022-03-03&t=6385&c=MIIHpTCC'
        DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'GET'
        DEBUG: cli.azure.cli.core.sdk.policies: Response status: 200
        DEBUG: cli.azure.cli.core.sdk.policies: Response content:
        DEBUG: cli.azure.cli.core.sdk.policies: {"status":"Failed","error":{"code":"ReplicationFailed","message":"Replication failed in this region due to 'The GalleryImageVersion source resource size 4095 exceeds the max size 2048 supported.'"},"name":"ed1d17f0"}
    """)
    assert record.code == "ReplicationFailed"
    assert record.line == 17
    assert (record.request.method, record.request.request_id) == ("PUT", "put-request-id")
    assert (record.target_hint, record.operation_hint) == ("version", "create")


def test_msrest_era_pretty_body(scan_only):
    [record] = scan_only(AzDebugParser, """
        msrest.http_logger : Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/img?api-version=2019-03-01'
        msrest.http_logger : Request method: 'PUT'
        msrest.http_logger : Response status: 200
        msrest.http_logger : Response content:
        msrest.http_logger : {
          "startTime": "2019-08-23T14:28:15.8016214+00:00",
          "endTime": "2019-08-23T14:28:15.8797671+00:00",
          "status": "Failed",
          "error": {
            "code": "InternalExecutionError",
            "message": "An internal execution error occurred."
          },
          "name": "0c2137e6-5f69-4e84-8bc6-0909fbc59649"
        }
        adal-python : 0897fe7d - TokenRequest:Getting token from cache
    """)
    assert (record.line, record.code, record.message) == (11, "InternalExecutionError", "An internal execution error occurred.")


def test_successful_bodies_and_request_bodies_are_not_errors(scan_only):
    assert scan_only(AzDebugParser, """
        DEBUG: msrest.http_logger : Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g?api-version=2019-03-01'
        DEBUG: msrest.http_logger : Request method: 'PUT'
        DEBUG: msrest.http_logger : Request body:
        DEBUG: msrest.http_logger : {"error": {"code": "NotReally", "message": "a tag value that looks like an error"}}
        DEBUG: msrest.http_logger : Response status: 200
        DEBUG: msrest.http_logger : Response content:
        DEBUG: msrest.http_logger : {"name": "g", "properties": {"provisioningState": "Succeeded"}}
    """) == []


def test_urllib3_line_alone_gives_the_request(scan_only):
    [record] = scan_only(AzDebugParser, """
        urllib3.connectionpool : https://management.azure.com:443 "DELETE /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g?api-version=2021-07-01 HTTP/1.1" 409 160
        msrest.http_logger : Response content:
        msrest.http_logger : {"error":{"code":"CannotDeleteResource","message":"Can not delete resource before nested resources are deleted."}}
    """)
    assert (record.request.method, record.request.status) == ("DELETE", "409")
    assert (record.target_hint, record.operation_hint) == ("gallery", "delete")


def test_wrapped_request_url_is_rejoined(scan_only):
    [record] = scan_only(AzDebugParser, """
        DEBUG: msrest.http_logger : Request URL: 'https://management.azure.com/subscriptions/aff271ee-e9be-4441-b9bb-42f5af
        4cbaeb/resourceGroups/NIXOS_PRODUCTION2/providers/Microsoft.Compute/galleries/nixosvhds/images/SOME_IMAGE_NAME/vers
        ions/?api-version=2019-03-01'
        DEBUG: msrest.http_logger : Request method: 'PUT'
        DEBUG: msrest.http_logger : Response status: 400
        DEBUG: msrest.http_logger : Response content:
        DEBUG: msrest.http_logger : {"error":{"code":"InvalidParameter","message":"The image version name is invalid."}}
    """)
    assert record.request.resource_id == ("/subscriptions/aff271ee-e9be-4441-b9bb-42f5af4cbaeb/resourceGroups/NIXOS_PRODUCTION2"
                                          "/providers/Microsoft.Compute/galleries/nixosvhds/images/SOME_IMAGE_NAME/versions")
    assert record.target_hint == "version"


def test_python_sdk_trace_is_labelled_sdk(scan_only):
    [record] = scan_only(AzDebugParser, """
        INFO:azure.core.pipeline.policies.http_logging_policy:Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i?api-version=2023-07-03'
        Request method: 'PUT'
        INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 400
        Response headers:
            'x-ms-request-id': '12458dd2-9888-4622-814a-1e8478063422'
            'x-ms-correlation-request-id': 'REDACTED'
        INFO:azure.core.pipeline.policies.http_logging_policy:Response content:
        {"error":{"code":"InvalidParameter","message":"The minimum value of vCPUs must not be greater than the maximum value of vCPUs."}}
    """)
    assert record.source == "sdk"
    assert (record.request.method, record.request.status, record.request.correlation_id) == ("PUT", "400", "")
    assert record.request.request_id == "12458dd2-9888-4622-814a-1e8478063422"


def test_command_from_arguments():
    assert command_from_arguments("'sig', 'image-version', 'create', '-g', 'rg'") == "az sig image-version create"
    assert command_from_arguments("'vm', 'create', '--image', 'x'") == "az vm create"
    assert command_from_arguments("") == ""


def test_error_body_quoting_other_logs_is_read_as_a_body(scan):
    # Text in an az record's body is not another tool's wrapper: no logfmt, no JSON-log unwrapping.
    trace = """
        DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g?api-version=2022-03-03'
        DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'PUT'
        DEBUG: cli.azure.cli.core.sdk.policies: Response status: 400
        DEBUG: cli.azure.cli.core.sdk.policies: Response content:
    """
    for body, message in (('{"code":"BadScript","message":"Line one\\nline two."}', "Line one line two."),
                          ('{"error":{"code":"BadScript","message":"time=t level=error msg=boom"}}',
                           "time=t level=error msg=boom")):
        [record] = scan(trace + "        DEBUG: cli.azure.cli.core.sdk.policies: " + body + "\n")
        assert (record.source, record.line, record.code, record.message) == ("az-debug", 5, "BadScript", message)
