from sigdoctor.logs.clean import Cleaner, guess_width, normalise, strip_terminal


def clean(raw: str):
    lines = normalise(strip_terminal(raw))
    assert len(lines) == 1, lines
    return lines[0]


def test_ansi_and_crlf_are_removed():
    line = clean("\x1b[31mERROR: (ParentResourceNotFound) Parent resource 'g' not found.\x1b[0m\r\n")
    assert line.level == "ERROR"
    assert line.text == "(ParentResourceNotFound) Parent resource 'g' not found."


def test_bare_colour_codes_left_by_a_copy_are_removed():
    assert clean("[32maz_command_data_logger: exit code: 1[0m").text == "exit code: 1"


def test_carriage_return_overwrites_keep_the_last_text():
    assert clean(" - Running ..\r - Finished ..\r\n").text == " - Finished .."


def test_ci_timestamp_and_error_marker():
    line = clean("2024-05-02T10:11:12.1234567Z ##[error]ERROR: (InvalidParameter) Bad value.")
    assert (line.level, line.text) == ("ERROR", "(InvalidParameter) Bad value.")


def test_group_marker_is_not_a_level():
    line = clean("2024-05-02T10:11:12.0332112Z ##[group]Run az sig image-definition create \\")
    assert line.level == ""
    assert line.text.startswith("Run az sig image-definition create")


def test_the_four_az_prefix_shapes_and_powershell_debug():
    shapes = {
        "DEBUG: cli.azure.cli.core.sdk.policies: Request method: 'PUT'": ("DEBUG", "cli.azure.cli.core.sdk.policies"),
        "cli.azure.cli.core.sdk.policies: Request method: 'PUT'": ("", "cli.azure.cli.core.sdk.policies"),
        "DEBUG: msrest.http_logger : Request method: 'PUT'": ("DEBUG", "msrest.http_logger"),
        "msrest.http_logger : Request method: 'PUT'": ("", "msrest.http_logger"),
    }
    for raw, (level, logger) in shapes.items():
        line = clean(raw)
        assert (line.level, line.logger, line.text, line.prefixed) == (level, logger, "Request method: 'PUT'", True)
    line = clean("DEBUG: ============================ HTTP REQUEST ============================")
    assert line.level == "DEBUG" and line.text.startswith("=====")


def test_knack_file_log_and_python_logging_formats():
    line = clean("4242 : 2024-05-02 10:11:12,345 : DEBUG : cli.knack.cli : Command arguments: ['sig', 'list']")
    assert (line.level, line.logger, line.text) == ("DEBUG", "cli.knack.cli", "Command arguments: ['sig', 'list']")
    line = clean("INFO:azure.core.pipeline.policies.http_logging_policy:Response status: 400")
    assert (line.level, line.text) == ("INFO", "Response status: 400")


def test_an_exception_class_is_not_a_logger_name():
    line = clean("azure.core.exceptions.ResourceExistsError: (Conflict) The gallery name g is not unique")
    assert line.logger == ""
    assert line.text.startswith("azure.core.exceptions.ResourceExistsError: (Conflict)")


def test_logfmt_wrapper_is_unwrapped_and_unescaped():
    raw = (
        'time="2022-09-06T18:12:04Z" level=error msg="Error: creating/updating Shared Image: (Image Name \\"ci\\"): '
        'Original Error: Code=\\"ParentResourceNotFound\\" Message=\\"Parent resource \'gal\' not found.\\""'
    )
    line = clean(raw)
    assert line.level == "ERROR"
    assert line.text.endswith('Code="ParentResourceNotFound" Message="Parent resource \'gal\' not found."')


def test_powershell7_gutter_and_windows_powershell_prompts():
    assert clean("     | Operation returned an invalid status code 'BadRequest'").text == (
        "Operation returned an invalid status code 'BadRequest'")
    prompt = '[Y] Yes  [A] Yes to All  [H] Halt Command  [S] Suspend  [?] Help (default is "Y"): y'
    for dropped in (prompt, "Line |", "  12 |  New-AzGallery -Name x", "     |  ~~~~~~~~~~~~~~~~", "```powershell"):
        assert normalise(dropped) == []


