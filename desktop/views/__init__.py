"""Qt widgets, one module per screen. Views call services; they never touch a Session."""
