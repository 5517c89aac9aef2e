"""Speaking time and number of speeches, per member, party, gender and kind.

Computed only from the finished speeches the state records, so the figures
add up exactly to those speeches: every total equals the sum of its parts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .records import SpeechRecord
from .state import DebateState


@dataclass(frozen=True, slots=True)
class Tally:
    speeches: int = 0
    ms: int = 0

    def plus(self, record: SpeechRecord) -> Tally:
        return Tally(self.speeches + 1, self.ms + record.duration_ms)


@dataclass(frozen=True)
class SpeakingStats:
    """One scope (an item, or the whole meeting). Keys are sorted."""

    total: Tally = Tally()
    by_person: dict[str, Tally] = field(default_factory=dict)
    by_party: dict[str, Tally] = field(default_factory=dict)
    by_gender: dict[str, Tally] = field(default_factory=dict)  # "f", "m", "x" or ""
    by_kind: dict[str, Tally] = field(default_factory=dict)  # speech, replik, ...

    def groups(self) -> dict[str, dict[str, Tally]]:
        return {
            "person": self.by_person,
            "party": self.by_party,
            "gender": self.by_gender,
            "kind": self.by_kind,
        }


@dataclass(frozen=True)
class MeetingStats:
    meeting: SpeakingStats
    items: dict[str, SpeakingStats]  # in the order the items were debated


def speaking_stats(records: Iterable[SpeechRecord]) -> SpeakingStats:
    total = Tally()
    groups: dict[str, dict[str, Tally]] = {"person": {}, "party": {}, "gender": {}, "kind": {}}
    for record in records:
        total = total.plus(record)
        keys = {
            "person": record.person,
            "party": record.party,
            "gender": record.gender,
            "kind": str(record.kind),
        }
        for group, key in keys.items():
            groups[group][key] = groups[group].get(key, Tally()).plus(record)
    ordered = {group: dict(sorted(tallies.items())) for group, tallies in groups.items()}
    return SpeakingStats(
        total, ordered["person"], ordered["party"], ordered["gender"], ordered["kind"]
    )


def meeting_stats(state: DebateState) -> MeetingStats:
    items = {item: speaking_stats(debate.records) for item, debate in state.items.items()}
    return MeetingStats(speaking_stats(state.records()), items)


def spreadsheet_safe(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made plain text (OWASP's advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(stats: MeetingStats, name: Callable[[str], str] | None = None) -> str:
    """One row per scope, group and key; ``name`` fills in members' names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["scope", "item", "group", "key", "name", "speeches", "speaking_ms"])
    scopes = [("item", item, figures) for item, figures in stats.items.items()]
    scopes.append(("meeting", "", stats.meeting))
    for scope, item, figures in scopes:
        total = figures.total
        writer.writerow(_safe([scope, item, "total", "", "", total.speeches, total.ms]))
        for group, tallies in figures.groups().items():
            for key, tally in tallies.items():
                label = name(key) if name and group == "person" else ""
                writer.writerow(_safe([scope, item, group, key, label, tally.speeches, tally.ms]))
    return out.getvalue()


def _safe(row: list[object]) -> list[object]:
    return [spreadsheet_safe(v) for v in row]
