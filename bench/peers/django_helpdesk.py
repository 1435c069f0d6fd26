#!/usr/bin/env python3
"""Peer benchmark: django-helpdesk's `manage.py get_email` beside `mailgate import` +
`mailgate process` (the folder path) and beside `mailgate run` receiving the same mails
over SMTP (the daemon path), on the same mails, in the same run.

    .venv/bin/python bench/peers/django_helpdesk.py             # N=1000 mails, 3 rounds
    .venv/bin/python bench/peers/django_helpdesk.py -n 200 --rounds 1
    .venv/bin/python bench/peers/django_helpdesk.py --paths daemon
    .venv/bin/python bench/peers/django_helpdesk.py --venv /tmp/dh-venv

The first run creates a virtual environment of its own for the peer (default
var/bench/peers/django-helpdesk-venv) and installs the pinned django-helpdesk and its
pinned dependencies into it from the package registry; later runs reuse it.  Nothing
else is contacted: both systems read a folder of .eml files and write their outgoing
mail to files.

The mails: N/2 requests, each from a client of its own (the mix of bench/ingest.py:
plain text, HTML with a text alternative, attachments, legacy charsets), then N/2
replies, one from each client to its own request: "Re: <subject>", In-Reply-To and
References naming the request's Message-ID, no ticket token of either system.

Each system gets them in two steps, the requests and then the replies, each step on a
fresh copy of the folder: django-helpdesk reads a local mailbox in directory order
(os.listdir), so in one folder a reply can come before its request and open a ticket
of its own.  Every step is a whole process (or two, for mailgate), timed from its start
to its exit; a round's figure is the sum of its steps.  Both start from a database
migrated beforehand (not timed): django-helpdesk's holds the one queue to read.

The daemon path: `mailgate run` with a configuration of its own (the same SQLite
database copied from the migrated one, the file outbox, SMTP on a free loopback port),
sent the requests and then the replies over K connections by bench/ingest.py's client
(every request is stored before the first reply is sent, so the inbox holds them in
that order), timed from just before the daemon's start — its whole start-up included,
as the other processes' are — to the moment all N mails are in the inbox and none of
them waits to be processed (no row in state 'received').  The daemon is stopped
afterwards (SIGTERM, not timed).

Printed per round and as medians: messages/s, the ratio mailgate/django-helpdesk, the
CPU time, the peak RSS of the largest process, and what each database holds
afterwards: tickets, messages on them, attachments, replies found on their request's
ticket, mail written, mail not taken.  bench/README.md describes what each system does
per message, and the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from ingest import (  # noqa: E402
    compile_package,
    free_port,
    make_messages,
    make_replies,
    message_id,
    send_all,
    wait_port,
    wait_processed,
)

SUPPORT = "support@example.com"
SEED = 7  # make_messages' default: the requests' Message-IDs are <bench.I.7@…>

# django-helpdesk 2.6.1 is the newest release; it wants Django >= 5.2, and Django 6
# wants Python 3.12, so Django 5.2 (LTS).  Every dependency is pinned to what pip chose
# for these two, so that a later run installs the same peer.
PEER_VERSION = "2.6.1"
PINS = (
    f"django-helpdesk=={PEER_VERSION}",
    "Django==5.2.19",
    "asgiref==3.13.0",
    "beautifulsoup4==4.15.0",
    "certifi==2026.10.19.post1",
    "charset-normalizer==3.5.3",
    "django-cleanup==9.0.0",
    "django-model-utils==5.0.0",
    "djangorestframework==3.18.3",
    "email-reply-parser==0.5.12",
    "idna==3.20",
    "Markdown==3.11.3",
    "nh3==0.3.8",
    "oauthlib==4.0.1",
    "requests==2.34.2",
    "requests-oauthlib==2.0.0",
    "soupsieve==4.1.4",
    "sqlparse==0.6.1",
    "typing_extensions==4.16.0",
    "urllib3==2.8.0",
)

# A minimal Django project around django-helpdesk, as its installation notes describe
# (the contrib apps it needs, SITE_ID, its URLs), without teams (pinax-teams is an
# optional extra).  Everything it writes goes under $PEER_WORK: the SQLite database,
# attachments (MEDIA_ROOT) and the mail it sends (Django's file backend, one file per
# message).  Everything else is django-helpdesk's default.
SETTINGS = '''\
"""Settings of the benchmark's django-helpdesk project (written by
bench/peers/django_helpdesk.py)."""

import os
from pathlib import Path

WORK = Path(os.environ["PEER_WORK"])
SECRET_KEY = "benchmark-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["localhost"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
ROOT_URLCONF = "bench_urls"
SITE_ID = 1
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(WORK / "helpdesk.db")}
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "/static/"
MEDIA_ROOT = str(WORK / "media")
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(WORK / "sent")
DEFAULT_FROM_EMAIL = "support@example.com"
HELPDESK_TEAMS_MODE_ENABLED = False
'''

MANAGE = """\
#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""

