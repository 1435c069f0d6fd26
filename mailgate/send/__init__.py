"""send: outbox rows → a transport.  Knows nothing of tickets: it delivers complete
messages and records the outcome on their rows."""
