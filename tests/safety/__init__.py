"""Hostile input against the running daemon: each test names what it tries."""
