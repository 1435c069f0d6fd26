"""cli: the ``mailgate`` command."""
