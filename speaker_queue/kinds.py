"""The kinds of floor request and of proposal, and the order the list keeps."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class RequestKind(StrEnum):
    """What a member asks the floor for."""

    SPEECH = "speech"  # anförande: an ordinary speech, in the order asked
    REPLIK = "replik"  # replik: a short reply to the latest speech
    KONTRAREPLIK = "kontrareplik"  # kontrareplik: the speaker's answer to a replik
    POINT_OF_ORDER = "ordningsfraga"  # ordningsfråga: about the procedure, not the matter


#: Lower goes first. A point of order is always first among those waiting; a
#: kontrareplik follows right after the replik it answers, before other repliks.
PRIORITY: Mapping[RequestKind, int] = MappingProxyType(
    {
        RequestKind.POINT_OF_ORDER: 0,
        RequestKind.KONTRAREPLIK: 1,
        RequestKind.REPLIK: 2,
        RequestKind.SPEECH: 3,
    }
)


class ProposalKind(StrEnum):
    """Yrkande: the kinds of proposal a member can make during debate."""

    BIFALL = "bifall"  # approve the proposal before the meeting
    AVSLAG = "avslag"  # reject it
    ATERREMISS = "aterremiss"  # återremiss: send the matter back for more work
    BORDLAGGNING = "bordlaggning"  # bordläggning: postpone it to a later meeting
    ANDRING = "andring"  # ändring: amend it (the text says how)
    TILLAGG = "tillagg"  # tillägg: add to it (the text says what)


#: Kinds whose meaning lies in their text, so the text may not be empty.
NEEDS_TEXT = frozenset({ProposalKind.ANDRING, ProposalKind.TILLAGG})


class ProposalStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # återtaget, with the author's agreement
    MERGED = "merged"  # joined into another proposal, with the authors' agreement
