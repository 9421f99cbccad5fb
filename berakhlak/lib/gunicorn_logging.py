"""gunicorn's logger with survey tokens and 360 form keys redacted from the access and error logs.

``berakhlak serve`` sets it (``logger_class``); with plain gunicorn:
``gunicorn berakhlak.wsgi --logger-class berakhlak.lib.gunicorn_logging.RedactingLogger``.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from berakhlak.lib.logredact import RedactSecretsFilter


class RedactingLogger(Logger):
    """gunicorn's ``Logger`` whose error and access loggers pass every record through
    ``RedactSecretsFilter`` (the whole formatted access line: request line, referer, headers)."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactSecretsFilter) for f in log.filters):
                log.addFilter(RedactSecretsFilter())
