"""The minutes as one semantic, printable HTML document, byte for byte deterministic.

Everything in the document comes from the log, times included, so the same
log always gives the same bytes: what the chair and the justerare sign is
the SHA-256 of exactly these bytes (``document_hash``). Each agenda item is
one ``<section>`` whose bytes are also hashed on their own
(``paragraph_hash``), for the omedelbar justering of a single paragraph.
"""

from __future__ import annotations

import hashlib
from html import escape

from ..domain.meeting.events import FiledDocument
from .minutes_html_decisions import acclaimed_html, vote_html
from .minutes_html_notice import notices_html
from .minutes_html_text import (
    KIND_OF_PROPOSAL,
    KIND_OF_SPEECH,
    hm,
    names,
    proposal_label,
    span_text,
    who,
)
from .minutes_model import Minutes, Paragraph

STYLE = (
    "body{font-family:Georgia,serif;max-width:48em;margin:2em auto;line-height:1.45;color:#111}"
    "h1{font-size:1.6em}h2{font-size:1.2em;border-top:1px solid #999;padding-top:.6em}"
    "table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #bbb;padding:.15em .5em;"
    "text-align:left;font-size:.92em}dl.huvud dt{font-weight:bold;float:left;width:9em}"
    "dl.huvud dd{margin-left:10em}section.paragraf{page-break-inside:avoid}"
    "@media print{body{margin:0}h2{page-break-after:avoid}}"
)


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
        f"–{hm(minutes.adjourned_at)}{_recesses(minutes)}</dd>\n",
        f"<dt>Ordförande</dt><dd>{_presided(minutes)}</dd>\n",
        f"<dt>Justerare</dt><dd>{names(minutes, minutes.justerare) or '–'}</dd>\n",
        "</dl>\n",
        notices_html(minutes.notices, minutes.unannounced),
        "</header>\n",
        render_attendance(minutes).decode(),
    ]
    parts += [render_paragraph(minutes, p.item).decode() for p in minutes.paragraphs]
    if minutes.documents:
        parts += [
            '<section class="handlingar-sammantradet">\n',
            *_documents(minutes, minutes.documents),
        ]
        parts.append("</section>\n")
    parts += [_justering_block(minutes), "</article>\n</body>\n</html>\n"]
    return "".join(parts).encode()


def document_hash(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


def paragraph_hashes(minutes: Minutes) -> dict[str, str]:
    return {p.item: document_hash(render_paragraph(minutes, p.item)) for p in minutes.paragraphs}


def _documents(minutes: Minutes, documents: list[FiledDocument]) -> list[str]:
    """The handlingar by title, version and SHA-256: those of the opening, then any filed
    during the meeting, with the time."""
    if not documents:
        return []
    rows = "".join(
        f'<li data-sha256="{d.sha256}">{escape(d.title)}, version {d.version}, '
        f"SHA-256 <code>{d.sha256}</code>{_filed(minutes, d)}</li>\n"
        for d in documents
    )
    return [f'<h3>Handlingar</h3>\n<ul class="handlingar">\n{rows}</ul>\n']


def _filed(minutes: Minutes, document: FiledDocument) -> str:
    at = minutes.filed_at.get(document.sha256)
    return "" if at is None else f", inlämnad under sammanträdet kl. {hm(at)}"


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
                f'<li data-person="{escape(p.id)}">{who(minutes, p.id)} '
                f"kl. {span_text(minutes.intervals[p.id])}</li>\n"
            )
        out.append("</ul>\n")
    out.append(
        "<h3>Frånvarande ledamöter</h3>\n"
        f'<p class="franvarande">{names(minutes, absent) or "Inga."}</p>\n'
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
    if para.proposal:
        out.append(f'<p class="forslag">Förslag till beslut: {escape(para.proposal)}</p>\n')
    out += _documents(minutes, para.documents)
    if para.jav:
        out.append(
            f'<p class="jav">{names(minutes, para.jav)} anmälde jäv och deltog inte '
            "i handläggningen.</p>\n"
        )
    if para.justerare:
        out.append(
            '<p class="val-av-justerare">Till justerare valdes '
            f"{names(minutes, para.justerare)}.</p>\n"
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
            f"{names(minutes, tuple(para.secret_requested_by))}.</p>\n"
        )
    for vote in para.votes:
        out += vote_html(minutes, vote)
    for acclaimed in para.acclaimed:
        out += acclaimed_html(minutes, acclaimed)
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
            f"{who(minutes, s.person)}, {kind}{reply} (kl. {hm(s.at)})</li>\n"
        )
    out.append("</ol>\n")
    return out


def _proposal_text(minutes: Minutes, para: Paragraph, proposal_id: str) -> str:
    entry = para.proposals.get(proposal_id)
    if entry is None:
        return escape(proposal_id)
    kind = KIND_OF_PROPOSAL.get(entry.kind, entry.kind)
    text = f": {escape(entry.text)}" if entry.text else ""
    return f"{kind}{text} ({names(minutes, entry.authors)})"


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
            status = f" (sammanfört i {proposal_label(minutes, para.item, entry.merged_into)})"
        out.append(
            f'<li data-proposal="{escape(entry.id)}" data-kind="{escape(entry.kind)}">'
            f"{names(minutes, entry.authors)} yrkar {kind}{text}{status}</li>\n"
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


def _presided(minutes: Minutes) -> str:
    """Who presided: the ordförande alone, or each with the paragraphs they presided over."""
    if len(minutes.chairs) <= 1:
        return who(minutes, minutes.chair) if minutes.chair else "–"
    parts = []
    for person in minutes.chairs:
        numbers = [str(p.number) for p in minutes.paragraphs if person in p.presided_by]
        where = f" (§ {', '.join(numbers)})" if numbers else ""
        parts.append(
            f'<span class="ordforande" data-person="{escape(person)}">'
            f"{who(minutes, person)}{where}</span>"
        )
    return "; ".join(parts)


def _justering_block(minutes: Minutes) -> str:
    justerare = minutes.justerare
    rows = [("chair", "Ordförande", c) for c in minutes.chairs]
    rows += [("justerare", "Justerare", p) for p in justerare]
    lines = "".join(
        f'<li data-person="{escape(p)}" data-role="{role}">{label}: {who(minutes, p)}</li>\n'
        for role, label, p in rows
    )
    return (
        '<section class="justering" id="justering">\n<h2>Justering</h2>\n'
        f'<ul class="justerare">\n{lines}</ul>\n'
        "<p>Protokollet justeras digitalt. Varje underskrift förs in i sammanträdets logg "
        "tillsammans med SHA-256-summan av detta dokument.</p>\n</section>\n"
    )


def _recesses(minutes: Minutes) -> str:
    """The breaks for the head of the minutes: ", ajournering kl. 12.00–13.05"."""
    spans = [f"{hm(start)}–{hm(end)}" for start, end in minutes.recesses]
    return f", ajournering kl. {', '.join(spans)}" if spans else ""
