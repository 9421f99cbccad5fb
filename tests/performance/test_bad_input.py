"""Issue 11 §5 on the SKP pages: a NUL in any SKP text is a clear 400 that writes nothing, and evidence
links are http(s) only, shown as external links, never redirected through the platform."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from berakhlak.audit.models import AuditEvent
from berakhlak.performance.models import BehaviourExpectation, Evidence, Indicator, Period, Realisation, WorkResult
from berakhlak.performance.services import PerformanceError, evidence_add, realisation_save
from tests.performance.helpers import approved_skp

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "karakter yang tidak diizinkan"


def counts():
    return (WorkResult.objects.count(), Indicator.objects.count(), Realisation.objects.count(),
            Evidence.objects.count(), BehaviourExpectation.objects.count(), AuditEvent.objects.count())


@pytest.fixture
def client_of(client):
    def as_(user):
        client.force_login(user)
        return client
    return as_


def test_a_nul_in_any_skp_text_is_a_400_that_writes_nothing(skp_org, client_of):
    emp = skp_org["analis"]
    draft_owner = skp_org["pelaksana"]
    from berakhlak.performance.services import skp_create

    draft = skp_create(actor=draft_owner.user, employee=draft_owner, py=skp_org["year"])
    skp = approved_skp(skp_org)
    indicator = Indicator.objects.get(result__skp=skp)
    tw1 = Period.objects.get(year=skp.year, code="TW1")
    real = realisation_save(actor=emp.user, indicator=indicator, period=tw1, text="mulai")
    before = counts()
    posts = [
        (draft_owner.user, reverse("performance:result_add", args=[draft.pk]), {"kind": "UTAMA", "text": "Hasil\x00kerja"}),
        (draft_owner.user, reverse("performance:lampiran", args=[draft.pk]),
         {"style": "QUALITATIVE", "dukungan_sumber_daya": "a\x00", "skema_pertanggungjawaban": "", "konsekuensi": ""}),
        (skp.rater.user, reverse("performance:expectations", args=[skp.pk]), {"ekspektasi_BP": "layani\x00"}),
        (emp.user, reverse("performance:realisation", args=[skp.pk, "TW1", indicator.pk]), {"text": "selesai\x00"}),
        (emp.user, reverse("performance:feedback", args=[skp.pk, "TW1"]), {"text": "\x00"}),
        (emp.user, reverse("performance:evidence_add", args=[skp.pk, "TW1", real.pk]),
         {"link": "https://contoh.go.id/\x00", "note": ""}),
        (skp.rater.user, reverse("performance:rate", args=[skp.pk, "TW1"]),
         {"hasil_kerja": "SESUAI", "perilaku_kerja": "SESUAI", "note": "catatan\x00"}),
        (emp.user, reverse("performance:skp_action", args=[skp.pk, "kembalikan"]), {"reason": "alasan\x00"}),
    ]
    for user, url, data in posts:
        response = client_of(user).post(url, data)
        assert response.status_code == 400, url
        text = response.content.decode()
        assert NUL_MESSAGE in text and "Tidak ada yang disimpan" in text, url
        name = next(k for k, v in data.items() if "\x00" in v)
        assert f"“{name}”" in text
    assert counts() == before
    # a NUL in the query string of a page is refused the same way
    response = client_of(emp.user).get(reverse("performance:home"), {"tahun": "2024\x00"})
    assert response.status_code == 400


def test_the_400_page_speaks_english_when_asked(skp_org, client_of, settings):
    client = client_of(skp_org["analis"].user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("performance:skp_new"), {"year": "1\x00"})
    assert response.status_code == 400
    assert "holds a character that is not allowed" in response.content.decode()


@pytest.mark.parametrize("link", [
    "javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
    "file:///etc/passwd", "//evil.example/x", "evil.example/x", "vbscript:msgbox(1)", "https://", "http:///x",
    "https://bkn.go.id@evil.example/", "https://evil.example/\u202egpj.exe", "https://a b.example/",
    "ftp://files.example/x", "https://x.example/" + "a" * 500,
])
def test_only_http_links_are_accepted_with_a_form_error(skp_org, client_of, link):
    emp = skp_org["analis"]
    skp = approved_skp(skp_org)
    tw1 = Period.objects.get(year=skp.year, code="TW1")
    real = realisation_save(actor=emp.user, indicator=Indicator.objects.get(result__skp=skp), period=tw1, text="a")
    before = counts()
    response = client_of(emp.user).post(reverse("performance:evidence_add", args=[skp.pk, "TW1", real.pk]),
                                         {"link": link, "note": ""})
    assert response.status_code == 422
    assert "tautan" in response.content.decode().lower()
    assert counts() == before
    with pytest.raises(PerformanceError):  # the service holds the same rule for every caller
        evidence_add(actor=emp.user, realisation=real, link=link)


def test_a_link_is_shown_as_an_external_link_and_never_redirected(skp_org, client_of):
    emp = skp_org["analis"]
    skp = approved_skp(skp_org)
    tw1 = Period.objects.get(year=skp.year, code="TW1")
    real = realisation_save(actor=emp.user, indicator=Indicator.objects.get(result__skp=skp), period=tw1, text="a")
    client = client_of(emp.user)
    response = client.post(reverse("performance:evidence_add", args=[skp.pk, "TW1", real.pk]),
                           {"link": "https://drive.contoh.go.id/laporan?tw=1&x=<b>", "note": ""})
    assert response.status_code == 302
    ev = Evidence.objects.get(realisation=real)
    # a link stored before the rule (or written around it) is shown as text, not as a link
    bad = Evidence.objects.create(realisation=real, link="javascript:alert(1)")
    page = client.get(reverse("performance:period", args=[skp.pk, "TW1"])).content.decode()
    anchors = re.findall(r"<a [^>]*class=\"evidence-link\"[^>]*>", page)
    assert anchors == ['<a href="https://drive.contoh.go.id/laporan?tw=1&amp;x=&lt;b&gt;" target="_blank" '
                       'rel="noopener noreferrer" class="evidence-link">']
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page  # as escaped text only
    for e in (ev, bad):  # no redirect from the platform's own domain
        assert client.get(reverse("performance:evidence", args=[e.pk])).status_code == 404
