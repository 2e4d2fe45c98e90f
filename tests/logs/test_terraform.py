from sigdoctor.logs.terraform import TerraformParser, autorest_errors


def test_autorest_error_in_a_terraform_error(scan_only):
    [record] = scan_only(TerraformParser, """
        Error: creating/updating Shared Image: (Image Name "ubuntu-2204" / Gallery Name "gal_prod_weu" / Resource Group "rg-images-prod"): compute.GalleryImagesClient#CreateOrUpdate: Failure sending request: StatusCode=404 -- Original Error: Code="ParentResourceNotFound" Message="Can not perform requested operation on nested resource. Parent resource 'gal_prod_weu' not found."
    """)
    assert (record.source, record.code, record.request.status) == ("terraform", "ParentResourceNotFound", "404")
    assert record.message == "Can not perform requested operation on nested resource. Parent resource 'gal_prod_weu' not found."
    assert (record.target_hint, record.operation_hint) == ("image", "create")


def test_wrapped_and_cut_off_message_with_target(scan_only):
    # The paste broke the line after "regions " (trailing space kept) and cut the target off.
    [record] = scan_only(TerraformParser, (
        'Error: Error creating Shared Image Version "1.0.0" (Image "Ubuntu" / Gallery "global_image_gallery" / '
        'Resource Group "dcom-global"): compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request: '
        'StatusCode=400 -- Original Error: Code="InvalidParameter" Message="Duplicate regions \n'
        'are not allowed in target publishing regions." Target="galleryImageVersion.properties.publ…\n'))
    assert record.message == "Duplicate regions are not allowed in target publishing regions."
    assert record.target == "galleryImageVersion.properties.publ…"
    assert (record.target_hint, record.operation_hint) == ("version", "create")


def test_backslash_escaped_quotes_inside_a_logfmt_line(scan_only):
    [record] = scan_only(TerraformParser, r"""
        time="2022-09-06T18:12:04Z" level=error msg="Error: creating/updating Shared Image: (Image Name \"ci-op\" / Gallery Name \"gallery_ci_op\" / Resource Group \"ci-op-rg\"): compute.GalleryImagesClient#CreateOrUpdate: Failure sending request: StatusCode=404 -- Original Error: Code=\"ParentResourceNotFound\" Message=\"Can not perform requested operation on nested resource. Parent resource 'gallery_ci_op' not found.\""
    """)
    assert record.code == "ParentResourceNotFound"
    assert record.message.endswith("Parent resource 'gallery_ci_op' not found.")


def test_escaped_autorest_text_outside_any_wrapper():
    [(code, message, target, _, status)] = autorest_errors(
        r'failed: StatusCode=400 -- Original Error: Code=\"InvalidParameter\" Message=\"Bad name.\" Target=\"name\"')
    assert (code, message, target, status) == ("InvalidParameter", "Bad name.", "name", "400")


def test_pulumi_double_quotes_are_stripped(scan_only):
    [record] = scan_only(TerraformParser, """
        error: Status=404 Code="GalleryImageNotFound" Message=""The gallery image /SharedGalleries/G/Images/I/Versions/1.2.0 is not available in southeastasia region. Please contact image owner to replicate to this region, or change your requested region.""
    """)
    assert record.source == "sdk"
    assert record.message.startswith("The gallery image /SharedGalleries/G/Images/I/Versions/1.2.0 is not available")
    assert record.message.endswith("change your requested region.")


def test_generic_deployment_failure_with_escaped_details():
    text = ('Couldn\'t create gallery image: Code="DeploymentFailed" Message="At least one resource deployment operation '
            'failed." Details=[{"code":"BadRequest","message":"{\\r\\n  \\"error\\": {\\r\\n    \\"code\\": '
            '\\"NoRegisteredProviderFound\\",\\r\\n    \\"message\\": \\"No registered resource provider found for '
            "location 'eastus'.\\\"\\r\\n  }\\r\\n}\"}]")
    assert [(e[0], e[1]) for e in autorest_errors(text)] == [
        ("NoRegisteredProviderFound", "No registered resource provider found for location 'eastus'.")]


def test_go_azure_sdk_unexpected_status(scan_only):
    [record] = scan_only(TerraformParser, """
        │ Error: deleting Shared Image Gallery (Subscription: "s"
        │ Resource Group Name: "rg-images"
        │ Gallery Name: "gal_prod_weu"): performing Delete: unexpected status 409 (409 Conflict) with error: CannotDeleteResource: Can not delete resource before nested resources are deleted.
        │
        │   with azurerm_shared_image_gallery.main,
    """)
    assert (record.code, record.request.status, record.line) == ("CannotDeleteResource", "409", 3)
    assert record.message == "Can not delete resource before nested resources are deleted."
    assert (record.target_hint, record.operation_hint) == ("gallery", "delete")


def test_go_azure_sdk_polling_error(scan_only):
    records = scan_only(TerraformParser, """
        ╷
        │ Error: creating Gallery Image Version (Subscription: "s"
        │ Resource Group Name: "rg"
        │ Gallery Name: "g"
        │ Image Name: "i"
        │ Version: "1.0.0"): polling after CreateOrUpdate: polling failed: the Azure API returned the following error:
        │
        │ Status: "Failed"
        │ Code: "ReplicationFailed"
        │ Message: "Replication failed in this region due to 'The GalleryImageVersion source resource size 4095 exceeds the max size 2048 supported'"
        │ Activity Id: ""
        │
        │ ---
    """)
    assert [(r.code, r.line, r.target_hint, r.operation_hint) for r in records] == [
        ("ReplicationFailed", 10, "version", "create")]


