from sigdoctor.logs.sdk import SdkParser


def test_go_azcore_banner_with_quoted_message(scan_only):
    [record] = scan_only(SdkParser, r"""
        failed to create VM: PUT https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/podvm-1
        --------------------------------------------------------------------------------
        RESPONSE 404: 404 Not Found
        ERROR CODE: GalleryImageNotFound
        --------------------------------------------------------------------------------
        {
          "error": {
            "code": "GalleryImageNotFound",
            "message": "\"The gallery image /CommunityGalleries/cocopodvm-d0e4/Images/podvm_image0/Versions/2024.02.20 is not available in eastus2 region. Please contact image owner to replicate to this region, or change your requested region.\"",
            "target": "imageReference"
          }
        }
        --------------------------------------------------------------------------------
    """)
    assert (record.source, record.line, record.code, record.target) == ("sdk", 9, "GalleryImageNotFound", "imageReference")
    assert record.message.startswith("The gallery image /CommunityGalleries/cocopodvm-d0e4/Images/podvm_image0")
    assert (record.request.method, record.request.status) == ("PUT", "404")
    assert record.request.resource_id.endswith("/virtualMachines/podvm-1")
    assert (record.target_hint, record.operation_hint) == ("vm", "create")


def test_azcore_banner_without_a_body_keeps_the_code(scan_only):
    [record] = scan_only(SdkParser, """
        DELETE https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g
        --------------------------------------------------------------------------------
        RESPONSE 409: 409 Conflict
        ERROR CODE: CannotDeleteResource
        --------------------------------------------------------------------------------
        done
    """)
    assert (record.code, record.message, record.request.status) == ("CannotDeleteResource", "", "409")


def test_python_exception_with_code_message_block(scan_only):
    [record] = scan_only(SdkParser, """
        Traceback (most recent call last):
          File "create_gallery.py", line 22, in main
            poller = compute.galleries.begin_create_or_update(rg, name, gallery)
        azure.core.exceptions.ResourceExistsError: (Conflict) The gallery name contoso.images is not unique within the subscription 3f9a. Please pick another gallery name
        Code: Conflict
        Message: The gallery name contoso.images is not unique within the subscription 3f9a. Please pick another gallery name
    """)
    assert (record.line, record.code) == (4, "Conflict")
    assert record.message == "The gallery name contoso.images is not unique within the subscription 3f9a. Please pick another gallery name"


def test_ipython_traceback_with_bare_exception_name(scan_only):
    [record] = scan_only(SdkParser, """
        ---------------------------------------------------------------------------
        HttpResponseError                         Traceback (most recent call last)
        Cell In[14], line 9
        ----> 9 poller = compute.gallery_image_versions.begin_create_or_update("rg", "g", "i", "1.0.1", version)

        HttpResponseError: (InvalidParameter) Duplicated source ids are found in the input disks. Source id should be unique for each disk.
        Code: InvalidParameter
        Message: Duplicated source ids are found in the input disks. Source id should be unique for each disk.
        Target: galleryImageVersion.properties.storageProfile.dataDiskImages
    """)
    assert (record.line, record.target) == (6, "galleryImageVersion.properties.storageProfile.dataDiskImages")


def test_msrestazure_cloud_error_with_literal_newlines(scan_only):
    [record] = scan_only(SdkParser, r"""
        msrestazure.azure_exceptions.CloudError: Azure Error: InvalidParameter\nMessage: Parameter 'galleryImageVersion.properties.storageProfile' is not allowed.\nTarget: galleryImageVersion.properties.storageProfile
    """)
    assert (record.code, record.message, record.target) == (
        "InvalidParameter", "Parameter 'galleryImageVersion.properties.storageProfile' is not allowed.",
        "galleryImageVersion.properties.storageProfile")


def test_dotnet_invalid_status_code(scan_only):
    [record] = scan_only(SdkParser, """
        Microsoft.Rest.Azure.CloudException: Operation returned an invalid status code 'BadRequest'
    """)
    assert (record.message, record.request.status) == ("Operation returned an invalid status code 'BadRequest'", "BadRequest")


def test_dotnet_request_failed_exception(scan_only):
    [record] = scan_only(SdkParser, """
        Azure.RequestFailedException: The gallery image version name is invalid.
        Status: 400 (Bad Request)
        ErrorCode: InvalidParameter

        Content:
    """)
    assert (record.code, record.request.status) == ("InvalidParameter", "400")


def test_zap_json_log_line_holding_a_banner(scan):
    [record] = scan(r"""
        2024-05-06T07:15:03.901Z	ERROR	gallery/publish.go:151	create failed	{"error": "PUT https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.3.0\n--------------------------------------------------------------------------------\nRESPONSE 400: 400 Bad Request\nERROR CODE: InvalidParameter\n--------------------------------------------------------------------------------\n{\n  \"error\": {\n    \"code\": \"InvalidParameter\",\n    \"message\": \"An invalid lun [12] was specified in encryption.dataDiskImages.\"\n  }\n}\n--------------------------------------------------------------------------------\n"}
    """)
    assert (record.source, record.code, record.request.method, record.request.status) == (
        "sdk", "InvalidParameter", "PUT", "400")
    assert (record.target_hint, record.operation_hint) == ("version", "create")
