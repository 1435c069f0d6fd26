"""ops: running mailgate as a service — the daemon, its logging, its signals."""
