"""Following: saved searches that notify by e-mail or webhook, and the feeds built on the change log.

`saved` manages the searches, `check` finds what is new for one, `deliver` sends a
notification (SMTP with STARTTLS, a signed webhook) with retries, and `run` ties
them together for `raadslens alerts run` and after each ingest.
"""
