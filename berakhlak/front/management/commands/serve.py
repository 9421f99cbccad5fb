"""``berakhlak serve [--port N] [--workers N]``: the production server.

gunicorn with DEBUG off (the ``berakhlak`` console script forces it; this command refuses DEBUG on),
static files served by WhiteNoise from STATIC_ROOT (collected here when the sources changed: hashed
names, gzip and Brotli copies, far-future caching), and survey tokens and 360 form keys redacted from
the access and error logs. See docs/deploy.md.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from berakhlak.front.checks import email_prints_messages
from berakhlak.lib.env import envint

STAMP = ".berakhlak-collected"
MANIFEST = "staticfiles.json"


def static_fingerprint() -> str:
    """A digest of every static source file (path, size, modification time) and of the storage, so that
    an unchanged checkout is not collected again at every start."""
    digest = hashlib.sha256()
    digest.update(repr((settings.STORAGES["staticfiles"], settings.STATIC_URL)).encode())
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            st = os.stat(storage.path(path))
            entries.append(f"{getattr(storage, 'prefix', '') or ''}/{path}\0{st.st_size}\0{st.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def collect_static_if_stale(stdout=None) -> bool:
    """Run ``collectstatic`` into STATIC_ROOT unless it already holds the current sources. True when it
    collected."""
    root = Path(settings.STATIC_ROOT)
    fingerprint = static_fingerprint()
    stamp = root / STAMP
    if (root / MANIFEST).exists() and stamp.exists() and stamp.read_text().strip() == fingerprint:
        return False
    if stdout:
        stdout.write(f"Mengumpulkan berkas statis ke / collecting static files into {root} …")
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint + "\n")
    return True


def workers_default() -> int:
    return envint("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)


def gunicorn_options(*, host: str, port: int, workers: int, threads: int, timeout: int,
                     access_log: str, error_log: str) -> dict:
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "timeout": timeout,
        "graceful_timeout": 30,
        "accesslog": access_log or None,
        "errorlog": error_log,
        "logger_class": "berakhlak.lib.gunicorn_logging.RedactingLogger",
        "proc_name": "berakhlak",
        # No control socket in $HOME: two servers on one machine (a test beside a benchmark) must not
        # share one; systemd is the process manager.
        "control_socket_disable": True,
    }
    if Path("/dev/shm").is_dir():
        options["worker_tmp_dir"] = "/dev/shm"  # heartbeat files off the disk
    if not settings.BEHIND_PROXY:
        # Without BEHIND_PROXY no forwarded header decides the scheme, not even from loopback
        # (gunicorn trusts 127.0.0.1 by default); with it, FORWARDED_ALLOW_IPS names the proxies.
        options["secure_scheme_headers"] = {}
        options["forwarded_allow_ips"] = ""
    return options


class Command(BaseCommand):
    help = ("Jalankan server produksi (gunicorn, DEBUG mati, berkas statis oleh WhiteNoise) / "
            "run the production server (gunicorn, DEBUG off, static files by WhiteNoise)")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1",
                            help="alamat yang didengar / address to bind (default 127.0.0.1, behind a proxy)")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=None,
                            help="proses gunicorn / gunicorn worker processes "
                                 "(default $WEB_CONCURRENCY, else 2 × CPU + 1)")
        parser.add_argument("--threads", type=int, default=1, help="thread per proses / threads per worker")
        parser.add_argument("--timeout", type=int, default=120,
                            help="detik sebelum proses yang macet diganti / seconds before a stuck worker is replaced")
        parser.add_argument("--access-log", default="-",
                            help="berkas log akses ('-' = stdout, '' = tanpa) / access log file ('-': stdout, '': none)")
        parser.add_argument("--error-log", default="-", help="berkas log galat / error log file ('-': stderr)")
        parser.add_argument("--no-collectstatic", action="store_true",
                            help="jangan kumpulkan berkas statis / do not collect static files (STATIC_ROOT is ready)")

    def handle(self, *args, host, port, workers, threads, timeout, access_log, error_log, no_collectstatic,
               **options):
        if settings.DEBUG:
            raise CommandError("serve adalah server produksi: DEBUG harus mati (DEBUG=0) / serve is the "
                               "production server: DEBUG must be off (DEBUG=0); use `berakhlak demo` to try it")
        if email_prints_messages():
            self.stderr.write(self.style.WARNING(
                f"PERINGATAN / WARNING: EMAIL_BACKEND={settings.EMAIL_BACKEND}: e-mail dicetak ke log, "
                "termasuk tautan survei pribadi / e-mails are printed to the log, personal survey links "
                "included. Unset EMAIL_BACKEND to send them by SMTP."))
        if not 0 < port < 65536:
            raise CommandError(f"--port {port}: harus 1–65535 / must be 1-65535")
        workers = workers_default() if workers is None else workers
        if workers < 1 or threads < 1 or timeout < 1:
            raise CommandError("--workers, --threads dan --timeout minimal 1 / must be at least 1")
        if settings.SECURE_SSL_REDIRECT and not settings.BEHIND_PROXY:
            self.stdout.write(
                "Catatan: SECURE_SSL_REDIRECT aktif tanpa BEHIND_PROXY, setiap permintaan HTTP dialihkan ke https / "
                "note: SECURE_SSL_REDIRECT is on without BEHIND_PROXY, every plain-HTTP request is redirected to "
                "https. Behind a TLS proxy set BEHIND_PROXY=1; on loopback without TLS set SECURE_SSL_REDIRECT=0 "
                "SECURE_COOKIES=0 (docs/deploy.md).")
        try:
            self.check_migrations()  # also proves the database answers before any worker starts
        except DatabaseError as exc:
            raise CommandError(f"basis data tidak dapat dibuka / the database cannot be opened: {exc}".strip()) from None
        if not no_collectstatic:
            try:
                collect_static_if_stale(self.stdout)
            except OSError as exc:
                raise CommandError(f"STATIC_ROOT={settings.STATIC_ROOT}: berkas statis tidak dapat dikumpulkan / "
                                   f"static files cannot be collected: {exc}") from None
        elif not (Path(settings.STATIC_ROOT) / MANIFEST).exists():
            raise CommandError(f"{settings.STATIC_ROOT}/{MANIFEST} tidak ada: jalankan `berakhlak collectstatic` / "
                               "is missing: run `berakhlak collectstatic` first")
        connections.close_all()  # no connection of this process may be shared by the forked workers

        from gunicorn.app.base import BaseApplication

        class Server(BaseApplication):
            def __init__(self, app_options):
                self.app_options = app_options
                super().__init__()

            def load_config(self):
                for key, value in self.app_options.items():
                    self.cfg.set(key, value)

            def load(self):
                from django.core.wsgi import get_wsgi_application

                return get_wsgi_application()

        opts = gunicorn_options(host=host, port=port, workers=workers, threads=threads, timeout=timeout,
                                access_log=access_log, error_log=error_log)
        self.stdout.write(f"BerAKHLAK: http://{host}:{port}/ — gunicorn, {workers} worker(s), "
                          f"static files from {settings.STATIC_ROOT} (Ctrl+C untuk berhenti / to stop)")
        self.stdout.flush()
        Server(opts).run()
