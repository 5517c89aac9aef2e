"""Yrkanden (proposals made during debate): submit, withdraw, merge."""

from __future__ import annotations

import pytest

from speaker_queue import (
    DebateSettings,
    DebateSettingsChanged,
    FloorRequested,
    ListClosed,
    MergeProposals,
    ProposalKind,
    ProposalsMerged,
    ProposalStatus,
    ProposalSubmitted,
    ProposalWithdrawn,
    RequestKind,
    SubmitProposal,
    WithdrawProposal,
)

ITEM = "item-1"
SPEECH = RequestKind.SPEECH
BIFALL, AVSLAG = ProposalKind.BIFALL, ProposalKind.AVSLAG
ANDRING, TILLAGG = ProposalKind.ANDRING, ProposalKind.TILLAGG


def test_the_swedish_kinds_travel_as_plain_ascii():
    assert [str(kind) for kind in ProposalKind] == [
        "bifall",
        "avslag",
        "aterremiss",
        "bordlaggning",
        "andring",
        "tillagg",
    ]


def test_a_proposal_puts_its_author_on_the_list(debate):
    assert debate.when(SubmitProposal(AVSLAG, "Avslag på motionen"), "anna") == [
        ProposalSubmitted(ITEM, "y1", "anna", AVSLAG, "Avslag på motionen"),
        FloorRequested(ITEM, "q1", "anna", SPEECH),
    ]


@pytest.mark.parametrize("situation", ["waiting", "speaking"])
def test_an_author_already_on_the_list_is_not_added_again(debate, situation):
    debate.given(debate.requested("q1", "anna"))
    if situation == "speaking":
        debate.given(debate.floor("q1", "anna"))
    assert debate.when(SubmitProposal(BIFALL), "anna") == [
        ProposalSubmitted(ITEM, "y1", "anna", BIFALL, "")
    ]


def test_the_setting_can_keep_authors_off_the_list(debate):
    debate.given(DebateSettingsChanged(DebateSettings(proposal_queues_author=False)))
    assert debate.when(SubmitProposal(BIFALL), "anna") == [
        ProposalSubmitted(ITEM, "y1", "anna", BIFALL, "")
    ]


@pytest.mark.parametrize(
    ("person", "code"),
    [
        ("sam", "debate.may_not_propose"),
        ("jon", "debate.jav"),
        ("away", "debate.not_present"),
    ],
)
def test_who_may_not_propose(debate, person, code):
    assert debate.refused(SubmitProposal(BIFALL), person) == code


def test_the_chair_hands_in_a_members_proposal(debate):
    events = debate.when(SubmitProposal(BIFALL, person="bo"), "chair")
    assert events[0] == ProposalSubmitted(ITEM, "y1", "bo", BIFALL, "")
    assert debate.refused(SubmitProposal(BIFALL, person="bo"), "anna") == "debate.not_yourself"


@pytest.mark.parametrize("kind", [ANDRING, TILLAGG])
def test_amendments_and_additions_need_a_text(debate, kind):
    assert debate.refused(SubmitProposal(kind, "   "), "anna") == "debate.text_required"


def test_proposal_ids_are_unique_across_items(debate):
    debate.given(ProposalSubmitted("item-0", "y1", "bo", BIFALL, ""))
    [submitted, _] = debate.when(SubmitProposal(AVSLAG), "anna")
    assert submitted.id == "y2"
    # Numbering skips an id already in use.
    debate.given(ProposalSubmitted("item-0", "y3", "bo", BIFALL, ""))
    [submitted, _] = debate.when(SubmitProposal(AVSLAG), "anna")
    assert submitted.id == "y4"


def test_after_the_streck_only_those_still_to_speak_propose(debate):
    debate.given(debate.requested("q1", "bo"), ListClosed(ITEM, True, True))
    assert debate.refused(SubmitProposal(AVSLAG), "anna") == "debate.list_closed"
    assert debate.when(SubmitProposal(AVSLAG), "bo") == [
        ProposalSubmitted(ITEM, "y1", "bo", AVSLAG, "")
    ]