def test_markdown_quote_bold_html_entities_and_terraform_box():
    line = clean("> **ERROR:** (GalleryImageNotFound) The gallery image &#39;x&#39; is not &quot;available&quot;")
    assert (line.level, line.text) == ("ERROR", "(GalleryImageNotFound) The gallery image 'x' is not \"available\"")
    assert clean('│ Error: deleting Shared Image Gallery "g"').text == 'Error: deleting Shared Image Gallery "g"'


def test_packer_builder_prefix_is_split_off():
    line = clean("==> azure-arm.ubuntu: ERROR: -> DeploymentFailed : At least one resource deployment failed")
    assert (line.logger, line.text) == ("azure-arm.ubuntu", "ERROR: -> DeploymentFailed : At least one resource deployment failed")


def test_json_log_line_with_multiline_value_is_split():
    raw = '12:00 ERROR create failed {"error": "PUT https://x/y\\nRESPONSE 404: 404 Not Found\\nERROR CODE: NotFound"}'
    texts = [line.text for line in normalise(raw, 7)]
    assert texts == ["12:00 ERROR create failed", "PUT https://x/y", "RESPONSE 404: 404 Not Found",
                     "ERROR CODE: NotFound"]


def test_enormous_line_is_cut_to_head_and_tail():
    raw = "ERROR: start " + "x" * 10_000_000 + " end"
    text = strip_terminal(raw)
    assert len(text) < 200_000
    assert text.startswith("ERROR: start") and text.endswith(" end")


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] + "\n" for i in range(0, len(text), width)]


def test_terminal_hard_wrap_at_fixed_width_is_joined():
    url = ("DEBUG: msrest.http_logger : Request URL: 'https://management.azure.com/subscriptions/aff271ee-e9be-4441-"
           "b9bb-42f5af4cbaeb/resourceGroups/NIXOS/providers/Microsoft.Compute/galleries/nixosvhds/images/IMG/versions"
           "/?api-version=2019-03-01'")
    message = ("ERROR: (ParentResourceNotFound) Can not perform requested operation on nested resource. Parent "
               "resource 'nixosvhds/IMG' not found.")
    raw = _wrap(url, 80) + ["DEBUG: msrest.http_logger : Request method: 'PUT'\n"] + _wrap(message, 80)
    lines = list(Cleaner().lines(raw))
    assert [line.text for line in lines] == [url.split(" : ", 1)[1], "Request method: 'PUT'", message[7:]]
    assert [line.number for line in lines] == [1, 4, 5]
    assert lines[0].number_at(lines[0].text.find("versions")) == 3


def test_width_is_not_guessed_from_an_unwrapped_log():
    sample = ["short line", "a" * 70 + "x", "next line", "b" * 90, "end"]
    assert guess_width(sample) == 0


def test_url_cut_inside_quotes_is_joined_without_a_known_width():
    raw = ["DEBUG: URLCreated: https://management.azure.com/subscriptions/d169f47f/providers/Microsoft.Comput\n",
           "e/virtualMachines?api-version=2017-12-01\n", "DEBUG: next record\n"]
    lines = list(Cleaner().lines(raw))
    assert lines[0].text.endswith("Microsoft.Compute/virtualMachines?api-version=2017-12-01")
    assert len(lines) == 2


def test_powershell7_gutter_wrap_is_joined():
    cut = "'/subscriptions/3f9a1c7e/resourceGroups/rg-build/providers/Microsoft.Compute/images/i"
    raw = [
        "     | The source id:\n",
        f"     | {cut}\n",
        "     | mg-ubuntu2004-0412' must be a managed disk or snapshot.\n",
        "     | ErrorMessage: The source id:\n",
        f"     | {cut}\n",
        "     | mg-ubuntu2004-0412' must be a managed disk or snapshot.\n",
    ]
    texts = [line.text for line in Cleaner().lines(raw)]
    assert texts[1] == cut + "mg-ubuntu2004-0412' must be a managed disk or snapshot."
    assert len(texts) == 4


def test_lines_with_other_input_types_never_raise():
    lines = list(Cleaner().lines([b"ERROR: bytes\n", None, 42, "\ufeffplain\n"]))
    assert lines[0].text == "bytes" and lines[0].level == "ERROR"
    assert lines[-1].text == "plain"
