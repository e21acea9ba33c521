"""The matching engine ("maillage intelligent"): pure Python and numpy, no Flask request inside."""
