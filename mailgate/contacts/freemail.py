"""Domains where anyone may have a mailbox: mail from one says nothing of the sender's
company, so no organization is ever made for it (``[contacts] auto_organizations``),
and an admin who lists one as an organization's domain is refused.  The large
providers' consumer domains, their regional variants and common aliases; an admin adds
more with ``[contacts] free_mail_domains``."""

from __future__ import annotations

from collections.abc import Iterable

FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    (
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "hotmail.it",
        "hotmail.es",
        "live.com",
        "live.co.uk",
        "live.fr",
        "live.de",
        "msn.com",
        "passport.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "yahoo.it",
        "yahoo.es",
        "yahoo.co.jp",
        "yahoo.co.in",
        "yahoo.com.br",
        "ymail.com",
        "rocketmail.com",
        "aol.com",
        "aim.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "protonmail.ch",
        "pm.me",
        "tutanota.com",
        "tutanota.de",
        "tuta.io",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.ch",
        "web.de",
        "t-online.de",
        "freenet.de",
        "mail.com",
        "email.com",
        "usa.com",
        "zoho.com",
        "zohomail.com",
        "yandex.com",
        "yandex.ru",
        "ya.ru",
        "mail.ru",
        "inbox.ru",
        "list.ru",
        "bk.ru",
        "rambler.ru",
        "qq.com",
        "163.com",
        "126.com",
        "yeah.net",
        "sina.com",
        "sohu.com",
        "aliyun.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "kakao.com",
        "nate.com",
        "chmail.ir",
        "mailfa.com",
        "fastmail.com",
        "fastmail.fm",
        "hushmail.com",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "seznam.cz",
        "wp.pl",
        "onet.pl",
        "o2.pl",
        "interia.pl",
        "rediffmail.com",
    )
)


def is_free_mail(domain: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``domain`` (or a domain it is under, ``mail.yahoo.com``) is a free-mail
    provider's, the shipped list and ``extra`` together."""
    wanted = domain.strip().lower().rstrip(".")
    listed = FREE_MAIL_DOMAINS | frozenset(d.lower() for d in extra)
    parts = wanted.split(".")
    return any(".".join(parts[i:]) in listed for i in range(len(parts) - 1))
