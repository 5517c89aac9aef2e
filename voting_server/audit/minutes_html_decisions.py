"""The minutes' HTML of what was decided: each vote with its result, each
decision by acclamation, and the reservations and notes against them.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ..domain.votes import events as vev
from ..domain.votes.model import Method
from .minutes_html_text import CHOICE, DECIDED_BY, proposal_label, who
from .minutes_model import AcclaimedEntry, Minutes, VoteEntry


def vote_html(minutes: Minutes, vote: VoteEntry) -> list[str]:
    opened = vote.opened
    kind = "Sluten omröstning" if opened.secret else "Öppen omröstning"
    if opened.method is Method.MAJORITY:
        kind = "Val" + (" med slutna sedlar" if opened.secret else "")
    elif opened.method is Method.PROPORTIONAL:
        kind = "Proportionellt val"
    out = [
        f'<div class="votering" data-vote="{escape(opened.vote)}">\n',
        f"<h3>{kind}: {escape(opened.question)}</h3>\n",
    ]
    if opened.ballots:
        listed = "; ".join(
            f"{escape(b.label)}: {escape(', '.join(b.names))}" for b in opened.ballots
        )
        out.append(f'<p class="valsedlar">Anmälda valsedlar: {listed}.</p>\n')
    if opened.ja or opened.nej:
        ja, nej = (
            proposal_label(minutes, opened.item, p) if p else "–" for p in (opened.ja, opened.nej)
        )
        out.append(f'<p class="ja-nej">Ja för {ja}, nej för {nej}.</p>\n')
    for e in vote.excused:
        set_aside = " Rösten som redan var avgiven räknas inte." if e.discarded else ""
        out.append(
            f'<p class="jav-under-votering" data-person="{escape(e.person)}">'
            f"{who(minutes, e.person)} anmälde jäv under voteringen och togs av "
            f"röstlängden (plats {e.seat}).{set_aside}</p>\n"
        )
    if vote.voided is not None:
        out.append(
            '<p class="ogiltig">Ordföranden förklarade omröstningen ogiltig '
            f"(skäl: {escape(vote.voided.reason)}). Ingen röst räknades.</p>\n</div>\n"
        )
        return out
    closed = vote.closed
    if closed is None:
        out.append("<p>Omröstningen avslutades inte.</p>\n</div>\n")
        return out
    counts = ", ".join(
        f"{CHOICE.get(c.option, escape(c.option))} {c.votes}" for c in closed.tally.counts
    )
    blank = f", blanka {closed.tally.blank}" if closed.tally.blank else ""
    out.append(
        f'<p class="rakning">Röstsammanräkning: {counts}{blank} '
        f"({closed.tally.ballots} röster).</p>\n"
    )
    for group in closed.tally.groups:
        out.append(
            f'<p class="grupp">Grupp {escape(group.label)} ({escape(", ".join(group.names))}): '
            f"{group.votes} röster.</p>\n"
        )
    if closed.named and not opened.secret:
        out.append(
            '<table class="namnlista">\n'
            "<tr><th>Plats</th><th>Namn</th><th>Parti</th><th>Röst</th></tr>\n"
        )
        for line in closed.named:
            ballot = line.ballot
            said = "–"
            if ballot is not None:
                said = CHOICE.get(ballot.choice, escape(ballot.choice)) if ballot.choice else ""
                said = said or escape(", ".join(ballot.names)) or "blank"
            owner = minutes.roster.seat_owner.get(line.seat, "")
            serving = (
                f" (för {escape(minutes.name(owner))})" if owner and owner != line.person else ""
            )
            out.append(
                f'<tr data-person="{escape(line.person)}"><td>{line.seat}</td>'
                f"<td>{escape(minutes.name(line.person))}{serving}</td>"
                f"<td>{escape(line.party)}</td><td>{said}</td></tr>\n"
            )
        out.append("</table>\n")
    result = vote.result
    if result:
        label = (
            CHOICE.get(result, escape(result))
            if opened.method is Method.QUESTION
            else escape(result)
        )
        side = f"{label}-sidan vann" if opened.method is Method.QUESTION else f"Valda: {label}"
        out.append(f'<p class="utfall">{side}{DECIDED_BY.get(vote.decided_by, "")}.</p>\n')
    for lot in vote.lots:
        out.append(
            f'<p class="lottning">Lottning mellan {escape(", ".join(lot.entrants))}: '
            f"ordning {escape(', '.join(lot.order))}.</p>\n"
        )
    if vote.decision:
        out.append(f'<p class="beslut"><strong>Beslut:</strong> {escape(vote.decision)}</p>\n')
    out += dissent_html(minutes, vote.reservations, vote.notes)
    out.append("</div>\n")
    return out


def acclaimed_html(minutes: Minutes, entry: AcclaimedEntry) -> list[str]:
    """A decision without a vote: its words, then reservations, notes and who took no part."""
    e = entry.acclaimed
    how = "efter kontrapropositionsvotering, " if e.procedure else ""
    proposal = f" (förslag {escape(e.proposal)})" if e.proposal and not e.procedure else ""
    out = [
        f'<div class="acklamation" data-decision="{escape(e.decision)}">\n',
        f'<p class="beslut"><strong>Beslut</strong> ({how}utan omröstning): '
        f"{escape(e.text)}{proposal}</p>\n",
    ]
    out += dissent_html(minutes, entry.reservations, entry.notes)
    for person in entry.no_part:
        out.append(
            f'<p class="deltog-ej" data-person="{escape(person)}">'
            f"{who(minutes, person)} deltog inte i beslutet.</p>\n"
        )
    out.append("</div>\n")
    return out


def dissent_html(
    minutes: Minutes,
    reservations: Iterable[vev.ReservationEntered],
    notes: Iterable[vev.MinutesNoteEntered],
) -> list[str]:
    out = []
    for r in reservations:
        reason = f": {escape(r.reason)}" if r.reason else "."
        out.append(
            f'<p class="reservation" data-person="{escape(r.person)}">'
            f"{who(minutes, r.person)} reserverar sig mot beslutet{reason}</p>\n"
        )
    for n in notes:
        out.append(
            f'<p class="protokollsanteckning" data-person="{escape(n.person)}">'
            f"Protokollsanteckning av {who(minutes, n.person)}: {escape(n.text)}</p>\n"
        )
    return out
