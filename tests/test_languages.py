"""Which language a client writes in, read from realistic support mail, and the rules
that choose a ticket's language from it and the configuration."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mailgate.config import Config
from mailgate.errors import ConfigError
from mailgate.languages import (
    RULES,
    Detection,
    Evidence,
    LanguageRule,
    choose_language,
    detect,
    detection,
    direction,
    offered_match,
)

OFFERED = ("en", "ko", "fa", "th")

KOREAN = (
    "안녕하세요. 어제 저녁부터 웹호스팅 서버에 접속이 되지 않습니다.\n"
    "FTP로 접속하면 다음 오류가 나옵니다:\n"
    "530 Login authentication failed (ftp.example.co.kr:21)\n"
    "확인 부탁드립니다. 감사합니다."
)
PERSIAN = (
    "با سلام\n"
    "سایت ما از دیروز بالا نمی‌آید و خطای 500 Internal Server Error می‌دهد.\n"
    "لطفا بررسی کنید. پنل کاربری هم باز نمی‌شود.\nممنون"
)
# Persian typed on an Arabic keyboard layout: Arabic ي and ك instead of ی and ک.
PERSIAN_ARABIC_KEYBOARD = "سلام، هاست من پر شده است و ايميل ها ارسال نمي شوند. لطفا راهنمايي كنيد"
ARABIC = "السلام عليكم، لدي مشكلة في البريد الإلكتروني منذ يوم أمس ولا أستطيع إرسال الرسائل. شكرا"
URDU = "السلام علیکم، ہماری ویب سائٹ کل سے نہیں کھل رہی ہے۔ براہ کرم مدد کریں۔ شکریہ"
THAI = (
    "สวัสดีครับ เว็บไซต์ของบริษัทเข้าไม่ได้ตั้งแต่เมื่อวาน ขึ้นข้อความ 503 Service Unavailable\n"
    "รบกวนช่วยตรวจสอบด้วยครับ ขอบคุณครับ"
)
ENGLISH = (
    "Hello, since this morning the printer in our office does not print anything and "
    "the display shows an error. Could you please have a look at it?"
)
GERMAN = (
    "Hallo, seit heute Morgen druckt der Drucker in unserem Büro nicht mehr und die "
    "Anzeige zeigt einen Fehler. Können Sie bitte nachsehen?"
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (KOREAN, "ko"),
        (PERSIAN, "fa"),
        (PERSIAN_ARABIC_KEYBOARD, "fa"),
        (ARABIC, "ar"),
        (URDU, "ur"),
        (THAI, "th"),
        (ENGLISH, "en"),
        (GERMAN, "de"),
        ("お世話になっております。サーバーに接続できません。", "ja"),
    ],
)
def test_the_language_of_realistic_support_mail_is_detected(text: str, language: str) -> None:
    found = detect(text)
    assert found is not None
    assert found.language == language, found


@pytest.mark.parametrize(
    "text",
    [
        "Printer broken",
        "My printer is broken.",
        "See log:\nERROR 2026-11-05 kernel: eth0 link down\nERROR nginx upstream timed out",
        "https://example.com/invoice/2026-114.pdf",
        "",
        "OK 감사",  # three Hangul letters in a short note: too little to go on
        "سلام",  # Persian and Arabic alike
    ],
)
def test_text_that_does_not_say_clearly_decides_nothing(text: str) -> None:
    assert detect(text) is None


def test_a_korean_mail_full_of_an_english_log_is_still_korean() -> None:
    log = "\n".join(
        f"Nov 5 10:0{i} web1 php-fpm[123]: WARNING: server reached max_children" for i in range(8)
    )
    found = detect(f"서버가 계속 느립니다. 로그 첨부합니다.\n{log}")
    assert found is not None
    assert found.language == "ko"


def evidence(**given: object) -> Evidence:
    values: dict[str, object] = {"offered": OFFERED, "helpdesk": "en"} | given
    return Evidence(**values)  # type: ignore[arg-type]


def test_content_language_wins_over_the_text() -> None:
    choice = choose_language(evidence(content_language="th-TH", text=KOREAN))
    assert (choice.language, choice.rule) == ("th", LanguageRule.CONTENT_LANGUAGE)
    assert choice.from_the_client


def test_a_content_language_not_offered_falls_through_to_the_next_tag_then_the_text() -> None:
    assert choose_language(evidence(content_language="de-DE, fa")).language == "fa"
    choice = choose_language(evidence(content_language="de-DE", text=KOREAN))
    assert (choice.language, choice.rule) == ("ko", LanguageRule.TEXT)


def test_an_agents_setting_beats_everything_the_mail_shows() -> None:
    choice = choose_language(evidence(agent_set="fa", content_language="ko", text=THAI))
    assert (choice.language, choice.rule) == ("fa", LanguageRule.AGENT_SET)
    assert not choice.from_the_client


def test_the_remembered_language_applies_when_the_text_says_nothing() -> None:
    choice = choose_language(evidence(remembered="th", text="Printer broken", department="ko"))
    assert (choice.language, choice.rule) == ("th", LanguageRule.REMEMBERED)
    # Fresh evidence in the mail wins over what was remembered.
    assert choose_language(evidence(remembered="th", text=PERSIAN)).language == "fa"


def test_the_department_then_the_helpdesk_decide_when_nothing_else_does() -> None:
    choice = choose_language(evidence(department="th", text="Printer broken"))
    assert (choice.language, choice.rule) == ("th", LanguageRule.DEPARTMENT)
    choice = choose_language(evidence(text="Printer broken"))
    assert (choice.language, choice.rule) == ("en", LanguageRule.HELPDESK)


def test_a_detected_language_the_helpdesk_does_not_offer_falls_through() -> None:
    choice = choose_language(evidence(text=ARABIC, department="fa"))
    assert (choice.language, choice.rule) == ("fa", LanguageRule.DEPARTMENT)


def test_the_rules_are_in_the_documented_order() -> None:
    assert [rule for rule, _ in RULES] == list(LanguageRule)


def test_language_tags_match_the_offered_ones_without_case_or_region() -> None:
    assert offered_match("KO-kr", OFFERED) == "ko"
    assert offered_match("fa_IR", OFFERED) == "fa"
    assert offered_match("pt-BR", ("pt-br", "pt")) == "pt-br"
    assert offered_match("pt-PT", ("pt-br", "pt")) == "pt"
    assert offered_match("de", OFFERED) is None


def test_persian_and_arabic_are_written_right_to_left() -> None:
    assert [direction(x) for x in ("fa", "ar", "he-IL", "ko", "th", "en")] == [
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
        "ltr",
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[labels.ko]\nopened = "x"\n', "labels.ko.opened"),
        ('\n[labels.de]\nopen = "Offen"\n', "labels.de: 'de' is not offered"),
        ('\n[labels.ko]\nopen = ""\n', "labels.ko.open"),
    ],
)
def test_a_bad_label_names_the_key_and_what_was_expected(
    make_config: Callable[..., Config], extra: str, message: str
) -> None:
    with pytest.raises(ConfigError) as e:
        make_config(extra=extra)
    assert message in str(e.value)


def test_a_department_language_that_is_not_offered_is_refused(
    make_config: Callable[..., Config],
) -> None:
    with pytest.raises(ConfigError) as e:
        make_config(
            extra='\n[[departments]]\nname = "x"\naddress = "x@helpdesk.test"\nlanguage = "de"\n'
        )
    assert "departments[2].language: 'de' is not offered" in str(e.value)


def test_a_configuration_that_names_its_language_and_no_list_offers_it(
    make_config: Callable[..., Config],
) -> None:
    config = make_config(extra="")
    assert config.helpdesk.languages == ("en", "ko", "fa", "th")
    from mailgate.config import config_from_toml

    german = config_from_toml(
        '[helpdesk]\nlanguage = "de"\n[[departments]]\nname = "s"\naddress = "s@x.test"\n', "<t>"
    )
    assert german.helpdesk.languages == ("de", "en", "ko", "fa", "th")
    with pytest.raises(ConfigError) as e:
        config_from_toml(
            '[helpdesk]\nlanguage = "de"\nlanguages = ["en", "ko"]\n'
            '[[departments]]\nname = "s"\naddress = "s@x.test"\n',
            "<t>",
        )
    assert "helpdesk.language: 'de' is not one of helpdesk.languages" in str(e.value)


def test_only_the_clients_own_language_is_kept_on_the_ticket() -> None:
    assert choose_language(evidence(text=KOREAN)).for_the_client
    assert choose_language(evidence(remembered="th")).for_the_client
    assert not choose_language(evidence(department="th")).for_the_client
    assert not choose_language(evidence()).for_the_client


def test_only_the_start_of_a_long_text_is_read() -> None:
    import time

    from mailgate.languages.script import MAX_CHARS

    log = "ERROR kernel: eth0 link down\n" * 400_000  # 11 MB of a pasted log
    started = time.process_time()  # CPU time: other work on the machine does not count
    found = detect(KOREAN + log)
    assert time.process_time() - started < 0.5
    assert found is not None
    assert found.language == "ko"
    assert detect("x" * MAX_CHARS + KOREAN) is None


def test_a_detection_made_while_planning_is_the_one_the_choice_uses() -> None:
    # Processing detects the text's language when it plans the message (in its
    # workers), and the choice made in the write transaction does not read it again.
    korean = detection("어제부터 홈페이지에 접속이 되지 않습니다. 확인 부탁드립니다.")
    assert korean.found is not None
    assert korean.found.language == "ko"
    chosen = choose_language(
        Evidence(offered=("en", "ko", "th"), helpdesk="en", text="", detected=korean)
    )
    assert (chosen.language, chosen.rule) == ("ko", LanguageRule.TEXT)
    # Nothing found while planning: nothing is found later either.
    unclear = choose_language(
        Evidence(offered=("en", "ko"), helpdesk="en", text="안녕하세요", detected=Detection(None))
    )
    assert unclear.rule == LanguageRule.HELPDESK
