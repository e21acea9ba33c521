"""One package per domain."""
