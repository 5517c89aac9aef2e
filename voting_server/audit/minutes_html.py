"""The minutes as one semantic, printable HTML document, byte for byte deterministic.

Everything in the document comes from the log, times included, so the same
log always gives the same bytes: what the chair and the justerare sign is
the SHA-256 of exactly these bytes (``document_hash``). Each agenda item is
one ``<section>`` whose bytes are also hashed on their own
(``paragraph_hash``), for the omedelbar justering of a single paragraph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from html import escape

from ..domain.votes import events as vev
from ..domain.votes.model import Method
from .minutes import AcclaimedEntry, Minutes, Paragraph, Span, VoteEntry, local

KIND_OF_SPEECH = {
    "speech": "anförande",
    "replik": "replik",
    "kontrareplik": "kontrareplik",
    "ordningsfraga": "ordningsfråga",
}
KIND_OF_PROPOSAL = {
    "bifall": "bifall",
    "avslag": "avslag",
    "aterremiss": "återremiss",
    "bordlaggning": "bordläggning",
    "andring": "ändringsyrkande",
    "tillagg": "tilläggsyrkande",
}
CHOICE = {"ja": "Ja", "nej": "Nej", "avstar": "Avstår", "": "–"}
DECIDED_BY = {
    "votes": "",
    "casting_vote": " genom ordförandens utslagsröst",
    "chair": " genom ordförandens beslut vid lika röstetal",
    "lot": " efter lottning",
}
STATUS = {"withdrawn": "återtaget", "merged": "sammanfört med"}

STYLE = (
    "body{font-family:Georgia,serif;max-width:48em;margin:2em auto;line-height:1.45;color:#111}"
    "h1{font-size:1.6em}h2{font-size:1.2em;border-top:1px solid #999;padding-top:.6em}"
    "table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #bbb;padding:.15em .5em;"
    "text-align:left;font-size:.92em}dl.huvud dt{font-weight:bold;float:left;width:9em}"
    "dl.huvud dd{margin-left:10em}section.paragraf{page-break-inside:avoid}"
    "@media print{body{margin:0}h2{page-break-after:avoid}}"
)


def hm(at: int | None) -> str:
    """A time of day the Swedish way: 09.05."""
    return "–" if at is None else local(at).strftime("%H.%M")


def span_text(spans: Iterable[Span]) -> str:
    return ", ".join(f"{hm(s.start)}–{hm(s.end) if s.end is not None else ''}" for s in spans)


def render_document(minutes: Minutes) -> bytes:
    """The whole minutes: header, § 1 attendance, one § per item, the justering block."""
    title = f"Protokoll – {minutes.title}"
    day = minutes.day.isoformat() if minutes.day else "–"
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="sv">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{escape(title)}</title>\n",
        f"<style>{STYLE}</style>\n</head>\n<body>\n",
        '<article class="protokoll" data-meeting="' + escape(minutes.meeting) + '">\n',
        "<header>\n",
        f'<h1>PROTOKOLL</h1>\n<p class="organ">{escape(minutes.title)}</p>\n',
        '<dl class="huvud">\n',
        f"<dt>Sammanträde</dt><dd>{escape(minutes.meeting)}</dd>\n",
        f'<dt>Datum</dt><dd class="datum">{day}</dd>\n',
        f'<dt>Tid</dt><dd class="tid">kl. {hm(minutes.opened_at or minutes.created_at)}'
        f"–{hm(minutes.adjourned_at)}</dd>\n",
        f"<dt>Ordförande</dt><dd>{_presided(minutes)}</dd>\n",
        f"<dt>Justerare</dt><dd>{_names(minutes, minutes.justerare) or '–'}</dd>\n",
        "</dl>\n</header>\n",
        render_attendance(minutes).decode(),
    ]
    parts += [render_paragraph(minutes, p.item).decode() for p in minutes.paragraphs]
    parts += [_justering_block(minutes), "</article>\n</body>\n</html>\n"]
    return "".join(parts).encode()


def document_hash(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


def paragraph_hashes(minutes: Minutes) -> dict[str, str]:
    return {p.item: document_hash(render_paragraph(minutes, p.item)) for p in minutes.paragraphs}


def _who(minutes: Minutes, person: str) -> str:
    if not person:
        return "–"
    party = minutes.party(person)
    return escape(minutes.name(person)) + (f" ({escape(party)})" if party else "")


def _names(minutes: Minutes, people: Iterable[str]) -> str:
    return ", ".join(_who(minutes, p) for p in people)


def render_attendance(minutes: Minutes) -> bytes:
    """§ 1: members present with their times, substitutes who served, those absent."""
    out = ['<section class="paragraf narvaro" id="p-narvaro">\n', "<h2>§ 1 Närvaro</h2>\n"]
    for at, present in minutes.rollcalls:
        out.append(
            f'<p class="upprop">Upprop förrättades kl. {hm(at)}: {present} närvarande.</p>\n'
        )
    out.append('<h3>Tjänstgörande ledamöter</h3>\n<table class="ledamoter">\n')
    out.append("<tr><th>Plats</th><th>Ledamot</th><th>Parti</th><th>Närvarande kl.</th></tr>\n")
    absent = []
    for member in minutes.members():
        spans = minutes.intervals.get(member.id)
        if not spans:
            absent.append(member.id)
            continue
        out.append(
            f'<tr data-person="{escape(member.id)}"><td>{member.seat}</td>'
            f"<td>{escape(member.name)}</td><td>{escape(member.party)}</td>"
            f"<td>{span_text(spans)}</td></tr>\n"
        )
    out.append("</table>\n")
    out.append('<h3>Tjänstgörande ersättare</h3>\n<table class="ersattare">\n')
    out.append("<tr><th>Plats</th><th>Ersättare</th><th>Parti</th><th>För</th><th>Kl.</th></tr>\n")
    for s in sorted(minutes.services, key=lambda s: (s.seat, s.spans[0].start, s.person)):
        out.append(
            f'<tr data-person="{escape(s.person)}" data-for="{escape(s.member)}">'
            f"<td>{s.seat}</td><td>{escape(minutes.name(s.person))}</td>"
            f"<td>{escape(minutes.party(s.person))}</td><td>{escape(minutes.name(s.member))}</td>"
            f"<td>{span_text(s.spans)}</td></tr>\n"
        )
    out.append("</table>\n")
    serving = {s.person for s in minutes.services}
    others = [
        p for p in minutes.substitutes() if minutes.intervals.get(p.id) and p.id not in serving
    ]
    if others:
        out.append('<h3>Närvarande ej tjänstgörande ersättare</h3>\n<ul class="ovriga">\n')
        for p in others:
            out.append(
                f'<li data-person="{escape(p.id)}">{_who(minutes, p.id)} '
                f"kl. {span_text(minutes.intervals[p.id])}</li>\n"
            )
        out.append("</ul>\n")
    out.append(
        "<h3>Frånvarande ledamöter</h3>\n"
        f'<p class="franvarande">{_names(minutes, absent) or "Inga."}</p>\n'
    )
    out.append("</section>\n")
    return "".join(out).encode()


def render_paragraph(minutes: Minutes, item: str) -> bytes:
    """The § of one agenda item, exactly as it stands in the whole document."""
    para = minutes.paragraph(item)
    if para is None:
        raise KeyError(item)
    out = [
        f'<section class="paragraf" id="p-{escape(para.item)}" data-item="{escape(para.item)}">\n',
        f"<h2>§ {para.number} {escape(para.title)}</h2>\n",
    ]
    if para.started_at is None:
        out.append('<p class="ej-behandlat">Ärendet behandlades inte.</p>\n</section>\n')
        return "".join(out).encode()
    out.append(
        f'<p class="tid">Ärendet behandlades kl. {hm(para.started_at)}–'
        f"{hm(para.finished_at)}.</p>\n"
    )
    if para.jav:
        out.append(
            f'<p class="jav">{_names(minutes, para.jav)} anmälde jäv och deltog inte '
            "i handläggningen.</p>\n"
        )
    if para.justerare:
        out.append(
            '<p class="val-av-justerare">Till justerare valdes '
            f"{_names(minutes, para.justerare)}.</p>\n"
        )
    out += _speakers(minutes, para)
    out += _proposals(minutes, para)
    out += _order(minutes, para)
    out += _kontra(minutes, para)
    for invoked in para.minority:
        kind = KIND_OF_PROPOSAL.get(str(invoked.kind), str(invoked.kind))
        forced = "Ärendet avgörs därmed enligt minoritetsregeln." if invoked.forced else ""
        if invoked.repeat:
            forced = (
                "Ärendet har återremitterats av en minoritet tidigare; "
                "denna gång avgör majoriteten."
            )
        reason = f" Motivering: {escape(invoked.reason)}" if invoked.reason else ""
        out.append(
            f'<p class="minoritet">{len(invoked.supporters)} av {invoked.present} närvarande '
            f"begärde {kind} (gräns {invoked.threshold}). {forced}{reason}</p>\n"
        )
    if para.secret_requested_by:
        out.append(
            '<p class="sluten-begard">Sluten omröstning begärdes av '
            f"{_names(minutes, tuple(para.secret_requested_by))}.</p>\n"
        )
    for vote in para.votes:
        out += _vote(minutes, vote)
    for acclaimed in para.acclaimed:
        out += _acclaimed(minutes, acclaimed)
    out.append("</section>\n")
    return "".join(out).encode()


def _speakers(minutes: Minutes, para: Paragraph) -> list[str]:
    if not para.speakers:
        return []
    out = ['<h3>Yttranden</h3>\n<ol class="talare">\n']
    for s in para.speakers:
        kind = KIND_OF_SPEECH.get(str(s.kind), str(s.kind))
        reply = f" på {escape(minutes.name(s.replying_to))}" if s.replying_to else ""
        out.append(
            f'<li data-person="{escape(s.person)}" data-kind="{escape(str(s.kind))}">'
            f"{_who(minutes, s.person)}, {kind}{reply} (kl. {hm(s.at)})</li>\n"
        )
    out.append("</ol>\n")
    return out


def _proposal_text(minutes: Minutes, para: Paragraph, proposal_id: str) -> str:
    entry = para.proposals.get(proposal_id)
    if entry is None:
        return escape(proposal_id)
    kind = KIND_OF_PROPOSAL.get(entry.kind, entry.kind)
    text = f": {escape(entry.text)}" if entry.text else ""
    return f"{kind}{text} ({_names(minutes, entry.authors)})"


def _proposals(minutes: Minutes, para: Paragraph) -> list[str]:
    if not para.proposals:
        return []
    out = ['<h3>Yrkanden</h3>\n<ul class="yrkanden">\n']
    for entry in para.proposals.values():
        kind = KIND_OF_PROPOSAL.get(entry.kind, entry.kind)
        text = f" – {escape(entry.text)}" if entry.text else ""
        status = ""
        if entry.status == "withdrawn":
            status = " (återtaget)"
        elif entry.status == "merged":
            status = f" (sammanfört i {escape(entry.merged_into)})"
        out.append(
            f'<li data-proposal="{escape(entry.id)}" data-kind="{escape(entry.kind)}">'
            f"{_names(minutes, entry.authors)} yrkar {kind}{text}{status}</li>\n"
        )
    out.append("</ul>\n")
    return out


def _order(minutes: Minutes, para: Paragraph) -> list[str]:
    if not para.order:
        return []
    out = ['<h3>Propositionsordning</h3>\n<ol class="propositionsordning">\n']
    for proposal_id, _kind in para.order:
        out.append(
            f'<li data-proposal="{escape(proposal_id)}">'
            f"{_proposal_text(minutes, para, proposal_id)}</li>\n"
        )
    out.append("</ol>\n")
    if para.order_overridden:
        out.append(
            '<p class="avvikelse">Ordföranden avviker från den ordning reglerna anger.</p>\n'
        )
    if para.order_approved:
        out.append('<p class="godkand">Fullmäktige godkänner propositionsordningen.</p>\n')
    return out


def _kontra(minutes: Minutes, para: Paragraph) -> list[str]:
    out: list[str] = []
    for started in para.kontra:
        main = _proposal_text(minutes, para, started.main)
        out.append(
            "<h3>Kontrapropositionsvotering</h3>\n"
            f'<p class="huvudforslag">Huvudförslag: {main}.</p>\n'
            '<ol class="omgangar">\n'
        )
        for r in (r for r in para.rounds if r.procedure == started.procedure):
            how = f"votering {escape(r.vote)}" if r.vote else "acklamation"
            final = " (slutlig omgång)" if r.final else ""
            out.append(
                f'<li data-round="{r.round}">{_proposal_text(minutes, para, r.ja)} mot '
                f"{_proposal_text(minutes, para, r.nej)}: "
                f"{_proposal_text(minutes, para, r.winner)} vann efter {how}{final}</li>\n"
            )
        out.append("</ol>\n")
    return out


def _vote(minutes: Minutes, vote: VoteEntry) -> list[str]:
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
        out.append(
            f'<p class="ja-nej">Ja för {escape(opened.ja or "–")}, '
            f"nej för {escape(opened.nej or '–')}.</p>\n"
        )
    for e in vote.excused:
        set_aside = " Rösten som redan var avgiven räknas inte." if e.discarded else ""
        out.append(
            f'<p class="jav-under-votering" data-person="{escape(e.person)}">'
            f"{_who(minutes, e.person)} anmälde jäv under voteringen och togs av "
            f"röstlängden (plats {e.seat}).{set_aside}</p>\n"
        )
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
    out += _dissent(minutes, vote.reservations, vote.notes)
    out.append("</div>\n")
    return out


def _acclaimed(minutes: Minutes, entry: AcclaimedEntry) -> list[str]:
    """A decision without a vote: its words, then reservations, notes and who took no part."""
    e = entry.acclaimed
    how = "efter kontrapropositionsvotering, " if e.procedure else ""
    proposal = f" (förslag {escape(e.proposal)})" if e.proposal and not e.procedure else ""
    out = [
        f'<div class="acklamation" data-decision="{escape(e.decision)}">\n',
        f'<p class="beslut"><strong>Beslut</strong> ({how}utan omröstning): '
        f"{escape(e.text)}{proposal}</p>\n",
    ]
    out += _dissent(minutes, entry.reservations, entry.notes)
    for person in entry.no_part:
        out.append(
            f'<p class="deltog-ej" data-person="{escape(person)}">'
            f"{_who(minutes, person)} deltog inte i beslutet.</p>\n"
        )
    out.append("</div>\n")
    return out


def _dissent(
    minutes: Minutes,
    reservations: Iterable[vev.ReservationEntered],
    notes: Iterable[vev.MinutesNoteEntered],
) -> list[str]:
    out = []
    for r in reservations:
        reason = f": {escape(r.reason)}" if r.reason else "."
        out.append(
            f'<p class="reservation" data-person="{escape(r.person)}">'
            f"{_who(minutes, r.person)} reserverar sig mot beslutet{reason}</p>\n"
        )
    for n in notes:
        out.append(
            f'<p class="protokollsanteckning" data-person="{escape(n.person)}">'
            f"Protokollsanteckning av {_who(minutes, n.person)}: {escape(n.text)}</p>\n"
        )
    return out


def _presided(minutes: Minutes) -> str:
    """Who presided: the ordförande alone, or each with the paragraphs they presided over."""
    if len(minutes.chairs) <= 1:
        return _who(minutes, minutes.chair) if minutes.chair else "–"
    parts = []
    for person in minutes.chairs:
        numbers = [str(p.number) for p in minutes.paragraphs if person in p.presided_by]
        where = f" (§ {', '.join(numbers)})" if numbers else ""
        parts.append(
            f'<span class="ordforande" data-person="{escape(person)}">'
            f"{_who(minutes, person)}{where}</span>"
        )
    return "; ".join(parts)


def _justering_block(minutes: Minutes) -> str:
    justerare = minutes.justerare
    rows = [("chair", "Ordförande", c) for c in minutes.chairs]
    rows += [("justerare", "Justerare", p) for p in justerare]
    lines = "".join(
        f'<li data-person="{escape(p)}" data-role="{role}">{label}: {_who(minutes, p)}</li>\n'
        for role, label, p in rows
    )
    return (
        '<section class="justering" id="justering">\n<h2>Justering</h2>\n'
        f'<ul class="justerare">\n{lines}</ul>\n'
        "<p>Protokollet justeras digitalt. Varje underskrift förs in i sammanträdets logg "
        "tillsammans med SHA-256-summan av detta dokument.</p>\n</section>\n"
    )
