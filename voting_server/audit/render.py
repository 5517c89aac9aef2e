"""Plain-text renderings of a verification report and of a replayed state."""

from __future__ import annotations

from typing import Any

from .verify import ERROR, Report


def verify_lines(report: Report) -> list[str]:
    lines = [
        f"Meeting {report.meeting}: {report.entries} entries, head {report.head}",
        "Public keys: " + (", ".join(report.public_keys) or "none"),
    ]
    errors = [f for f in report.findings if f.severity == ERROR]
    codes = {f.code.split(".")[0] for f in errors}
    lines.append(
        _status(
            "chain", not codes & {"chain", "export"}, "entries are complete, in order and unchanged"
        )
    )
    lines.append(
        _status(
            "checkpoints",
            "checkpoint" not in codes,
            f"{report.checkpoints} signed checkpoints hold",
        )
    )
    lines.append(
        _status(
            "events", not codes & {"event", "log"}, "every entry decodes and folds into the meeting"
        )
    )
    lines.append(
        _status(
            "votes",
            "vote" not in codes,
            f"{report.votes} closed votes recounted equal to the record",
        )
    )
    lines.append(f"Adjourned: {'yes' if report.adjourned else 'no'}")
    for finding in report.findings:
        where = f"entry {finding.seq}" if finding.seq is not None else "file"
        tag = "FAIL" if finding.severity == ERROR else "WARN"
        lines.append(f"{tag}  {where}: {finding.message}  [{finding.code}]")
    lines.append("RESULT: the file holds" if report.ok else "RESULT: the file does NOT hold")
    return lines


def _status(part: str, holds: bool, what: str) -> str:
    return f"{'OK  ' if holds else 'FAIL'}  {part}: {what if holds else 'see below'}"


def snapshot_lines(state: dict[str, Any]) -> list[str]:
    meeting = state["meeting"]
    status = "adjourned" if meeting["adjourned"] else "open" if meeting["opened"] else "not open"
    lines = [
        f"Meeting {meeting['id']} \u201c{meeting['title']}\u201d after entry "
        f"{state['seq']} of {state['size']} ({state['time'] or 'no time'}), {status}",
        "Agenda:",
    ]
    marks = {"finished": "x", "current": ">", "pending": " "}
    lines += [f"  [{marks[i['status']]}] {i['id']} {i['title']}" for i in state["agenda"]]
    att = state["attendance"]
    quorum = "quorum" if att["quorum"] else "NO quorum"
    lines.append(
        f"Attendance: {att['present']} present, {att['filled']} of {att['seats']} seats "
        f"filled ({att['needed']} needed): {quorum}"
    )
    for row in att["seating"]:
        if not row["person"]:
            lines.append(f"  seat {row['seat']:>3}  -")
            continue
        serving = f", serving for {row['serving_for']}" if "serving_for" in row else ""
        lines.append(
            f"  seat {row['seat']:>3}  {row['person']}  {row['name']} ({row['party']}){serving}"
        )
    lines += _debate_lines(state["debate"])
    if state["votes"]:
        lines.append("Votes:")
        lines += [f"  {_vote_line(v)}" for v in state["votes"]]
    lines.append("Events:")
    for event in state["events"]:
        mark = ">" if event["here"] else " "
        if "error" in event:
            lines.append(f"{mark} {event['seq']:>6}  unreadable: {event['error']}")
            continue
        by = f" by {event['by']}" if "by" in event else ""
        fields = ", ".join(f"{k}={_short(v)}" for k, v in event["fields"].items())
        lines.append(f"{mark} {event['seq']:>6}  {event['time']}  {event['type']}{by}  {fields}")
    return lines


def _debate_lines(debate: dict[str, Any]) -> list[str]:
    if debate["item"] is None:
        return ["Debate: no item under way"]

    def who(entry: dict[str, Any]) -> str:
        return f"{entry['name']} ({entry['party']}) [{entry['kind']}]"

    current = who(debate["current"]) if debate["current"] else "nobody"
    waiting = "; ".join(who(w) for w in debate["waiting"]) or "none"
    closed = ", list closed" if debate["closed"] else ""
    return [f"Debate on item {debate['item']}: speaking {current}; waiting {waiting}{closed}"]


def _vote_line(vote: dict[str, Any]) -> str:
    head = f"{vote['vote']} (item {vote['item']}) \u201c{vote['question']}\u201d"
    kind = "secret" if vote["secret"] else "open"
    if vote["status"] == "open":
        return f"{head}: {kind}, under way, {vote['voted']} voted"
    tally = vote["tally"]
    counts = ", ".join(f"{c['option']} {c['votes']}" for c in tally["counts"])
    outcome = vote.get("outcome") or {}
    result = outcome.get("choice") or ", ".join(outcome.get("elected", ())) or "-"
    recount = vote.get("recount", {})
    checked = "recount holds" if recount.get("holds") else "RECOUNT DIFFERS"
    return (
        f"{head}: {kind}, {tally['ballots']} ballots ({counts}) -> "
        f"{outcome.get('status', '?')} {result}; {checked}"
    )


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
