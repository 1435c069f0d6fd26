"""The short forms people sign with instead of their given name: "Bob" for Robert,
"Sasha" for Aleksandr, "Pepe" for José, "Kasia" for Katarzyna — the forms each language
makes that no rule derives from the name — and the forms made by clipping the name and
adding a diminutive ending ("Pili" for Pilar, "Steffi" for Stefanie, "Katya" for
Yekaterina, "Tomek" for Tomasz).

Both read a name in Latin letters, folded (lower case, no accents) and spelled as
:func:`spelled` spells it, so that the transliterations of one name are one ("Aleksandr",
"Alexander"; "Катя" read as Katya, "Katja", "Katia")."""

from __future__ import annotations

import re
from functools import lru_cache

# Irregular short forms (a form → the given names it stands for, as the beginnings of
# their spellings), from the naming customs of the languages clients write: English,
# German, Dutch, the Scandinavian languages, Spanish, Portuguese, Italian, Russian and
# Ukrainian, Polish, Czech, Hungarian, Greek, Turkish, Finnish, Arabic.
_FORMS: dict[str, str] = {
    # English
    "bob bobby robbie": "robert roberto",
    "bill billy": "william wilhelm",
    "dick rick ricky richie": "richard ricardo riccardo",
    "peggy meg maggie madge": "margaret margarete",
    "jack": "john",
    "jim jimmy jamie": "james",
    "ted teddy": "edward theodor",
    "ned": "edward edmund",
    "chuck charlie": "charles",
    "hank harry": "henry harold",
    "betty bess betsy libby liz lizzie elsie": "elizabeth elisabeth elisabetta",
    "kate kathy kitty": "katherine catherine kathryn katharina katarzyna",
    "molly polly": "mary",
    "sally": "sarah sara",
    "sue susie suzy": "susan susanne susanna",
    "tony": "anthony antony antonio anton",
    "larry": "lawrence laurence",
    "mike mick mickey": "michael michal mikhail",
    "nick nicky": "nicholas nicolas nikolaus nicola",
    "dave davy": "david",
    "steve": "stephen steven stefan",
    "jeff": "jeffrey geoffrey",
    "joe joey": "joseph josef",
    "abby": "abigail",
    "becky": "rebecca",
    "nancy": "ann",
    "dot dottie": "dorothy dorothea",
    "jerry": "gerald jeremy",
    "andy": "andrew andreas andre",
    "cindy": "cynthia lucinda",
    "debbie deb": "deborah debra",
    "patty patsy trish tricia": "patricia",
    "nate": "nathan nathaniel",
    "frank frankie": "francis franklin",
    "kit": "christopher",
    "wendy": "gwendolyn",
    "cathy": "catherine cathleen",
    "jenny jen": "jennifer",
    "sandy": "alexand sandra",
    "mo": "muhammad mohammed mohamed mohammad",
    "hamoudi": "muhammad mohammed mohamed mohammad",
    "hamada": "ahmed ahmad",
    # German, Dutch, Scandinavian
    "hans": "johann",
    "sepp seppl": "josef",
    "fritz": "friedrich",
    "lutz": "ludwig",
    "heinz": "heinrich",
    "bernd": "bernhard",
    "kalle": "karl carl",
    "uli": "ulrich ulrike",
    "resi": "theresa therese teresa",
    "gretel grete": "margarete",
    "kees": "cornelis",
    "henk": "hendrik",
    "joop": "johannes",
    "lasse": "lars",
    "willi willy": "wilhelm",
    "gerd": "gerhard",
    "jupp": "josef",
    "heiner hein": "heinrich",
    "klaas": "nicolaas nikolaas",
    "wim": "willem",
    "bram": "abraham",
    "sjaak": "jacob jacques",
    "pelle": "per peter",
    "olle": "olof olov",
    "nisse": "nils",
    "jussi": "juhani johannes",
    "ville": "vilhelm wilhelm",
    "pekka": "petri peter",
    # Spanish, Portuguese, Italian
    "pepe pepa pepito": "jose josef",
    "paco pancho curro quico chico": "francisc",
    "nacho": "ignacio",
    "lola loli": "dolores",
    "concha conchi": "concepcion",
    "charo": "rosario",
    "chus": "jesus",
    "quique": "enrique",
    "memo": "guillermo mehmet",
    "manolo": "manuel",
    "chelo": "consuelo",
    "beto": "alberto roberto",
    "ze": "jose",
    "guga": "gustavo",
    "bia": "beatriz",
    "beppe peppe peppino pino bepi": "giuseppe",
    "checco cecco ciccio": "francesco",
    "toto turi": "salvatore",
    "lele": "emanuele gabriele",
    "gianni nanni vanni": "giovanni",
    "mimmo": "domenico",
    "merche": "mercedes",
    "tono": "antonio",
    "kike": "enrique",
    "chema": "jose",
    "juanjo": "juan",
    "maite": "maria",
    "tiao": "sebastiao",
    "guto": "augusto",
    "dudu duda": "eduard",
    "gigi": "luigi",
    "pippo": "filippo",
    "betta": "elisabetta",
    # Russian, Ukrainian
    "sasha shura": "aleksand oleksand",
    "misha": "mikhail mihail mykhailo",
    "dima": "dmitr dmytro",
    "vova volodia": "vladimir volodymyr",
    "kolia": "nikola mykola",
    "zhenia": "evgen ievgen",
    "masha": "mari",
    "dasha": "dari",
    "natasha": "natal",
    "tania": "tatian",
    "olia": "olga olha",
    "ania aniuta": "anna",
    "pasha": "pavel pavlo",
    "lesha alesha": "aleksei oleksii",
    "grisha": "grigor",
    "kostia": "konstantin kostiantin",
    "vania": "ivan",
    "tolia": "anatol",
    "sergei seriozha serezha": "serg",
    "petia": "piotr petr petro",
    "liuda": "liudmil",
    "lionia lenia liova": "leonid lev",
    "slava": "viacheslav stanislav iaroslav vladislav sviatoslav",
    "vitia": "viktor",
    "gosha zhora": "georgi",
    "senia": "semen semion",
    "fedia": "fedor fiodor",
    "sveta": "svetlan",
    "lena": "elena ielena olena",
    "ira": "irina iryna",
    "sashko": "oleksand aleksand",
    "stiopa": "stepan",
    "gena": "gennadi",
    # Polish, Czech, Hungarian
    "kasia": "katarzyna",
    "basia": "barbara",
    "gosia": "malgorzata",
    "kuba": "jakub",
    "asia": "joanna",
    "ola": "aleksandra",
    "zosia": "zofia",
    "wojtek": "wojciech",
    "honza": "jan",
    "pisti pista": "istvan",
    "laci": "laszlo",
    "jancsi": "janos",
    "gyuri": "gyorgy",
    "feri": "ferenc",
    "sanyi": "sandor",
    "franta": "frantisek",
    "standa": "stanislav",
    "vasek": "vaclav",
    "misa": "michal michael michaela",
    "lojza": "alois",
    "jurek": "jerzy",
    "grzes": "grzegorz",
    "staszek stas": "stanislaw",
    "ela": "elzbieta",
    # Greek, Turkish
    "giannis iannis": "ioan",
    "kostas": "konstantin",
    "takis": "panagiot",
    "giorgos giorgis": "georg",
    "george": "giorg iorg",
    "dimitris mitsos mimis": "dimitr demetr",
    "thanasis sakis": "athanas",
    "vasilis": "vasil basil",
    "nikos": "nikol nichol nicol",
    "lefteris": "elefther",
}

