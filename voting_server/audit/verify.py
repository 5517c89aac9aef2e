"""Verifying an export: the chain, the checkpoints, the events and every count.

Each problem becomes a ``Finding`` that names the entry (``seq``) where it
was found, so that an auditor can tell an edited entry from a deleted, a
moved or a cut-off one, and a forged signature from a swapped one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..domain.checkpoints import CheckpointSigned
from ..domain.meeting.events import MeetingOpened
from ..log.chain import GENESIS, ChainError, LogEntry, entry_hash, verify
from . import checkpoint
from .export import Export
from .records import Record, decode_all
from .timeline import fold_records

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    seq: int | None  # the entry it concerns; None for the file as a whole
    code: str
    message: str
    severity: str = ERROR


@dataclass
class Report:
    meeting: str
    entries: int
    head: str
    public_keys: list[str]
    checkpoints: int = 0  # checkpoints whose signature and head hold
    votes: int = 0  # closed votes recounted equal to the record
    adjourned: bool = False
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def verify_export(export: Export, trusted_keys: Iterable[str] = ()) -> Report:
    """Check everything an export claims; ``trusted_keys`` pins the signing keys."""
    entries = export.entries
    last = max(entries, key=lambda e: e.seq, default=None)
    report = Report(
        meeting=export.meeting,
        entries=len(entries),
        head=(last.hash if last else GENESIS).hex(),
        public_keys=list(export.public_keys),
    )
    found = report.findings
    found += [
        Finding(None, "export.malformed", f"entry at position {pos} is unreadable: {why}")
        for pos, why in export.malformed
    ]
    found += chain_findings(entries)
    found += ending_findings(export, last)
    records = decode_all(entries)
    found += event_findings(export, records)
    found += checkpoint_findings(export, records, set(trusted_keys), report)
    folded = fold_records(records)
    found += [Finding(seq, "event.misfit", why) for seq, why in folded.misfits]
    found += [
        Finding(r.seq, "vote.recount_mismatch", f"vote {r.vote}: " + "; ".join(r.problems))
        for r in folded.recounts
        if not r.holds
    ]
    report.votes = sum(1 for r in folded.recounts if r.holds)
    report.adjourned = folded.meeting.core.adjourned
    found.sort(key=lambda f: (f.seq is not None, f.seq or 0))
    return report


# --- the hash chain ------------------------------------------------------------


def chain_findings(entries: list[LogEntry]) -> list[Finding]:
    """Where the chain breaks, and how: an edit, a deletion, a move or a duplicate."""
    try:
        verify(entries)
        return []
    except ChainError as err:
        first = err
    found: list[Finding] = []
    seqs = [e.seq for e in entries]
    for seq, times in sorted(Counter(seqs).items()):
        if times > 1:
            found.append(Finding(seq, "chain.duplicate", f"entry {seq} appears {times} times"))
    for earlier, after in itertools.pairwise(seqs):
        if after < earlier:
            found.append(
                Finding(
                    after,
                    "chain.reordered",
                    f"entry {after} comes after entry {earlier}: the entries were reordered",
                )
            )
    present = set(seqs)
    for start, end in _runs(s for s in range(1, max(seqs, default=0) + 1) if s not in present):
        what = f"entry {start} is" if start == end else f"entries {start} to {end} are"
        found.append(Finding(start, "chain.missing", f"{what} missing: deleted from the file"))
    by_seq: dict[int, LogEntry] = {}
    for entry in entries:
        by_seq.setdefault(entry.seq, entry)
    for seq in sorted(by_seq):
        entry = by_seq[seq]
        if entry_hash(entry.prev, entry.seq, entry.data) != entry.hash:
            found.append(
                Finding(seq, "chain.edited", f"entry {seq} does not match its hash: it was edited")
            )
            continue
        before = by_seq.get(seq - 1)
        expected = GENESIS if seq == 1 else before.hash if before else None
        if expected is not None and entry.prev != expected:
            found.append(
                Finding(
                    seq,
                    "chain.broken_link",
                    f"entry {seq} does not chain to entry {seq - 1}: entry {seq - 1} was "
                    f"replaced, or entry {seq} was edited and re-hashed",
                )
            )
    return found or [Finding(first.seq, "chain.broken", str(first))]


def _runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def ending_findings(export: Export, last: LogEntry | None) -> list[Finding]:
    """Whether the file ends where the export says it does."""
    if export.size is None or export.head is None:
        return [Finding(None, "export.no_end", "the export does not declare its size and head")]
    end = last.seq if last else 0
    if end < export.size:
        return [
            Finding(
                end + 1,
                "export.truncated",
                f"the file ends at entry {end} but the export declares {export.size} "
                f"entries: entries {end + 1} to {export.size} were cut off",
            )
        ]
    if end > export.size:
        return [
            Finding(
                export.size + 1,
                "export.size_mismatch",
                f"the export declares {export.size} entries but the file goes on to entry {end}",
            )
        ]
    head = (last.hash if last else GENESIS).hex()
    if head != export.head.lower():
        return [
            Finding(
                end,
                "export.head_mismatch",
                f"the hash of the last entry ({end}) is not the declared head: "
                "the end of the log was replaced",
            )
        ]
    return []


# --- events --------------------------------------------------------------------


def event_findings(export: Export, records: list[Record]) -> list[Finding]:
    found = [
        Finding(r.seq, "event.unreadable", f"entry {r.seq}: {r.error}") for r in records if r.error
    ]
    first = records[0] if records else None
    if first is None or first.seq != 1 or first.envelope is None:
        return found
    opened = first.envelope.event
    if not isinstance(opened, MeetingOpened):
        found.append(Finding(1, "log.no_genesis", "entry 1 does not open the meeting"))
    elif opened.meeting != export.meeting:
        found.append(
            Finding(
                1,
                "log.wrong_meeting",
                f"entry 1 opens meeting {opened.meeting!r}, not {export.meeting!r}",
            )
        )
    return found


# --- checkpoints ---------------------------------------------------------------


def checkpoint_findings(
    export: Export, records: list[Record], trusted: set[str], report: Report
) -> list[Finding]:
    """Each checkpoint's signature, key and signed head, against the file."""
    hashes = {r.seq: r.entry.hash.hex() for r in records}
    end = max(hashes, default=0)
    points = [
        (r.seq, r.envelope.event)
        for r in records
        if r.envelope is not None and isinstance(r.envelope.event, CheckpointSigned)
    ]
    keys = trusted or set(export.public_keys)
    found: list[Finding] = []
    intact_up_to = 0  # the largest size a valid checkpoint vouches for
    for seq, point in points:
        problems = _checkpoint_problems(export, seq, point, points, keys, hashes)
        found += problems
        if not problems:
            report.checkpoints += 1
            intact_up_to = max(intact_up_to, point.size)
        elif any(p.code == "checkpoint.head_mismatch" for p in problems):
            found.append(
                Finding(
                    intact_up_to + 1,
                    "checkpoint.rewritten",
                    f"entries {intact_up_to + 1} to {point.size} were rewritten: the log no "
                    f"longer matches what the checkpoint at entry {seq} signed",
                )
            )
    if not points:
        found.append(
            Finding(None, "checkpoint.none", "the log holds no signed checkpoint", WARNING)
        )
    elif points[-1][0] < end:
        found.append(
            Finding(
                points[-1][0] + 1,
                "checkpoint.unsigned_tail",
                f"entries {points[-1][0] + 1} to {end} come after the last checkpoint "
                "and are not covered by a signature",
                WARNING,
            )
        )
    return found


