"""Template -> regex: tolerant of what pastes do, strict about what names can be."""

from sigdoctor.templates import captures, compile_template, fill

PARENT = "Can not perform requested operation on nested resource. Parent resource <galleryName> not found."
RANGE = ("The value <value> of parameter <property> is out of range. "
         "The value must be between <minValue> and <maxValue>, inclusive.")


def search(template, text):
    compiled = compile_template(template)
    m = compiled.pattern.search(text)
    return captures(compiled, m) if m else None


def test_captures_quoted_value_without_quotes():
    got = search(PARENT, "(ParentResourceNotFound) Can not perform requested operation on nested resource. "
                         "Parent resource 'gal_prod_weu' not found.")
    assert got == {"galleryName": "gal_prod_weu"}


def test_tolerates_wrapping_crlf_case_and_missing_period():
    text = ("can not perform requested operation on nested\r\n resource.  Parent resource "
            "gal_prod_weu not found")
    assert search(PARENT, text) == {"galleryName": "gal_prod_weu"}


def test_a_name_placeholder_does_not_swallow_a_path():
    assert search(PARENT, "Can not perform requested operation on nested resource. "
                          "Parent resource 'gallery/definition' not found.") is None


def test_several_placeholders_are_captured_by_name():
    text = ("Code: InvalidParameter\nMessage: The value 12 of parameter "
            "galleryImageVersion.properties.publishingProfile.replicaCount is out of range. "
            "The value must be between 1 and 10, inclusive.")
    assert search(RANGE, text) == {
        "value": "12", "property": "galleryImageVersion.properties.publishingProfile.replicaCount",
        "minValue": "1", "maxValue": "10"}


def test_trailing_ellipsis_means_anything_may_follow():
    template = ("The provided location <region> is not available for resource type "
                "'Microsoft.Compute/galleries'. List of available regions for the resource type is …")
    text = ("The provided location 'eastus3' is not available for resource type 'Microsoft.Compute/galleries'. "
            "List of available regions for the resource type is 'eastus,westeurope,koreacentral'.")
    assert search(template, text)["region"] == "eastus3"


def test_fill_marks_unknown_values_visibly():
    assert fill("az sig show -g {resourceGroup} -r {galleryName}", {"galleryName": "g1"}) == \
        "az sig show -g <resourceGroup> -r g1"
