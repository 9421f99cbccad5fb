#!/usr/bin/env python
"""Django's command-line utility; the same as the ``berakhlak`` console script."""

from berakhlak.cli import main

if __name__ == "__main__":
    main()
