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


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("ya", True), ("0", False), ("off", False), ("", True)])
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


# --- .env files ---------------------------------------------------------------------------------

from berakhlak.lib.env import load_dotenv, parse_dotenv, project_env_file  # noqa: E402


def test_dotenv_reads_plain_quoted_exported_and_commented_values():
    text = (
        "# a comment\n"
        "\n"
        "SECRET_KEY=abc#def\n"              # '#' inside a bare value is part of it
        "ALLOWED_HOSTS=a.go.id,b.go.id   # trailing comment\n"
        "export DEBUG=0\n"
        'EMAIL_HOST_PASSWORD="p@ss word \\"q\\" #1"\n'
        "SITE_URL='https://x.go.id/#literal \\n'\n"
        "EMPTY=\n"
        "  SPACED = value with spaces  \n"
    )
    assert parse_dotenv(text) == {
        "SECRET_KEY": "abc#def",
        "ALLOWED_HOSTS": "a.go.id,b.go.id",
        "DEBUG": "0",
        "EMAIL_HOST_PASSWORD": 'p@ss word "q" #1',
        "SITE_URL": "https://x.go.id/#literal \\n",
        "EMPTY": "",
        "SPACED": "value with spaces",
    }


@pytest.mark.parametrize("line", ["JUST_A_NAME", "=value", "1ABC=x", "BAD-NAME=x", 'Q="unclosed', "Q='a' b"])
def test_dotenv_refuses_a_bad_line_naming_file_and_line(line):
    with pytest.raises(ImproperEnv, match=r"conf\.env:2:"):
        parse_dotenv(f"OK=1\n{line}\n", source="conf.env")


def test_dotenv_never_overrides_the_environment(tmp_path):
    path = tmp_path / ".env"
    path.write_text("SECRET_KEY=from-file\nDEBUG=1\nNEW=yes\n")
    environ = {"SECRET_KEY": "from-env", "DEBUG": ""}  # set, even to empty, wins
    assert load_dotenv(path, environ=environ) == {"NEW": "yes"}
    assert environ == {"SECRET_KEY": "from-env", "DEBUG": "", "NEW": "yes"}
    assert load_dotenv(tmp_path / "missing.env", environ=environ) == {}


def test_the_project_env_file_is_the_root_one_unless_chosen_or_testing(tmp_path):
    assert project_env_file(tmp_path, environ={}, testing=False) == str(tmp_path / ".env")
    assert project_env_file(tmp_path, environ={"BERAKHLAK_ENV_FILE": "/etc/b.env"}, testing=False) == "/etc/b.env"
    assert project_env_file(tmp_path, environ={"BERAKHLAK_ENV_FILE": ""}, testing=False) is None
    assert project_env_file(tmp_path, environ={}, testing=True) is None
    assert project_env_file(tmp_path) is None  # this very test suite


def test_make_demo_writes_a_private_env_once_and_the_cli_reads_it(tmp_path):
    """`make demo` writes .env (here at a chosen path) with random secrets, never overwrites it, and the
    `berakhlak` CLI then runs without SECRET_KEY or DEBUG in the environment."""
    import stat
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    target = tmp_path / ".env"
    make = ["make", "-s", "-C", str(root), f"ENV_FILE={target}", str(target)]
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    pairs = parse_dotenv(target.read_text())
    assert len(pairs["SECRET_KEY"]) >= 50 and len(pairs["ANONYMITY_SECRET"]) >= 50
    assert pairs["SECRET_KEY"] != pairs["ANONYMITY_SECRET"]
    first = target.read_text()
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    assert target.read_text() == first  # never overwritten: live links and sessions survive a re-run

    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    cli = [sys.executable, "-m", "berakhlak.cli", "check"]
    done = subprocess.run(cli, cwd=root, env={**env, "BERAKHLAK_ENV_FILE": str(target)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(cli, cwd=root, env={**env, "BERAKHLAK_ENV_FILE": ""}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "SECRET_KEY is required when DEBUG is off" in done.stderr and "Traceback" not in done.stderr
