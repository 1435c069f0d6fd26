"""Hard-wrapped quotes in more shapes: nested two levels deep ("> > ", ">> ", "> >")
with each level's lines wrapped by the program after the marks were added, in languages
written with spaces and without (Japanese, Chinese, Korean), at the widths programs wrap
at; and the writer's answers typed between the quoted questions (inline), in the
language of the thread, which must all stay.  The helpers are those of
``test_wrap_grid``: a line wrapped at the last space before the width, text without
spaces at the column itself."""

from __future__ import annotations

import pytest

from tests.support.wrap_grid import NEW, ORIGINAL, WIDTHS, assert_reply, hard_wrap, wrap_line

ORIGINALS = {
    **ORIGINAL,
    "zh": [
        "您好，感谢您关于二楼打印机的来信。我们检查了打印服务器的日志，发现上周安装的驱动程序"
        "不支持该型号的双面打印单元，因此打印任务会在第二页停止。",
        "请通过下面的链接安装新的驱动程序，并在再次打印之前重新启动计算机，否则旧的驱动程序"
        "仍然会留在内存中。",
    ],
    "ko": [
        "안녕하세요, 2층 프린터에 관한 메일 감사합니다. 인쇄 서버의 로그를 확인한 결과 지난주에 "
        "설치한 드라이버가 이 모델의 양면 인쇄 장치를 지원하지 않는다는 것을 알게 되었습니다.",
        "아래 링크에서 드라이버를 설치하고 다시 인쇄하기 전에 컴퓨터를 재시작해 주십시오. 그렇지 "
        "않으면 이전 드라이버가 메모리에 남아 있습니다.",
    ],
}
REPLY = {**NEW, "ko": "감사합니다, 새 드라이버로 해결되었습니다.\n2층 프린터가 다시 작동합니다."}
# The reply in the middle of the thread, which the newest one quotes with the original.
MIDDLE = {
    "en": "Anna, could you please look at this again? The printer still refuses to print on "
    "both sides of the paper since the update of last week.",
    "de": "Frau Schmidt, könnten Sie sich das bitte noch einmal ansehen? Der Drucker druckt "
    "seit dem Update letzter Woche immer noch nicht beidseitig.",
    "fr": "Anna, pourriez-vous regarder de nouveau ? L'imprimante refuse toujours d'imprimer "
    "en recto verso depuis la mise à jour de la semaine dernière.",
    "es": "Anna, ¿podrías revisarlo otra vez? La impresora sigue sin imprimir a doble cara "
    "desde la actualización de la semana pasada.",
    "pl": "Pani Anno, czy mogłaby Pani spojrzeć na to jeszcze raz? Drukarka nadal nie drukuje "
    "dwustronnie od aktualizacji z zeszłego tygodnia.",
    "ru": "Анна, не могли бы вы посмотреть ещё раз? Принтер по-прежнему не печатает с двух "
    "сторон после обновления на прошлой неделе.",
    "ja": "シュミット様、もう一度見ていただけますでしょうか。先週のアップデート以降、プリンターが"
    "まだ両面印刷をしてくれません。",
    "zh": "安娜，能再帮忙看一下吗？自从上周更新以来，打印机仍然无法双面打印。",
    "ko": "안나 씨, 다시 한 번 봐 주실 수 있을까요? 지난주 업데이트 이후로 프린터가 여전히 양면 "
    "인쇄를 하지 않습니다.",
}
ATTRIBUTION = {
    "en": "On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:",
    "de": "Am Mo., 2. Juni 2025 um 10:04 Uhr schrieb Anna Schmidt <anna@helpdesk.example>:",
    "fr": "Le lun. 2 juin 2025 à 10:04, Anna Schmidt <anna@helpdesk.example> a écrit :",
    "es": "El lun, 2 jun 2025 a las 10:04, Anna Schmidt (<anna@helpdesk.example>) escribió:",
    "pl": "pon., 2 cze 2025 o 10:04 Anna Schmidt <anna@helpdesk.example> napisał(a):",
    "ru": "пн, 2 июн. 2025 г. в 10:04, Anna Schmidt <anna@helpdesk.example>:",
    "ja": "2025年6月2日(月) 10:04 Anna Schmidt <anna@helpdesk.example>:",
    "zh": "Anna Schmidt <anna@helpdesk.example> 于2025年6月2日周一 10:04写道：",
    "ko": "2025년 6월 2일 (월) 오전 10:04, Anna Schmidt <anna@helpdesk.example>님이 작성:",
}
INNER_ATTRIBUTION = "On Fri, May 30, 2025 at 4:12 PM Jane Client <jane@client.example> wrote:"
# The marks of the second level as programs write them.
NESTED_MARKS = {"spaced": ("> ", "> > "), "doubled": ("> ", ">> "), "tight": (">", ">>")}


