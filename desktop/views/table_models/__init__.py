"""Qt item models over the rows that services return, one module per table."""
