"""The layers of mailgate's modules, bottom to top: tests/test_layers.py checks the
imports against this table, tests/test_architecture_doc.py the table of
docs/architecture.md."""

from __future__ import annotations

# Bottom to top.  A module may import from its own layer and the layers below; which layer
# a module is in is said by the longest entry that is the module or one of its packages.
# ``mailgate`` itself (the package's face: its version) is at the bottom and matches only
# itself.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "values and helpers",
        (
            "mailgate",
            "mailgate.addresses",
            "mailgate.custom_fields",  # the types of custom fields and their values
            "mailgate.businesstime",  # working hours, holidays: business time, pure
            "mailgate.envelope",
            "mailgate.errors",  # the one tree of exceptions; every layer raises them
            "mailgate.lifecycle",  # the ticket state machine: a table and its checks
            "mailgate.lifeline",  # how a child process ends with the daemon
            "mailgate.logs",
            "mailgate.printable",
            "mailgate.resources",
            "mailgate.subjects",
            "mailgate.timebox",
            "mailgate.reply_addresses",
            "mailgate.rating_links",  # the signed links of a rating request
            "mailgate.vocabulary",  # the base of the named values (StrEnum)
        ),
    ),
    # Below the configuration: pure steps over a message's values, needing nothing of
    # the configuration or the store.  The configuration builds their options
    # (ParseOptions, Policy) and the store records their values (attachments, Message-IDs).
    # sender_auth looks DKIM keys up in DNS, but decides over values like the rest.
    (
        "decisions over a message",
        (
            "mailgate.parse",
            "mailgate.classify",
            "mailgate.duplicates",  # whether new mail repeats a ticket its sender has open
            "mailgate.thread",
            "mailgate.sender_auth",
            "mailgate.tags",  # tag rules over a message's values
            "mailgate.contacts",  # organizations and contacts: values and named rules
            "mailgate.languages",  # which language a client is answered in
        ),
    ),
    # routing: which department a message is for, from the configuration alone.
    # sla: a ticket's service level clocks from its history and its [[sla]] target.
    ("configuration", ("mailgate.config", "mailgate.routing", "mailgate.sla")),
    ("store", ("mailgate.store",)),
    # metrics: the store's figures as /metrics and /healthz serve them.
    (
        "the durable hand-offs and their stages",
        ("mailgate.inbox", "mailgate.notify", "mailgate.send", "mailgate.metrics"),
    ),
    # The tickets' record: incoming mail opening and joining them, the mail they send
    # and to whom.  Above it, what agents do to tickets (the auto-close acts as one).
    ("tickets", ("mailgate.tickets",)),
    (
        "agents' actions",
        (
            "mailgate.tickets.actions",
            "mailgate.tickets.autoclose",
            "mailgate.tickets.changes",
            "mailgate.tickets.merging",  # merging tickets, and their numbers' aliases
            "mailgate.tickets.notes",
            "mailgate.tickets.sla",
            "mailgate.tickets.splitting",
        ),
    ),
    # The processing stage and the scheduled jobs.
    ("processing", ("mailgate.process", "mailgate.scheduler")),
    ("receive", ("mailgate.receive",)),
    # The JSON API and the agents' console: two faces of one listener, over the same
    # actions.  The console uses the API's shared state; the API's application mounts it.
    ("HTTP", ("mailgate.api", "mailgate.console")),
    # The daemon hosts every role: the listeners, the API, the workers.
    ("daemon", ("mailgate.ops",)),
    # The command line reaches everything, the daemon included.
    ("command line", ("mailgate.cli", "mailgate.__main__")),
)
