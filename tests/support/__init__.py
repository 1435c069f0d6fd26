"""What the tests share, by theme: the mail they build, the configurations they write,
the services they need, the daemon and the processes they run, the SMTP and HTTP clients
and servers they talk to, and waiting for what those do.  Test modules import these from
here, never from one another nor from a conftest.py, which holds fixtures and hooks only."""
