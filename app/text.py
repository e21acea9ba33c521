"""Text folding for search: case, accents and spacing do not matter."""

import unicodedata
from functools import lru_cache


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Accented Latin letters and combining marks, decomposed once: str.translate does the rest in C.
_TABLE = {
    code: _slow_fold(chr(code))
    for code in range(0x80, 0x2100)
    if _slow_fold(chr(code)) != chr(code)
}
# Ligatures NFKD keeps: 'manœuvre' is written 'manoeuvre' too.
_TABLE.update({ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE"})


def _fold(text: str) -> str:
    if not text.isascii():
        text = text.translate(_TABLE)
        if not text.isascii():
            text = _slow_fold(text)
    return " ".join(text.casefold().split())


_fold_cached = lru_cache(maxsize=1 << 18)(_fold)
CACHED_LENGTH = 200  # titles and skills are cached; long texts (summaries) are not kept


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces ('Préposée  aux' -> 'preposee aux').

    The ligatures œ and æ become 'oe' and 'ae'. Each distinct short string is folded once per
    process (the result is cached).
    """
    if not text:
        return ""
    return _fold_cached(text) if len(text) <= CACHED_LENGTH else _fold(text)
