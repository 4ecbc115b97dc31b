"""The Actions area: the action log of every board, filtered as you type, one action in full
beside it, and the changes a business manager makes while chasing them."""