URLS = """\
from django.urls import include, path

urlpatterns = [path("helpdesk/", include("helpdesk.urls", namespace="helpdesk"))]
"""

# One queue reading a local folder (helpdesk/email.py, process_queue: email_box_type
# "local" lists email_box_local_dir and deletes each file it made a ticket or
# follow-up of), checked at every run (interval 0), logging off.
MAKE_QUEUE = f"""
import django
django.setup()
from helpdesk.models import Queue
Queue.objects.create(
    title="Support", slug="support", email_address="{SUPPORT}",
    allow_email_submission=True, email_box_type="local",
    email_box_local_dir="/nonexistent", email_box_interval=0, logging_type="none",
)
"""

PATHS = ("folder", "daemon")

MAILGATE_CONFIG = """
[helpdesk]
domain = "example.com"
[[departments]]
name = "support"
address = "{support}"
[database]
url = "sqlite:///{db}"
{inbound}
[outbound]
directory = "{outbox}"
[log]
level = "warning"
"""


# -- the peer's environment -----------------------------------------------------------------


def ensure_venv(venv: Path) -> Path:
    """Create the peer's virtual environment with the pinned packages, once; write the
    Django project into it; the project's directory."""
    python = venv / "bin" / "python"
    marker = venv / "bench-pins.txt"
    wanted = "\n".join(PINS) + "\n"
    if not (python.exists() and marker.exists() and marker.read_text() == wanted):
        print(f"installing django-helpdesk {PEER_VERSION} into {venv} …", flush=True)
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS],
            check=True,
        )
        marker.write_text(wanted)
    project = venv / "project"
    project.mkdir(exist_ok=True)
    (project / "bench_settings.py").write_text(SETTINGS)
    (project / "bench_urls.py").write_text(URLS)
    (project / "manage.py").write_text(MANAGE)
    return project


def peer_env(project: Path, work: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HELPDESK_", "DJANGO_", "PYTHON"))  # no webhook URLs
    }
    env |= {
        "PEER_WORK": str(work),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": str(project),
    }
    return env


