"""The training area: courses, sessions, the register and charges."""
