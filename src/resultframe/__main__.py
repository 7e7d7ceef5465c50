"""``python -m resultframe``: the same as the ``resultframe`` command."""

from __future__ import annotations

if __name__ == "__main__":
    from resultframe.cli import main

    raise SystemExit(main())
