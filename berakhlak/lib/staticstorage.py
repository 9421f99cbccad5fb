"""The static-files storage of production: WhiteNoise's compressed manifest storage (content-hashed
names, gzip and Brotli copies), forgiving when the files were never collected.

``berakhlak serve`` collects before it starts. A process started otherwise (``gunicorn berakhlak.wsgi``
by hand, a benchmark, ``berakhlak worker`` rendering a page) on an empty STATIC_ROOT would raise
"Missing staticfiles manifest entry" on every page with Django's strict storage: a 500 instead of a
page. Here a name missing from the manifest falls back to its plain URL (which WhiteNoise serves if the
file is there, else a 404 of the stylesheet, not of the page).
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: no manifest entry and no file to hash
            return name
