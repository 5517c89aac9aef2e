"""Tampering with an exported meeting: each forgery is caught and located."""

from __future__ import annotations

import base64
import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.audit import tamper
from tests.audit.meeting_log import MEETING, MeetingLog, run_meeting
from voting_server.audit import checkpoint, export
from voting_server.audit.verify import ERROR, Finding, verify_export
from voting_server.domain.wire import to_wire

Document = tamper.Document


@pytest.fixture
def log() -> MeetingLog:
    return run_meeting()


@pytest.fixture
def doc(log: MeetingLog) -> Document:
    return export.build(MEETING, log.entries, [log.public_key])


def errors(doc: Document, trusted: tuple[str, ...] = ()) -> list[tuple[int | None, str]]:
    report = verify_export(export.parse(doc), trusted)
    return [(f.seq, f.code) for f in report.findings if f.severity == ERROR]


def test_an_untouched_export_holds_in_every_part(log: MeetingLog, doc: Document) -> None:
    report = verify_export(export.parse(doc), [log.public_key])
    assert report.ok
    assert report.findings == []
    assert (report.entries, report.checkpoints, report.votes) == (37, 3, 2)
    assert report.adjourned
    assert report.head == log.entries[-1].hash.hex()


def test_an_edited_entry_is_located(log: MeetingLog, doc: Document) -> None:
    seq = log.marks["v1 cast"] - 1  # m4's nej
    body = tamper.body(doc, seq)
    assert body["event"]["ballot"]["choice"] == "nej"
    body["event"]["ballot"]["choice"] = "ja"
    found = errors(tamper.rewrite(doc, seq, body))
    assert found[0] == (seq, "chain.edited")
    # What the edit changed downstream is reported too: the count no longer fits.
    assert found[1:] == [(log.marks["v1 closed"], "vote.recount_mismatch")]


def test_an_edited_entry_outside_the_votes_is_the_only_finding(doc: Document) -> None:
    body = tamper.body(doc, 14)
    body["at"] += 1
    assert errors(tamper.rewrite(doc, 14, body)) == [(14, "chain.edited")]


def test_an_edit_hidden_by_rehashing_is_caught_by_the_checkpoints_and_the_recount(
    log: MeetingLog, doc: Document
) -> None:
    seq = log.marks["v1 cast"] - 1
    body = tamper.body(doc, seq)
    body["event"]["ballot"]["choice"] = "ja"
    found = errors(tamper.reseal(tamper.rewrite(doc, seq, body)))
    first = log.marks["after v1"]
    assert (first, "checkpoint.head_mismatch") in found
    assert (1, "checkpoint.rewritten") in found  # no valid checkpoint before the edit
    assert (log.marks["v1 closed"], "vote.recount_mismatch") in found
    assert all(code.startswith(("checkpoint.", "vote.")) for _, code in found)


def test_a_rewrite_after_a_checkpoint_is_narrowed_to_the_entries_after_it(
    log: MeetingLog, doc: Document
) -> None:
    seq = log.marks["v2 closed"]
    body = tamper.body(doc, seq)
    body["event"]["outcome"]["elected"] = ["Bo Lind"]
    found = errors(tamper.reseal(tamper.rewrite(doc, seq, body)))
    signed_before = log.marks["after v1"] - 1  # what the first checkpoint vouches for
    assert (signed_before + 1, "checkpoint.rewritten") in found
    assert (seq, "vote.recount_mismatch") in found


def test_a_deleted_entry_is_located(log: MeetingLog, doc: Document) -> None:
    assert errors(tamper.drop(doc, 14)) == [(14, "chain.missing")]
    assert errors(tamper.drop(doc, 14, 15, 16)) == [(14, "chain.missing")]
    message = verify_export(export.parse(tamper.drop(doc, 14, 15, 16))).findings[0].message
    assert message == "entries 14 to 16 are missing: deleted from the file"


def test_a_deleted_ballot_also_shows_in_the_recount(log: MeetingLog, doc: Document) -> None:
    seq = log.marks["v1 cast"]  # m3's change of mind
    assert errors(tamper.drop(doc, seq)) == [
        (seq, "chain.missing"),
        (log.marks["v1 closed"], "vote.recount_mismatch"),
    ]


def test_reordered_entries_are_located(doc: Document) -> None:
    assert errors(tamper.swap_positions(doc, 12, 13)) == [(12, "chain.reordered")]
    found = verify_export(export.parse(tamper.swap_positions(doc, 12, 13))).findings
    assert found[0].message.startswith("entry 12 comes after entry 13")


def test_reordering_that_renumbers_and_rehashes_breaks_the_checkpoints(
    log: MeetingLog, doc: Document
) -> None:
    moved = tamper.swap_positions(doc, 20, 21)
    for seq, e in zip((20, 21), (tamper.entry(moved, 21), tamper.entry(moved, 20)), strict=True):
        e["seq"] = seq
    moved["entries"].sort(key=lambda e: e["seq"])
    found = errors(tamper.reseal(moved))
    assert (log.marks["after v1"], "checkpoint.head_mismatch") in found


