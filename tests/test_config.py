"""The configuration: the keys the issue names, defaults, and errors that name the key."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from mailgate.config import config_from_toml, load_config, parse_duration
from mailgate.errors import ConfigError
from tests.support.cli import run_cli

REPO = Path(__file__).resolve().parents[1]


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as err:
        config_from_toml(text, "<t>")
    return err.value.problems


def test_example_file_is_valid_and_documents_every_key() -> None:
    config = load_config(REPO / "mailgate.toml.example")
    assert config.helpdesk.domain == "example.com"
    assert config.helpdesk.subject_token == "#[{number}]"
    assert config.departments[0].address == "support@example.com"
    assert config.database.url == "sqlite:///var/mailgate.db"
    smtp = config.inbound.smtp
    assert (smtp.enabled, smtp.host, smtp.port, smtp.max_message_bytes) == (
        True,
        "127.0.0.1",
        2525,
        26214400,
    )
    assert (config.outbound.transport, config.outbound.directory) == ("file", "var/outbox")
    text = (REPO / "mailgate.toml.example").read_text()
    for key in leaf_keys(type(config)):
        name = key.rsplit(".", 1)[-1]
        assert f"\n{name} =" in text or f"\n# {name} =" in text, f"{key} is not documented"


def leaf_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key of the configuration schema, sections and lists of tables included."""
    out = []
    for name, field in model.model_fields.items():
        inner = field.annotation
        for arg in typing.get_args(inner) or (inner,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out += leaf_keys(arg, f"{prefix}{name}.")
                break
        else:
            out.append(prefix + name)
    return out


def test_embedded_default_needs_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MAILGATE_CONFIG", raising=False)
    config = load_config(None)
    assert config.inbound.smtp.port == 2525
    assert config.database.url == "sqlite:///var/mailgate.db"


def test_bad_value_names_key_value_and_expectation() -> None:
    [p] = problems(
        '[[departments]]\nname="support"\naddress="support@example.com"\n'
        "[inbound.smtp]\nport = 70000\n"
    )
    assert p.startswith("inbound.smtp.port:")
    assert "70000" in p


def test_unknown_key_is_reported_as_a_typo() -> None:
    [p] = problems(
        '[[departments]]\nname="s"\naddress="s@example.com"\n[inbound.smtp]\nprot = 25\n'
    )
    assert p.startswith("inbound.smtp.prot: unknown key")


def test_missing_departments_and_bad_address() -> None:
    assert problems("")[0].startswith("departments: required key is missing")
    [p] = problems('[[departments]]\nname = "support"\naddress = "not an address"\n')
    assert p.startswith("departments[0].address:")


def test_duplicate_department_address_is_refused() -> None:
    [p] = problems(
        '[[departments]]\nname="a"\naddress="x@example.com"\n'
        '[[departments]]\nname="b"\naddress="X@example.com"\n'
    )
    assert "x@example.com" in p
    assert "already belongs" in p


def test_subject_token_needs_number_placeholder() -> None:
    [p] = problems(
        '[helpdesk]\nsubject_token = "[ticket]"\n'
        '[[departments]]\nname="a"\naddress="a@example.com"\n'
    )
    assert p.startswith("helpdesk.subject_token:")


def test_durations() -> None:
    assert parse_duration("90s") == 90
    assert parse_duration("30m") == 1800
    assert parse_duration("24h") == 86400
    assert parse_duration("30d") == 30 * 86400
    assert parse_duration("250ms") == 0.25
    with pytest.raises(ValueError, match="duration"):
        parse_duration("90")
    [p] = problems(
        '[[departments]]\nname="a"\naddress="a@example.com"\n[processing]\npoll_interval = 5\n'
    )
    assert p.startswith("processing.poll_interval:")


def test_invalid_toml_is_reported_with_position() -> None:
    [p] = problems("[helpdesk\n")
    assert "not valid TOML" in p
    assert "line 1" in p


def test_department_for_plus_addresses_and_case() -> None:
    c = config_from_toml(
        '[[departments]]\nname="support"\naddress="support@example.com"\n'
        'aliases = ["help@example.com"]\n'
    )
    assert c.department_for("Support+x7@Example.COM").name == "support"  # type: ignore[union-attr]
    assert c.department_for("help@example.com").name == "support"  # type: ignore[union-attr]
    assert c.department_for("supportx@example.com") is None


def test_check_config_command_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[[departments]]\nname="a"\naddress="a@example.com"\n')
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[departments]]\nname="a"\naddress="a@example.com"\n[database]\nurl = "mysql://x"\n'
    )
    ok = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(good), "check-config"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "OK" in ok.stdout
    ko = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(bad), "check-config"],
        capture_output=True,
        text=True,
    )
    assert ko.returncode == 2
    assert "database.url:" in ko.stderr


