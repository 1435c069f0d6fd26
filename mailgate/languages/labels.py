"""How the six statuses are written for people, per language.

The statuses themselves (``open``, ``on_hold`` …) never change: they are what the
database, the API and the state machine say.  Their labels follow the hosting guide
mailgate started from ("Open / On Hold / In Progress / Answered / Customer-Reply /
Closed"), in each shipped language as a support team of that language writes them;
``[labels.<language>]`` replaces any of them (docs/languages.md shows the survey's
"New / Assigned / Awaiting clarification / Closed" scheme written that way).
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgate.lifecycle import STATUSES, label

SHIPPED_LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {str(s): label(s) for s in STATUSES},
    "ko": {
        "open": "접수",
        "on_hold": "보류",
        "in_progress": "처리 중",
        "answered": "답변 완료",
        "customer_reply": "고객 답변",
        "closed": "종료",
    },
    "fa": {
        "open": "باز",
        "on_hold": "در انتظار",
        "in_progress": "در حال بررسی",
        "answered": "پاسخ داده شد",
        "customer_reply": "پاسخ مشتری",
        "closed": "بسته شد",
    },
    "th": {
        "open": "เปิด",
        "on_hold": "พักไว้ชั่วคราว",
        "in_progress": "กำลังดำเนินการ",
        "answered": "ตอบกลับแล้ว",
        "customer_reply": "ลูกค้าตอบกลับ",
        "closed": "ปิดแล้ว",
    },
}


def status_labels(
    language: str, configured: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, str]:
    """Every status's label in ``language``: the configured ones over the shipped ones
    over the English ones."""
    primary = language.split("-", 1)[0]
    labels: dict[str, str] = {str(s): label(s) for s in STATUSES}
    for lang in dict.fromkeys((primary, language)):
        labels.update(SHIPPED_LABELS.get(lang, {}))
    for lang in dict.fromkeys((primary, language)):
        labels.update((configured or {}).get(lang, {}))
    return labels
