"""The site served by ``berakhlak serve`` (DEBUG off, WhiteNoise) is styled and scripted in Chromium, on a
phone and on a desktop (screenshots for a person to look at): today's 404 of every static file would
leave Times New Roman and grey default buttons."""

import pytest

from tests.serving import LOGIN, running_serve, suite_database_url

pytestmark = [pytest.mark.browser]

STYLE = """() => {
    const button = document.querySelector('form button[type=submit], form .btn');
    const b = getComputedStyle(button);
    return {font: getComputedStyle(document.body).fontFamily, background: b.backgroundColor,
            radius: b.borderRadius, sheets: document.styleSheets.length, htmx: typeof window.htmx,
            overflow: document.documentElement.scrollWidth > window.innerWidth};
}"""


def test_the_served_login_page_is_styled_on_a_phone_and_a_desktop(request, browser, tmp_path, shot):
    database_url = suite_database_url(request, tmp_path)
    styles, failed = {}, []
    with running_serve(database_url, tmp_path) as (base, _log):
        for width, height in ((390, 844), (1366, 900)):
            context = browser.new_context(locale="id-ID", viewport={"width": width, "height": height})
            page = context.new_page()
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
            page.goto(base + LOGIN)
            page.wait_for_load_state("networkidle")
            styles[width] = page.evaluate(STYLE)
            shot(page, f"serve-login-{width}")
            context.close()
    assert failed == []
    for width, style in styles.items():
        assert "Times" not in style["font"] and "system-ui" in style["font"], style  # Bootstrap's font stack
        assert style["background"] not in ("rgba(0, 0, 0, 0)", "rgb(239, 239, 239)"), style
        assert style["radius"] != "0px", style
        assert style["sheets"] >= 2 and style["htmx"] == "object", style
        assert not style["overflow"], f"the page is wider than the screen at {width} px"
