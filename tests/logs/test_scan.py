"""scan_lines / scan_text over whole logs: dedupe, order, judging, robustness, the shared corpus."""

import itertools
import random
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from sigdoctor.logs import scan_lines, scan_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

AZ_DEBUG_FAILED_PUT = """\
cli.knack.cli: Command arguments: ['sig', 'image-definition', 'create', '-g', 'rg-img', '--gallery-name', 'contosoGallery', '--debug']
cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions/0b1f/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/contosoGallery/images/ubuntu?api-version=2022-03-03'
cli.azure.cli.core.sdk.policies: Request method: 'PUT'
cli.azure.cli.core.sdk.policies: Response status: 404
cli.azure.cli.core.sdk.policies: Response headers:
cli.azure.cli.core.sdk.policies:     'x-ms-request-id': '6b4f1c02-6a4e-4c7e-9b55-5d7a3a0e1f11'
cli.azure.cli.core.sdk.policies: Response content:
cli.azure.cli.core.sdk.policies: {"error":{"code":"ParentResourceNotFound","message":"Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found."}}
cli.azure.cli.core.azclierror: Traceback (most recent call last):
  File "/opt/az/lib/python3.11/site-packages/knack/cli.py", line 233, in invoke
    cmd_result = self.invocation.execute(args)
azure.core.exceptions.ResourceNotFoundError: (ParentResourceNotFound) Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
Code: ParentResourceNotFound
Message: Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
cli.azure.cli.core.azclierror: (ParentResourceNotFound) Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
Code: ParentResourceNotFound
Message: Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
az_command_data_logger: (ParentResourceNotFound) Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
Code: ParentResourceNotFound
Message: Can not perform requested operation on nested resource. Parent resource 'contosoGallery' not found.
cli.knack.cli: Event: Cli.PostExecute [<function AzCliLogging.deinit_cmd_metadata_logging at 0x7f>]
az_command_data_logger: exit code: 1
"""


def trace(method: str, path: str, status: int, body: str) -> str:
    prefix = "DEBUG: cli.azure.cli.core.sdk.policies: "
    return (f"{prefix}Request URL: 'https://management.azure.com/subscriptions/s/resourceGroups/rg{path}?api-version=1'\n"
            f"{prefix}Request method: '{method}'\n{prefix}Response status: {status}\n"
            f"{prefix}Response content:\n{prefix}{body}\n")


def test_copies_of_one_error_are_reported_once_with_all_fields():
    [record] = scan_text(AZ_DEBUG_FAILED_PUT)
    assert (record.source, record.line, record.code) == ("az-debug", 8, "ParentResourceNotFound")
    assert record.request.request_id == "6b4f1c02-6a4e-4c7e-9b55-5d7a3a0e1f11"
    assert (record.command, record.target_hint, record.operation_hint) == (
        "az sig image-definition create", "image", "create")


def test_crlf_ansi_and_ci_timestamps_change_nothing():
    expected = scan_text(AZ_DEBUG_FAILED_PUT)
    mangled = "".join(f"2024-05-02T10:11:12.{i:07d}Z \x1b[36m{line}\x1b[0m\r\n"
                      for i, line in enumerate(AZ_DEBUG_FAILED_PUT.splitlines()))
    assert scan_text(mangled) == expected


