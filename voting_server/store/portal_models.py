"""SQL tables of the members' portal: accounts, recovery codes, throttle, security log."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class PortalAccountRow(SQLModel, table=True):
    """A person's way in: password hash, TOTP secret and the last time step used."""

    __tablename__ = "portal_account"
    person_id: str = Field(primary_key=True)  # a person id; no FK so a re-seed may run
    username: str = Field(unique=True, index=True)
    password_hash: str = ""
    totp_secret: str
    # The highest TOTP time step ever accepted; a code must name a later one.
    last_step: int = 0
    enrolled: bool = False
    enrol_token_hash: str | None = Field(default=None, index=True)
    enrol_expires_at: int = 0
    created_at: int = 0


class RecoveryCodeRow(SQLModel, table=True):
    """A single-use recovery code, stored as a salted SHA-256."""

    __tablename__ = "portal_recovery_code"
    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(index=True)
    salt: str
    code_hash: str
    used_at: int | None = None


class LoginFailureRow(SQLModel, table=True):
    """One failed login, counted per account and per address over a sliding window."""

    __tablename__ = "portal_login_failure"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True)  # "account:<username>" or "address:<ip>"
    at: int = Field(index=True)


class SecurityEventRow(SQLModel, table=True):
    """The system log of security-relevant acts: who, what, when, why."""

    __tablename__ = "security_event"
    id: int | None = Field(default=None, primary_key=True)
    at: int = Field(index=True)
    actor: str  # the person who acted, or "" when unknown (a failed login)
    action: str  # login.success, login.failure, enrol, second_factor.reset, session.revoke …
    subject: str = ""  # the person or session acted upon
    reason: str = ""
    address: str = ""


class MeetingDocumentRow(SQLModel, table=True):
    """A document link shown with a meeting in the portal."""

    __tablename__ = "meeting_document"
    meeting_id: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    title: str
    url: str


class DocumentRow(SQLModel, table=True):
    """One version of a document (handling): a PDF filed by its SHA-256 (store/documents.py).

    The versions of one document share its ``series``; the highest ``version`` is current.
    """

    __tablename__ = "document"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(index=True)
    item_id: str = ""  # the agenda item it belongs to; "" for the meeting as a whole
    series: str = Field(index=True)
    version: int = 1
    title: str
    filename: str = ""
    sha256: str
    size: int
    public: bool = False  # may be read without logging in (a public body's open document)
    uploaded_at: int = 0  # epoch seconds
    uploaded_by: str = ""


class CalendarFeedRow(SQLModel, table=True):
    """A member's calendar feed: its secret address, stored as a SHA-256 (one per person)."""

    __tablename__ = "calendar_feed"
    person_id: str = Field(primary_key=True)
    token_hash: str = Field(unique=True, index=True)
    created_at: int = 0


class NoticeRow(SQLModel, table=True):
    """One published version of a meeting's notice (kallelse; domain/notice.py).

    ``content`` is the notice as published (JSON of NoticeContent) and ``sha256`` its
    hash; ``changes`` (JSON) what changed since the version before.
    """

    __tablename__ = "notice"
    meeting_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    published_at: int  # epoch seconds
    published_by: str
    public: bool
    announce_by: str = ""  # the law's last day for the announcement, or ""
    content: str
    sha256: str
    changes: str = "[]"


class NoticeMailRow(SQLModel, table=True):
    """The kallelse to one member or substitute: sent, or why not (yet)."""

    __tablename__ = "notice_mail"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(index=True)
    version: int
    person_id: str
    address: str = ""
    sent_at: int = 0  # epoch seconds; 0 while not sent, -1 when a later version replaced it
    error: str = ""