def test_terraform_level_error_without_service_text(scan_only):
    [record] = scan_only(TerraformParser, """
        Error: A resource with the ID "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g" already exists - to be managed via Terraform this resource needs to be imported into the State.

          with azurerm_shared_image_gallery.g,
    """)
    assert record.message.startswith('A resource with the ID "/subscriptions/s/')


def test_successful_apply_has_no_error(scan_only):
    assert scan_only(TerraformParser, """
        azurerm_shared_image_version.v: Creating...
        azurerm_shared_image_version.v: Still creating... [10s elapsed]
        azurerm_shared_image_version.v: Creation complete after 25m3s [id=/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0]

        Apply complete! Resources: 1 added, 0 changed, 0 destroyed.
    """) == []


def test_word_wrapped_diagnostic_in_a_box(scan_only):
    [record] = scan_only(TerraformParser, """
        ╷
        │ Error: Error creating Shared Image Version "1.0.0" (Image "Ubuntu" / Gallery
        │ "global_image_gallery" / Resource Group "dcom-global"):
        │ compute.GalleryImageVersionsClient#CreateOrUpdate: Failure sending request:
        │ StatusCode=400 -- Original Error: Code="InvalidParameter" Message="Duplicate
        │ regions are not allowed in target publishing regions."
        │ Target="galleryImageVersion.properties.publishingProfile.targetRegions"
        │
        │   with azurerm_shared_image_version.ubuntu,
        ╵
    """)
    assert record.message == "Duplicate regions are not allowed in target publishing regions."
    assert (record.line, record.target) == (5, "galleryImageVersion.properties.publishingProfile.targetRegions")


def test_tf_log_trace_existence_check_is_not_an_error(scan):
    assert scan("""
        2024-05-03T08:00:01.121+0200 [DEBUG] provider.terraform-provider-azurerm_v3.104.0_x5: AzureRM Request:
        GET /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/w?api-version=2023-07-03 HTTP/1.1
        Host: management.azure.com
        : timestamp=2024-05-03T08:00:01.121+0200
        2024-05-03T08:00:01.402+0200 [DEBUG] provider.terraform-provider-azurerm_v3.104.0_x5: AzureRM Response for https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/w?api-version=2023-07-03:
        HTTP/2.0 404 Not Found
        X-Ms-Request-Id: 2f307a8e-6649-4810-b702-7beef8bcf4cc

        {"error": {"code": "ResourceNotFound", "message": "The Resource 'Microsoft.Compute/galleries/g/images/w' under resource group 'rg' was not found."}}
        : timestamp=2024-05-03T08:00:01.402+0200
        2024-05-03T08:00:01.405+0200 [DEBUG] provider.terraform-provider-azurerm_v3.104.0_x5: AzureRM Request:
        PUT /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/w?api-version=2023-07-03 HTTP/1.1
        : timestamp=2024-05-03T08:00:01.405+0200
        2024-05-03T08:00:02.311+0200 [DEBUG] provider.terraform-provider-azurerm_v3.104.0_x5: AzureRM Response for https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/w?api-version=2023-07-03:
        HTTP/2.0 201 Created

        {"name": "w", "properties": {"provisioningState": "Creating"}}
        : timestamp=2024-05-03T08:00:02.311+0200
        Apply complete! Resources: 1 added, 0 changed, 0 destroyed.
    """) == []


def test_tf_log_trace_failure_carries_the_request(scan_only):
    [record] = scan_only(TerraformParser, """
        [DEBUG] provider: AzureRM Request:
        DELETE /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g?api-version=2023-07-03 HTTP/1.1
        : timestamp=x
        [DEBUG] provider: AzureRM Response for https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g?api-version=2023-07-03:
        HTTP/2.0 409 Conflict
        X-Ms-Request-Id: 11111111-2222-3333-4444-555555555555

        {"error": {"code": "CannotDeleteResource", "message": "Can not delete resource before nested resources are deleted."}}
        : timestamp=x
    """)
    assert (record.request.method, record.request.status, record.request.request_id) == (
        "DELETE", "409", "11111111-2222-3333-4444-555555555555")
    assert (record.target_hint, record.operation_hint) == ("gallery", "delete")


def test_installer_error_level_context_lines_are_not_errors(scan):
    [record] = scan(r"""
        time="2024-03-14T09:13:48Z" level=error
        time="2024-03-14T09:13:48Z" level=error msg="Error: creating/updating Shared Image: (Image Name \"ci\" / Gallery Name \"gal_ci\" / Resource Group \"rg\"): compute.GalleryImagesClient#CreateOrUpdate: Failure sending request: StatusCode=404 -- Original Error: Code=\"ParentResourceNotFound\" Message=\"Can not perform requested operation on nested resource. Parent resource 'gal_ci' not found.\""
        time="2024-03-14T09:13:48Z" level=error
        time="2024-03-14T09:13:48Z" level=error msg="  with azurerm_shared_image.cluster,"
        time="2024-03-14T09:13:48Z" level=error msg="  on main.tf line 142, in resource \"azurerm_shared_image\" \"cluster\":"
        time="2024-03-14T09:14:02Z" level=error msg="failed to fetch Cluster: failed to apply Terraform: exit status 1"
    """)
    assert (record.line, record.code) == (2, "ParentResourceNotFound")
    assert record.message == "Can not perform requested operation on nested resource. Parent resource 'gal_ci' not found."


def test_an_error_line_of_another_tool_is_a_plain_message(scan):
    [record] = scan("""
        Failed to load the gallery.
        Error: The gallery is not available for workspace 'syn-weu'. Make sure the workspace has public network access. (Code: GalleryNotAvailable)
        Activity ID: f12a89f7-2fdf-444e-b540-628c95bf7752
    """)
    assert (record.source, record.code) == ("plain", "GalleryNotAvailable")
    assert record.message == "The gallery is not available for workspace 'syn-weu'. Make sure the workspace has public network access."
