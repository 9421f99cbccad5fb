"""The SKP recap with a year or unit typed in non-ASCII digits (see tests/surveys/test_non_ascii_digits.py and
docs/security.md): ``isdigit()`` let "²" through and ``int()`` raised, so the page answered 500; the view now
reads them with ``lib.forms.posted_id``."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize("url", ["performance:recap", "performance:recap_export"])
@pytest.mark.parametrize("query", ["?year=²", "?unit=²"])
def test_the_recap_ignores_a_non_ascii_year_or_unit(client, skp_org, url, query):
    client.force_login(skp_org["hr"])
    client.raise_request_exception = False
    assert client.get(reverse(url) + query).status_code == 200


@pytest.mark.parametrize("url", ["performance:recap", "performance:recap_export"])
@pytest.mark.parametrize("query", ["?year=abc", "?unit=abc", "?unit=" + "9" * 20, "?year=1999"])
def test_control_the_recap_ignores_other_bad_years_and_units(client, skp_org, url, query):
    client.force_login(skp_org["hr"])
    assert client.get(reverse(url) + query).status_code == 200
