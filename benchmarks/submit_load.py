#!/usr/bin/env python
"""Benchmark: survey submissions over HTTP (gunicorn + PostgreSQL on loopback), beside pgbench.

DESIGN.md scale target: >= 300 submissions per second sustained for 60 s, p99 < 500 ms, none lost or
doubled (issue #3, item 9b). Steps:

1. generate one agency (deterministic generator), create a fresh PostgreSQL database, migrate,
   ``berakhlak import units`` + ``berakhlak import employees`` (subprocesses, as in
   ``import_employees.py``); create and launch an anonymous wave of the built-in Likert instrument
   (``send=False``); write every invitation's draft with complete answers (21 behaviours, EE1-EE6,
   EB1-EB4, a comment for one invitation in five), encrypted and keyed as the answering path does
   (``surveys_draft``, ``lib.anonymity.seal``), in one bulk insert. The ten page saves a person
   makes before submitting are therefore *not* in the measured figure: the measured request is the
   final ``POST /s/<token>/kirim/``.
2. start ``gunicorn berakhlak.wsgi`` (DEBUG=0, persistent database connections via ``CONN_MAX_AGE``;
   ``SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0`` for plain HTTP on loopback).
3. drive it with locust (headless, a locustfile written by this script): every simulated user takes the
   next unused token from a shared list, starts as a new browser (empty cookie jar), GETs the review page
   ``/s/<token>/periksa/`` (CSRF cookie + form token), then POSTs the submission (redirects not followed:
   the answer must be ``302 -> /s/selesai/``). One token in ``--dup-every`` is submitted twice in a row,
   another one in ``--dup-every`` twice at the same time (a double click); both copies must answer
   ``302 -> /s/selesai/`` and only one response may be stored. The offered load is ``--rate`` flows
   (GET + POST) per second: ``--users`` users, each starting one flow every ``users / rate`` seconds on
   a random phase (a user whose flow is late starts the next at once, so an overloaded server sees at
   most one flow per user); ``--rate 0`` runs the users closed-loop (as fast as the server answers).
   Figures cover the ``--duration`` seconds after ``--warmup``; the CPU of gunicorn, PostgreSQL and
   locust in that window is sampled from ``/proc`` (all three share the machine's cores).
4. check in SQL that nothing was lost or doubled: answered invitations (the ``surveys_spent`` keys, which
   this script maps back to member ids with the secret it gave the server) == the tokens acknowledged with
   ``302 -> /s/selesai/``, responses == answered invitations (in total and per record unit), extra answers
   == 10 x responses, comments == answered invitations that had one, no draft left of an answered
   invitation, no response linked to an invitation (anonymous wave).
5. the fastest plain tool: ``pgbench`` running the same writes per transaction on the same database
   (read of the draft, ``INSERT`` of the spent key, of the response and of its 10 extra answers,
   ``DELETE`` of the draft), ``--baseline-clients`` clients for ``--baseline-seconds``; then the same
   again also taking the wave row's share lock, as ``response_submit`` does (the cost of that lock
   without any Python in between).

gunicorn and the database are removed at the end, also on failure or Ctrl-C (``--keep`` keeps the
database and the work directory). Exit status 1 when a submission was lost or doubled; a missed speed
target is only reported.

    .venv/bin/python benchmarks/submit_load.py --employees 30000 --rate 300 --duration 60 \
        --database postgresql://postgres@127.0.0.1:5432/berakhlak_bench_submit
    .venv/bin/python benchmarks/submit_load.py --rate 0 --users 32     # the most this machine sustains
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

THANKS = "/s/selesai/"

# The locust side. Written to a file and run as ``locust -f`` in its own process: locust monkey-patches
# the standard library with gevent on import, which must not happen in this (Django, psycopg) process.
LOCUSTFILE = textwrap.dedent('''
    import itertools, json, os, random, re, time

    import gevent
    from locust import FastHttpUser, events, task
    from locust.exception import StopUser

    TOKENS = open(os.environ["BENCH_TOKENS"]).read().split()
    DUP_EVERY = int(os.environ["BENCH_DUP_EVERY"])
    PER_USER = float(os.environ["BENCH_PER_USER"])
    THANKS = "/s/selesai/"
    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    NEXT = itertools.count()
    ROWS = []  # one per token taken: see Respondent.respond
    EXHAUSTED = []


    @events.quitting.add_listener
    def _dump(environment, **_kw):
        with open(os.environ["BENCH_OUT"], "w") as fh:
            json.dump({"rows": ROWS, "exhausted": len(EXHAUSTED)}, fh)


    class Respondent(FastHttpUser):
        network_timeout = 30.0
        connection_timeout = 30.0
        # never follow a redirect: the answer of the POST itself is checked. (Not per request with
        # allow_redirects=False: locust toggles that on the session shared by the two concurrent copies.)
        max_redirects = 0

        def on_start(self):
            # locust starts the users in one burst: give each a random phase within one period, so that
            # the offered load is a steady stream and not a burst of every user once a period (locust's
            # constant_throughput would pull every user back to the start time)
            if PER_USER > 0:
                gevent.sleep(random.uniform(0, 1 / PER_USER))
            self._due = time.perf_counter()

        def wait_time(self):
            """One flow every 1/PER_USER s on the user's own phase; a late user starts at once and drops
            the slots it missed (so an overloaded server sees at most one flow per user in flight)."""
            if PER_USER <= 0:
                return 0
            now = time.perf_counter()
            self._due = max(self._due + 1 / PER_USER, now)
            return self._due - now

        def _submit(self, token, csrf, name):
            """POST the submission; returns [wall start, ms, status, acknowledged]."""
            wall, start = time.time(), time.perf_counter()
            with self.client.post(f"/s/{token}/kirim/", data={"csrfmiddlewaretoken": csrf}, name=name,
                                  catch_response=True) as r:
                ms = (time.perf_counter() - start) * 1000
                ok = r.status_code == 302 and (r.headers.get("Location") or "").endswith(THANKS)
                if ok:
                    r.success()
                else:
                    r.failure(f"status {r.status_code}, Location {r.headers.get('Location')!r}")
                return [wall, ms, r.status_code or 0, ok]

        @task
        def respond(self):
            i = next(NEXT)
            if i >= len(TOKENS):
                EXHAUSTED.append(i)
                raise StopUser()
            token = TOKENS[i]
            self.client.cookiejar.clear()  # every respondent is a new browser
            wall, start = time.time(), time.perf_counter()
            with self.client.get(f"/s/{token}/periksa/", name="GET review", catch_response=True) as r:
                get = [wall, (time.perf_counter() - start) * 1000, r.status_code or 0]
                match = CSRF.search(r.text or "") if r.status_code == 200 else None
                if match is None:
                    r.failure(f"status {r.status_code}, no form")
                    ROWS.append({"i": i, "get": get, "post": None, "dup": None, "kind": ""})
                    return
            csrf = match.group(1)
            kind = "seq" if i % DUP_EVERY == 0 else "par" if i % DUP_EVERY == DUP_EVERY // 2 else ""
            if kind == "par":
                pair = [gevent.spawn(self._submit, token, csrf, "POST submit"),
                        gevent.spawn(self._submit, token, csrf, "POST submit (duplicate, concurrent)")]
                gevent.joinall(pair)
                post, dup = pair[0].value, pair[1].value
            else:
                post = self._submit(token, csrf, "POST submit")
                dup = self._submit(token, csrf, "POST submit (duplicate, after)") if kind == "seq" else None
            ROWS.append({"i": i, "get": get, "post": post, "dup": dup, "kind": kind})
''')

PGBENCH_SCRIPT = """\\set m random({lo}, {hi})
BEGIN;
SELECT blob FROM surveys_draft WHERE id = :m;
INSERT INTO surveys_spent (wave_id, key) VALUES ({wave}, md5(random()::text) || md5(random()::text)) ON CONFLICT DO NOTHING;
INSERT INTO surveys_response (wave_id, unit_id, submitted_on, source, respondent_ref, member_id, {columns}) VALUES ({wave}, {unit}, CURRENT_DATE, 'WEB', '', NULL, {values}) RETURNING id AS rid \\gset
INSERT INTO surveys_extraanswer (response_id, item_id, value) VALUES {extra};
DELETE FROM surveys_draft WHERE id = :m;
END;
"""


# --- helpers ---------------------------------------------------------------------------------------

def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return time.perf_counter() - start


def admin_url(url: str) -> tuple[str, str]:
    base, name = url.rsplit("/", 1)
    return f"{base}/postgres", name


def recreate_database(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    admin, name = admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stop(proc: subprocess.Popen | None, timeout: float = 15) -> None:
    """Stop a process this script started (SIGTERM, then SIGKILL), by its own pid."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[k]


