"""Response headers Django 5.2 does not set by itself."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty


class ContentSecurityPolicyMiddleware:
    """Add the ``Content-Security-Policy`` header of ``settings.CONTENT_SECURITY_POLICY``.

    All scripts are static files (htmx, Bootstrap, the platform's own), so no inline script is allowed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class PrivateNoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response that may hold someone's data, so that no
    shared proxy and no browser cache (a shared office computer, the back button after logging out) keeps
    a copy: every response to a request that carries a session cookie (a signed-in person, whether or not
    the view looked at them) or whose session was read or written, every response that sets a cookie,
    and every page of the public survey answering path (``/s/…``: its drafts are private). Exports (CSV,
    XLSX) and PDFs are such responses. Paths under ``STATIC_URL`` keep their own long caching.

    It reads only flags: it never loads the session itself (the answering path must not touch a
    signed-in person's session).
    """

    PRIVATE_PREFIXES = ("/s/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.is_private(request, response):
            patch_cache_control(response, private=True, no_store=True)  # drops a "public" already there
            # a shared-cache lifetime set earlier must not survive next to "private"
            response.headers["Cache-Control"] = ", ".join(
                part for part in response.headers["Cache-Control"].split(", ")
                if part.split("=")[0].strip().lower() != "s-maxage")
        return response

    def is_private(self, request, response) -> bool:
        static = settings.STATIC_URL or ""  # with the script prefix, like request.path
        if static.startswith("/") and request.path.startswith(static):
            return False
        if request.path_info.startswith(self.PRIVATE_PREFIXES):
            return True
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        session = getattr(request, "session", None)
        if session is not None and (getattr(session, "accessed", False) or getattr(session, "modified", False)):
            return True
        user = getattr(request, "user", None)
        # only a user already loaded (a lazy one not yet evaluated would load the session)
        loaded = user is not None and (not isinstance(user, LazyObject) or user._wrapped is not empty)
        if loaded and user.is_authenticated:
            return True
        return bool(response.cookies)
