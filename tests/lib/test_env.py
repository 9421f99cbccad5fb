import pytest

from berakhlak.lib.env import ImproperEnv, env, envbool, envint, envlist


def test_it_reads_value_then_file_then_default(monkeypatch, tmp_path):
    monkeypatch.delenv("BK_X", raising=False)
    monkeypatch.delenv("BK_X_FILE", raising=False)
    assert env("BK_X", "d") == "d"
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("BK_X_FILE", str(secret))
    assert env("BK_X", "d") == "from-file"
    monkeypatch.setenv("BK_X", "direct")
    assert env("BK_X", "d") == "direct"


@pytest.mark.parametrize("raw,expected", [("1", True), ("yes", True), ("ya", True), ("0", False), ("off", False), ("", True)])
def test_it_parses_booleans(monkeypatch, raw, expected):
    monkeypatch.setenv("BK_B", raw)
    assert envbool("BK_B", True) is expected


def test_it_refuses_bad_values_naming_the_variable(monkeypatch):
    monkeypatch.setenv("BK_B", "maybe")
    with pytest.raises(ImproperEnv, match="BK_B"):
        envbool("BK_B", False)
    monkeypatch.setenv("BK_I", "12a")
    with pytest.raises(ImproperEnv, match="BK_I"):
        envint("BK_I", 1)


def test_it_splits_lists(monkeypatch):
    monkeypatch.setenv("BK_L", "a.example, b.example,,")
    assert envlist("BK_L", []) == ["a.example", "b.example"]
    monkeypatch.delenv("BK_L")
    assert envlist("BK_L", ["x"]) == ["x"]
