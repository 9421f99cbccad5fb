"""The keys of a 360 form's answering path, derived from the assignment with the secret kept outside the
database (``berakhlak.lib.anonymity``; DESIGN.md "Anonymity", ``docs/anonymity.md``).

- ``form_key``: the opaque key in the form's URL (``/360/formulir/<form key>/``). It names no assignment:
  a reader of an access log cannot tell whose form it is. It is resolved only among the signed-in
  rater's own assignments (``selectors.form_get``), so it grants nothing by itself.
- ``draft_key``: the primary key of the rater's saved draft (``Draft``), whose answers are ``seal()``-ed
  under a key derived from the form key: no assignment id, no answer column, no time.
- ``spent_key``: the primary key of the ``Spent`` record written when the form is sent (or declined);
  its uniqueness makes a double submission impossible.

A database reader holds none of the secret, so they can compute none of these for a given assignment:
the draft and spent rows name nobody. Only code holding the secret (the rater's inbox, the reminders,
the data migration) maps an assignment to its keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak.lib.anonymity import keyed_hash, sign, verify

FORM, DRAFT, SPENT, CHECK = "f360-form", "f360-draft", "f360-spent", "f360-cycle-check"


def cycle_check(cycle_id: int) -> str:
    """Stored on the cycle when it opens (``Cycle.key_check``): if the secret changes while the cycle runs,
    every spent key changes too and a form already sent would look unsent. Sending compares this value
    and refuses rather than count a form twice. (An HMAC of a known message: it tells a reader nothing
    about the secret.)"""
    return keyed_hash(CHECK, cycle_id)


def form_key(cycle_id: int, assignment_id: int) -> str:
    return sign(FORM, cycle_id, assignment_id)


def is_form_key(key: str, cycle_id: int, assignment_id: int) -> bool:
    return verify(key, FORM, cycle_id, assignment_id)


def draft_key(cycle_id: int, assignment_id: int) -> str:
    return keyed_hash(DRAFT, cycle_id, assignment_id)


def spent_key(cycle_id: int, assignment_id: int) -> str:
    return keyed_hash(SPENT, cycle_id, assignment_id)


@dataclass(frozen=True)
class FormKeys:
    form: str
    draft: str
    spent: str


def keys_of(assignment) -> FormKeys:
    """The three keys of an assignment (anything with ``cycle_id`` and ``pk``)."""
    c, a = assignment.cycle_id, assignment.pk
    return FormKeys(form=form_key(c, a), draft=draft_key(c, a), spent=spent_key(c, a))
