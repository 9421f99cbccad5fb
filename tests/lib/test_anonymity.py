"""The keys of the anonymous answering paths: derived from the secret, never from the database."""

from django.test import override_settings

from berakhlak.lib import anonymity


def test_keyed_hash_depends_on_purpose_parts_and_secret():
    a = anonymity.keyed_hash("spent", 1, 2)
    assert a == anonymity.keyed_hash("spent", 1, 2) and len(a) == 64
    assert a != anonymity.keyed_hash("draft", 1, 2)
    assert a != anonymity.keyed_hash("spent", 1, 3)
    with override_settings(SECRET_KEY="another secret"):
        assert anonymity.keyed_hash("spent", 1, 2) != a
    with override_settings(ANONYMITY_SECRET="a dedicated secret"):
        assert anonymity.keyed_hash("spent", 1, 2) != a


def test_sign_and_verify():
    sig = anonymity.sign("token", 7, 9)
    assert anonymity.verify(sig, "token", 7, 9)
    assert not anonymity.verify(sig, "token", 7, 10)
    assert not anonymity.verify(sig[:-1] + ("A" if sig[-1] != "A" else "B"), "token", 7, 9)


def test_seal_round_trip_and_refusals():
    blob = anonymity.seal("tok-1", {"answers": {"BP1": 4}, "comment": "baik\u0000?"})
    assert "BP1" not in blob  # encrypted, not encoded
    assert anonymity.unseal("tok-1", blob) == {"answers": {"BP1": 4}, "comment": "baik\u0000?"}
    assert anonymity.unseal("tok-2", blob) is None  # another link's key
    tampered = blob[:-4] + ("AAAA" if not blob.endswith("AAAA") else "BBBB")
    assert anonymity.unseal("tok-1", tampered) is None
    assert anonymity.unseal("tok-1", "not base64!") is None
    assert anonymity.unseal("tok-1", None) is None
    assert anonymity.seal("tok-1", {"a": 1}) != anonymity.seal("tok-1", {"a": 1})  # fresh nonce


def test_ballot_codes():
    codes = {anonymity.random_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 10 and set(c) <= set(anonymity.BALLOT_ALPHABET) for c in codes)
    assert not set("01OIL") & set(anonymity.BALLOT_ALPHABET)
    assert anonymity.normalise_code(" abcd-efgh 23 ") == "ABCDEFGH23"
