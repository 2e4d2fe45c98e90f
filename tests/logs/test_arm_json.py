import json

from sigdoctor.logs.arm_json import ArmJsonParser, errors_in_text, is_generic

NESTED_DEPLOYMENT = {
    "status": "Failed",
    "error": {
        "code": "DeploymentFailed",
        "message": "At least one resource deployment operation failed. Please list deployment operations for details.",
        "details": [{"code": "Conflict", "message": json.dumps({
            "status": "Failed",
            "error": {
                "code": "ResourceDeploymentFailure",
                "message": "The resource operation completed with terminal provisioning state 'Failed'.",
                "details": [{"code": "OSProvisioningTimedOut",
                             "message": "OS Provisioning for VM 'vm1' did not finish in the allotted time."}],
            },
        }, indent=2).replace("\n", "\r\n")}],
    },
}


def pairs(text, **kwargs):
    return [(e.code, e.message) for e in errors_in_text(text, **kwargs)]


def test_plain_error_body():
    body = '{"error":{"code":"ResourceGroupNotFound","message":"Resource group \'rg-x\' could not be found."}}'
    assert pairs(body) == [("ResourceGroupNotFound", "Resource group 'rg-x' could not be found.")]


def test_target_is_kept():
    body = '{"error":{"code":"InvalidParameter","message":"Bad name.","target":"galleryImageVersionName"}}'
    assert errors_in_text(body)[0].target == "galleryImageVersionName"


def test_details_and_json_in_messages_lead_to_the_innermost_error():
    assert pairs(json.dumps(NESTED_DEPLOYMENT)) == [
        ("OSProvisioningTimedOut", "OS Provisioning for VM 'vm1' did not finish in the allotted time.")]


def test_twice_escaped_json_inside_a_json_string():
    once = json.dumps(NESTED_DEPLOYMENT)
    twice = json.dumps({"level": "error", "msg": "deployment failed: " + once})
    assert pairs(twice) == [("OSProvisioningTimedOut", "OS Provisioning for VM 'vm1' did not finish in the allotted time.")]


def test_generic_wrapper_alone_is_kept():
    body = '{"error":{"code":"DeploymentFailed","message":"At least one resource deployment operation failed."}}'
    assert pairs(body) == [("DeploymentFailed", "At least one resource deployment operation failed.")]
    assert is_generic("DeploymentFailed", "")
    assert is_generic("", "The resource operation completed with terminal provisioning state 'Failed'.")
    assert not is_generic("InvalidParameter", "Duplicate regions are not allowed in target publishing regions.")


def test_literal_quotes_around_the_message_are_stripped():
    body = ('{"error":{"code":"GalleryImageNotFound","message":"\\"The gallery image /CommunityGalleries/c/Images/i'
            '/Versions/1.0.0 is not available in eastus2 region.\\"","target":"imageReference"}}')
    assert pairs(body)[0][1] == "The gallery image /CommunityGalleries/c/Images/i/Versions/1.0.0 is not available in eastus2 region."


def test_failed_only_reads_polling_bodies_and_ignores_success():
    failed = ('{"startTime":"2019-08-23T14:28:15+00:00","status":"Failed","error":{"code":"InternalExecutionError",'
              '"message":"An internal execution error occurred."},"name":"0c2137e6"}')
    assert pairs(failed, failed_only=True) == [("InternalExecutionError", "An internal execution error occurred.")]
    running = '{"status":"InProgress","error":{"code":"Transient","message":"Still trying."}}'
    assert pairs(running, failed_only=True) == []
    deployment = '{"properties":{"provisioningState":"Failed","error":{"code":"X","message":"Deployment broke."}}}'
    assert pairs(deployment, failed_only=True) == [("X", "Deployment broke.")]


def test_cut_off_and_escaped_json_is_read_by_the_fallback():
    text = ('Code="DeploymentFailed" Details=[{"code":"BadRequest","message":"{\\r\\n  \\"error\\": {\\r\\n    \\"code\\": '
            '\\"NoRegisteredProviderFound\\",\\r\\n    \\"message\\": \\"No registered resource provider found for '
            "location 'eastus' and API version '2022-08-01' for type 'galleries'. …")
    assert pairs(text) == [("NoRegisteredProviderFound", "No registered resource provider found for location "
                                                         "'eastus' and API version '2022-08-01' for type 'galleries'. …")]


def test_odata_message_replication_status_and_oauth_errors():
    odata = '{"odata.error":{"code":"X","message":{"lang":"en-US","value":"Deep value."}}}'
    assert pairs(odata) == [("X", "Deep value.")]
    replication = ('{"replicationStatus":{"summary":[{"region":"West Europe","state":"Failed","details":"Replication '
                   "failed in this region due to 'The GalleryImageVersion source resource size 2520 exceeds the max "
                   "size 2048 supported'\"}]}}")
    assert pairs(replication)[0][1].startswith("Replication failed in this region")
    oauth = '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}'
    assert pairs(oauth) == [("invalid_client", "AADSTS7000215: Invalid client secret provided.")]


def test_documents_that_are_not_errors():
    statuses = '{"statuses":[{"code":"ProvisioningState/succeeded","level":"Info","message":null}]}'
    assert pairs(statuses) == []
    assert pairs('{"name":"g","properties":{"provisioningState":"Succeeded"},"error":null}') == []


def test_offset_points_at_the_message():
    body = '{\n  "error": {\n    "code": "X",\n    "message": "Here it is."\n  }\n}'
    error = errors_in_text(body)[0]
    assert body[error.offset :].startswith("Here it is.")


def test_never_raises_on_junk():
    for junk in ("{" * 100000, "[" * 5000 + "{", '{"error": {"code": ' * 3000, "{\"a\": \"\\", "{}"):
        errors_in_text(junk)


def test_parser_reads_a_pasted_document(scan_only):
    records = scan_only(ArmJsonParser, """
        {
          "error": {
            "code": "PropertyChangeNotAllowed",
            "message": "Changing property 'galleryImage.properties.osState' is not allowed.",
            "target": "galleryImage.properties.osState"
          }
        }
    """)
    assert [(r.source, r.line, r.code, r.target) for r in records] == [
        ("arm", 4, "PropertyChangeNotAllowed", "galleryImage.properties.osState")]
