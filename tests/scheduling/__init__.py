"""The Friday interview scheduler (pure Python, no database)."""
