"""Assign each message of this set to "tune" or "heldout" and rewrite SPLIT.json.

The rule: take the SHA-256 of the file's path relative to this folder, with forward
slashes and UTF-8 encoded (for example ``en/01-order-returned-to-sender.eml``). If the
first hexadecimal digit of the digest is even (0 2 4 6 8 a c e) the file belongs to
"tune", otherwise to "heldout". The side of a file depends on its own name only, so
adding or removing a file never moves another one.

Usage: ``python3 split.py`` (from any directory; standard library only).
"""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def side(relative_path: str) -> str:
    """The split a file belongs to, from its path relative to this folder."""
    first = hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[0]
    return "tune" if int(first, 16) % 2 == 0 else "heldout"


def main() -> None:
    names = sorted(path.relative_to(HERE).as_posix() for path in HERE.glob("*/*.eml"))
    split = {name: side(name) for name in names}
    text = json.dumps(split, indent=1, ensure_ascii=False) + "\n"
    (HERE / "SPLIT.json").write_text(text, encoding="utf-8")
    tune = sum(1 for value in split.values() if value == "tune")
    print(f"SPLIT.json: {len(split)} files, {tune} tune, {len(split) - tune} heldout")


if __name__ == "__main__":
    main()
