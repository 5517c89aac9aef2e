"""What a forger can do to an export document: edit, delete, move, cut, re-hash, re-sign."""

from __future__ import annotations

import base64
import copy
from typing import Any

import msgpack

from voting_server.log.chain import GENESIS, entry_hash

Document = dict[str, Any]


def body(doc: Document, seq: int) -> dict[str, Any]:
    """The decoded envelope of entry ``seq``."""
    raw = base64.b64decode(entry(doc, seq)["data"])
    return msgpack.unpackb(raw, raw=False)  # type: ignore[no-any-return]


def entry(doc: Document, seq: int) -> dict[str, Any]:
    return next(e for e in doc["entries"] if e["seq"] == seq)


def rewrite(doc: Document, seq: int, new_body: dict[str, Any]) -> Document:
    """Replace entry ``seq``'s bytes, leaving its stored hash as it was."""
    out = copy.deepcopy(doc)
    packed = msgpack.packb(new_body, use_bin_type=True)
    entry(out, seq)["data"] = base64.b64encode(packed).decode()
    return out


def reseal(doc: Document) -> Document:
    """Recompute every hash in file order and the declared head: a forger's cover-up."""
    out = copy.deepcopy(doc)
    prev = GENESIS
    for e in out["entries"]:
        e["prev"] = prev.hex()
        digest = entry_hash(prev, e["seq"], base64.b64decode(e["data"]))
        e["hash"] = digest.hex()
        prev = digest
    out["size"] = len(out["entries"])
    out["head"] = prev.hex()
    return out


def drop(doc: Document, *seqs: int) -> Document:
    out = copy.deepcopy(doc)
    out["entries"] = [e for e in out["entries"] if e["seq"] not in seqs]
    return out


def swap_positions(doc: Document, seq_a: int, seq_b: int) -> Document:
    out = copy.deepcopy(doc)
    entries = out["entries"]
    i = next(n for n, e in enumerate(entries) if e["seq"] == seq_a)
    j = next(n for n, e in enumerate(entries) if e["seq"] == seq_b)
    entries[i], entries[j] = entries[j], entries[i]
    return out


def cut_after(doc: Document, seq: int) -> Document:
    out = copy.deepcopy(doc)
    out["entries"] = [e for e in out["entries"] if e["seq"] <= seq]
    return out