def _checkpoint_problems(
    export: Export,
    seq: int,
    point: CheckpointSigned,
    points: list[tuple[int, CheckpointSigned]],
    keys: set[str],
    hashes: dict[int, str],
) -> list[Finding]:
    where = f"the checkpoint at entry {seq}"
    if point.meeting != export.meeting:
        why = f"{where} is for meeting {point.meeting!r}"
        return [Finding(seq, "checkpoint.wrong_meeting", why)]
    if not 1 <= point.size < seq:
        return [
            Finding(
                seq,
                "checkpoint.bad_size",
                f"{where} signs size {point.size}, which is not before it",
            )
        ]
    found: list[Finding] = []
    if point.public_key not in keys:
        found.append(
            Finding(
                seq,
                "checkpoint.unknown_key",
                f"{where} is signed by key {point.public_key[:16]}…, which is not a published key",
            )
        )
    if not checkpoint.signature_holds(point):
        owner = next(
            (
                other_seq
                for other_seq, other in points
                if other_seq != seq
                and checkpoint.signature_holds(
                    CheckpointSigned(
                        other.meeting, other.size, other.head, point.public_key, point.signature
                    )
                )
            ),
            None,
        )
        if owner is not None:
            found.append(
                Finding(
                    seq,
                    "checkpoint.swapped_signature",
                    f"the signature at entry {seq} belongs to the checkpoint at entry {owner}",
                )
            )
        else:
            found.append(
                Finding(
                    seq,
                    "checkpoint.bad_signature",
                    f"the signature of {where} does not hold: forged or damaged",
                )
            )
    if point.size in hashes and hashes[point.size] != point.head:
        found.append(
            Finding(
                seq,
                "checkpoint.head_mismatch",
                f"{where} signed a different hash for entry {point.size} than the file holds",
            )
        )
    return found