class CpuSampler(threading.Thread):
    """CPU seconds of gunicorn (master + workers), PostgreSQL (every ``postgres`` process, exited backends
    through the postmaster's children times) and locust, plus the whole machine, once a second."""

    def __init__(self, gunicorn_pid: int, locust_pid: int):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.gunicorn_pid, self.locust_pid = gunicorn_pid, locust_pid
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.done = threading.Event()

    @staticmethod
    def _own(p) -> float:
        t = p.cpu_times()
        return t.user + t.system

    def sample(self) -> dict[str, float]:
        ps = self.psutil
        out = {"gunicorn": 0.0, "postgres": 0.0, "locust": 0.0}
        try:
            master = ps.Process(self.gunicorn_pid)
            out["gunicorn"] = self._own(master) + sum(self._own(c) for c in master.children())
        except ps.Error:
            pass
        with contextlib.suppress(ps.Error):
            out["locust"] = self._own(ps.Process(self.locust_pid))
        for p in ps.process_iter(["name", "ppid"]):
            try:
                if p.info["name"] != "postgres":
                    continue
                t = p.cpu_times()
                out["postgres"] += t.user + t.system
                if p.info["ppid"] == 1 or (p.info["ppid"] and ps.Process(p.info["ppid"]).name() != "postgres"):
                    out["postgres"] += t.children_user + t.children_system  # postmaster: exited backends
            except ps.Error:
                continue
        total = ps.cpu_times()
        out["busy"] = total.user + total.system + total.nice + getattr(total, "irq", 0) + getattr(total, "softirq", 0)
        out["all"] = out["busy"] + total.idle + getattr(total, "iowait", 0) + getattr(total, "steal", 0)
        out["iowait"] = getattr(total, "iowait", 0)
        out["steal"] = getattr(total, "steal", 0)  # a virtual machine's CPU taken by the host
        return out

    def run(self) -> None:
        while not self.done.is_set():
            self.samples.append((time.time(), self.sample()))
            self.done.wait(1.0)

    def window(self, t0: float, t1: float) -> dict[str, float]:
        """Share of one core (100 % = one core busy) of each part between t0 and t1."""
        if len(self.samples) < 2:
            return {}
        a = min(self.samples, key=lambda s: abs(s[0] - t0))
        b = min(self.samples, key=lambda s: abs(s[0] - t1))
        span = b[0] - a[0]
        if span <= 0:
            return {}
        cores = os.cpu_count() or 1
        res = {k: 100 * (b[1][k] - a[1][k]) / span for k in ("gunicorn", "postgres", "locust")}
        all_ = b[1]["all"] - a[1]["all"]
        res["machine busy"] = 100 * cores * (b[1]["busy"] - a[1]["busy"]) / all_ if all_ else 0
        res["iowait"] = 100 * cores * (b[1]["iowait"] - a[1]["iowait"]) / all_ if all_ else 0
        res["steal"] = 100 * cores * (b[1]["steal"] - a[1]["steal"]) / all_ if all_ else 0
        res["other"] = res["machine busy"] - res["gunicorn"] - res["postgres"] - res["locust"]
        return res


