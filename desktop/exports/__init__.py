"""Documents written from the data: Word, PDF and Excel exports."""