def mailgate_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def peer_versions(python: Path, env: dict[str, str]) -> str:
    out = subprocess.run(
        [
            str(python),
            "-c",
            "import django, importlib.metadata as m; "
            "print(m.version('django-helpdesk'), django.get_version())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return f"django-helpdesk {out[0]}, Django {out[1]}"


# -- the mails ------------------------------------------------------------------------------


def make_mails(n: int, where: Path) -> list[tuple[str, str]]:
    """Write N/2 requests to where/requests and a reply to each to where/replies; the
    (request, reply) Message-IDs, without angle brackets."""
    requests = where / "requests"
    replies = where / "replies"
    requests.mkdir()
    replies.mkdir()
    pairs = []
    msgs = make_messages(n // 2, seed=SEED)
    for i, (raw, out) in enumerate(zip(msgs, make_replies(msgs, seed=SEED), strict=True)):
        # django-helpdesk opens the files as text in the locale's encoding: ASCII
        # (quoted-printable, base64) reads the same everywhere.
        if not (raw.isascii() and out.isascii()):
            raise SystemExit(f"message {i} is not 7-bit")
        (requests / f"{i:05d}.eml").write_bytes(raw)
        (replies / f"{i:05d}.eml").write_bytes(out)
        pairs.append((message_id(raw), message_id(out)))
    return pairs


# -- running and measuring ------------------------------------------------------------------


@dataclass
class Step:
    name: str
    seconds: float
    cpu: float  # user + system seconds
    maxrss_kib: int


@dataclass
class Result:
    steps: list[Step] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    @property
    def cpu(self) -> float:
        return sum(s.cpu for s in self.steps)

    @property
    def maxrss_mib(self) -> float:
        return max(s.maxrss_kib for s in self.steps) / 1024


def timed(
    name: str, cmd: list[str], env: dict[str, str], cwd: Path, log: Path, timeout: float
) -> Step:
    """Run one whole process; its wall time from just before the start to its exit,
    its CPU time and its peak resident set (wait4's rusage of that child alone)."""
    with log.open("ab") as out:
        out.write(f"$ {' '.join(cmd)}\n".encode())
        out.flush()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=out)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"{name} exited with {proc.returncode} (log {log}):\n{tail}")
    return Step(name, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def threaded(pairs: list[tuple[str, str]], ticket_of: dict[str, int]) -> int:
    """Replies found on their request's ticket."""
    return sum(
        1 for orig, reply in pairs if orig in ticket_of and ticket_of.get(reply) == ticket_of[orig]
    )


def copy_db(src: Path, dst: Path) -> None:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()


def prepare_peer(python: Path, project: Path, template: Path) -> None:
    """Migrate a database and configure the queue once; each round gets a copy."""
    template.mkdir()
    env = peer_env(project, template)
    for cmd in (
        [str(python), "manage.py", "migrate", "-v0"],
        [str(python), "-c", MAKE_QUEUE],
    ):
        subprocess.run(cmd, env=env, cwd=project, check=True)


def prepare_mailgate(template: Path) -> None:
    template.mkdir()
    conf = template / "mailgate.toml"
    conf.write_text(
        MAILGATE_CONFIG.format(
            support=SUPPORT, db=template / "mailgate.db", outbox=template / "outbox", inbound=""
        )
    )
    subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "db", "upgrade"],
        env=mailgate_env(),
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_peer(
    python: Path,
    project: Path,
    template: Path,
    mails: Path,
    work: Path,
    pairs: list[tuple[str, str]],
    timeout: float,
) -> Result:
    work.mkdir()
    db = work / "helpdesk.db"
    copy_db(template / "helpdesk.db", db)
    box = work / "mail"
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("UPDATE helpdesk_queue SET email_box_local_dir = ?", (str(box),))
    finally:
        conn.close()
    env = peer_env(project, work)
    result = Result()
    left = 0
    for part in ("requests", "replies"):
        shutil.copytree(mails / part, box)  # a fresh copy: it deletes what it took
        cmd = [str(python), "manage.py", "get_email", "--quiet"]
        result.steps.append(timed(f"get_email {part}", cmd, env, project, work / "log", timeout))
        left += len(os.listdir(box))  # what it did not take
        shutil.rmtree(box)
    conn = sqlite3.connect(db)
    try:
        ticket_of = dict(conn.execute("SELECT message_id, ticket_id FROM helpdesk_followup"))
        ticket_of = {(k or "").strip("<> "): v for k, v in ticket_of.items()}
        result.counts = {
            "tickets": conn.execute("SELECT count(*) FROM helpdesk_ticket").fetchone()[0],
            "messages in": conn.execute("SELECT count(*) FROM helpdesk_followup").fetchone()[0],
            "attachments": conn.execute(
                "SELECT count(*) FROM helpdesk_followupattachment"
            ).fetchone()[0],
        }
    finally:
        conn.close()
    # The file backend writes each message followed by a line of 79 dashes.
    rule = "-" * 79
    sent = 0
    for f in (work / "sent").glob("*"):
        sent += sum(1 for line in f.read_text(errors="replace").splitlines() if line == rule)
    result.counts |= {
        "replies threaded": threaded(pairs, ticket_of),
        "mail written": sent,
        "not taken": left,
    }
    return result


def run_mailgate(
    template: Path, mails: Path, work: Path, pairs: list[tuple[str, str]], timeout: float
) -> Result:
    work.mkdir()
    db = work / "mailgate.db"
    copy_db(template / "mailgate.db", db)
    conf = work / "mailgate.toml"
    conf.write_text(
        MAILGATE_CONFIG.format(support=SUPPORT, db=db, outbox=work / "outbox", inbound="")
    )
    env = mailgate_env()
    mailgate = [sys.executable, "-m", "mailgate", "--config", str(conf)]
    result = Result()
    for part in ("requests", "replies"):
        box = work / part
        shutil.copytree(mails / part, box)
        # --notify: acknowledge as for mail that arrives (an import mails nobody).
        for name, args in (
            (f"import {part}", ["import", "--notify", str(box)]),
            (f"process {part}", ["process"]),
        ):
            result.steps.append(timed(name, mailgate + args, env, REPO, work / "log", timeout))
    result.counts = mailgate_counts(db, work / "outbox", pairs)
    return result


def run_daemon(
    template: Path,
    mails: Path,
    work: Path,
    pairs: list[tuple[str, str]],
    k: int,
    timeout: float,
) -> Result:
    """`mailgate run` sent the requests, then the replies, over SMTP; two steps: its
    start-up (from just before the process starts to its port answering) and the rest,
    to the moment every mail is processed.  CPU and peak RSS are the daemon's whole
    life, its stop included (wait4's rusage)."""
    work.mkdir()
    db = work / "mailgate.db"
    copy_db(template / "mailgate.db", db)
    port = free_port()
    conf = work / "mailgate.toml"
    conf.write_text(
        MAILGATE_CONFIG.format(
            support=SUPPORT,
            db=db,
            outbox=work / "outbox",
            inbound=f"[inbound.smtp]\nport = {port}",
        )
    )
    parts = [
        [f.read_bytes() for f in sorted((mails / part).glob("*.eml"))]
        for part in ("requests", "replies")
    ]
    n = sum(len(p) for p in parts)
    cmd = [sys.executable, "-m", "mailgate", "--config", str(conf), "run"]
    with (work / "log").open("ab") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=mailgate_env(), cwd=REPO, stdout=log, stderr=log)
        try:
            wait_port(port, proc)
            t1 = time.perf_counter()
            for msgs in parts:
                _, done, errors = send_all(port, msgs, k)
                if errors or len(done) != len(msgs):
                    raise SystemExit(f"mailgate run refused mail: {errors[:3]}")
            wait_processed(db, n, proc, timeout)
            t2 = time.perf_counter()
        finally:
            if proc.returncode is None:  # not reaped already, having exited early
                proc.terminate()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
    result = Result(
        steps=[
            Step("start-up", t1 - t0, 0.0, 0),
            Step("send + process", t2 - t1, usage.ru_utime + usage.ru_stime, usage.ru_maxrss),
        ]
    )
    result.counts = mailgate_counts(db, work / "outbox", pairs)
    return result


