"""Friday interview scheduling: place requests on the session grid, check and edit schedules."""

from app.scheduling.solver import (
    ConflictError,
    Request,
    Schedule,
    SessionSpec,
    Slot,
    Window,
    cancel_slot,
    check,
    grid_starts,
    move_slot,
    place_slot,
    solve,
    swap_slots,
)

__all__ = [
    "ConflictError",
    "Request",
    "Schedule",
    "SessionSpec",
    "Slot",
    "Window",
    "cancel_slot",
    "check",
    "grid_starts",
    "move_slot",
    "place_slot",
    "solve",
    "swap_slots",
]
