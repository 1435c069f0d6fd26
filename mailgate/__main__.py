"""The ``mailgate`` command (``python -m mailgate`` too)."""

from mailgate.ops.signals import hold


def main() -> None:
    # Before the command line's modules load (and `run` loads the whole daemon): a
    # SIGTERM meanwhile must wait for the daemon's handlers, not kill it (see
    # mailgate.ops.signals).
    hold()
    from mailgate.cli.main import main as cli

    cli()


if __name__ == "__main__":
    main()
