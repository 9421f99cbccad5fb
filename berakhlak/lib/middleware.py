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


class RejectBadCharactersMiddleware:
    """Answer 400 with a clear bilingual page, before any view runs, when the path, a query parameter, a
    submitted form field (name or value) or an uploaded file's name holds a NUL character or a lone
    surrogate (``berakhlak.lib.text``): PostgreSQL cannot store either, SQLite would, so without this
    the same input is a server error on one database and stored garbage on the other.

    One general guard for every view, including those that read ``request.POST`` directly. A
    multipart body is inspected unless the view is exempt from the CSRF check: for every other view
    the CSRF check parses the body before the view anyway, while an exempt view may still choose its
    own upload handlers (streaming to disk) before the body is read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A cookie is not a form: a forbidden character in one (``Cookie: sessionid="\\000…"`` is
        # unescaped to NUL) would make the session lookup itself fail on PostgreSQL before any view.
        # Such a cookie is ignored (a session cookie then means no session) and deleted in the answer.
        from berakhlak.lib.text import has_bad_characters

        bad = [name for name, value in request.COOKIES.items() if has_bad_characters(name) or has_bad_characters(value)]
        for name in bad:
            del request.COOKIES[name]
            if name == settings.SESSION_COOKIE_NAME and hasattr(request, "session"):
                from importlib import import_module

                request.session = import_module(settings.SESSION_ENGINE).SessionStore(None)
        response = self.get_response(request)
        for name in bad:
            if not has_bad_characters(name):
                response.delete_cookie(name)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        where = self.bad_field(request, parse_multipart=not getattr(view_func, "csrf_exempt", False))
        if where is None:
            return None
        from django.shortcuts import render

        return render(request, "front/bad_input.html", {"field": where}, status=400)

    @staticmethod
    def bad_field(request, parse_multipart: bool = True) -> str | None:
        """The name of the first place that holds a forbidden character, or ``None``."""
        from berakhlak.lib.text import has_bad_characters

        if has_bad_characters(request.path):
            return "URL"
        sources = [request.GET]
        if request.method == "POST":
            parsed = "_post" in request.__dict__ or parse_multipart
            if parsed or request.content_type != "multipart/form-data":
                sources.append(request.POST)
                if parsed:
                    for key, files in request.FILES.lists():
                        for upload in files:
                            if has_bad_characters(key) or has_bad_characters(upload.name or ""):
                                return _shown(key)
        for data in sources:
            for key, values in data.lists():
                if has_bad_characters(key) or any(has_bad_characters(v) for v in values):
                    return _shown(key)
        return None


def _shown(name: str) -> str:
    """A field name safe to show back: forbidden characters replaced, at most 60 characters."""
    from berakhlak.lib.text import BAD_CHARACTERS

    name = BAD_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", name)
    return name if len(name) <= 60 else name[:59] + "…"