# --- steps -------------------------------------------------------------------------------------------

def prepare(args, workdir: Path, env: dict[str, str]) -> dict:
    """Fresh database with one agency, an open wave and a complete draft on every invitation."""
    from berakhlak.demo.generator import write_national_csv

    t0 = time.perf_counter()
    [(code, units_csv, employees_csv)] = write_national_csv(workdir, employees=args.employees, agencies=1)
    recreate_database(args.database)
    berakhlak = str(BIN / "berakhlak")
    run([berakhlak, "migrate", "-v0"], env)
    run([berakhlak, "import", "units", str(units_csv), "--agency", code], env)
    run([berakhlak, "import", "employees", str(employees_csv), "--agency", code, "--no-progress"], env)

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "berakhlak.settings"
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from berakhlak.org.models import Agency
    from berakhlak.surveys.models import WaveMember
    from berakhlak.surveys.services import instrument_builtin, invitation_token, wave_create, wave_launch

    agency = Agency.objects.get(code=code)
    today = timezone.localdate()
    wave = wave_create(actor=None, agency=agency, code="BENCH-SUBMIT", title="Benchmark pengiriman jawaban",
                       instrument=instrument_builtin(), opens_on=today, closes_on=today + timedelta(days=30))
    population = wave_launch(actor=None, wave=wave, send=False)
    wave.refresh_from_db()
    items = list(wave.instrument.items.values_list("code", "pk"))
    codes = [c for c, _ in items]
    from berakhlak.lib.anonymity import seal
    from berakhlak.surveys.invitations import member_draft_key, member_spent_key
    from berakhlak.surveys.models import Draft

    members = list(WaveMember.objects.filter(wave=wave).order_by("pk").values_list("pk", "record_unit_id"))
    ids = [pk for pk, _ in members]
    tokens = {pk: invitation_token(wave, pk) for pk in ids}
    # a complete draft (every item on its page, 1-5 spread by member and item); a comment for 1 in 5
    drafts = [Draft(wave=wave, key=member_draft_key(wave.pk, pk), blob=seal(tokens[pk], {
        "answers": {c: 1 + (pk * 7 + n) % 5 for n, c in enumerate(codes)}, "picks": {},
        "comment": f"Komentar uji beban {pk}" if pk % 5 == 0 else ""})) for pk in ids]
    Draft.objects.bulk_create(drafts, batch_size=5000)
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE) surveys_draft")
    # what only the secret's holder can tell: the spent key and the draft key of each member
    keys = {"spent": {member_spent_key(wave.pk, pk): pk for pk in ids},
            "draft": {member_draft_key(wave.pk, pk): pk for pk in ids},
            "record_unit": dict(members)}
    (workdir / "keys.json").write_text(json.dumps(keys))
    draft_ids = list(Draft.objects.filter(wave=wave).order_by("pk").values_list("pk", flat=True))
    tokens = [tokens[pk] for pk in ids]
    random.Random(9).shuffle(tokens)  # respondents of every unit at once
    (workdir / "tokens.txt").write_text("\n".join(tokens) + "\n")
    unit_id = members[0][1]
    connection.close()
    return {"agency": code, "wave": wave.pk, "population": population, "items": items, "unit": unit_id,
            "lo": draft_ids[0], "hi": draft_ids[-1], "setup_s": time.perf_counter() - t0}


