"""The support summary: what it says, and what it must never say."""

from __future__ import annotations

from sigdoctor.diagnose import Finding, collect_variables
from sigdoctor.logs.record import ErrorRecord, Request
from sigdoctor.matcher import Candidate, MatchResult
from sigdoctor.report import session_report
from sigdoctor.walk import NO, SKIP, YES, Walk

SUBSCRIPTION = "0c5d8e2a-7f41-4b93-b6de-91a3c4f5e208"
TENANT = "5a1f3c2e-8d4b-4e6a-9f70-3b2c1d0e9f8a"
JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQifQ.c2lnbmF0dXJlc2lnbmF0dXJl"
URL = (f"https://management.azure.com/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-images-weu/providers/"
       "Microsoft.Compute/galleries/gal_prod_weu/images/ubuntu-2204?api-version=2023-07-03")


def finding(catalog) -> Finding:
    record = ErrorRecord(
        source="az-debug", line=212, code="ParentResourceNotFound",
        message="Can not perform requested operation on nested resource. Parent resource 'gal_prod_weu' not found.",
        request=Request(method="PUT", url=URL, status="404", request_id="e9bc29b7-e064-46af-8857-1edd833cd64a",
                        correlation_id="48545b95-1e2a-4786-91b5-53bc98c3b73e"),
        command=(f"az sig image-definition create -g rg-images-weu --subscription {SUBSCRIPTION} "
                 f"--client-secret Zx9Q~abcdefghijklmnopqrstuvwxyz0123456789 --tenant {TENANT} "
                 f"--access-token {JWT}"),
        target_hint="image", operation_hint="create")
    best = Candidate("SIG2906", 0.967, "template", {"galleryName": "gal_prod_weu"})
    result = MatchResult(best, (Candidate("SIG1904", 0.5, "fuzzy"),), False)
    return Finding(record, result, collect_variables(record, result))


def test_the_report_has_the_error_the_diagnosis_the_steps_and_the_outcome(fixture_catalog):
    found = finding(fixture_catalog)
    walk = Walk(fixture_catalog.get("SIG2906"))
    for answer in (YES, SKIP, NO):
        walk.answer(answer)
    text = session_report(fixture_catalog, found, [walk])
    assert text.startswith("# sigdoctor session summary\n")
    for expected in ("`ParentResourceNotFound`", "Parent resource 'gal_prod_weu' not found.", "`PUT https://",
                     "Status: 404", "48545b95-1e2a-4786-91b5-53bc98c3b73e", "e9bc29b7-e064-46af-8857-1edd833cd64a",
                     "SIG2906 · The gallery for this image definition cannot be found", "(template)",
                     "1. Make sure the session uses the subscription that should hold the gallery. — **yes**",
                     "2. List the galleries of resource group rg-images-weu. — **skipped**",
                     "3. Create the gallery, then rerun the image definition command. — **no**",
                     "Outcome: unresolved", "## Other possible causes", "SIG1904 · Galleries cannot be created"):
        assert expected in text, expected


def test_ids_are_masked_and_secrets_removed(fixture_catalog):
    text = session_report(fixture_catalog, finding(fixture_catalog), [Walk(fixture_catalog.get("SIG2906"))])
    assert SUBSCRIPTION not in text and TENANT not in text
    assert "Zx9Q~" not in text and JWT not in text and "eyJ" not in text
    assert "/subscriptions/***/resourceGroups/rg-images-weu" in text
    assert "Outcome: in progress, at step 1 of 4" in text


def test_a_walk_chosen_by_lookup_and_by_a_question(fixture_catalog):
    walk = Walk(fixture_catalog.get("SIG3901"))
    walk.answer(YES)
    text = session_report(fixture_catalog, None, [walk], query="LocationNotAvailableForResourceType")
    assert "found by looking up `LocationNotAvailableForResourceType`" in text
    assert "Outcome: resolved" in text and "## Error" not in text
    chosen = session_report(fixture_catalog, None, [walk], chosen_by="Were you creating the gallery or an image version?")
    assert "Chosen by the answer to: Were you creating the gallery or an image version?" in chosen