def test_a_truncated_file_is_reported_at_the_first_missing_entry(doc: Document) -> None:
    assert errors(tamper.cut_after(doc, 30)) == [(31, "export.truncated")]


def test_a_truncation_with_a_forged_header_is_flagged_as_unsigned_and_unfinished(
    log: MeetingLog, doc: Document
) -> None:
    cut = tamper.reseal(tamper.cut_after(doc, 30))
    report = verify_export(export.parse(cut))
    assert report.ok  # a true prefix of the log: nothing in it is false
    assert not report.adjourned
    after = log.marks["after v1"] + 1
    assert (
        Finding(
            after,
            "checkpoint.unsigned_tail",
            f"entries {after} to 30 come after the last checkpoint "
            "and are not covered by a signature",
            "warning",
        )
        in report.findings
    )


def test_a_replaced_end_is_caught_by_the_declared_head(doc: Document) -> None:
    forged = copy.deepcopy(doc)
    forged["head"] = "00" * 32
    assert errors(forged) == [(37, "export.head_mismatch")]


def swap_signatures(doc: Document, seq_a: int, seq_b: int) -> Document:
    a, b = tamper.body(doc, seq_a), tamper.body(doc, seq_b)
    a["event"]["signature"], b["event"]["signature"] = (
        b["event"]["signature"],
        a["event"]["signature"],
    )
    return tamper.rewrite(tamper.rewrite(doc, seq_a, a), seq_b, b)


def test_swapped_signatures_are_named_with_their_owner(log: MeetingLog, doc: Document) -> None:
    first, second = log.marks["after v1"], log.marks["after v2"]
    swapped = swap_signatures(doc, first, second)
    found = errors(swapped)
    assert (first, "chain.edited") in found and (second, "chain.edited") in found
    found = errors(tamper.reseal(swapped))
    assert (first, "checkpoint.swapped_signature") in found
    assert (second, "checkpoint.swapped_signature") in found
    report = verify_export(export.parse(tamper.reseal(swapped)))
    messages = {f.seq: f.message for f in report.findings if f.code.endswith("swapped_signature")}
    assert (
        messages[first]
        == f"the signature at entry {first} belongs to the checkpoint at entry {second}"
    )


def forge_signature(doc: Document, seq: int) -> Document:
    body = tamper.body(doc, seq)
    body["event"]["signature"] = Ed25519PrivateKey.generate().sign(b"anything").hex()
    return tamper.reseal(tamper.rewrite(doc, seq, body))


def test_a_forged_signature_is_located(log: MeetingLog, doc: Document) -> None:
    last = log.marks["adjourned"]
    assert errors(forge_signature(doc, last)) == [(last, "checkpoint.bad_signature")]
    middle = log.marks["after v2"]
    found = errors(forge_signature(doc, middle))
    assert (middle, "checkpoint.bad_signature") in found
    # The re-hashing it took also moved the head the last checkpoint signed.
    assert (last, "checkpoint.head_mismatch") in found


def test_a_checkpoint_signed_again_with_another_key_is_caught_by_a_pinned_key(
    log: MeetingLog, doc: Document
) -> None:
    seq = log.marks["adjourned"]
    body = tamper.body(doc, seq)
    event = body["event"]
    forger = Ed25519PrivateKey.generate()
    resigned = checkpoint.sign(
        forger, event["meeting"], event["size"], bytes.fromhex(event["head"])
    )
    body["event"] = to_wire(resigned)
    forged = tamper.reseal(tamper.rewrite(doc, seq, body))
    assert errors(forged) == [(seq, "checkpoint.unknown_key")]
    forged["public_keys"].append(resigned.public_key)  # the forger also edits the header
    assert errors(forged) == []
    assert errors(forged, trusted=(log.public_key,)) == [(seq, "checkpoint.unknown_key")]


def test_a_duplicated_entry_is_located(doc: Document) -> None:
    doubled = copy.deepcopy(doc)
    doubled["entries"].insert(5, copy.deepcopy(tamper.entry(doc, 5)))
    assert errors(doubled) == [(5, "chain.duplicate")]


def test_an_unreadable_entry_is_reported_and_the_rest_still_checked(doc: Document) -> None:
    broken = copy.deepcopy(doc)
    tamper.entry(broken, 7)["data"] = "not base64!"
    found = errors(broken)
    assert (None, "export.malformed") in found
    assert (7, "chain.missing") in found


def test_bytes_that_are_no_event_are_reported_at_their_entry(doc: Document) -> None:
    garbage = copy.deepcopy(doc)
    tamper.entry(garbage, 9)["data"] = base64.b64encode(b"\xc1\xc1").decode()
    found = errors(tamper.reseal(garbage))
    assert (9, "event.unreadable") in found


def test_a_file_of_another_meeting_is_refused(doc: Document) -> None:
    renamed = copy.deepcopy(doc)
    renamed["meeting"] = "another"
    found = errors(renamed)
    assert (1, "log.wrong_meeting") in found
    assert (26, "checkpoint.wrong_meeting") in found