def free_port(port: int) -> int:
    """``port`` if nothing listens on it (0: any free port); refuse to load somebody else's server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            raise SystemExit(f"127.0.0.1:{port} is in use ({exc.strerror}): choose another --port") from None
        return sock.getsockname()[1]


def start_gunicorn(args, workdir: Path, env: dict[str, str]) -> subprocess.Popen:
    cmd = [str(BIN / "gunicorn"), "berakhlak.wsgi", "-w", str(args.workers), "--threads", str(args.threads),
           "-b", f"127.0.0.1:{args.port}", "--backlog", "2048", "--timeout", "120",
           "--worker-tmp-dir", "/dev/shm", "--error-logfile", str(workdir / "gunicorn.log"),
           "--logger-class", "berakhlak.lib.gunicorn_logging.RedactingLogger"]  # no token in the logs
    if args.access_log:  # server-side time of each request in microseconds (last field)
        cmd += ["--access-logfile", str(workdir / "access.log"),
                "--access-logformat", '%(t)s %(p)s "%(r)s" %(s)s %(D)s']
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}: see {workdir / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}{THANKS}", timeout=2) as r:
                if r.status == 200 and proc.poll() is None:
                    return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 s")


def run_locust(args, workdir: Path, gunicorn: subprocess.Popen) -> tuple[dict, CpuSampler, float]:
    locustfile = workdir / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    out = workdir / "locust.json"
    per_user = args.rate / args.users if args.rate > 0 else 0
    env = dict(os.environ, BENCH_TOKENS=str(workdir / "tokens.txt"), BENCH_OUT=str(out),
               BENCH_DUP_EVERY=str(args.dup_every), BENCH_PER_USER=str(per_user))
    run_time = args.warmup + args.duration + 2
    cmd = [str(BIN / "locust"), "-f", str(locustfile), "--headless", "-u", str(args.users), "-r", str(args.users),
           "-t", f"{run_time}s", "--host", f"http://127.0.0.1:{args.port}", "--stop-timeout", "30",
           "--only-summary", "--loglevel", "WARNING"]
    with open(workdir / "locust.log", "w") as log:
        started = time.time()
        proc = subprocess.Popen(cmd, env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
        sampler = CpuSampler(gunicorn.pid, proc.pid)
        sampler.start()
        try:
            proc.wait(run_time + 90)
        finally:
            stop(proc)
            sampler.done.set()
            sampler.join()
    if not out.exists():
        raise SystemExit(f"locust wrote no results: see {workdir / 'locust.log'}")
    return json.loads(out.read_text()), sampler, started


def check_database(url: str, wave_id: int, acknowledged: set[int], attempted: set[int], workdir: Path) -> dict:
    """Compare what the clients were told with what the database holds (mapping the keyed hashes back to
    member ids with the keys computed, with the secret, at setup)."""
    import psycopg

    keys = json.loads((workdir / "keys.json").read_text())
    record_unit = {int(k): v for k, v in keys["record_unit"].items()}
    with psycopg.connect(url) as conn:
        spent = [r[0] for r in conn.execute("SELECT key FROM surveys_spent WHERE wave_id = %s", [wave_id])]
        answered = {keys["spent"][k] for k in spent if k in keys["spent"]}
        responses = conn.execute("SELECT count(*) FROM surveys_response WHERE wave_id = %s", [wave_id]).fetchone()[0]
        linked = conn.execute("SELECT count(*) FROM surveys_response WHERE wave_id = %s AND member_id IS NOT NULL",
                              [wave_id]).fetchone()[0]
        per_unit = dict(conn.execute("SELECT unit_id, count(*) FROM surveys_response WHERE wave_id = %s GROUP BY unit_id",
                                     [wave_id]).fetchall())
        extra = conn.execute("SELECT count(*) FROM surveys_extraanswer e JOIN surveys_response r ON r.id = e.response_id "
                             "WHERE r.wave_id = %s", [wave_id]).fetchone()[0]
        comments = conn.execute("SELECT count(*) FROM surveys_comment WHERE wave_id = %s", [wave_id]).fetchone()[0]
        drafts = [r[0] for r in conn.execute("SELECT key FROM surveys_draft WHERE wave_id = %s", [wave_id])]
    expected_unit: dict[int, int] = {}
    for m in answered:
        expected_unit[record_unit[m]] = expected_unit.get(record_unit[m], 0) + 1
    return {
        "answered": len(answered), "responses": responses, "linked": linked,
        "unit_mismatch": sum(1 for u in set(per_unit) | set(expected_unit) if per_unit.get(u) != expected_unit.get(u)),
        "extra": extra, "comments": comments, "comments_expected": sum(1 for m in answered if m % 5 == 0),
        "drafts_left": sum(1 for k in drafts if keys["draft"].get(k) in answered),
        "foreign_spent": len(spent) - len(answered),  # a spent key of no member
        "lost": len(acknowledged - answered),  # told "thanks", nothing stored
        "unasked": len(answered - attempted),  # stored without any POST
        "stored_unacknowledged": len((answered & attempted) - acknowledged),  # POST failed, yet stored
    }


def pgbench_baseline(args, info: dict, workdir: Path) -> dict | None:
    """The fastest plain tool: the same writes per transaction with pgbench (C client, prepared)."""
    pgbench = shutil.which("pgbench")
    if pgbench is None or args.baseline_seconds <= 0:
        return None
    from berakhlak.analytics.likert import BEHAVIOUR_CODES

    columns = ", ".join(c.lower() for c in BEHAVIOUR_CODES)
    values = ", ".join(str(1 + n % 5) for n in range(len(BEHAVIOUR_CODES)))
    extra_ids = [pk for code, pk in info["items"] if code not in BEHAVIOUR_CODES]
    extra = ", ".join(f"(:rid, {pk}, {1 + n % 5})" for n, pk in enumerate(extra_ids))
    script = workdir / "submit.pgbench"
    script.write_text(PGBENCH_SCRIPT.format(lo=info["lo"], hi=info["hi"], columns=columns, wave=info["wave"],
                                            unit=info["unit"], values=values, extra=extra))
    # the same transaction also taking the share lock of the wave row, as response_submit does
    locked = workdir / "submit_locked.pgbench"
    locked.write_text(script.read_text().replace(
        "BEGIN;\n", f"BEGIN;\nSELECT status FROM surveys_wave WHERE id = {info['wave']} FOR SHARE;\n"))
    clients = args.baseline_clients or args.workers * args.threads
    out = {"clients": clients, "extra": len(extra_ids)}
    for key, path in (("plain", script), ("locked", locked)):
        cmd = [pgbench, "-n", "-M", "prepared", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 1)),
               "-T", str(args.baseline_seconds), "-f", str(path), args.database]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            raise SystemExit(f"pgbench exited with {proc.returncode}")
        out[key] = (float(re.search(r"tps = ([\d.]+)", proc.stdout).group(1)),
                    float(re.search(r"latency average = ([\d.]+) ms", proc.stdout).group(1)))
    return out


# --- main --------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=30_000, help="invitations (one agency); enough tokens "
                        "for (warmup + duration) x rate")
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/berakhlak_bench_submit")
    parser.add_argument("--rate", type=float, default=300, help="offered token flows (GET + POST) per second; "
                        "0 = closed loop")
    parser.add_argument("--users", type=int, default=0, help="locust users (default: --rate, or 32 closed-loop)")
    parser.add_argument("--duration", type=int, default=60, help="measured seconds")
    parser.add_argument("--warmup", type=int, default=5, help="seconds before the measured window")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread)")
    parser.add_argument("--conn-max-age", type=int, default=600, help="CONN_MAX_AGE of the app (0 = a new "
                        "PostgreSQL connection per request)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: a free one)")
    parser.add_argument("--dup-every", type=int, default=100, help="one token in N submitted twice in a row, "
                        "one in N twice at once")
    parser.add_argument("--baseline-clients", type=int, default=0, help="pgbench clients (default: workers x threads)")
    parser.add_argument("--baseline-seconds", type=int, default=15)
    parser.add_argument("--access-log", action="store_true", help="gunicorn access log with the server-side time "
                        "of each request (in the work directory; use with --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the database and the work directory")
    args = parser.parse_args()
    if not args.users:
        args.users = max(1, round(args.rate)) if args.rate > 0 else 32

    def _terminate(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix="bench-submit-"))
    # Plain HTTP on loopback: DEBUG off keeps the production defaults (HTTPS only), which these two
    # variables lift for 127.0.0.1 (docs/deploy.md).
    env = dict(os.environ, DATABASE_URL=args.database, SECRET_KEY=secrets.token_urlsafe(50), DEBUG="0",
               ALLOWED_HOSTS="127.0.0.1", CONN_MAX_AGE=str(args.conn_max_age), LOG_LEVEL="WARNING",
               SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0")
    gunicorn = None
    failed = True
    try:
        args.port = free_port(args.port)  # before the setup, so that a busy port fails at once
        info = prepare(args, workdir, env)
        gunicorn = start_gunicorn(args, workdir, env)
        result, sampler, _started = run_locust(args, workdir, gunicorn)
        stop(gunicorn)

        rows = result["rows"]
        tokens = (workdir / "tokens.txt").read_text().split()

        def member(row) -> int:  # a token is "<member id>-<signature>"
            return int(tokens[row["i"]].split("-", 1)[0])

        first = min(r["get"][0] for r in rows)
        t0, t1 = first + args.warmup, first + args.warmup + args.duration
        posts = [r for r in rows if r["post"]]

        def acknowledged(row) -> bool:
            return row["post"][3] or (row["kind"] == "par" and row["dup"][3])

        in_window = [r for r in posts if t0 <= r["post"][0] + r["post"][1] / 1000 < t1]
        stored_in_window = [r for r in in_window if acknowledged(r)]
        submit_ms = [r["post"][1] for r in in_window]
        get_ms = [r["get"][1] for r in rows if t0 <= r["get"][0] < t1]
        per10 = [sum(1 for r in stored_in_window if t0 + k <= r["post"][0] + r["post"][1] / 1000 < t0 + k + 10) / 10
                 for k in range(0, args.duration - 9, 10)]
        get_errors = sum(1 for r in rows if r["post"] is None)
        post_errors = sum(1 for r in posts if not r["post"][3])
        post_errors_unexplained = sum(1 for r in posts if not acknowledged(r))
        dups = [r for r in posts if r["kind"]]
        dup_bad_rows = [r for r in dups if not (r["post"][3] and r["dup"][3])]
        dup_bad = len(dup_bad_rows)
        ack = {member(r) for r in posts if acknowledged(r)}
        attempted = {member(r) for r in posts}
        check = check_database(args.database, info["wave"], ack, attempted, workdir)
        cpu = sampler.window(t0, t1)
        baseline = pgbench_baseline(args, info, workdir)

        rate = len(stored_in_window) / args.duration
        p50, p90, p99 = (percentile(submit_ms, q) for q in (50, 90, 99))
        integrity = (check["lost"] == 0 and check["unasked"] == 0 and check["responses"] == check["answered"]
                     and check["unit_mismatch"] == 0 and check["extra"] == 10 * check["responses"]
                     and check["comments"] == check["comments_expected"] and check["drafts_left"] == 0
                     and check["linked"] == 0 and check["foreign_spent"] == 0 and dup_bad == 0)
        offered = (f"{args.users} users at {args.rate / args.users:.2f} flows/s each (offered {args.rate:.0f}/s)"
                   if args.rate > 0 else f"{args.users} users closed-loop")
        server = f"{args.workers} {'sync' if args.threads == 1 else f'gthread x{args.threads}'} workers"
        print()
        print(f"survey submissions over HTTP — {info['population']:,} invitations ({info['agency']}), gunicorn "
              f"{server}, CONN_MAX_AGE={args.conn_max_age}, PostgreSQL ({args.database}); locust {offered}; "
              f"window {args.duration} s after {args.warmup} s warm-up; setup {info['setup_s']:.0f} s")
        print(f"  submissions stored (POST -> 302 {THANKS})  {len(stored_in_window):8,}   {rate:8.1f} /s   "
              f"(target >= 300/s)")
        print(f"  per 10 s                                    {' '.join(f'{x:.0f}' for x in per10)}")
        print(f"  submit POST latency                         p50 {p50:.0f} ms   p90 {p90:.0f} ms   p99 {p99:.0f} ms"
              f"   max {max(submit_ms, default=float('nan')):.0f} ms   (target p99 < 500 ms)")
        print(f"  review GET latency (CSRF, not in target)    p50 {percentile(get_ms, 50):.0f} ms   "
              f"p99 {percentile(get_ms, 99):.0f} ms   ({len(get_ms) / args.duration:.1f} /s)")
        print(f"  errors                                      GET {get_errors}, first POST not 302 {post_errors} "
              f"(of which not acknowledged by its concurrent twin {post_errors_unexplained}); tokens left "
              f"{len(tokens) - len(rows):,}{' (ran out!)' if result['exhausted'] else ''}")
        print(f"  duplicates                                  {sum(r['kind'] == 'seq' for r in dups)} sent twice "
              f"in a row, {sum(r['kind'] == 'par' for r in dups)} twice at once; both copies -> {THANKS} "
              f"except {dup_bad}" + "".join(f"; {r['kind']}: HTTP {r['post'][2]} then {r['dup'][2]}"
                                            for r in dup_bad_rows[:5]))
        print(f"  database: responses {check['responses']:,}, answered invitations {check['answered']:,}, "
              f"acknowledged tokens {len(ack):,}; lost {check['lost']}, stored without a POST {check['unasked']}, "
              f"stored after a failed POST {check['stored_unacknowledged']}, units whose counts differ "
              f"{check['unit_mismatch']}; extra answers {check['extra']:,} (10 x responses = "
              f"{10 * check['responses']:,}); comments {check['comments']:,} (expected {check['comments_expected']:,});"
              f" drafts left on answered {check['drafts_left']}; responses linked to an invitation {check['linked']}")
        if cpu:
            print("  CPU in the window (100 % = one core, machine has "
                  f"{os.cpu_count()}): " + ", ".join(f"{k} {v:.0f} %" for k, v in cpu.items()))
        if cpu and cpu["other"] > 15:
            print(f"  WARNING: other processes used {cpu['other']:.0f} % of a core during the window: the figures "
                  "understate what this machine can do; run again on a quiet machine")
        if baseline:
            tps, latency = baseline["plain"]
            print(f"  pgbench, same writes per transaction        {tps:8.1f} tx/s   latency avg {latency:.1f} ms   "
                  f"({baseline['clients']} clients, {args.baseline_seconds} s; read draft + INSERT spent + "
                  f"INSERT response + INSERT {baseline['extra']} extra answers + DELETE draft)")
            tps_locked, latency_locked = baseline["locked"]
            print(f"  pgbench, also share-locking the wave row (as the app) {tps_locked:8.1f} tx/s   latency avg "
                  f"{latency_locked:.1f} ms")
            print(f"  ratio pgbench / HTTP                        {tps / rate if rate else float('inf'):8.1f} x")
        else:
            print("  no baseline (pgbench not found, or --baseline-seconds 0)")
        print(f"  targets: >= 300/s {'met' if rate >= 300 else 'NOT met'}; p99 < 500 ms "
              f"{'met' if p99 < 500 else 'NOT met'}; none lost or doubled {'met' if integrity else 'NOT met'}")
        failed = not integrity
    finally:
        stop(gunicorn)
        if "django" in sys.modules and getattr(sys.modules["django"], "apps", None) is not None:
            from django.apps import apps

            if apps.ready:
                from django.db import connections

                connections.close_all()
        if args.keep:
            print(f"kept: {workdir} and {args.database}")
        else:
            try:
                drop_database(args.database)
            except Exception as exc:  # noqa: BLE001  (report and go on cleaning up)
                print(f"could not drop {args.database}: {exc}", file=sys.stderr)
            shutil.rmtree(workdir, ignore_errors=True)
    if failed:
        raise SystemExit("a submission was lost or doubled: see the database line above")


if __name__ == "__main__":
    main()
