#!/usr/bin/env python3
"""Search benchmark: full-text queries through ``tickets.views.ticket_list(q=…)`` over N
tickets (100,000 by default), against two baselines measured in the same run on the
same database:

  ceiling  the same call without ``q``: the first 50 tickets with the same filters, an
           indexed select of the same kind of rows — what a list costs when nothing is
           searched (search cannot be faster than this)
  peer     a naive scan, ``LIKE '%word%'`` over the messages' subject, text and
           addresses, what many helpdesks do

Figures printed, per kind of query and overall: the median and 95th percentile of the
time per query (a read session opened, the query run, the summaries built), and the
ratios search/ceiling and peer/search.

The helpdesk it builds is multilingual — English, German, French, Spanish, Russian,
Korean, Persian, Thai and Japanese mail, Zipf-distributed words, order numbers and host
names, senders at thousands of domains — with a few messages per ticket: the client's
mail, the acknowledgment, answers of agents and clients' replies, attachments on a
fifth of the clients' mail.  It is written in bulk (one INSERT per table and batch) and
indexed by the same code as mailgate's (``store/search_repo.py``).

    .venv/bin/python bench/search.py                 # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/search.py -n 20000 --queries 400 --no-postgres
    MAILGATE_BENCH_PG=postgresql+psycopg://user@host/db .venv/bin/python bench/search.py
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import String, and_, cast, create_engine, insert, or_, select, text  # noqa: E402

from mailgate.config import config_from_toml  # noqa: E402
from mailgate.store.engine import Store  # noqa: E402
from mailgate.store.migrate import upgrade  # noqa: E402
from mailgate.store.models import Attachment, Blob, Message, Ticket  # noqa: E402
from mailgate.store.search_repo import SearchRepo, document, is_searchable  # noqa: E402
from mailgate.tickets.views import ticket_list  # noqa: E402

PG_URL = os.environ.get("MAILGATE_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# -- a multilingual helpdesk --------------------------------------------------------------

VOCABULARY = {
    "en": "the my is not and to please help printer since yesterday again working error "
    "invoice login screen update password account server mail network slow crash refund "
    "order delivery report broken cannot with after we you our office license renewal "
    "backup restore disk full access denied vpn connection timeout scanner toner paper jam "
    "keyboard mouse laptop battery charger meeting room calendar invite shared folder "
    "permission install uninstall driver version upgrade payment card declined "
    "subscription cancel address shipping tracking number package damaged return warranty",
    "de": "der die das und nicht bitte hilfe seit gestern wieder funktioniert drucker "
    "rechnung anmeldung fehler bildschirm passwort konto langsam absturz rückerstattung "
    "bestellung lieferung kaputt mit nach wir ihre büro lizenz verlängerung sicherung "
    "festplatte zugriff verweigert verbindung zeitüberschreitung tastatur akku ladegerät "
    "besprechung kalender ordner berechtigung treiber aktualisierung zahlung kündigung "
    "lieferadresse sendungsnummer beschädigt rücksendung garantie grüße freundlichen",
    "fr": "le la les et ne pas merci aide depuis hier encore fonctionne imprimante facture "
    "connexion erreur écran mot passe compte serveur lent remboursement commande livraison "
    "cassé avec après nous votre bureau licence renouvellement sauvegarde disque accès "
    "refusé délai clavier batterie chargeur réunion calendrier dossier pilote mise jour "
    "paiement carte refusée abonnement annulation adresse colis endommagé retour garantie "
    "cordialement",
    "es": "el la los y no gracias ayuda desde ayer otra vez funciona impresora factura "
    "error pantalla contraseña cuenta servidor lento reembolso pedido entrega roto con "
    "después nosotros oficina licencia copia seguridad disco acceso denegado conexión "
    "teclado batería cargador reunión calendario carpeta controlador actualización pago "
    "tarjeta rechazada suscripción dirección envío paquete dañado devolución garantía saludos",
    "ru": "не и пожалуйста помогите вчера снова работает принтер счёт вход ошибка экран "
    "пароль аккаунт сервер медленно возврат заказ доставка сломан офис лицензия продление "
    "резервная копия диск доступ запрещён соединение клавиатура батарея зарядка встреча "
    "календарь папка драйвер обновление оплата карта подписка отмена адрес посылка "
    "повреждена гарантия спасибо",
    "ko": "안녕하세요 감사합니다 도와주세요 어제부터 다시 작동하지 않습니다 프린터가 고장났어요 "
    "청구서 로그인 오류 화면 비밀번호 계정 서버 느려요 환불 주문 배송 사무실 라이선스 갱신 "
    "백업 디스크 접근 거부 연결 키보드 배터리 충전기 회의실 일정 폴더 권한 드라이버 "
    "업데이트 결제 카드 구독 취소 주소 택배 파손 반품 보증",
    "fa": "سلام ممنون لطفا کمک دیروز دوباره کار نمی‌کند چاپگر فاکتور ورود خطا صفحه رمز حساب "
    "سرور کند بازپرداخت سفارش تحویل خراب دفتر مجوز تمدید پشتیبان دیسک دسترسی اتصال "
    "صفحه‌کلید باتری شارژر جلسه تقویم پوشه درایور به‌روزرسانی پرداخت کارت اشتراک لغو آدرس "
    "بسته آسیب مرجوعی گارانتی",
    "th": "ครับ ค่ะ กรุณา ช่วย ตั้งแต่ เมื่อวาน อีกครั้ง ไม่ ทำงาน เครื่องพิมพ์ ใบแจ้งหนี้ "
    "เข้าสู่ระบบ ข้อผิดพลาด หน้าจอ รหัสผ่าน บัญชี เซิร์ฟเวอร์ ช้า คืนเงิน คำสั่งซื้อ "
    "การจัดส่ง เสีย สำนักงาน ใบอนุญาต ต่ออายุ สำรองข้อมูล ดิสก์ การเข้าถึง การเชื่อมต่อ "
    "แป้นพิมพ์ แบตเตอรี่ ที่ชาร์จ ประชุม ปฏิทิน โฟลเดอร์ ไดรเวอร์ อัปเดต ชำระเงิน บัตร "
    "สมัครสมาชิก ยกเลิก ที่อยู่ พัสดุ เสียหาย คืนสินค้า รับประกัน ขอบคุณ",
    "ja": "お願いします 昨日から 動きません プリンター 請求書 ログイン エラー 画面 パスワード "
    "アカウント サーバー 返金 注文 配送 故障 ありがとうございます",
}
LANGUAGES = {"en": 35, "de": 15, "fr": 10, "es": 10, "ru": 5, "ko": 8, "fa": 7, "th": 7, "ja": 3}
FIRST = "Jo Ann Kim Sara Somchai Yuki Ivan Marie Hans Lucia Omar Mina Chen Priya Tom Eva".split()
LAST = "Smith Müller Dupont García Ivanov Park Rahimi Srisuk Tanaka Rossi Nowak Silva".split()
TLDS = "com de fr es ru kr ir th jp example org net".split()
FILES = (
    "screenshot.png photo.jpg error.log invoice.pdf report.xlsx scan.pdf 견적서.pdf "
    "фактура.pdf صورتحساب.pdf ใบเสร็จ.pdf setup.exe config.zip"
).split()
STATUSES = {
    "open": 15,
    "in_progress": 10,
    "answered": 25,
    "customer_reply": 5,
    "on_hold": 5,
    "closed": 40,
}
DEPARTMENTS = {"support": 60, "billing": 25, "sales": 15}
AGENTS = [f"agent{i}@helpdesk.example" for i in range(8)]
ACK = (
    "Thank you for your message. Your request has been received and a member of our team "
    "will answer it soon. To add anything, simply reply to this mail."
)


@dataclass
class Samples:
    """What the built helpdesk holds, to ask for: words, order numbers, addresses."""

    orders: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)


class Helpdesk:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.languages = list(LANGUAGES)
        self.language_weights = list(LANGUAGES.values())
        self.vocab = {lang: v.split() for lang, v in VOCABULARY.items()}
        # Zipf: the word of rank r weighs 1/(r+1).
        self.weights = {
            lang: [1 / (r + 1) for r in range(len(v))] for lang, v in self.vocab.items()
        }
        self.domains = [
            f"{self.rnd.choice(self.vocab['en'])}{self.rnd.randrange(1000)}.{self.rnd.choice(TLDS)}"
            for _ in range(3000)
        ]
        self.samples = Samples()

    def sentence(self, lang: str, n: int) -> str:
        return " ".join(self.rnd.choices(self.vocab[lang], self.weights[lang], k=n))

    def person(self) -> tuple[str, str]:
        first, last = self.rnd.choice(FIRST), self.rnd.choice(LAST)
        address = f"{first.lower()}.{self.rnd.randrange(10000)}@{self.rnd.choice(self.domains)}"
        return f"{first} {last}", address

    def text(self, lang: str, low: int, high: int) -> str:
        body = self.sentence(lang, self.rnd.randint(low, high))
        if self.rnd.random() < 0.3:
            order = f"ORD-{self.rnd.randrange(10**6):06d}"
            body += f" {order}"
            if self.rnd.random() < 0.05:
                self.samples.orders.append(order)
        if self.rnd.random() < 0.1:
            body += f" srv-{self.rnd.randrange(1000):03d}.corp.example"
        return body


# How many exchanges (an agent's answer, a client's reply, …) follow the client's first
# mail and its acknowledgment: 3.15 messages a ticket on average.
EXCHANGES = {0: 30, 1: 35, 2: 25, 3: 10}


def build(
    store: Store,
    n: int,
    seed: int,
    batch: int = 2000,
    *,
    desk: Helpdesk | None = None,
    after: int = 0,
    exchanges: dict[int, int] = EXCHANGES,
) -> Samples:
    """Tickets ``after + 1`` to ``n`` with their messages, attachments and search rows,
    in batches; ``desk`` continues the helpdesk of an earlier call (``after`` its last
    ticket)."""
    desk = desk or Helpdesk(seed)
    rnd = desk.rnd
    blob = b"%PDF-1.4 sample"
    digest = "0" * 64
    with store.write() as session:
        if after == 0:
            session.execute(insert(Blob), [{"sha256": digest, "size": len(blob), "data": blob}])
        message_pk = int(session.scalar(text("SELECT max(id) FROM messages")) or 0)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for first in range(after + 1, n + 1, batch):
        tickets, messages, attachments = [], [], []
        for number in range(first, min(first + batch, n + 1)):
            lang = rnd.choices(desk.languages, desk.language_weights)[0]
            name, address = desk.person()
            at = start + timedelta(minutes=5 * number)
            subject = desk.sentence(lang, rnd.randint(3, 7))
            status = rnd.choices(list(STATUSES), list(STATUSES.values()))[0]
            tickets.append(
                {
                    "id": number,
                    "subject": subject,
                    "status": status,
                    "department": rnd.choices(list(DEPARTMENTS), list(DEPARTMENTS.values()))[0],
                    "priority": "normal",
                    "requester": address,
                    "requester_name": name,
                    "created_at": at,
                    "updated_at": at,
                    "last_client_message_at": at,
                    "status_changed_at": at,
                    "assignee": rnd.choice([*AGENTS, None, None]),
                }
            )
            if rnd.random() < 0.01:
                desk.samples.addresses.append(address)
            client = {"name": name, "address": address}
            helpdesk = {"name": "Support", "address": "support@helpdesk.example"}
            thread = [("in", "human", client, helpdesk, desk.text(lang, 20, 80))]
            thread.append(("out", "ticket_opened", helpdesk, client, ACK))
            for k in range(rnd.choices(list(exchanges), list(exchanges.values()))[0]):
                if k % 2 == 0:
                    thread.append(("out", "agent_reply", helpdesk, client, desk.text(lang, 10, 40)))
                else:
                    thread.append(("in", "human", client, helpdesk, desk.text(lang, 5, 30)))
            for i, (direction, kind, sender, to, body) in enumerate(thread):
                message_pk += 1
                if i == 0 and rnd.random() < 0.02:
                    desk.samples.phrases.append(" ".join(body.split()[3:5]))
                messages.append(
                    {
                        "id": message_pk,
                        "ticket_id": number,
                        "direction": direction,
                        "from_address": sender["address"],
                        "from_name": sender["name"],
                        "to": [to],
                        "cc": [],
                        "subject": ("Re: " if i else "") + subject,
                        "date": at + timedelta(hours=i),
                        "created_at": at + timedelta(hours=i),
                        # Automatic mail's reply text is its whole text; a person's
                        # words are the new part of a longer mail.
                        "text": body if kind == "ticket_opened" else body + "\n\n> earlier",
                        "reply_text": body,
                        "kind": kind,
                        "message_id": f"{message_pk}.{number}@{sender['address'].split('@')[1]}",
                    }
                )
                if direction == "in" and rnd.random() < 0.2:
                    for position in range(1, rnd.randint(1, 2) + 1):
                        attachments.append(
                            {
                                "message_pk": message_pk,
                                "position": position,
                                "filename": rnd.choice(FILES),
                                "content_type": "application/pdf",
                                "size": len(blob),
                                "sha256": digest,
                                "inline": False,
                            }
                        )
        files: dict[int, list[str]] = {}
        for a in attachments:
            files.setdefault(a["message_pk"], []).append(a["filename"])
        with store.write() as session:
            session.execute(insert(Ticket), tickets)
            session.execute(insert(Message), messages)
            if attachments:
                session.execute(insert(Attachment), attachments)
            SearchRepo(session).index(
                [
                    document(
                        m["id"],
                        m["ticket_id"],
                        subject=m["subject"],
                        from_name=m["from_name"],
                        from_address=m["from_address"],
                        to=m["to"],
                        cc=m["cc"],
                        reply_text=m["reply_text"],
                        filenames=files.get(m["id"], ()),
                    )
                    for m in messages
                    if is_searchable(m["direction"], m["text"], m["reply_text"])
                ]
            )
    return desk.samples


# -- the queries --------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    kind: str
    q: str
    filters: dict[str, Any]


def queries(samples: Samples, count: int, seed: int) -> list[Query]:
    """``count`` queries of eleven kinds, as agents type them."""
    rnd = random.Random(seed)
    vocab = {lang: v.split() for lang, v in VOCABULARY.items()}
    content = {lang: [w for w in v if len(w) > 3] for lang, v in vocab.items()}

    def frequent() -> str:
        return rnd.choice(content[rnd.choice(list(vocab))][:10])

    makers: dict[str, Callable[[], Query]] = {
        # One of the most frequent words of a language: thousands of tickets match.
        "common word": lambda: Query(
            "common word", rnd.choice(content[rnd.choice(list(vocab))][:6]), {}
        ),
        "rarer word": lambda: Query(
            "rarer word", rnd.choice((c := content[rnd.choice(list(vocab))])[len(c) // 3 :]), {}
        ),
        "order number": lambda: Query("order number", rnd.choice(samples.orders), {}),
        "address": lambda: Query(
            "address",
            rnd.choice(samples.addresses)
            if rnd.random() < 0.5
            else rnd.choice(samples.addresses).split("@")[1],
            {},
        ),
        "two words": lambda: Query("two words", rnd.choice(samples.phrases), {}),
        "prefix": lambda: Query(
            "prefix", (w := rnd.choice(content["en"][10:]))[: max(3, len(w) - 3)], {}
        ),
        "word + status": lambda: Query("word + status", frequent(), {"status": "open"}),
        "word + dept.": lambda: Query("word + dept.", frequent(), {"department": "billing"}),
        "word + agent": lambda: Query("word + agent", frequent(), {"assignee": rnd.choice(AGENTS)}),
        # The queue's order (longest waiting first) is not the tickets' numbers.
        "word in queue": lambda: Query("word in queue", frequent(), {"queue": True}),
        "no match": lambda: Query("no match", f"zq{rnd.randrange(10**6)}x", {}),
    }
    kinds = list(makers)
    return [makers[kinds[i % len(kinds)]]() for i in range(count)]


def timed(store: Store, work: Callable[[Any], object]) -> float:
    began = time.perf_counter()
    with store.read() as session:
        work(session)
    return time.perf_counter() - began


def search(query: Query) -> Callable[[Any], object]:
    return lambda session: ticket_list(session, limit=50, q=query.q, **query.filters)


def ceiling(query: Query) -> Callable[[Any], object]:
    return lambda session: ticket_list(session, limit=50, **query.filters)


def peer(query: Query) -> Callable[[Any], object]:
    """What many helpdesks run: every word somewhere in a message, ``LIKE '%word%'``."""

    def run(session: Any) -> object:
        conditions = []
        for word in query.q.split():
            pattern = f"%{word}%"
            conditions.append(
                or_(
                    Message.subject.ilike(pattern),
                    Message.reply_text.ilike(pattern),
                    Message.from_address.ilike(pattern),
                    Message.from_name.ilike(pattern),
                    cast(Message.to, String).ilike(pattern),
                )
            )
        stmt = select(Ticket).where(
            Ticket.id.in_(select(Message.ticket_id).where(and_(*conditions)))
        )
        f = query.filters
        if f.get("status"):
            stmt = stmt.where(Ticket.status == f["status"])
        if f.get("department"):
            stmt = stmt.where(Ticket.department == f["department"])
        if f.get("assignee"):
            stmt = stmt.where(Ticket.assignee == f["assignee"])
        if f.get("queue"):
            stmt = stmt.where(Ticket.status.in_(("open", "customer_reply")))
        return session.execute(stmt.order_by(Ticket.id.desc()).limit(50)).all()

    return run


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def measure(store: Store, qs: list[Query], peers: int) -> None:
    for query in qs[:16]:  # warm the caches as a running server has them
        timed(store, search(query))
        timed(store, ceiling(query))
    results: dict[str, dict[str, list[float]]] = {}
    matched = 0
    for query in qs:
        by = results.setdefault(query.kind, {"search": [], "ceiling": [], "peer": []})
        by["search"].append(timed(store, search(query)))
        by["ceiling"].append(timed(store, ceiling(query)))
        with store.read() as session:
            matched += len(search(query)(session))  # type: ignore[arg-type]
    # The scan takes a second or more a query: a sample of each kind.
    per_kind = max(1, peers // len(results))
    for kind, by in results.items():
        for query in [q for q in qs if q.kind == kind][:per_kind]:
            by["peer"].append(timed(store, peer(query)))

    print(
        f"  {'query':<16}{'search median':>15}{'p95':>11}{'ceiling':>11}{'×':>7}"
        f"{'peer median':>14}{'peer/search':>13}"
    )
    every = {"search": [], "ceiling": [], "peer": []}  # type: dict[str, list[float]]
    for kind, by in results.items():
        for k in every:
            every[k] += by[k]
        _row(kind, by)
    _row("all", every)
    print(
        f"  ({len(qs)} queries, {matched / len(qs):.1f} tickets listed per query on average;"
        f" peer: {len(every['peer'])} queries)"
    )


def _row(kind: str, by: dict[str, list[float]]) -> None:
    s, c, p = (
        statistics.median(by[k]) if by[k] else float("nan") for k in ("search", "ceiling", "peer")
    )
    print(
        f"  {kind:<16}{ms(s):>15}{ms(p95(by['search'])):>11}{ms(c):>11}{s / c:>6.1f}×"
        f"{ms(p):>14}{p / s:>12.0f}×"
    )


# -- databases ----------------------------------------------------------------------------


def config_for(url: str, tmp: Path) -> Any:
    toml = f"""