def test_the_chair_records_a_proposal_made_before_the_streck(debate):
    debate.given(ListClosed(ITEM, True, True))
    command = SubmitProposal(AVSLAG, person="anna", chair_override=True)
    # The list stays closed, so the author is not added to it.
    assert debate.when(command, "chair") == [ProposalSubmitted(ITEM, "y1", "anna", AVSLAG, "")]


def test_proposals_need_an_item(debate):
    assert debate.refused(SubmitProposal(AVSLAG), "anna", item=None) == "debate.no_item"


# --- withdrawing (återta) -----------------------------------------------------


def _two_amendments(debate):
    return debate.given(
        ProposalSubmitted(ITEM, "y1", "anna", ANDRING, "Ändra 2025 till 2026"),
        ProposalSubmitted(ITEM, "y2", "bo", ANDRING, "Ändra 2025 till 2027"),
        ProposalSubmitted(ITEM, "y3", "bo", AVSLAG, ""),
    )


def test_the_author_withdraws_their_proposal(debate):
    _two_amendments(debate)
    assert debate.when(WithdrawProposal("y1"), "anna") == [ProposalWithdrawn(ITEM, "y1")]


def test_the_chair_withdraws_only_with_the_authors_agreement(debate):
    _two_amendments(debate)
    assert debate.refused(WithdrawProposal("y1"), "chair") == "debate.author_agreement_required"
    assert debate.when(WithdrawProposal("y1", author_agrees=True), "chair") == [
        ProposalWithdrawn(ITEM, "y1")
    ]


def test_another_member_cannot_withdraw_a_proposal(debate):
    _two_amendments(debate)
    assert debate.refused(WithdrawProposal("y1", author_agrees=True), "bo") == "debate.not_author"


def test_withdraw_refusals(debate):
    _two_amendments(debate).given(ProposalWithdrawn(ITEM, "y1"))
    assert debate.refused(WithdrawProposal("y1"), "anna") == "debate.proposal_inactive"
    assert debate.refused(WithdrawProposal("y9"), "anna") == "debate.unknown_proposal"


# --- merging ------------------------------------------------------------------


def test_the_chair_merges_with_the_authors_agreement(debate):
    _two_amendments(debate)
    command = MergeProposals(("y1", "y2"), "Ändra 2025 till 2026", authors_agree=True)
    event = ProposalsMerged(
        ITEM, "y4", ("y1", "y2"), ANDRING, "Ändra 2025 till 2026", ("anna", "bo")
    )
    assert debate.when(command, "chair") == [event]
    debate.given(event)
    proposals = debate.state.item(ITEM).proposals
    assert [(p.id, p.status, p.merged_into) for p in proposals.values()] == [
        ("y1", ProposalStatus.MERGED, "y4"),
        ("y2", ProposalStatus.MERGED, "y4"),
        ("y3", ProposalStatus.ACTIVE, None),
        ("y4", ProposalStatus.ACTIVE, None),
    ]
    # Every author of a merged proposal must agree to withdraw it.
    assert debate.refused(WithdrawProposal("y4"), "anna") == "debate.not_author"


def test_merging_needs_the_authors_agreement(debate):
    _two_amendments(debate)
    command = MergeProposals(("y1", "y2"), "Ändra")
    assert debate.refused(command, "chair") == "debate.author_agreement_required"
    assert debate.refused(command, "anna") == "debate.not_author"


def test_an_author_merges_their_own_proposals(debate):
    _two_amendments(debate).given(ProposalSubmitted(ITEM, "y5", "bo", ANDRING, "Stryk punkt 3"))
    command = MergeProposals(("y2", "y5"), "Ändra till 2027 och stryk punkt 3")
    [merged] = debate.when(command, "bo")
    assert merged.authors == ("bo",)


@pytest.mark.parametrize(
    ("sources", "text", "code"),
    [
        (("y1",), "t", "debate.merge_needs_two"),
        (("y1", "y1"), "t", "debate.merge_needs_two"),
        (("y2", "y3"), "t", "debate.kinds_differ"),
        (("y1", "y9"), "t", "debate.unknown_proposal"),
        (("y1", "y2"), " ", "debate.text_required"),
    ],
)
def test_merge_refusals(debate, sources, text, code):
    _two_amendments(debate)
    command = MergeProposals(sources, text, authors_agree=True)
    assert debate.refused(command, "chair") == code