def test_check_config_renders_every_template_and_names_a_broken_one(tmp_path: Path) -> None:
    overrides = tmp_path / "t"
    (overrides / "billing" / "agent_reply").mkdir(parents=True)
    (overrides / "billing" / "agent_reply" / "body.txt").write_text(
        "Hello {{ requester.name }}\n{{ reply.body }}\n{% if x %}\n"
    )
    (overrides / "status_changed").mkdir()
    (overrides / "status_changed" / "body.txt").write_text("Now {{ status.neww }}\n")
    conf = tmp_path / "c.toml"
    conf.write_text(
        '[[departments]]\nname="support"\naddress="support@example.com"\n'
        '[[departments]]\nname="billing"\naddress="billing@example.com"\n'
        f'[templates]\ndirectory = "{overrides}"\n'
    )
    ko = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "check-config"],
        capture_output=True,
        text=True,
    )
    assert ko.returncode == 2
    assert "templates (billing):" in ko.stderr
    assert "billing/agent_reply/body.txt:3" in ko.stderr
    assert "status_changed/body.txt:1" in ko.stderr
    assert "neww" in ko.stderr
    (overrides / "status_changed" / "body.txt").write_text("Now {{ status.new_label }}\n")
    (overrides / "billing" / "agent_reply" / "body.txt").write_text("{{ reply.body }}\n")
    ok = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "check-config"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr


IMAP_BASE = '[[departments]]\nname="support"\naddress="support@example.com"\n'


def imap_problems(**fields: object) -> list[str]:
    account: dict[str, object] = {
        "name": "box",
        "host": "imap.example.com",
        "username": "helpdesk@example.com",
        "password_file": "/etc/mailgate/imap-password",
    }
    account.update(fields)
    lines = [f"{k} = {v!r}".replace("'", '"') for k, v in account.items() if v is not None]
    text = IMAP_BASE + "[[inbound.imap]]\n" + "\n".join(lines) + "\n"
    try:
        config_from_toml(text, "<t>")
    except ConfigError as e:
        return e.problems
    return []


def test_imap_account_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILGATE_IMAP_PASSWORD", "p")
    assert imap_problems() == []
    text = IMAP_BASE + (
        '[[inbound.imap]]\nname="box"\nhost="imap.example.com"\nusername="u"\n'
        'password_env="MAILGATE_IMAP_PASSWORD"\n'
    )
    [account] = config_from_toml(text, "<t>").inbound.imap
    assert (account.tls, account.effective_port, account.folder, account.after) == (
        "ssl",
        993,
        "INBOX",
        "seen",
    )
    assert (account.poll_interval, account.batch_size, account.idle) == (60.0, 100, True)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"tls": "none"}, 'inbound.imap[0]: tls = "none" is allowed only for a loopback host'),
        ({"tls": "tls"}, "inbound.imap[0].tls: expected"),
        ({"password": "x"}, "password: a password is not taken from the configuration file"),
        ({"password_file": None}, "needs exactly one of password_file and password_env"),
        ({"password_file": None, "password_env": "not a name"}, "password_env: expected"),
        ({"auth": "oauth2", "password_file": None}, "needs either token_command or tenant_id"),
        (
            {"auth": "oauth2", "password_file": None, "tenant_id": "t", "client_id": "c"},
            "needs tenant_id, client_id and client_secret_file",
        ),
        ({"after": "move"}, 'after = "move" needs move_to'),
        ({"after": "archive"}, "inbound.imap[0].after: expected"),
        ({"department": "sales"}, "inbound.imap[0].department: 'sales' is not the name"),
        ({"name": "my box"}, "inbound.imap[0].name: expected a short name"),
        ({"batch_size": 0}, "inbound.imap[0].batch_size:"),
        ({"poll_interval": "soon"}, "inbound.imap[0].poll_interval:"),
    ],
)
def test_imap_account_errors_name_the_key(fields: dict[str, object], expected: str) -> None:
    [p] = imap_problems(**fields)
    assert expected in p, p


