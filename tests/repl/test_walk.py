"""The walk state machine and the separating question, on small entries built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigdoctor.catalog import Catalog, entry_from_dict
from sigdoctor.logs.record import ErrorRecord
from sigdoctor.walk import (
    BACK,
    NO,
    RESOLVED,
    SKIP,
    UNRESOLVED,
    YES,
    Walk,
    next_routes,
    parse_answer,
    separating_question,
)


def entry(entry_id="SIG9990", steps=(), target="version", operations=("create",)):
    return entry_from_dict({"id": entry_id, "area": "image-version", "title": "t", "cause": "c",
                            "workaround": "w", "target": target, "operations": list(operations),
                            "steps": [dict(s) for s in steps]}, Path(f"{entry_id}.toml"))


LINEAR = entry(steps=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}])
BRANCHY = entry(steps=[
    {"id": "check", "text": "check", "on_yes": "next", "on_no": "fix"},
    {"id": "list", "text": "list", "on_yes": "end", "on_no": "create"},
    {"id": "create", "text": "create", "on_no": "end"},
    {"id": "fix", "text": "fix", "on_no": "list"},
])


def test_a_walk_starts_at_the_first_step_and_yes_resolves_by_default():
    walk = Walk(LINEAR)
    assert walk.current == "a" and walk.position == (1, 3) and not walk.finished
    walk.answer(YES)
    assert walk.finished and walk.outcome == RESOLVED and walk.history == [("a", YES)]
    assert walk.position == (0, 3)


def test_no_goes_to_the_next_step_and_no_on_the_last_is_unresolved():
    walk = Walk(LINEAR)
    for expected in ("a", "b", "c"):
        assert walk.current == expected
        walk.answer(NO)
    assert walk.outcome == UNRESOLVED and walk.reason == "last-step"
    assert [a for _s, a in walk.history] == [NO, NO, NO]


def test_jumps_follow_on_yes_and_on_no():
    walk = Walk(BRANCHY)
    walk.answer(NO)
    assert walk.current == "fix"
    walk.answer(NO)  # fix -> list
    assert walk.current == "list"
    walk.answer(NO)  # list -> create
    assert walk.current == "create"
    walk.answer(YES)
    assert walk.outcome == RESOLVED
    assert walk.history == [("check", NO), ("fix", NO), ("list", NO), ("create", YES)]


def test_next_skips_steps_already_answered_and_end_is_unresolved():
    walk = Walk(BRANCHY)
    walk.answer(YES)  # check -> next = list
    assert walk.current == "list"
    walk.answer(YES)  # list: on_yes = end
    assert walk.outcome == UNRESOLVED and walk.reason == "end"


def test_a_jump_back_to_an_answered_step_ends_the_walk_instead_of_looping():
    looping = entry(steps=[{"id": "a", "text": "A", "on_no": "b"}, {"id": "b", "text": "B", "on_no": "a"}])
    walk = Walk(looping)
    walk.answer(NO)
    walk.answer(NO)
    assert walk.finished and walk.outcome == UNRESOLVED and walk.reason == "loop"
    assert len(walk.history) == 2


def test_every_walk_ends_within_as_many_answers_as_steps():
    wild = entry(steps=[{"id": s, "text": s, "on_yes": t, "on_no": u}
                        for s, t, u in (("a", "c", "b"), ("b", "a", "c"), ("c", "b", "a"))])
    for answers in ([YES] * 5, [NO] * 5, [YES, NO] * 3, [SKIP] * 5):
        walk = Walk(wild)
        for answer in answers:
            walk.answer(answer)
        assert walk.finished and len(walk.history) <= 3


def test_skip_moves_on_in_order_and_is_recorded():
    walk = Walk(BRANCHY)
    walk.answer(SKIP)
    assert walk.current == "list" and walk.history == [("check", SKIP)]


def test_back_undoes_the_last_answer_even_after_the_end():
    walk = Walk(BRANCHY)
    assert not walk.answer(BACK) and walk.current == "check"
    walk.answer(NO)
    walk.answer(BACK)
    assert walk.current == "check" and walk.history == []
    walk.answer(YES)
    walk.answer(YES)
    assert walk.finished
    walk.answer(BACK)
    assert not walk.finished and walk.current == "list" and walk.history == [("check", YES)]


def test_restart_and_misspelled_targets():
    walk = Walk(entry(steps=[{"id": "a", "text": "A", "on_no": "no-such-step"}, {"id": "b", "text": "B"}]))
    walk.answer(NO)
    assert walk.current == "b"  # an unknown id behaves as "next"
    walk.restart()
    assert walk.current == "a" and walk.history == [] and not walk.finished
    assert not walk.answer("x")


def test_an_entry_without_steps_is_over_at_once():
    walk = Walk(entry(steps=[]))
    assert walk.finished and walk.outcome == UNRESOLVED


@pytest.mark.parametrize(("typed", "answer"), [("y", YES), (" YES ", YES), ("n", NO), ("no", NO), ("s", SKIP),
                                                ("b", BACK), ("maybe", ""), ("", "")])
def test_parse_answer(typed, answer):
    assert parse_answer(typed) == answer


def test_next_routes_leave_out_what_was_walked():
    walk = Walk(LINEAR)
    assert next_routes(walk, ["SIG9990", "SIG1", "SIG2"], tried=["SIG2"]) == ["SIG1"]


# -- the separating question ----------------------------------------------------------------
GALLERY = entry("SIG1990", target="gallery", operations=("create", "delete"))
DEFINITION = entry("SIG2990", target="image", operations=("delete",))
VERSION = entry("SIG3990", target="version", operations=("create", "update"))
VERSION_DEPLOY = entry("SIG3991", target="version", operations=("update", "deploy"))
CATALOG = Catalog({e.id: e for e in (GALLERY, DEFINITION, VERSION, VERSION_DEPLOY)}, ())


def record(**hints):
    return ErrorRecord("az", 1, "m", **hints)


def test_targets_separate_and_the_common_operation_makes_the_sentence():
    question = separating_question(["SIG1990", "SIG2990"], CATALOG, record())
    assert question.kind == "target" and question.operation == "delete"
    assert question.text() == "Were you deleting the gallery or an image definition?"
    assert question.labels() == ["the gallery", "an image definition"]
    assert question.choose(2) == "SIG2990"


def test_without_one_common_operation_the_question_asks_for_the_resource():
    question = separating_question(["SIG1990", "SIG3990", "SIG2990"], CATALOG)
    assert question.text() == ("Which resource was the command working on: the gallery, an image definition "
                               "or an image version?")
    assert [question.choose(n) for n in (1, 2, 3)] == ["SIG1990", "SIG2990", "SIG3990"]


def test_operations_separate_when_the_target_is_the_same():
    question = separating_question(["SIG3990", "SIG3991"], CATALOG)
    assert question.kind == "operation" and question.labels() == ["creating", "deploying"]
    assert question.text() == "Were you creating or deploying an image version?"
    assert question.choose(2) == "SIG3991"


def test_no_question_when_the_log_already_answers_it_or_nothing_separates():
    assert separating_question(["SIG1990", "SIG2990"], CATALOG, record(target_hint="gallery")) is None
    assert separating_question(["SIG3990", "SIG3991"], CATALOG, record(operation_hint="update")) is None
    assert separating_question(["SIG3990"], CATALOG) is None
    assert separating_question(["SIG3990", "SIG3990", "SIG0000"], CATALOG) is None
    twin = entry("SIG3992", target="version", operations=("create", "update"))
    assert separating_question([VERSION.id, twin.id], Catalog({e.id: e for e in (VERSION, twin)}, ())) is None
