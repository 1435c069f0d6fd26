"""What a configuration must pass besides its own validation before mailgate runs on it:
every template renders with sample values, and every file, program and environment
variable it names is usable — also those the daemon uses only later (an IMAP login).
``mailgate check-config`` and SIGHUP (:mod:`mailgate.ops.reload`) check the same."""

from __future__ import annotations

from mailgate.api.tokens import parse_tokens
from mailgate.config import Config
from mailgate.notify import Notifier
from mailgate.notify.templates import TEMPLATE_NAMES, Templates
from mailgate.resources import check_resources


def config_problems(config: Config) -> list[str]:
    """Each problem as ``key: what is wrong``; none when the configuration can run."""
    problems = []
    templates = Templates(config.templates.directory)
    for name in TEMPLATE_NAMES:
        if not templates.exists(name):
            problems.append(
                f"templates: no {name}/subject.txt in "
                f"{', '.join(str(d) for d in templates.directories)}"
            )
    if not problems:
        problems += Notifier(config, templates).check_templates()
    for checked in check_resources(config):
        if checked.problem:
            problems.append(checked.line)
        elif checked.key == "http.tokens_file" and isinstance(checked.content, str):
            entries, refused = parse_tokens(checked.content, config)
            problems += [f"{checked.key}: {checked.value}: {p}" for p in refused]
            if not entries and not refused:
                problems.append(f"{checked.key}: {checked.value} holds no token")
    return problems
