"""Personal links and ballot codes of the culture survey, and the keys derived from them.

Every key here is derived with the secret kept outside the database (``berakhlak.lib.anonymity``):

- a personal link's token is ``<member id>-<signature>``, the signature over the wave, its salt and the
  member; HR never sees it (it goes by e-mail, or to the person's own home page);
- a ballot's token is ``k-<code>``, the code random and printed once on a slip; only its keyed hash is
  stored;
- what the answering path writes is keyed by keyed hashes of these (the ``Spent`` record and the
  ``Draft``), so a database reader cannot tell whose they are, and the draft is encrypted under a key derived
  from the token.

``credential_for(token)`` reads (never writes) what a token stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

from berakhlak.lib import anonymity
from berakhlak.surveys.models import Ballot, Spent, Wave, WaveMember

BALLOT_PREFIX = "k-"


def member_token(wave: Wave, member_id: int) -> str:
    return f"{member_id}-{anonymity.sign('survey-link', wave.pk, wave.secret, member_id)}"


def member_spent_key(wave_id: int, member_id: int) -> str:
    return anonymity.keyed_hash("survey-spent", wave_id, member_id)


def member_draft_key(wave_id: int, member_id: int) -> str:
    return anonymity.keyed_hash("survey-draft", wave_id, "member", member_id)


def ballot_key(code: str) -> str:
    return anonymity.keyed_hash("survey-ballot", anonymity.normalise_code(code))


def ballot_draft_key(code: str) -> str:
    return anonymity.keyed_hash("survey-draft", "ballot", anonymity.normalise_code(code))


def ballot_token(code: str) -> str:
    return BALLOT_PREFIX + anonymity.normalise_code(code)


@dataclass(frozen=True)
class Credential:
    """What a token opens: a wave, where its answers are recorded, and the keys of its draft and of its
    spending. ``member`` is set only for identified (non-anonymous) waves' personal links."""

    token: str
    wave: Wave
    record_unit_id: int
    draft_key: str
    spent_key: str | None = None  # personal link: the Spent record's key
    ballot_key: str | None = None  # ballot: the Ballot row's key
    ballot_unit_id: int | None = None
    member_id: int | None = None

    @property
    def is_ballot(self) -> bool:
        return self.ballot_key is not None


def _parse_member(token: str) -> tuple[int, str] | None:
    head, sep, sig = token.partition("-")
    if not sep or not head.isascii() or not head.isdigit() or len(head) > 18 or not 16 <= len(sig) <= 32:
        return None
    return int(head), sig


def credential_for(token: str) -> Credential | None:
    """The credential of a token, or ``None`` (malformed, forged, unknown, or a ballot already used or
    voided). Reads only."""
    if len(token) > 80:
        return None
    if token.startswith(BALLOT_PREFIX):
        code = anonymity.normalise_code(token[len(BALLOT_PREFIX):])
        if not 6 <= len(code) <= 20:
            return None
        key = ballot_key(code)
        ballot = (Ballot.objects.select_related("ballot_unit__wave__instrument", "ballot_unit__wave__agency")
                  .filter(key=key).first())
        if ballot is None:
            return None
        bu = ballot.ballot_unit
        return Credential(token=ballot_token(code), wave=bu.wave, record_unit_id=bu.record_unit_id,
                          draft_key=ballot_draft_key(code), ballot_key=key, ballot_unit_id=bu.pk)
    parsed = _parse_member(token)
    if parsed is None:
        return None
    member_id, _sig = parsed
    member = (WaveMember.objects.select_related("wave", "wave__instrument", "wave__agency")
              .filter(pk=member_id).first())
    if member is None or not _same(token, member):
        return None
    wave = member.wave
    return Credential(token=token, wave=wave, record_unit_id=member.record_unit_id,
                      draft_key=member_draft_key(wave.pk, member_id), spent_key=member_spent_key(wave.pk, member_id),
                      member_id=None if wave.anonymous else member_id)


def _same(token: str, member: WaveMember) -> bool:
    _head, _sep, sig = token.partition("-")
    return anonymity.verify(sig, "survey-link", member.wave_id, member.wave.secret, member.pk)


def spent(credential: Credential) -> bool:
    """Whether a personal link has been used (a ballot that was used no longer opens at all)."""
    if credential.spent_key is None:
        return False
    return Spent.objects.filter(wave_id=credential.wave.pk, key=credential.spent_key).exists()


def spent_member_ids(wave: Wave, member_ids) -> set[int]:
    """Which of these members have answered: computed with the secret, for the reminders and the
    person's own home page only. Never shown to HR nor stored."""
    keys = {member_spent_key(wave.pk, m): m for m in member_ids}
    found = Spent.objects.filter(wave=wave).values_list("key", flat=True).iterator(chunk_size=10000)
    return {keys[k] for k in found if k in keys}
