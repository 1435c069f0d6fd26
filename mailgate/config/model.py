"""The whole configuration (:class:`Config`): its sections, the checks across them, and
the questions the rest of mailgate asks of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from mailgate.addresses import normalize_address, split_address
from mailgate.config.contacts import ContactsConfig
from mailgate.config.duplicates import DuplicatesConfig
from mailgate.config.helpdesk import (
    AgentConfig,
    DepartmentConfig,
    HelpdeskConfig,
    LifecycleConfig,
    NotifyConfig,
    TemplatesConfig,
)
from mailgate.config.inbound import ImapAccountConfig, InboundConfig
from mailgate.config.languages import StatusLabels, check_languages
from mailgate.config.outbound import OutboundConfig
from mailgate.config.ratings import RatingsConfig
from mailgate.config.security import SecurityConfig
from mailgate.config.service import (
    ConsoleConfig,
    DaemonConfig,
    DatabaseConfig,
    HttpConfig,
    LogConfig,
    ProcessingConfig,
    RetentionConfig,
    SchedulerConfig,
)
from mailgate.config.sla import CalendarConfig, SlaConfig, SlaPolicy, check_sla, policy_for
from mailgate.config.tagging import FieldConfig, TagRuleConfig, check_tagging
from mailgate.config.types import Section
from mailgate.languages import status_labels

if TYPE_CHECKING:
    from mailgate.classify import Policy
    from mailgate.custom_fields import FieldSpec
    from mailgate.parse import ParseOptions
    from mailgate.tags import TagRule


class Config(Section):
    helpdesk: HelpdeskConfig = HelpdeskConfig()
    departments: tuple[DepartmentConfig, ...] = Field(min_length=1)
    database: DatabaseConfig = DatabaseConfig()
    inbound: InboundConfig = InboundConfig()
    processing: ProcessingConfig = ProcessingConfig()
    outbound: OutboundConfig = OutboundConfig()
    templates: TemplatesConfig = TemplatesConfig()
    notify: NotifyConfig = NotifyConfig()
    lifecycle: LifecycleConfig = LifecycleConfig()
    duplicates: DuplicatesConfig = DuplicatesConfig()
    agents: tuple[AgentConfig, ...] = ()
    http: HttpConfig = HttpConfig()
    console: ConsoleConfig = ConsoleConfig()
    retention: RetentionConfig = RetentionConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    daemon: DaemonConfig = DaemonConfig()
    security: SecurityConfig = SecurityConfig()
    contacts: ContactsConfig = ContactsConfig()
    log: LogConfig = LogConfig()
    tag_rules: tuple[TagRuleConfig, ...] = ()
    fields: tuple[FieldConfig, ...] = ()
    ratings: RatingsConfig = RatingsConfig()
    calendars: tuple[CalendarConfig, ...] = ()
    sla: tuple[SlaConfig, ...] = ()
    # [labels.<language>]: how the statuses are written in that language (open = "…").
    labels: dict[str, StatusLabels] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _departments(self) -> Config:
        seen_names: set[str] = set()
        seen_addresses: dict[str, str] = {}
        for i, d in enumerate(self.departments):
            if d.name in seen_names:
                raise ValueError(f"departments[{i}].name: {d.name!r} is used twice")
            seen_names.add(d.name)
            for a in (d.address, *d.aliases):
                if a in seen_addresses:
                    raise ValueError(
                        f"departments[{i}]: address {a!r} already belongs to "
                        f"department {seen_addresses[a]!r}"
                    )
                seen_addresses[a] = d.name
        for i, account in enumerate(self.inbound.imap):
            if account.department is not None and account.department not in seen_names:
                raise ValueError(
                    f"inbound.imap[{i}].department: {account.department!r} is not the name "
                    f"of a department (expected one of {sorted(seen_names)})"
                )
        names = [a.name for a in self.inbound.imap]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"inbound.imap: the account name {name!r} is used twice")
        agents: set[str] = set()
        for i, agent in enumerate(self.agents):
            if agent.address in agents:
                raise ValueError(f"agents[{i}].address: {agent.address!r} is listed twice")
            agents.add(agent.address)
            if agent.address in seen_addresses:
                raise ValueError(
                    f"agents[{i}].address: {agent.address!r} is an address of department "
                    f"{seen_addresses[agent.address]!r}, not of a person"
                )
            for dep in agent.departments:
                if dep not in seen_names:
                    raise ValueError(
                        f"agents[{i}].departments: {dep!r} is not the name of a department "
                        f"(expected some of {sorted(seen_names)})"
                    )
        da = self.helpdesk.default_agent
        if da is not None and da not in agents:
            known = f"expected one of {sorted(agents)}" if agents else "[[agents]] lists none"
            raise ValueError(
                f"helpdesk.default_agent: {da!r} is not the address of an agent of "
                f"[[agents]] ({known})"
            )
        check_languages(self)
        for key in ("default_department", "postmaster_department"):
            name = getattr(self.helpdesk, key)
            if name is not None and name not in seen_names:
                raise ValueError(
                    f"helpdesk.{key}: {name!r} is not the name of a department "
                    f"(expected one of {sorted(seen_names)})"
                )
        check_tagging(self.tag_rules, self.fields, seen_names)
        check_sla(self.calendars, self.sla, seen_names)
        return self

    @model_validator(mode="after")
    def _ratings(self) -> Config:
        # The rating links are signed with the helpdesk's key and served by the console
        # at the public address: without them a client's click would find nothing.
        asking = [d.name for d in self.departments if self.asks_for_rating(d.name)]
        if not asking:
            return self
        needs = (
            ("helpdesk.secret_file", bool(self.helpdesk.secret_file), "the links' key"),
            ("http.public_url", bool(self.http.public_url), "the address the links start with"),
            ("http.enabled", self.http.enabled, "the listener that serves the rating pages"),
            ("console.enabled", self.console.enabled, "the console serves the rating pages"),
        )
        for key, given, why in needs:
            if not given:
                raise ValueError(
                    f"{key}: required when ratings are asked for ({why}; departments "
                    f"asking: {', '.join(asking)})"
                )
        return self

    # -- questions the rest of mailgate asks of the configuration ---------------------

    def scheduled_jobs(self) -> tuple[str, ...]:
        """The periodic jobs ``mailgate run`` runs: those enabled in [scheduler.jobs], but
        the service levels' only where [[sla]] sets a target (without one it has nothing
        to do)."""
        return tuple(n for n in self.scheduler.enabled_jobs() if n != "sla" or self.sla)

    def asks_for_rating(self, department: str) -> bool:
        """Whether the client of a closed ticket of ``department`` is asked to rate it:
        the department's ``rating`` key, else ``[ratings] enabled``."""
        d = self.department(department)
        if d is not None and d.rating is not None:
            return d.rating
        return self.ratings.enabled

    @property
    def default_department(self) -> DepartmentConfig:
        wanted = self.helpdesk.default_department
        for d in self.departments:
            if d.name == wanted:
                return d
        return self.departments[0]

    @property
    def postmaster_department(self) -> DepartmentConfig:
        """The department that takes the postmaster's mail."""
        wanted = self.helpdesk.postmaster_department
        return (self.department(wanted) if wanted else None) or self.default_department

    def status_labels(self, language: str) -> dict[str, str]:
        """Each status's label in ``language``: ``[labels.<language>]`` over the shipped
        labels (docs/languages.md)."""
        return status_labels(language, {k: v.given() for k, v in self.labels.items()})

    def department(self, name: str) -> DepartmentConfig | None:
        for d in self.departments:
            if d.name == name:
                return d
        return None

    def department_for(self, address: str) -> DepartmentConfig | None:
        """The department that owns ``address``, with or without a ``+tag`` after the
        local part (``support+x7@example.com`` belongs to ``support@example.com``).
        ``postmaster@`` of a domain the departments' addresses are in, and a bare
        ``postmaster``, belong to :attr:`postmaster_department` unless a department has
        that address: RFC 5321 §4.5.1 (and §4.1.1.3) want them accepted."""
        wanted = normalize_address(address)
        local, domain = split_address(wanted)
        delim = self.helpdesk.recipient_delimiter
        base = f"{local.split(delim, 1)[0]}@{domain}" if delim and delim in local else wanted
        for d in self.departments:
            owned = (d.address, *d.aliases)
            if wanted in owned or base in owned:
                return d
        if local == "postmaster" and (not domain or domain in self.served_domains()):
            return self.postmaster_department
        return None

    def served_domains(self) -> frozenset[str]:
        """The domains of the departments' addresses and aliases."""
        return frozenset(split_address(a)[1] for a in self.own_addresses())

    def sla_policy(self, department: str, priority: str) -> SlaPolicy | None:
        """The service level of a ticket of ``department`` and ``priority`` (``[[sla]]``);
        None: it has none."""
        return policy_for(self.calendars, self.sla, department, priority)

    def imap_account(self, name: str) -> ImapAccountConfig | None:
        for account in self.inbound.imap:
            if account.name == name:
                return account
        return None

    def agent(self, address: str) -> AgentConfig | None:
        wanted = normalize_address(address)
        for a in self.agents:
            if a.address == wanted:
                return a
        return None

    def agents_of(self, department: str) -> tuple[AgentConfig, ...]:
        return tuple(a for a in self.agents if not a.departments or department in a.departments)

    def own_addresses(self) -> frozenset[str]:
        return frozenset(a for d in self.departments for a in (d.address, *d.aliases))

    def parse_options(self) -> ParseOptions:
        """How messages are parsed here: the subject token, the parsing limits of
        ``[processing]`` and ``[security] remote_images``."""
        from mailgate.parse import ParseOptions

        return ParseOptions(
            subject_token=self.helpdesk.subject_token,
            max_depth=self.processing.max_mime_depth,
            max_parts=self.processing.max_mime_parts,
            max_header_bytes=self.processing.max_header_bytes,
            remote_images=self.security.remote_images,
        )

    def policy(self) -> Policy:
        """The sender policy classify applies (``[security]``)."""
        from mailgate.classify import Policy

        sec = self.security
        return Policy(block=frozenset(sec.block), allow=frozenset(sec.allow), spam=sec.spam)

    def tag_rule_table(self) -> tuple[TagRule, ...]:
        """The ``[[tag_rules]]``, compiled, in their order."""
        delimiter = self.helpdesk.recipient_delimiter
        return tuple(r.rule(delimiter) for r in self.tag_rules)

    def fields_of(self, department: str) -> tuple[FieldSpec, ...]:
        """The custom fields of ``department``'s tickets, in the order of ``[[fields]]``."""
        return tuple(f.spec() for f in self.fields if f.department == department)

    def field_specs(self) -> tuple[FieldSpec, ...]:
        """Every department's custom fields."""
        return tuple(f.spec() for f in self.fields)
