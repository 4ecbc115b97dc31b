"""The registers of the board cycle: interests, decisions, review dates."""
