"""First run and the whole-database screens: the start page, empty states, the session that
opens, restores and unlocks the database, the sample data's own window."""