# The endings that make a diminutive of a clipped name, as :func:`spelled` spells them:
# English "-y"/"-ie" (Jenny, Katie), German and Dutch "-i", "-chen", "-tje", "-le"
# (Steffi, Andi), Spanish and Italian "-ito", "-ita", "-illo", "-ino", "-ina", "-i"
# (Pili), Portuguese "-inho", "-inha", Slavic "-ia", "-ka", "-ek" (Katya, Tomek,
# Jirka), Greek "-a", "-o".
_DIMINUTIVE = (
    "inho", "inha", "chen", "illo", "illa", "ito", "ita", "ino", "ina", "tje", "iek",
    "ie", "ia", "ek", "ka", "ko", "ke", "le", "ei", "i",
)  # fmt: skip
# Not a bare "a" or "o": they end a name's other-gender form ("Marta" is not Martin,
# "Carla" not Carlos), not a pet name.
# The clipped name keeps three letters at least ("Dan" of Daniel, "Pil" of Pilar).
_STEM = 3

_DOUBLED = re.compile(r"(\w)\1+")


def spelled(name: str) -> str:
    """``name`` (folded, in Latin letters) spelled so that the transliterations of one
    name agree: "ks" for x, "i" for y and j, "f" for ph, a letter doubled once."""
    text = name.replace("ph", "f").replace("x", "ks").replace("y", "i").replace("j", "i")
    return _DOUBLED.sub(r"\1", text)


def _spelled_forms() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for forms, names in _FORMS.items():
        for form in forms.split():
            out[spelled(form)] = out.get(spelled(form), ()) + tuple(map(spelled, names.split()))
    return out


_SPELLED_FORMS = _spelled_forms()


@lru_cache(maxsize=4096)
def is_short_form(typed: str, given: str, *, diminutive: bool = False) -> bool:
    """Whether ``typed`` (one word, folded, in Latin letters) is a short form of the given
    name ``given`` (folded, in Latin letters): a form the table knows, or with
    ``diminutive`` (where a closing stands above it) the name clipped to three letters at
    least and a diminutive ending added ("Pili" for Pilar, "Katya" for Yekaterina)."""
    if not (typed.isascii() and given.isascii() and typed.isalpha()):
        return False
    form, name = spelled(typed), spelled(given)
    if any(name.startswith(n) for n in _SPELLED_FORMS.get(form, ())):
        return True
    if not diminutive:
        return False
    for ending in _DIMINUTIVE:
        stem = form.removesuffix(ending)
        if stem != form and len(stem) >= _STEM and stem in name:
            return True
    return False


# The first ideographs of the commonest family names: Chinese (simplified and
# traditional, the hundred commonest), Japanese (the first character of the hundred
# commonest) and Korean (in Hanja).  A line of two to five ideographs under a thanks is
# a name only when it begins with one ("田中", "陳大文"; not "明天见", "see you
# tomorrow").
FAMILY_NAME_STARTS = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
    "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔萬錢嚴湯"
    "佐鈴高伊渡山中小加吉松井木斎斉清森池橋阿石長藤後近遠青坂福太西金三原竹和上内柴酒"
    "宮横安大谷今工増丸杉新平河野千岩菅久菊桜水北五川関服東土本辻樋秋永浜星矢浅荒黒尾"
    "望熊村前岡田"
    "朴崔鄭姜趙尹張林韓吳申徐權黃安宋柳洪全高文梁孫裵白許南沈盧河郭成車朱禹具閔辛"
)
