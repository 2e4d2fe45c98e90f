"""Diagnosis decisions a user notices: what is an error, which copy counts, what is not ours."""

from __future__ import annotations

from sigdoctor.diagnose import diagnose_text

SUCCESS_HEAD = """DEBUG: cli.knack.cli: Command arguments: ['sig', 'image-version', 'show', '-g', 'rg', '-r', 'gal', '-i', 'def', '-e', '1.0.0', '--debug']
DEBUG: cli.knack.cli: __init__ debug log:
Cannot enable color.
Cannot enable VT mode.
DEBUG: cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/3f9a1c7e-52b4-4d8e-a0c1-6e2f8b7d9a14/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/def/versions/1.0.0?api-version=2023-07-03'
DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'GET'
DEBUG: cli.azure.cli.core.sdk.policies: Response status: 200
DEBUG: cli.azure.cli.core.sdk.policies: Response headers:
DEBUG: cli.azure.cli.core.sdk.policies:     'x-ms-request-id': '2a04cc93-990a-4f30-93bc-bb138ef94f27'
DEBUG: cli.azure.cli.core.sdk.policies: Response content:
DEBUG: cli.azure.cli.core.sdk.policies: {"name":"1.0.0","properties":{"provisioningState":"Succeeded"}}
"""


def test_start_up_chatter_in_a_successful_debug_log_is_not_an_error(catalog, matcher):
    assert diagnose_text(SUCCESS_HEAD, catalog, matcher) == []


def test_the_same_chatter_pasted_alone_is_still_read(catalog, matcher):
    findings = diagnose_text("Hi team, the pipeline says:\nDuplicate regions are not allowed in target "
                             "publishing regions.\nThanks!", catalog, matcher)
    assert [f.result.best.entry_id for f in findings] == ["SIG3035"]


def test_a_copy_cut_by_a_wrap_is_one_error_not_two(catalog, matcher):
    text = """==> azure-arm.ubuntu: ERROR: -> InvalidParameter : The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc.
==> azure-arm.ubuntu: ERROR: -> InvalidParameter : The image version name is inv
Build 'azure-arm.ubuntu' errored after 4 minutes 2 seconds: Code="InvalidParameter" Message="The image version name is invalid. The image version name should follow Major(int).Minor(int).Patch(int) format, where int is between 0 and 2,147,483,647 (inclusive). For e.g: 1.0.0, 2018.12.1 etc."
"""
    findings = diagnose_text(text, catalog, matcher)
    assert [f.result.best.entry_id if f.result.best else None for f in findings] == ["SIG3024"]


def test_the_same_sentence_about_another_resource_type_is_not_ours(catalog, matcher):
    text = ("ERROR: (LocationNotAvailableForResourceType) The provided location 'brazilsoutheast' is not "
            "available for resource type 'Microsoft.KeyVault/vaults'. List of available regions for the "
            "resource type is 'eastus,westeurope'.\nCode: LocationNotAvailableForResourceType\n")
    findings = diagnose_text(text, catalog, matcher)
    assert findings and findings[0].result.best is None


def test_a_gallery_region_error_is_ours(catalog, matcher):
    text = ("ERROR: (LocationNotAvailableForResourceType) The provided location 'brazilsoutheast' is not "
            "available for resource type 'Microsoft.Compute/galleries'. List of available regions for the "
            "resource type is 'eastus,westeurope'.\n")
    findings = diagnose_text(text, catalog, matcher)
    assert findings[0].result.best is not None
    assert findings[0].variables.get("region") == "brazilsoutheast"
