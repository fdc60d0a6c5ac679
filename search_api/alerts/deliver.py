"""Sending one notification: by e-mail (SMTP with STARTTLS) or by webhook (a JSON POST signed with
HMAC-SHA256), each try bounded by a timeout, retried with backoff; every outcome is returned, never raised."""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx

SIGNATURE_HEADER = "X-Raadslens-Signature"
DELIVERY_HEADER = "X-Raadslens-Delivery"


@dataclass(frozen=True)
class Mailer:
    """Where e-mail goes: an SMTP server that offers STARTTLS (the RAADSLENS_SMTP_HOST settings)."""

    host: str
    port: int = 587
    sender: str = "raadslens@localhost"
    user: str | None = None
    password: str | None = None
    tls: ssl.SSLContext | None = None  # None: the system's trusted certificates
    timeout: float = 10.0


@dataclass(frozen=True)
class Delivery:
    """How to deliver: the mail server (None: no e-mail), the webhook secret, tries and their bounds."""

    mailer: Mailer | None = None
    secret: str | None = None  # signs webhook bodies; None: unsigned (the header is left out)
    attempts: int = 3
    backoff: float = 1.0  # seconds before the 2nd try, doubled before each next one
    timeout: float = 10.0  # seconds per webhook try (connect, send and answer alike)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)


class DeliveryFailed(Exception):
    pass


def signature(secret: str, body: bytes) -> str:
    """The value of X-Raadslens-Signature: "sha256=" and the hex HMAC-SHA256 of the exact body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _euros(cents: int | None) -> str:
    if cents is None:
        return "?"
    whole, rest = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", ".") + (f",{rest:02d}" if rest else "")
    return ("-" if cents < 0 else "") + "€ " + text


def email_text(payload: dict[str, Any]) -> tuple[str, str]:
    """(subject, plain-text body) of a notification, in Dutch."""
    docs = payload["documents"]
    subject = f"raadslens: {len(docs)} nieuw{'e' if len(docs) != 1 else ''} document{'en' if len(docs) != 1 else ''}" \
              f" voor '{payload['alert']}'"
    lines = [f"Nieuw voor uw abonnement '{payload['alert']}' (zoekvraag: {payload['query']}):", ""]
    for d in docs:
        lines.append(f"* {d['title']} — {d['organisation'] or 'organisatie onbekend'}, {d['date'] or 'zonder datum'}")
        lines.append(f"  {d['url']}")
        for p in d["pages"]:
            lines.append(f"  p. {p['page']}: {p['url']}")
            if p["quote"]:
                lines.append(f"    “{p['quote']}”")
        for c in d["amount_changes"]:
            before = _euros(c["from"]["amount_cents"]) if c["from"] else "—"
            after = _euros(c["to"]["amount_cents"]) if c["to"] else "—"
            lines.append(f"  bedrag {c['kind']}{' (' + c['subject'] + ')' if c['subject'] else ''}: {before} → {after}")
        lines.append("")
    return subject, "\n".join(lines)


def send_email(mailer: Mailer, to: str, payload: dict[str, Any]) -> None:
    subject, body = email_text(payload)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = mailer.sender, to, subject
    msg.set_content(body)
    with smtplib.SMTP(mailer.host, mailer.port, timeout=mailer.timeout) as smtp:
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            raise DeliveryFailed(f"de mailserver {mailer.host}:{mailer.port} biedt geen STARTTLS aan")
        smtp.starttls(context=mailer.tls or ssl.create_default_context())
        smtp.ehlo()
        if mailer.user:
            smtp.login(mailer.user, mailer.password or "")
        smtp.send_message(msg)


def post_webhook(url: str, payload: dict[str, Any], *, delivery_id: int, secret: str | None,
                 timeout: float) -> None:
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    headers = {"Content-Type": "application/json", DELIVERY_HEADER: str(delivery_id),
               "User-Agent": "raadslens-alerts"}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    response = httpx.post(url, content=body, headers=headers, timeout=httpx.Timeout(timeout),
                          follow_redirects=False)
    if response.status_code >= 300:
        raise DeliveryFailed(f"webhook antwoordde {response.status_code}")


def describe(e: Exception) -> str:
    if isinstance(e, DeliveryFailed):
        return str(e)
    if isinstance(e, httpx.TimeoutException):
        return "webhook gaf geen antwoord binnen de tijdslimiet"
    if isinstance(e, smtplib.SMTPException | OSError | httpx.HTTPError):
        return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    return f"onverwacht {type(e).__name__}: {e}"


def attempt(how: Delivery, channel: str, target: str | None, payload: dict[str, Any],
            delivery_id: int) -> tuple[bool, int, str | None]:
    """Try one delivery up to `how.attempts` times with doubling backoff: (sent, tries, last error)."""
    error: str | None = None
    for n in range(1, how.attempts + 1):
        try:
            if channel == "email":
                if how.mailer is None:
                    return False, n, "geen mailserver ingesteld (RAADSLENS_SMTP_HOST)"
                send_email(how.mailer, target or "", payload)
            elif channel == "webhook":
                post_webhook(target or "", payload, delivery_id=delivery_id, secret=how.secret,
                             timeout=how.timeout)
            return True, n, None
        except Exception as e:  # noqa: BLE001 - any failure of a target is recorded; the run goes on
            error = describe(e)
        if n < how.attempts:
            how.sleep(how.backoff * 2 ** (n - 1))
    return False, how.attempts, error
