"""Text folding for search: case, accents and spacing do not matter."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces ('Préposée  aux' -> 'preposee aux')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