[helpdesk]
domain = "helpdesk.example"
[[departments]]
name = "support"
address = "support@helpdesk.example"
[database]
url = "{url}"
[outbound]
directory = "{tmp / "outbox"}"
"""
    return config_from_toml(toml, "<bench>")


def run(url: str, label: str, args: argparse.Namespace, tmp: Path) -> None:
    store = Store(config_for(url, tmp).database)
    try:
        upgrade(store)
        began = time.perf_counter()
        samples = build(store, args.n, args.seed)
        built = time.perf_counter() - began
        if store.is_sqlite:
            size = Path(url.removeprefix("sqlite:///")).stat().st_size
        else:
            with store.engine.connect() as conn:
                conn.execute(text("ANALYZE"))  # what autovacuum does after a bulk load
                conn.commit()
                tables = ("tickets", "messages", "attachments", "blobs", "message_search")
                sizes = " + ".join(f"pg_total_relation_size('{t}')" for t in tables)
                size = conn.execute(text(f"SELECT {sizes}")).scalar()
        with store.read() as session:
            indexed = session.execute(text("SELECT count(*) FROM message_search")).scalar()
            messages = session.execute(text("SELECT count(*) FROM messages")).scalar()
        print(
            f"\n{label}: {args.n} tickets, {messages} messages ({indexed} indexed), built in "
            f"{built:.0f} s, database {int(size or 0) / 2**20:.0f} MiB"
        )
        measure(store, queries(samples, args.queries, args.seed + 1), args.peer_queries)
    finally:
        store.dispose()


@dataclass
class PgSchema:
    url: str
    drop: Callable[[], None]


def pg_schema(name: str | None = None) -> PgSchema | None:
    """A schema of its own on the PostgreSQL server (``name``, made if missing, or a new
    one), or None when none answers."""
    try:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        schema = name or f"mg_bench_{secrets.token_hex(4)}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    except Exception as e:  # noqa: BLE001 - any failure means: no server here
        print(f"\nPostgreSQL at {PG_URL} not reachable ({type(e).__name__}): skipped")
        return None

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    sep = "&" if "?" in PG_URL else "?"
    return PgSchema(f"{PG_URL}{sep}options=-csearch_path%3D{schema}", drop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="tickets (100000)")
    parser.add_argument("--queries", type=int, default=440, help="search queries (440)")
    parser.add_argument("--peer-queries", type=int, default=55, help="LIKE scans (55)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    print(f"search over {args.n} tickets; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
        if not args.no_sqlite:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite (FTS5)", args, Path(tmp))
        if not args.no_postgres:
            schema = pg_schema()
            if schema is not None:
                try:
                    run(schema.url, "PostgreSQL (tsvector, GIN)", args, Path(tmp))
                finally:
                    schema.drop()


if __name__ == "__main__":
    main()
