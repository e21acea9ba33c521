"""Friday interview scheduling: place requests on the session grid, check and edit schedules."""

from app.scheduling import solver
from app.scheduling.solver import *  # noqa: F403

__all__ = solver.__all__
