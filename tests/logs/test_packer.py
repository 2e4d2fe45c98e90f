from sigdoctor.logs.packer import PackerParser


def test_autorest_error_on_a_builder_line(scan_only):
    [record] = scan_only(PackerParser, """
        ==> azure-arm.ofs-base-image: compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: StatusCode=0 -- Original Error: Code="InvalidParameter" Message="The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc." Target="galleryImageVersionName"
        Build 'azure-arm.ofs-base-image' errored after 2 minutes 3 seconds: compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: StatusCode=0 -- Original Error: Code="InvalidParameter" Message="The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc." Target="galleryImageVersionName"
    """)
    assert (record.source, record.line, record.code, record.target) == (
        "packer", 1, "InvalidParameter", "galleryImageVersionName")
    assert (record.command, record.target_hint, record.operation_hint) == ("packer build", "version", "create")


def test_deployment_error_tree_keeps_the_specific_error(scan_only):
    records = scan_only(PackerParser, """
        ==> azure-arm: Deploying deployment template ...
        ==> azure-arm: ERROR: -> DeploymentFailed : At least one resource deployment operation failed. Please list deployment operations for details.
        ==> azure-arm: ERROR:   -> BadRequest
        ==> azure-arm: ERROR:   -> BadRequest : An invalid value was provided for 'accessPolicies'.
    """)
    assert [(r.code, r.message) for r in records] == [("BadRequest", "An invalid value was provided for 'accessPolicies'.")]


def test_deployment_error_tree_with_a_json_document(scan_only):
    [record] = scan_only(PackerParser, """
        ==> azure-arm.win: ERROR: -> Conflict : {
        ==> azure-arm.win:   "status": "Failed",
        ==> azure-arm.win:   "error": {
        ==> azure-arm.win:     "code": "ResourceDeploymentFailure",
        ==> azure-arm.win:     "message": "The resource operation completed with terminal provisioning state 'Failed'.",
        ==> azure-arm.win:     "details": [{"code": "AllocationFailed", "message": "Allocation failed. We do not have sufficient capacity for the requested VM size in this region."}]
        ==> azure-arm.win:   }
        ==> azure-arm.win: }
    """)
    assert (record.code, record.line) == ("AllocationFailed", 6)


def test_build_errored_summary(scan_only):
    [record] = scan_only(PackerParser, """
        ==> azure-arm.rhel_byos: Running builder ...
        Build 'azure-arm.rhel_byos' errored after 1 second 74 milliseconds: the Shared Gallery Image to which to publish the managed image version to does not exist in the resource group xxxx

        ==> Some builds didn't complete successfully and had errors:
        --> azure-arm.rhel_byos: the Shared Gallery Image to which to publish the managed image version to does not exist in the resource group xxxx

        ==> Builds finished but no artifacts were created.
    """)
    assert record.line == 2
    assert record.message.startswith("the Shared Gallery Image to which to publish")


def test_artifacts_of_a_successful_build_are_not_errors(scan_only):
    assert scan_only(PackerParser, """
        ==> azure-arm.ubuntu2204: Publishing to Shared Image Gallery ...
        ==> Builds finished. The artifacts of successful builds are:
        --> azure-arm.ubuntu2204: Azure.ResourceManagement.VMImage:

        OSType: Linux
    """) == []


def test_packer_log_ui_error_line(scan_only):
    [record] = scan_only(PackerParser, """
        2022/06/01 14:10:12 ui error: ==> azure-arm.rhel: the managed image named img-rhel already exists in the resource group rg-img, use the -force option to automatically delete it.
    """)
    assert record.message.startswith("the managed image named img-rhel already exists")
    assert record.command == "packer build"