def test_existence_check_404_before_a_successful_change_is_not_reported():
    log = (
        "DEBUG: cli.knack.cli: Command arguments: ['vm', 'create', '-g', 'rg', '-n', 'vm1', '--image', 'x']\n"
        + trace("GET", "/providers/Microsoft.Compute/virtualMachines/vm1", 404,
                '{"error":{"code":"ResourceNotFound","message":"The Resource \'Microsoft.Compute/virtualMachines/vm1\' '
                'under resource group \'rg\' was not found."}}')
        + trace("PUT", "/providers/Microsoft.Resources/deployments/vm_deploy_1", 201, '{"properties":{}}')
        + trace("GET", "/providers/Microsoft.Resources/deployments/vm_deploy_1", 200,
                '{"properties":{"provisioningState":"Failed","error":{"code":"DeploymentFailed","message":"At least '
                'one resource deployment operation failed.","details":[{"code":"GalleryImageNotFound","message":'
                '"The gallery image /subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i'
                ' is not available in koreacentral region."}]}}}')
        + "ERROR: cli.azure.cli.core.azclierror: {\"status\":\"Failed\",\"error\":{\"code\":\"DeploymentFailed\","
          "\"message\":\"At least one resource deployment operation failed.\"}}\n"
    )
    records = scan_text(log)
    assert [r.code for r in records] == ["GalleryImageNotFound"]
    record = records[0]
    assert (record.request.method, record.target_hint, record.operation_hint) == ("PUT", "vm", "create")


def test_retried_throttling_before_success_is_not_reported():
    path = "/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0"
    log = (trace("PUT", path, 429, '{"error":{"code":"TooManyRequests","message":"Too many requests."}}')
           + trace("PUT", path, 201, '{"name":"1.0.0"}'))
    assert scan_text(log) == []


def test_a_failed_404_that_ended_the_command_is_reported():
    log = (trace("GET", "/providers/Microsoft.Compute/galleries/g", 404,
                 '{"error":{"code":"ResourceNotFound","message":"The Resource \'Microsoft.Compute/galleries/g\' '
                 'under resource group \'rg\' was not found."}}')
           + "ERROR: (ResourceNotFound) The Resource 'Microsoft.Compute/galleries/g' under resource group 'rg' "
             "was not found.\n")
    [record] = scan_text(log)
    assert (record.source, record.line, record.request.status) == ("az-debug", 5, "404")


def test_errors_come_in_the_order_they_first_appear():
    log = ("ERROR: (GalleryImageNotFound) First problem.\n"
           "some output\n"
           "Update-AzGalleryImageVersion : Second problem.\nErrorCode: Conflict\n\n"
           "ERROR: (GalleryImageNotFound) First problem.\n")
    assert [(r.line, r.message) for r in scan_text(log)] == [(1, "First problem."), (3, "Second problem.")]


def test_a_successful_log_yields_nothing():
    log = (trace("PUT", "/providers/Microsoft.Compute/galleries/g", 201, '{"name":"g"}')
           + "INFO: az_command_data_logger: exit code: 0\n"
           + '{\n  "name": "g",\n  "provisioningState": "Succeeded"\n}\n')
    assert scan_text(log) == []


@pytest.mark.parametrize("junk", [
    "", "\n\n\n", "\x00\x01\x02" * 1000, "{" * 200_000, "[" * 5000 + "\n" + "}" * 5000,
    '"code": "X", "message": "' * 50_000, "ERROR: " * 100_000, "Code: X\n" * 10_000,
    "DEBUG: ============================ HTTP RESPONSE ============================\nBody:\n{\n",
])
def test_never_raises_on_odd_input(junk):
    scan_text(junk)


