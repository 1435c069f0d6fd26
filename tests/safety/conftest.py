"""Fixtures the safety tests share with the outbound tests: a configuration sending to a
relay on a loopback port, and stores opened on it."""

from tests.test_send_smtp import open_store, smtp_config

__all__ = ["open_store", "smtp_config"]
