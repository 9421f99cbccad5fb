"""Read by gunicorn when it is started from the project root (``gunicorn berakhlak.wsgi``), as the
benchmarks do: survey tokens and 360 form keys are redacted from its access and error logs, as under
``berakhlak serve`` (which sets the same logger itself). Production uses ``berakhlak serve``
(docs/deploy.md)."""

logger_class = "berakhlak.lib.gunicorn_logging.RedactingLogger"