def mailgate_counts(db: Path, outbox: Path, pairs: list[tuple[str, str]]) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        ticket_of = {
            (k or "").strip("<> "): v
            for k, v in conn.execute(
                "SELECT message_id, ticket_id FROM messages WHERE direction = 'in'"
            )
        }
        states = dict(conn.execute("SELECT state, count(*) FROM inbox GROUP BY state"))
        counts = {
            "tickets": conn.execute("SELECT count(*) FROM tickets").fetchone()[0],
            "messages in": conn.execute(
                "SELECT count(*) FROM messages WHERE direction = 'in'"
            ).fetchone()[0],
            "attachments": conn.execute(
                "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_pk "
                "WHERE m.direction = 'in'"
            ).fetchone()[0],
        }
    finally:
        conn.close()
    return counts | {
        "replies threaded": threaded(pairs, ticket_of),
        "mail written": len(list(outbox.glob("*.eml"))),
        "not taken": sum(v for k, v in states.items() if k != "processed"),
    }


# -- the report -----------------------------------------------------------------------------


def describe(label: str, r: Result, n: int) -> str:
    steps = " + ".join(f"{s.seconds:.2f}" for s in r.steps)
    return (
        f"{label} {r.seconds:6.2f} s = {n / r.seconds:5.0f} msg/s ({steps}), "
        f"CPU {r.cpu:5.2f} s, peak RSS {r.maxrss_mib:4.0f} MiB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=1000, help="mails, half requests (default 1000)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    ap.add_argument(
        "--venv",
        type=Path,
        default=REPO / "var" / "bench" / "peers" / "django-helpdesk-venv",
        help="the peer's virtual environment, created when missing "
        "(default var/bench/peers/django-helpdesk-venv)",
    )
    ap.add_argument(
        "--paths",
        default=",".join(PATHS),
        help="mailgate's paths, beside django-helpdesk's: folder (import + process), "
        "daemon (run, over SMTP); default folder,daemon",
    )
    ap.add_argument(
        "-k", type=int, default=8, help="SMTP connections of the daemon path (default 8)"
    )
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per process (1800)")
    ap.add_argument("--keep", action="store_true", help="keep the working directory")
    a = ap.parse_args()
    compile_package()
    if a.n < 2 or a.n % 2:
        ap.error("-n must be an even number of 2 or more")
    paths = [p for p in PATHS if p in a.paths.split(",")]
    if not paths or set(a.paths.split(",")) - set(PATHS):
        ap.error(f"--paths: one or more of {', '.join(PATHS)}, separated by commas")

    venv = a.venv.resolve()
    venv.parent.mkdir(parents=True, exist_ok=True)
    project = ensure_venv(venv)
    python = venv / "bin" / "python"

    tmp = Path(tempfile.mkdtemp(prefix="mailgate-peer-"))
    try:
        pairs = make_mails(a.n, tmp)
        size = sum(f.stat().st_size for f in tmp.glob("*/*.eml"))
        prepare_peer(python, project, tmp / "peer-template")
        prepare_mailgate(tmp / "mailgate-template")
        import mailgate

        print(
            f"N={a.n} mails ({a.n // 2} requests, {a.n // 2} replies; "
            f"{size / a.n / 1024:.1f} KiB average), {a.rounds} round(s), "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}\n"
            f"peer: {peer_versions(python, peer_env(project, tmp))}; "
            f"mailgate {mailgate.__version__} ({Path(mailgate.__file__).parent})"
        )
        labels = {
            "peer": "django-helpdesk",
            "folder": "mailgate folder",
            "daemon": "mailgate daemon",
        }
        systems = ["peer", *paths]
        results: dict[str, list[Result]] = {s: [] for s in systems}
        for r in range(a.rounds):
            work = tmp / f"round-{r + 1}"
            work.mkdir()
            # Interleaved, and a different one first in every round.
            for system in systems[r % len(systems) :] + systems[: r % len(systems)]:
                if system == "peer":
                    res = run_peer(
                        python, project, tmp / "peer-template", tmp, work / "peer", pairs, a.timeout
                    )
                elif system == "folder":
                    res = run_mailgate(
                        tmp / "mailgate-template", tmp, work / "mailgate", pairs, a.timeout
                    )
                else:
                    res = run_daemon(
                        tmp / "mailgate-template", tmp, work / "daemon", pairs, a.k, a.timeout
                    )
                results[system].append(res)
            p = results["peer"][-1]
            print(f"  round {r + 1}:")
            for system in systems:
                x = results[system][-1]
                print(f"    {describe(f'{labels[system]:15}', x, a.n)}  {x.counts}")
            print(
                "    "
                + ", ".join(
                    f"{labels[s]}/django-helpdesk: {p.seconds / results[s][-1].seconds:.2f}x"
                    for s in paths
                )
            )
        peers = results["peer"]
        p_s = statistics.median(r.seconds for r in peers)
        p_cpu = statistics.median(r.cpu for r in peers)
        p_rss = statistics.median(r.maxrss_mib for r in peers)
        print(
            f"median: django-helpdesk {a.n / p_s:.0f} msg/s ({p_s:.2f} s, CPU {p_cpu:.2f} s, "
            f"peak RSS {p_rss:.0f} MiB)"
        )
        for system in paths:
            ours = results[system]
            m_s = statistics.median(r.seconds for r in ours)
            m_cpu = statistics.median(r.cpu for r in ours)
            m_rss = statistics.median(r.maxrss_mib for r in ours)
            ratios = [p.seconds / m.seconds for p, m in zip(peers, ours, strict=True)]
            extra = ""
            if system == "daemon":
                up = statistics.median(r.steps[0].seconds for r in ours)
                extra = f", start-up {up:.2f} s of it"
            print(
                f"  {labels[system]} {a.n / m_s:.0f} msg/s ({m_s:.2f} s{extra}, CPU "
                f"{m_cpu:.2f} s, peak RSS {m_rss:.0f} MiB) | {labels[system]}/django-helpdesk "
                f"{p_s / m_s:.2f}x (median of the rounds' ratios {statistics.median(ratios):.2f}x;"
                f" of CPU time {p_cpu / m_cpu:.2f}x)"
            )
        expected = a.n // 2
        for system in systems:
            last = results[system][-1].counts
            ok = last["tickets"] == expected and last["replies threaded"] == expected
            print(
                f"{labels[system]}: {last} — {'threaded' if ok else 'NOT as expected'}"
                f" ({expected} tickets, {expected} replies on them expected)"
            )
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