def test_never_raises_on_random_text():
    rng = random.Random(7)
    alphabet = 'abcXYZ{}[]"\\:\'() \n\t\r=|>#-' + "\u2502\x1b"
    for _ in range(50):
        scan_text("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5000))))


def test_a_huge_single_line_is_processed_quickly():
    line = "x" * 20_000_000 + ' {"error":{"code":"X","message":"late"}}\n'
    started = time.perf_counter()
    records = list(scan_lines(iter([line, "ERROR: (InvalidParameter) Gallery name is invalid.\n"])))
    assert time.perf_counter() - started < 5
    assert [r.code for r in records] == ["X", "InvalidParameter"]


def test_streaming_yields_before_the_input_ends_and_keeps_memory_bounded():
    consumed = itertools.count()

    def lines():
        yield "ERROR: (InvalidParameter) Gallery name is invalid.\n"
        for _ in range(50_000):
            next(consumed)
            yield "DEBUG: cli.azure.cli.core.util: nothing to see here\n"

    tracemalloc.start()
    try:
        stream = scan_lines(lines())
        first = next(stream)
        assert first.code == "InvalidParameter"
        assert next(consumed) < 20_000
        assert list(stream) == []
        assert tracemalloc.get_traced_memory()[1] < 30_000_000
    finally:
        tracemalloc.stop()


# -- the shared corpus of whole logs ---------------------------------------------------------------
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
MANIFEST = CORPUS / "manifest.toml"
CASES = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["case"] if MANIFEST.exists() else []


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8", errors="replace")


@pytest.mark.skipif(not CASES, reason="no corpus manifest")
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_case(case):
    if not (CORPUS / case["file"]).exists():
        pytest.skip("file not written yet")
    records = scan_text(_read(case["file"]))
    if case["expect"] == "none":
        assert records == []
    else:
        assert any(r.message for r in records), records


@pytest.mark.skipif(not CORPUS.exists(), reason="no corpus")
def test_every_corpus_file_scans_without_raising_line_by_line():
    for path in sorted(CORPUS.glob("*.log")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            list(scan_lines(handle))


def test_a_bare_error_sentence_gives_way_to_the_specific_error_it_wraps():
    log = (trace("PUT", "/providers/Microsoft.Compute/galleries/g", 400,
                 '{"error":{"code":"InvalidParameter","message":"Gallery name is invalid."}}')
           + "ERROR: Operation failed with status: 'Bad Request'. Details: 400 Client Error: Bad Request for url: "
             "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g\n")
    assert [r.code for r in scan_text(log)] == ["InvalidParameter"]


def test_a_crash_reports_the_exception_not_the_banner():
    log = ("ERROR: The command failed with an unexpected error. Here is the traceback:\n"
           "ERROR: 'NoneType' object is not subscriptable\n"
           "Traceback (most recent call last):\n"
           '  File "/opt/az/lib/python3.11/site-packages/azure/cli/command_modules/vm/custom.py", line 4850\n'
           "TypeError: 'NoneType' object is not subscriptable\n")
    assert [r.message for r in scan_text(log)] == ["'NoneType' object is not subscriptable"]


@pytest.mark.parametrize("unit", [" ", "\t", "~", "| ", '"', "\\", "$ ", "Error", ":", "a.", "{\"", "'", "\r",
                                  "( ", "=", "azurerm_", "code: ", "\\\"", "--", "│ "])
def test_regexes_stay_linear_on_long_runs(unit):
    # 60 KB of one repeated piece, alone and after each kind of prefix a parser looks for.
    run = unit * (60_000 // len(unit))
    text = "\n".join(prefix + run for prefix in (
        "", "ERROR: ", "DEBUG: cli.azure.cli.core.sdk.policies: ", "Code: ", "Message: \"", "     | ",
        "Error: creating Shared Image ", "Code=\"X\" Message=\"", "==> azure-arm: ERROR: -> ", "AzureQoSEvent: ",
        "New-AzGallery : ", "azure.core.exceptions.HttpResponseError: ", '{"error":{"code":"X","message":"',
        "    'x-ms-request-id': '", "time=\"t\" level=error msg=\"", "PUT https://management.azure.com/", "> **"))
    started = time.perf_counter()
    scan_text(text)
    assert time.perf_counter() - started < 5


def test_scan_text_does_not_copy_an_enormous_line():
    text = "ERROR: (InvalidParameter) " + "y" * 30_000_000 + "\nERROR: (Conflict) Second.\n"
    tracemalloc.start()
    try:
        records = scan_text(text)
        assert tracemalloc.get_traced_memory()[1] < 10_000_000
    finally:
        tracemalloc.stop()
    assert [(r.line, r.code) for r in records] == [(1, "InvalidParameter"), (2, "Conflict")]