def test_loopback_may_go_without_tls_and_names_are_unique() -> None:
    assert imap_problems(host="127.0.0.1", tls="none") == []
    text = IMAP_BASE + "".join(
        '[[inbound.imap]]\nname="box"\nhost="h.example"\nusername="u"\npassword_file="/p"\n'
        for _ in range(2)
    )
    with pytest.raises(ConfigError) as e:
        config_from_toml(text, "<t>")
    assert any("the account name 'box' is used twice" in p for p in e.value.problems)


def test_the_example_shows_the_default_state_machine() -> None:
    from mailgate.lifecycle import DEFAULT_TABLE

    text = (REPO / "mailgate.toml.example").read_text()
    block = text[text.index("# [lifecycle.transitions.open]") : text.index("# transitions = ")]
    table = tomllib.loads("\n".join(line[2:] for line in block.splitlines()))
    shown = {
        status: {e: tuple(t) if isinstance(t, list) else t for e, t in events.items()}
        for status, events in table["lifecycle"]["transitions"].items()
    }
    assert shown == {status: dict(events) for status, events in DEFAULT_TABLE.items()}


OUTBOUND_BASE = IMAP_BASE + '[outbound]\ntransport = "smtp"\n'


def outbound_problems(text: str) -> list[str]:
    try:
        config_from_toml(OUTBOUND_BASE + text, "<t>")
    except ConfigError as e:
        return e.problems
    return []


def test_outbound_transport_is_file_or_smtp() -> None:
    [p] = problems(IMAP_BASE + '[outbound]\ntransport = "sendmail"\n')
    assert p == "outbound.transport: expected: input should be 'file' or 'smtp' (got 'sendmail')"


def test_outbound_smtp_defaults() -> None:
    out = config_from_toml(OUTBOUND_BASE, "<t>").outbound
    assert (out.host, out.effective_port, out.security, out.timeout) == (
        "localhost",
        25,
        "none",
        30,
    )
    assert (out.retry_after, out.max_retry_interval, out.max_age) == (60, 3600, 5 * 86400)
    assert out.dkim is None
    for security, port in (("starttls", 587), ("ssl", 465)):
        out = config_from_toml(OUTBOUND_BASE + f'security = "{security}"\n', "<t>").outbound
        assert out.effective_port == port


def test_outbound_password_file_is_read_once_and_kept_out_of_reprs(tmp_path: Path) -> None:
    secret = tmp_path / "relay.password"
    secret.write_text("hunter2\n")
    out = config_from_toml(
        OUTBOUND_BASE + f'host = "127.0.0.1"\nusername = "u"\npassword_file = "{secret}"\n', "<t>"
    ).outbound
    secret.unlink()
    assert out.password == "hunter2"
    assert "hunter2" not in repr(out)
    assert "hunter2" not in str(out.model_dump())


