"""The production static storage hashes collected files and never turns a page into a 500 when the
files were not collected (gunicorn started by hand, a benchmark, the worker)."""

from berakhlak.lib.staticstorage import StaticFilesStorage


def test_an_uncollected_name_falls_back_to_its_plain_url(tmp_path):
    storage = StaticFilesStorage(location=tmp_path / "empty", base_url="/static/")
    assert storage.url("vendor/bootstrap-5.3.9.min.css") == "/static/vendor/bootstrap-5.3.9.min.css"


def test_a_collected_name_is_hashed(tmp_path):
    (tmp_path / "front").mkdir()
    (tmp_path / "front" / "app.css").write_text("body{color:#123}\n")
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    hashed = storage.url("front/app.css")
    assert hashed.startswith("/static/front/app.") and hashed.endswith(".css") and hashed != "/static/front/app.css"
