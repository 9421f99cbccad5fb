from berakhlak.accounts.scope import scope_for


def scope(request):
    """Expose the user's data scope to templates as ``scope`` (roles for the menu)."""
    user = getattr(request, "user", None)
    return {"scope": scope_for(user) if user is not None else None}