def make_key(tmp_path: Path, bits: int = 2048) -> Path:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    path = tmp_path / f"dkim{bits}.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def test_outbound_dkim_key_is_loaded_at_start(tmp_path: Path) -> None:
    key = make_key(tmp_path)
    dkim = config_from_toml(
        OUTBOUND_BASE + f'[outbound.dkim]\nselector = "mg"\nkey_file = "{key}"\n', "<t>"
    ).outbound.dkim
    assert dkim is not None
    assert dkim.key_file.bits == 2048
    assert dkim.domain is None
    assert dkim.headers[0] == "From"
    assert "PRIVATE KEY" not in repr(dkim)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('password_file = "/nonexistent/pw"\nusername = "u"\n', "outbound.password_file: cannot"),
        ('username = "u"\n', "outbound: username and password_file go together"),
        ('security = "tls"\n', "outbound.security: expected"),
        ("timeout = 30\n", "outbound.timeout: expected a duration"),
        ('max_age = "forever"\n', "outbound.max_age: expected a duration"),
        ('retry_after = "2h"\n', "outbound: max_retry_interval is shorter than retry_after"),
        ('ca_file = "/nonexistent/ca.pem"\n', "outbound.ca_file: cannot read /nonexistent/ca.pem"),
        ('host = "smtp example.com"\n', "outbound.host: expected a host name"),
        (
            '[outbound.dkim]\nselector = "mg"\nkey_file = "/nonexistent/k.pem"\n',
            "outbound.dkim.key_file: cannot read /nonexistent/k.pem",
        ),
        ('[outbound.dkim]\nkey_file = "x"\n', "outbound.dkim.selector: required key is missing"),
    ],
)
def test_outbound_errors_name_the_key(text: str, expected: str) -> None:
    found = outbound_problems(text)
    assert any(expected in p for p in found), found


