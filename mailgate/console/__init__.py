"""The agents' web console: server-rendered pages over the actions the command line, the
API and agents' mail share, served by the HTTP listener of ``mailgate run`` at ``/``."""
