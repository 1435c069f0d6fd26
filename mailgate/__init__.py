"""mailgate: an inbound-email ticket gateway for helpdesks."""

__version__ = "0.1.0"