def test_outbound_password_in_clear_only_on_loopback(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("x")
    [p] = outbound_problems(
        f'host = "relay.example.com"\nusername = "u"\npassword_file = "{secret}"\n'
    )
    assert p.startswith('outbound: security = "none" with a username is allowed only')
    assert (
        outbound_problems(
            f'host = "relay.example.com"\nsecurity = "starttls"\nusername = "u"\n'
            f'password_file = "{secret}"\n'
        )
        == []
    )


def test_outbound_dkim_key_and_headers_errors(tmp_path: Path) -> None:
    not_a_key = tmp_path / "not-a-key.pem"
    not_a_key.write_text("hello\n")
    [p] = outbound_problems(f'[outbound.dkim]\nselector = "mg"\nkey_file = "{not_a_key}"\n')
    assert p.startswith(f"outbound.dkim.key_file: {not_a_key} is not an RSA private key"), p
    short = tmp_path / "short.pem"
    subprocess.run(
        ["openssl", "genrsa", "-out", str(short), "512"], check=True, capture_output=True
    )
    [p] = outbound_problems(f'[outbound.dkim]\nselector = "mg"\nkey_file = "{short}"\n')
    assert "512-bit key" in p
    key = make_key(tmp_path)
    base = f'[outbound.dkim]\nselector = "mg"\nkey_file = "{key}"\n'
    [p] = outbound_problems(base + 'headers = ["To", "Subject"]\n')
    assert p.startswith("outbound.dkim.headers: expected From among them")
    [p] = outbound_problems(base + 'headers = ["From", "Received"]\n')
    assert "Received must not be signed" in p
    [p] = outbound_problems(base.replace('"mg"', '"bad selector"'))
    assert p.startswith("outbound.dkim.selector:")


def test_takeover_is_a_duration_of_at_least_a_second() -> None:
    base = '[[departments]]\nname="support"\naddress="support@example.com"\n[daemon]\n'
    assert config_from_toml(base, "<t>").daemon.takeover == 10.0
    assert config_from_toml(base + 'takeover = "3s"\n', "<t>").daemon.takeover == 3.0
    [p] = problems(base + 'takeover = "500ms"\n')
    assert p.startswith("daemon.takeover:")
    assert 'at least "1s"' in p


# -- check-config reads every file, program and variable the configuration names ---------

SECRETS = {
    "imap.password": "SECRET-imap-password",
    "m365.secret": "SECRET-m365-client",
    "relay.password": "SECRET-relay-password",
    "reply.secret": "SECRET-reply-token-key-0123456789",
    "api.tokens": "SECRET-api-token-0123456789abcdef\n",
}
ENV_SECRET = "SECRET-from-the-environment"
NAMING_EVERYTHING = """
[helpdesk]
domain = "example.com"
reply_tokens = true
secret_file = "{d}/reply.secret"

[[departments]]
name = "support"
address = "support@example.com"

[inbound.smtp]
tls_cert_file = "{d}/smtp.crt"
tls_key_file = "{d}/smtp.key"

[[inbound.imap]]
name = "password-file"
host = "imap.example.com"
username = "u"
password_file = "{d}/imap.password"

[[inbound.imap]]
name = "password-env"
host = "imap.example.com"
username = "u"
password_env = "MAILGATE_TEST_IMAP_PASSWORD"

[[inbound.imap]]
name = "command"
host = "imap.example.com"
username = "u"
auth = "oauth2"
token_command = "{d}/get-token --client-secret SECRET-on-the-command-line"

[[inbound.imap]]
name = "m365"
host = "outlook.office365.com"
username = "u"
auth = "oauth2"
tenant_id = "t"
client_id = "c"
client_secret_file = "{d}/m365.secret"

[outbound]
transport = "smtp"
host = "relay.example.com"
security = "starttls"
username = "u"
password_file = "{d}/relay.password"
ca_file = "{d}/ca.pem"

[outbound.dkim]
selector = "mg"
key_file = "{d}/dkim.pem"

[http]
enabled = true
tokens_file = "{d}/api.tokens"
"""


@pytest.fixture
def named_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a valid file for every key of NAMING_EVERYTHING."""
    import trustme

    d = tmp_path / "files"
    d.mkdir()
    for name, secret in SECRETS.items():
        (d / name).write_text(secret)
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    cert = ca.issue_cert("mx.example.com")
    cert.cert_chain_pems[0].write_to_path(str(d / "smtp.crt"))
    cert.private_key_pem.write_to_path(str(d / "smtp.key"))
    make_key(tmp_path).rename(d / "dkim.pem")
    (d / "get-token").write_text("#!/bin/sh\necho token\n")
    (d / "get-token").chmod(0o755)
    monkeypatch.setenv("MAILGATE_TEST_IMAP_PASSWORD", ENV_SECRET)
    return d


def check_config(conf_dir: Path, files: Path, text: str = NAMING_EVERYTHING) -> tuple[int, str]:
    p = run_cli(text.format(d=files), conf_dir, "check-config")
    out = p.stdout + p.stderr
    for secret in (*SECRETS.values(), ENV_SECRET, "SECRET-on-the-command-line"):
        assert secret.strip() not in out, f"a secret in the output: {out}"
    return p.returncode, out


def test_check_config_passes_when_every_named_file_is_usable(
    tmp_path: Path, named_files: Path
) -> None:
    code, out = check_config(tmp_path, named_files)
    assert code == 0, out
    assert "OK" in out


def _delete(name: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    return lambda d, _: (d / name).unlink()


def _write(name: str, content: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    return lambda d, _: (d / name).write_text(content)


@pytest.mark.parametrize(
    ("breaks", "expected"),
    [
        (
            _delete("imap.password"),
            "inbound.imap[0].password_file: cannot read {d}/imap.password: "
            "No such file or directory",
        ),
        (
            _write("imap.password", " \n"),
            "inbound.imap[0].password_file: {d}/imap.password is empty",
        ),
        (
            lambda d, mp: mp.delenv("MAILGATE_TEST_IMAP_PASSWORD"),
            "inbound.imap[1].password_env: the environment variable "
            "MAILGATE_TEST_IMAP_PASSWORD is not set",
        ),
        (
            lambda d, mp: mp.setenv("MAILGATE_TEST_IMAP_PASSWORD", ""),
            "inbound.imap[1].password_env: the environment variable "
            "MAILGATE_TEST_IMAP_PASSWORD is empty",
        ),
        (
            _delete("get-token"),
            "inbound.imap[2].token_command: the program {d}/get-token does not exist",
        ),
        (
            lambda d, _: (d / "get-token").chmod(0o644),
            "inbound.imap[2].token_command: the program {d}/get-token is not executable",
        ),
        (
            _delete("m365.secret"),
            "inbound.imap[3].client_secret_file: cannot read {d}/m365.secret",
        ),
        (_delete("relay.password"), "outbound.password_file: cannot read {d}/relay.password"),
        (_write("ca.pem", "not a certificate\n"), "outbound.ca_file: cannot load certificates"),
        (_write("dkim.pem", "not a key\n"), "outbound.dkim.key_file: {d}/dkim.pem is not an RSA"),
        (_write("reply.secret", "short"), "helpdesk.secret_file: {d}/reply.secret holds 5 bytes"),
        (_delete("smtp.key"), "inbound.smtp.tls_key_file: cannot read {d}/smtp.key"),
        (
            _write("smtp.crt", "not a certificate\n"),
            "inbound.smtp.tls_cert_file: cannot load the certificate {d}/smtp.crt",
        ),
        (_delete("api.tokens"), "http.tokens_file: cannot read {d}/api.tokens"),
        (_write("api.tokens", "short\n"), "http.tokens_file: {d}/api.tokens: line 1: the token"),
    ],
    ids=[
        "imap_password_file_missing",
        "imap_password_file_empty",
        "password_env_not_set",
        "password_env_empty",
        "token_command_missing",
        "token_command_not_executable",
        "client_secret_file_missing",
        "relay_password_file_missing",
        "relay_ca_file_not_certificates",
        "dkim_key_not_a_key",
        "reply_token_key_too_short",
        "tls_key_missing",
        "tls_cert_not_a_certificate",
        "tokens_file_missing",
        "tokens_file_bad_line",
    ],
)
def test_check_config_names_the_key_of_an_unusable_file_and_never_a_secret(
    tmp_path: Path,
    named_files: Path,
    monkeypatch: pytest.MonkeyPatch,
    breaks: Callable[[Path, pytest.MonkeyPatch], None],
    expected: str,
) -> None:
    breaks(named_files, monkeypatch)
    code, out = check_config(tmp_path, named_files)
    assert code == 2, out
    assert expected.format(d=named_files) in out, out


def test_a_token_command_not_on_path_is_named_without_its_arguments(
    tmp_path: Path, named_files: Path
) -> None:
    text = NAMING_EVERYTHING.replace("{d}/get-token", "mailgate-no-such-token-helper")
    code, out = check_config(tmp_path, named_files, text)
    assert code == 2, out
    assert "inbound.imap[2].token_command: the program mailgate-no-such-token-helper is not " in out


def test_check_config_lists_every_unusable_file_at_once(tmp_path: Path, named_files: Path) -> None:
    for name in ("imap.password", "m365.secret", "get-token"):
        (named_files / name).unlink()
    code, out = check_config(tmp_path, named_files)
    assert code == 2, out
    for key in ("[0].password_file", "[2].token_command", "[3].client_secret_file"):
        assert f"inbound.imap{key}:" in out, out


def test_every_key_that_names_a_file_is_checked_by_check_config() -> None:
    from mailgate.config import Config
    from mailgate.resources import Resource

    def resource_keys(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, bool]]:
        for name, field in model.model_fields.items():
            inner = [a for a in typing.get_args(field.annotation) or (field.annotation,)]
            nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
            if nested:
                yield from resource_keys(nested[0], f"{prefix}{name}.")
            else:
                yield prefix + name, any(isinstance(m, Resource) for m in field.metadata)

    # The folders mailgate writes to or reads templates from are checked when loading.
    folders = {"outbound.directory", "templates.directory"}
    keys = dict(resource_keys(Config))
    named = {k for k in keys if k.endswith(("_file", "_env", "_command")) and k not in folders}
    assert named, keys
    assert {k for k in named if not keys[k]} == set()
