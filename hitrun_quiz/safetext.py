"""Untrusted text made safe for a terminal, a message line or the store.

Stdlib only.  :func:`safe` is the one function that makes untrusted text
(pack text, file names, command-line arguments, answers) safe to print in a
message or on a terminal; :func:`clean_player_name` turns a player's name into
one clean line; :func:`fold_name` is the key names are compared by.
"""

from __future__ import annotations

import re

MAX_PLAYER_LEN = 32

# --------------------------------------------------------------------------- names

_SPACE_CONTROLS = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85"
_STRING_INTRODUCERS = "\x90\x98\x9d\x9e\x9f"  # 8-bit DCS, SOS, OSC, PM, APC
# Unicode bidi overrides/isolates: they can reorder the rest of a terminal line.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _is_dropped(ch: str) -> bool:
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or ch in _BIDI


def _strip_escapes(s: str) -> str:
    """Drop whole terminal escape sequences (CSI, OSC/DCS strings, ESC x), as a terminal would."""
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        nxt = s[i + 1] if i + 1 < n else ""
        if (ch == "\x1b" and nxt == "[") or ch == "\x9b":
            # CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final 0x40-0x7E.
            i += 2 if ch == "\x1b" else 1
            while i < n and "\x30" <= s[i] <= "\x3f":
                i += 1
            while i < n and "\x20" <= s[i] <= "\x2f":
                i += 1
            if i < n and "\x40" <= s[i] <= "\x7e":
                i += 1
        elif (ch == "\x1b" and nxt and nxt in "]PX^_") or ch in _STRING_INTRODUCERS:
            # OSC / DCS / SOS / PM / APC: a string up to BEL or ST (ESC \ or 0x9C).
            i += 2 if ch == "\x1b" else 1
            while i < n and s[i] not in "\x07\x9c\x1b":
                i += 1
            if i < n and s[i] in "\x07\x9c":
                i += 1
            elif s[i : i + 2] == "\x1b\\":
                i += 2
        elif ch == "\x1b" and nxt and "\x20" <= nxt <= "\x7e":
            # ESC 7, ESC c, ESC ( B, ...: intermediates 0x20-0x2F, then a final 0x30-0x7E.
            i += 1
            while i < n and "\x20" <= s[i] <= "\x2f":
                i += 1
            if i < n and "\x30" <= s[i] <= "\x7e":
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def clean_player_name(name: str) -> str:
    """A player name safe to store and show: one line, no control characters.

    Terminal escape sequences (``ESC [ 2 J``, 8-bit CSI ``\\x9b...``, OSC titles)
    are removed whole; remaining C0/C1 controls, DEL, lone surrogates and bidi
    overrides are dropped; newlines and tabs become spaces; whitespace runs
    collapse to one space; the result is trimmed and cut to 32 characters (then
    trimmed again). May return ``""``: the caller substitutes a default. Markup
    such as ``[blink]`` is kept literally (the UI renders names as plain text).
    """
    kept: list[str] = []
    for ch in _strip_escapes(name):
        if ch in _SPACE_CONTROLS:
            kept.append(" ")
        elif not _is_dropped(ch):
            kept.append(ch)
    s = " ".join("".join(kept).split())
    return s[:MAX_PLAYER_LEN].rstrip()


# --------------------------------------------------------------------------- any text

# Everything a terminal may act on rather than show: C0 controls (newline and
# tab included: a message is one line), DEL, C1 controls, bidi marks,
# embeddings, overrides and isolates, the line and paragraph separators, and
# lone surrogates (which no encoder accepts).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    o = ord(match.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def safe(text: object) -> str:
    r"""``text`` made safe for a terminal or one message line.

    Every character a terminal could act on instead of showing is replaced by
    a visible escape: ESC becomes ``\x1b``, a newline ``\x0a``, the bidi
    override U+202E ``\u202e``, U+2028 ``\u2028``.  Everything else, markup
    such as ``[bold]`` included, is kept as it is (render it as plain text).

    >>> safe("a\x1b[2Jb\u202ec")
    'a\\x1b[2Jb\\u202ec'
    """
    s = text if isinstance(text, str) else str(text)
    return _UNSAFE.sub(_escape, s)


def fold_name(name: str) -> str:
    """The key player names are compared by: cleaned, NFKC, then casefolded.

    ``fold_name("Élodie") == fold_name("éLODIE")``; SQLite's NOCASE folds ASCII only.
    """
    import unicodedata

    return unicodedata.normalize("NFKC", clean_player_name(name)).casefold()


def json_text(text: str) -> str:
    r"""A JSON document with every character :func:`safe` escapes written as ``\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` leaves C1 controls (U+009B is an
    8-bit CSI), bidi controls and U+2028 raw; in a JSON text they can only
    stand inside strings, where ``\uXXXX`` means the same character.
    """
    # C0 controls are escaped by json.dumps already; outside strings only the
    # whitespace between tokens is one, and that must stay.
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
