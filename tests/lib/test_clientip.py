"""The client's address behind zero, one or more reverse proxies (pure rules of berakhlak.lib.clientip)."""

import pytest

from berakhlak.lib.clientip import client_ip_from, limit_address


@pytest.mark.parametrize("forwarded", [None, "", "192.0.2.1", "192.0.2.1, 198.51.100.7"])
def test_without_a_proxy_the_header_is_ignored(forwarded):
    assert client_ip_from("203.0.113.5", forwarded, behind_proxy=False) == "203.0.113.5"


@pytest.mark.parametrize(("forwarded", "trusted", "expected"), [
    ("198.51.100.7", 1, "198.51.100.7"),
    ("1.1.1.1, 198.51.100.7", 1, "198.51.100.7"),            # the left-most entry is the client's own words
    ("1.1.1.1,198.51.100.7 , 172.16.0.9", 2, "198.51.100.7"),
    ("1.1.1.1, 2.2.2.2, 198.51.100.7, 172.16.0.9", 2, "198.51.100.7"),
    ("[2001:db8::1]:4711", 1, "2001:db8::1"),
    ("198.51.100.7:4711", 1, "198.51.100.7"),
    ("::ffff:198.51.100.7", 1, "198.51.100.7"),
])
def test_behind_proxies_the_entry_the_outermost_trusted_proxy_wrote_counts(forwarded, trusted, expected):
    assert client_ip_from("10.0.0.2", forwarded, behind_proxy=True, trusted_proxies=trusted) == expected


@pytest.mark.parametrize(("forwarded", "trusted"), [
    (None, 1), ("", 1), ("198.51.100.7", 2),       # fewer hops than trusted proxies: not through them
    ("not-an-address", 1), ("1.1.1.1, <script>", 1), ("1.1.1.1, 999.1.1.1", 1),
])
def test_a_short_or_garbled_header_falls_back_to_the_peer(forwarded, trusted):
    assert client_ip_from("10.0.0.2", forwarded, behind_proxy=True, trusted_proxies=trusted) == "10.0.0.2"


@pytest.mark.parametrize("remote", [None, "", "unix:", "garbage"])
def test_no_valid_address_is_none(remote):
    assert client_ip_from(remote, "198.51.100.7", behind_proxy=False) is None


def test_limits_count_ipv6_by_its_64_network_and_ipv4_exactly():
    assert limit_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::"
    assert limit_address("2001:db8:1:2::1") == limit_address("2001:db8:1:2:ffff::9")
    assert limit_address("2001:db8:1:3::1") != limit_address("2001:db8:1:2::1")
    assert limit_address("198.51.100.7") == "198.51.100.7"
    assert limit_address("::ffff:198.51.100.7") == "198.51.100.7"
    assert limit_address(None) is None and limit_address("x") is None


def test_a_forwarded_header_without_behind_proxy_is_ignored_and_warned_about_once(settings, caplog, monkeypatch):
    from django.test import RequestFactory

    import berakhlak.lib.clientip as clientip

    monkeypatch.setattr(clientip, "_warned_unused_header", False)
    settings.BEHIND_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    with caplog.at_level("WARNING", logger="berakhlak.security"):
        assert clientip.client_ip(request) == "10.0.0.2"
        assert clientip.client_ip(request) == "10.0.0.2"
    warnings = [r for r in caplog.records if "BEHIND_PROXY" in r.getMessage()]
    assert len(warnings) == 1
    settings.BEHIND_PROXY = True
    assert clientip.client_ip(request) == "198.51.100.7"
