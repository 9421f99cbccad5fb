"""Shared steps of the browser tests."""


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the login form and wait for the home page."""
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
