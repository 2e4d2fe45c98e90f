import pytest

from sigdoctor.logs.context import (
    Context,
    hints_from_command,
    hints_from_url,
    hints_from_wording,
    resource_id_from_url,
    status_number,
    typed_command,
)

SUB = "https://management.azure.com/subscriptions/0b1f/resourceGroups/rg/providers/Microsoft.Compute"


@pytest.mark.parametrize(("path", "method", "expected"), [
    ("/galleries/g?api-version=2022-03-03", "PUT", ("gallery", "create")),
    ("/galleries/g/images/d", "DELETE", ("image", "delete")),
    ("/galleries/g/images/d/versions/1.0.0", "PATCH", ("version", "update")),
    ("/galleries/g/images/d/versions/?api-version=2019-03-01", "PUT", ("version", "create")),
    ("/virtualMachines/vm1", "GET", ("vm", "show")),
    ("/virtualMachineScaleSets/ss/virtualMachines/0", "PUT", ("vmss", "create")),
    ("/disks/d1", "PUT", ("disk", "create")),
    ("/images/managed-image", "GET", ("", "show")),
    ("/galleries/g/share", "POST", ("gallery", "share")),
])
def test_hints_from_url(path, method, expected):
    assert hints_from_url(SUB + path, method) == expected


def test_deployment_and_community_gallery_urls():
    url = "https://management.azure.com/subscriptions/s/resourcegroups/rg/providers/Microsoft.Resources/deployments/x"
    assert hints_from_url(url, "PUT") == ("", "deploy")
    assert hints_from_url("/CommunityGalleries/c/Images/i/Versions/1.0.0", "GET") == ("version", "show")


def test_resource_id_drops_host_and_query():
    assert resource_id_from_url(f"'{SUB}/galleries/g/images/d?api-version=2022-03-03'") == (
        "/subscriptions/0b1f/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d")


@pytest.mark.parametrize(("command", "expected"), [
    ("az sig create", ("gallery", "create")),
    ("az sig delete", ("gallery", "delete")),
    ("az sig image-definition delete", ("image", "delete")),
    ("az sig image-version update", ("version", "update")),
    ("az vm create", ("vm", "create")),
    ("az vmss update", ("vmss", "update")),
    ("az disk create", ("disk", "create")),
    ("az deployment group create", ("", "deploy")),
    ("New-AzGallery", ("gallery", "create")),
    ("Remove-AzGalleryImageDefinition", ("image", "delete")),
    ("New-AzGalleryImageVersion", ("version", "create")),
    ("New-AzVM", ("vm", "create")),
    ("Update-AzVmss", ("vmss", "update")),
    ("New-AzResourceGroupDeployment", ("", "deploy")),
    ("az acr create", ("", "")),
])
def test_hints_from_command(command, expected):
    assert hints_from_command(command) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Error deleting Shared Image Gallery "g" (Resource Group "rg")', ("gallery", "delete")),
    ('Error: creating/updating Shared Image Version "1.0.0" (Image "u" / Gallery "g")', ("version", "create")),
    ("Error: creating/updating Shared Image: (Image Name \"u\" / Gallery Name \"g\")", ("image", "create")),
    ('Error: updating Gallery Image Version (Subscription: "s"', ("version", "update")),
    ("compute.GalleriesClient#Delete: Failure sending request", ("gallery", "delete")),
    ("creating Linux Virtual Machine Scale Set (Subscription", ("vmss", "create")),
    ("with azurerm_shared_image_version.example,", ("version", "")),
])
def test_hints_from_wording(text, expected):
    assert hints_from_wording(text) == expected


def test_typed_commands_and_setup_commands():
    assert typed_command("bob@cloudshell:~$ az sig image-version create -g rg -r g") == "az sig image-version create"
    assert typed_command("+ az sig create --resource-group rg") == "az sig create"
    assert typed_command("Run az sig image-definition create \\") == "az sig image-definition create"
    assert typed_command("$ az login --service-principal -u x") == ""
    assert typed_command("the az_command_data_logger said") == ""


def test_status_names():
    assert [status_number(s) for s in ("404", "NotFound", "Not Found", "BadRequest", "Created")] == [
        "404", "404", "404", "400", "201"]


def test_polling_get_reports_the_request_that_started_the_change():
    ctx = Context()
    ctx.start_request(SUB + "/galleries/g/images/d/versions/1.0.0?api-version=1", "PUT")
    ctx.set_ids(request_id="put-id", correlation_id="corr")
    ctx.set_status("201")
    ctx.start_request("https://management.azure.com/subscriptions/s/providers/Microsoft.Compute/locations/weu"
                      "/capsOperations/abc?api-version=1", "GET")
    ctx.set_status("200")
    record = ctx.record("az-debug", 10, "Replication failed.")
    assert record.request.method == "PUT" and record.request.request_id == "put-id"
    assert record.request.resource_id.endswith("/galleries/g/images/d/versions/1.0.0")
    assert (record.target_hint, record.operation_hint) == ("version", "create")


def test_put_is_an_update_when_the_command_says_so():
    ctx = Context()
    ctx.command = "az sig image-version update"
    ctx.start_request(SUB + "/galleries/g/images/d/versions/1.0.0", "PUT")
    assert ctx.record("az", 1, "x").operation_hint == "update"


def test_redacted_ids_are_not_kept():
    ctx = Context()
    ctx.start_request(SUB + "/galleries/g", "PUT")
    ctx.set_ids(request_id="REDACTED", correlation_id="*****")
    assert (ctx.current().request_id, ctx.current().correlation_id) == ("", "")


def test_after_a_successful_read_the_command_says_what_failed():
    ctx = Context()
    ctx.command = "az vmss create"
    ctx.start_request(SUB + "/galleries/g/images/i/versions?api-version=1", "GET")
    ctx.set_status("200")
    record = ctx.record("az", 7, "There is no latest image version exists for \"/subscriptions/...\"")
    assert (record.target_hint, record.operation_hint) == ("vmss", "create")
    assert record.request.resource_id.endswith("/galleries/g/images/i/versions")