def nested(lang: str, marks: tuple[str, str]) -> list[str]:
    """The thread the newest reply quotes: the middle reply at the first level, the
    original under its attribution at the second, each line as long as its sender's
    program left it (a paragraph on one line)."""
    first, second = marks
    paras = [f"{second}{para}" for para in ORIGINALS[lang]]
    original = [paras[0], *(line for para in paras[1:] for line in (second.rstrip(), para))]
    return [f"{first}{MIDDLE[lang]}", first.rstrip(), f"{first}{INNER_ATTRIBUTION}", *original]


GRID = [(lang, marks) for lang in ORIGINALS for marks in NESTED_MARKS]


@pytest.mark.parametrize(("lang", "marks"), GRID, ids=[f"{lang}-{m}" for lang, m in GRID])
def test_a_nested_quote_wrapped_at_each_level_is_cut_whole(lang: str, marks: str) -> None:
    for width in WIDTHS:
        quote = hard_wrap(nested(lang, NESTED_MARKS[marks]), width)
        head = hard_wrap([ATTRIBUTION[lang]], 998)
        # Top posting, then bottom posting.
        assert_reply("\n".join([REPLY[lang], "", *head, *quote, ""]), REPLY[lang])
        assert_reply("\n".join([*head, *quote, "", REPLY[lang], ""]), REPLY[lang])


# Questions the support asked and the client's answers typed under each, per language.
INLINE = {
    "en": (
        [
            "Could you tell us which version of the driver is installed on the computer that "
            "prints to this printer at the moment?",
            "Did the problem start right after the update that our team rolled out on Tuesday "
            "evening to every computer on the second floor, or was it there before?",
        ],
        ["Version 7.2.0, the one from the intranet.", "Right after the update."],
    ),
    "de": (
        [
            "Könnten Sie uns sagen, welche Version des Treibers auf dem Rechner installiert ist, "
            "der im Moment auf diesen Drucker druckt?",
            "Hat das Problem direkt nach dem Update begonnen, das unser Team am Dienstagabend auf "
            "alle Rechner im zweiten Stock verteilt hat, oder gab es das schon vorher?",
        ],
        ["Version 7.2.0 aus dem Intranet.", "Direkt nach dem Update, am Mittwochmorgen."],
    ),
    "fr": (
        [
            "Pourriez-vous nous indiquer quelle version du pilote est installée sur l'ordinateur "
            "qui imprime actuellement sur cette imprimante ?",
            "Le problème a-t-il commencé juste après la mise à jour que notre équipe a déployée "
            "mardi soir sur tous les ordinateurs du deuxième étage, ou existait-il avant ?",
        ],
        ["La version 7.2.0, celle de l'intranet.", "Juste après la mise à jour."],
    ),
    "ru": (
        [
            "Не могли бы вы сообщить, какая версия драйвера сейчас установлена на компьютере, "
            "который печатает на этот принтер?",
            "Проблема началась сразу после обновления, которое наша команда во вторник вечером "
            "установила на все компьютеры второго этажа, или она была и раньше?",
        ],
        ["Версия 7.2.0 из интранета.", "Сразу после обновления, в среду утром."],
    ),
    "ja": (
        [
            "現在このプリンターに印刷しているパソコンにインストールされているドライバーのバージョン"
            "を教えていただけますでしょうか。",
            "この問題は、火曜日の夜に私どもが二階のすべてのパソコンに配布したアップデートの直後から"
            "発生していますか、それとも以前からありましたか。",
        ],
        ["イントラネットの7.2.0です。", "アップデートの直後からです。"],
    ),
    "zh": (
        [
            "请问目前向这台打印机打印的电脑上安装的是哪个版本的驱动程序？我们需要这个信息来判断"
            "问题的原因。",
            "这个问题是在我们团队周二晚上向二楼所有电脑推送更新之后立即开始的，还是之前就已经"
            "存在了？",
        ],
        ["是内网上的7.2.0版本。", "更新之后马上就开始了。"],
    ),
}


@pytest.mark.parametrize("mark", ["> ", ">"])
@pytest.mark.parametrize("lang", sorted(INLINE))
def test_answers_between_wrapped_questions_stay_in_every_language(lang: str, mark: str) -> None:
    questions, answers = INLINE[lang]
    for width in WIDTHS:
        for blank in (True, False):
            lines = [ATTRIBUTION[lang]]
            for question, answer in zip(questions, answers, strict=True):
                lines += hard_wrap([f"{mark}{question}"], width)
                lines += ["", answer, ""] if blank else [answer, ""]
            assert_reply("\n".join(lines), "\n\n".join(answers))


@pytest.mark.parametrize("lang", sorted(INLINE))
def test_a_quote_wrapped_by_the_sender_and_again_after_the_marks_is_cut(lang: str) -> None:
    """The sender's program wrapped the original at 72 columns, the replier's wraps the
    quoted lines again at its own width: every piece goes, in every language."""
    questions, _answers = INLINE[lang]
    for width in WIDTHS:
        quote = [f"> {line}" for q in questions for line in (*wrap_line(q, 72), "")]
        text = "\n".join(
            [REPLY.get(lang, NEW["en"]), "", ATTRIBUTION[lang], *hard_wrap(quote, width)]
        )
        assert_reply(text, REPLY.get(lang, NEW["en"]))
