"""Sending mail: through an SMTP server in production, into files by default.

With no server configured (the embedded default) each message is written to
``mail/`` under the data directory as an .eml file, so that a demo or a
laptop shows what would have been sent and nothing is silently dropped.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from ..settings import Settings

#: How long one conversation with the SMTP server may take.
SMTP_TIMEOUT = 20.0
_SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class MailError(Exception):
    """A message that could not be handed over, with the reason in words."""


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.sender = settings.mail_from
        self.user, self.password = settings.smtp_user, settings.smtp_password
        self.folder = settings.data_dir / "mail"
        self.scheme, self.host, self.port = "", "", 0
        if settings.smtp_url:
            url = urlsplit(settings.smtp_url)
            if url.scheme not in _SCHEMES or not url.hostname:
                raise ValueError(
                    "ORDET_SMTP: smtp://host:port, smtp+starttls://host:port or smtps://host:port"
                )
            self.scheme, self.host = url.scheme, url.hostname
            self.port = url.port or _SCHEMES[url.scheme]

    def message(self, to: str, subject: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.sender, to, subject
        msg["Message-ID"] = make_msgid(domain="ordet")
        return msg

    def send(self, msgs: list[EmailMessage]) -> list[str]:
        """Hand the messages over in one conversation; "" for each sent, else why not."""
        if not msgs:
            return []
        if not self.host:
            return [self._to_file(m) for m in msgs]
        results: list[str] = []
        try:
            with self._connect() as smtp:
                for msg in msgs:
                    results.append(self._send_one(smtp, msg))
        except (OSError, smtplib.SMTPException) as err:
            # The ones not handed over yet stay unsent, with the reason.
            results += [f"smtp: {err or type(err).__name__}"] * (len(msgs) - len(results))
        return results

    def _connect(self) -> smtplib.SMTP:
        if self.scheme == "smtps":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT)
            if self.scheme == "smtp+starttls":
                smtp.starttls(context=ssl.create_default_context())
        if self.user:
            smtp.login(self.user, self.password)
        return smtp

    @staticmethod
    def _send_one(smtp: smtplib.SMTP, msg: EmailMessage) -> str:
        try:
            smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as err:
            return f"refused: {', '.join(err.recipients)}"
        except smtplib.SMTPResponseException as err:
            reply = err.smtp_error
            text = reply.decode(errors="replace") if isinstance(reply, bytes) else reply
            return f"smtp {err.smtp_code}: {text}"
        return ""

    def _to_file(self, msg: EmailMessage) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = str(msg["Message-ID"]).strip("<>").replace("/", "_")
        path: Path = self.folder / f"{name}.eml"
        path.write_bytes(msg.as_bytes())
        return ""
