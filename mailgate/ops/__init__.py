"""ops: running mailgate as a service — the daemon, its child processes, its signals."""
