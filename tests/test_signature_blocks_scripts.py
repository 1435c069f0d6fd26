"""Signature blocks in the scripts and legacy charsets of the clients who write them:
Japanese business signatures framed with rules ("━━━━", "＝＝＝＝", "*-*-*-*",
ornaments "☆☆☆", "■□■□"), company, department, name, postcode and address, TEL, FAX,
E-mail, URL, full-width figures and colons ("ＴＥＬ：０３－１２３４－５６７８", which a
JIS decoder reads with a minus sign); Chinese (公司, 部门, 电话, 手机, 传真, 地址, 网址)
and Taiwanese (電話, 分機, 統一編號); Korean (회사, 부서, 전화, 휴대폰, 팩스, 주소,
홈페이지); Arabic and Persian (هاتف, جوال, فاكس, العنوان, تلفن, همراه; Arabic-Indic and
Persian figures); Hebrew, Thai, Greek, Russian, Ukrainian, Bulgarian, Vietnamese,
Turkish, Polish, Hungarian.  Each is sent as its mail programs send it (Outlook, Becky!,
Thunderbird, Gmail, Naver, Daum, Foxmail, QQ Mail, Outlook for Mac), in the legacy
charset or in UTF-8, text alone or beside HTML, with the quoted history under it or
not, with a closing above it or not, with the name line or not, after "-- " or not.
The block goes; a thanks or a closing written as a sentence stays.

And what the client gives that looks like a block stays: a number or an address in a
sentence, an order's details (its number, the address to deliver to, the courier's
telephone), the new contact they announce, a table of figures."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mailgate.parse import parse_message
from tests.support.script_mail import PROGRAMS, program_mail

# What becomes of a closing above the block: a formula goes with it; a thanks stays, the
# name under it goes; a closing written as a sentence no table knows ("좋은 하루 되세요.",
# "Cảm ơn anh/chị.") stays, and so does the name under it unless the From field names
# the writer (a name alone under the text is how many sign a short message).
GOES, THANKS, SENTENCE = "goes", "thanks", "sentence"


@dataclass(frozen=True)
class Lang:
    body: str
    closings: tuple[tuple[str, str], ...]
    # The name the writer types under the closing.
    name: str
    sender: str
    blocks: dict[str, str]
    programs: tuple[str, ...]
    # What the client writes at the end that looks like a block, and stays.
    kept: tuple[str, ...] = field(default=())


LANGS = {
    "ja": Lang(
        body="株式会社アクメ\nサポートご担当者様\n\nいつもお世話になっております。\n"
        "先日ご依頼した見積書の件ですが、数量を100台から120台に変更したいと考えております。\n"
        "再見積をお願いできますでしょうか。",
        closings=(
            ("よろしくお願いいたします。", GOES),
            ("今後ともよろしくお願いいたします。", GOES),
            ("宜しくお願い致します。", GOES),
        ),
        name="鈴木",
        sender="Ichiro Suzuki <suzuki@sample-shoji.example>",
        blocks={
            "heavy-rule": "━━━━━━━━━━━━━━━━━━━━\n株式会社サンプル商事\n営業部　第二課\n鈴木　一郎\n"
            "〒100-0005 東京都千代田区丸の内1-2-3\nTEL：03-1234-5678　FAX：03-1234-5679\n"
            "E-mail：suzuki@sample-shoji.example\nURL：https://www.sample-shoji.example/\n"
            "━━━━━━━━━━━━━━━━━━━━",
            "full-width-equals": "＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝\n"
            "有限会社ヤマダ工務店\n山田 太郎\n"
            "ＴＥＬ：０３－１２３４－５６７８\nＦＡＸ：０３－１２３４－５６７９\n"
            "＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝＝",
            "asterisk-dash": "*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*\n  合同会社みどりデザイン\n"
            "  デザイン部　佐藤 花子\n  〒530-0001 大阪府大阪市北区梅田2-4-9\n"
            "  TEL 06-1234-5678 / 携帯 090-1234-5678\n  Mail: hanako@midori-design.example\n"
            "*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*",
            "full-width-no-rule": "株式会社サンプル商事\n総務部　鈴木一郎\n"
            "ＴＥＬ：０３－１２３４－５６７８\nＦＡＸ：０３－１２３４－５６７９",
            "stars": "☆☆☆☆☆☆☆☆☆☆☆☆☆☆☆\nサンプル商事　鈴木\nTEL 03-1234-5678\n☆☆☆☆☆☆☆☆☆☆☆☆☆☆☆",
            "squares": "■□■□■□■□■□■□■□■□■□■□\n株式会社サンプル商事\n鈴木一郎\n"
            "TEL:03-1234-5678\n■□■□■□■□■□■□■□■□■□■□",
            "geta": "〓〓〓〓〓〓〓〓〓〓〓〓〓〓\n鈴木一郎 <suzuki@sample-shoji.example>\n"
            "〓〓〓〓〓〓〓〓〓〓〓〓〓〓",
            "name-company-brackets": "鈴木一郎（株式会社サンプル商事）\nTEL：03-1234-5678",
            "name-slash-company": "鈴木一郎 / サンプル商事\nTEL 03-1234-5678  FAX 03-1234-5679",
            "dashes-url": "------------------------------\n株式会社サンプル商事　鈴木一郎\n"
            "TEL:03-1234-5678(代)\nhttp://www.sample-shoji.example/\n"
            "------------------------------",
        },
        programs=(
            "outlook-ja",
            "becky",
            "thunderbird-sjis",
            "gmail-ja",
            "thunderbird-eucjp",
            "outlook-mac",
        ),
        kept=(
            "電話番号は 03-1234-5678 です。\nお手すきの際にお電話ください。",
            "下記の住所に送ってください。\n\n〒100-0005\n東京都千代田区丸の内1-2-3\n"
            "サンプル商事 鈴木一郎\nTEL：03-1234-5678",
            "担当者が変わりましたのでご連絡いたします。\n\n新担当：山田 花子\nTEL：03-1234-5678\n"
            "E-mail：yamada@sample-shoji.example",
            "以下、先月の実績です。\n4月　1,234,567円\n5月　2,345,678円\n6月　3,456,789円",
            "ご注文内容は以下のとおりです。\n\n注文番号：A-20250609-001\n"
            "お届け先：〒530-0001 大阪府大阪市北区梅田2-4-9\nお届け先電話番号：06-1234-5678",
        ),
    ),
    "zh": Lang(
        body="您好，\n\n我们上周订购的打印机到现在还没有发货，订单号是 SO-20250611。\n"
        "请帮忙查一下物流情况。",
        closings=(("谢谢！", THANKS), ("此致\n敬礼", GOES), ("祝好！", GOES), ("顺祝商祺！", GOES)),
        name="张伟",
        sender="Zhang Wei <zhangwei@example-trade.example>",
        blocks={
            "full": "张伟\n销售部 经理\n上海示例贸易有限公司\n电话：021-1234 5678\n"
            "手机：138 1234 5678\n"
            "传真：021-1234 5679\n地址：上海市浦东新区世纪大道100号\n"
            "网址：www.example-trade.example",
            "short": "张伟 | 采购部\n手机：13812345678\n邮箱：zhangwei@example-trade.example",
            "no-name": "上海示例贸易有限公司 采购部\n电话：021-12345678\n"
            "地址：上海市浦东新区世纪大道100号",
            "rule": "--------------------------------\n张伟  采购主管\n深圳市示例电子有限公司\n"
            "Tel：0755-8888 1234  Fax：0755-8888 1235\nMobile：139 2345 6789\n"
            "E-mail：zw@example-dz.example",
            "full-width": "王芳\n财务部\n电话：０２１－１２３４５６７８\n"
            "手机：１３９１２３４５６７８",
            "name-and-mobile": "张伟 13812345678",
            "equals-wechat": "=================\n张伟\n示例贸易有限公司\n手机/微信：138 1234 5678\n"
            "=================",
        },
        programs=("foxmail", "qqmail", "gmail", "outlook-mac"),
        kept=(
            "如有问题请拨打 021-1234 5678 找我。",
            "请按以下信息发货：\n收货人：张伟\n电话：13812345678\n"
            "地址：上海市浦东新区世纪大道100号",
            "请按以下信息发货。\n\n张伟\n13812345678\n上海市浦东新区世纪大道100号",
            "订单号：SO-20250611\n收货人：张伟\n手机：13812345678\n"
            "地址：上海市浦东新区世纪大道100号",
            "三个月的数据如下：\n一月  123456  234567\n二月  223456  334567\n三月  323456  434567",
        ),
    ),
    "zh-tw": Lang(
        body="您好：\n\n附件是上個月的發票，金額好像和報價單不一樣，麻煩幫忙確認一下。",
        closings=(("謝謝！", THANKS), ("敬祝 商祺", GOES), ("順頌 商祺", GOES)),
        name="陳志明",
        sender="Chen Chih-ming <chen@example-tech.example>",
        blocks={
            "full": "陳志明\n業務部 經理\n範例科技股份有限公司\n電話：(02) 2345-6789 分機 123\n"
            "傳真：(02) 2345-6780\n統一編號：12345678\n地址：台北市信義區信義路五段7號",
            "short": "陳志明\n電話：02-2345-6789#123\n手機：0912-345-678",
            "no-name": "範例科技股份有限公司\n電話：(02)2345-6789\n傳真：(02)2345-6780\n"
            "地址：台北市信義區信義路五段7號",
        },
        programs=("outlook-big5", "gmail"),
        kept=(
            "請撥打 02-1234-5678 找我，謝謝。",
            "訂單編號：TW-20250609\n收貨人：陳志明\n電話：0912-345-678\n"
            "地址：台北市信義區信義路五段7號",
        ),
    ),
    "ko": Lang(
        body="안녕하세요.\n\n지난주에 요청드린 계정 추가 건 진행 상황이 궁금합니다.\n"
        "신규 입사자가 다음 주 월요일부터 출근하니 그 전에 처리 부탁드립니다.",
        closings=(
            ("감사합니다.", THANKS),
            ("수고하세요.", GOES),
            ("좋은 하루 되세요.", SENTENCE),
        ),
        name="김민수",
        sender="Minsu Kim <minsu.kim@yesisangsa.example>",
        blocks={
            "full": "김민수 과장\n(주)예시상사 영업팀\n전화: 02-1234-5678\n휴대폰: 010-1234-5678\n"
            "팩스: 02-1234-5679\n주소: 서울특별시 강남구 테헤란로 123, 4층\n"
            "홈페이지: www.yesisangsa.example",
            "pipes": "김민수 | 영업팀 과장\n(주)예시상사\nT. 02-1234-5678 | M. 010-1234-5678\n"
            "E. minsu.kim@yesisangsa.example",
            "department": "(주)예시상사 경영지원팀\nTel: 02-1234-5678  Fax: 02-1234-5679\n"
            "서울특별시 강남구 테헤란로 123",
            "dashes": "-----\n김민수 / 대리\n예시상사 구매팀\n휴대폰 010-9876-5432\n"
            "이메일 minsu@yesisangsa.example",
            "name-rank-mobile": "김민수 과장 / 010-1234-5678",
        },
        programs=("outlook-ko", "naver", "daum", "thunderbird-euckr", "gmail"),
        kept=(
            "주소: 서울시 강남구 테헤란로 123 로 보내주세요.",
            "배송지 정보입니다.\n받는 사람: 김민수\n주소: 서울특별시 강남구 테헤란로 123\n"
            "연락처: 010-1234-5678",
            "연락처 변경되었습니다.\n김민수 과장\n010-1234-5678",
            "주문번호: 2025060912345\n배송지: 서울특별시 강남구 테헤란로 123\n"
            "택배 연락처: 010-1234-5678",
        ),
    ),
    "ar": Lang(
        body="السلام عليكم،\n\nلم تصلنا الفاتورة الخاصة بشهر مايو حتى الآن.\n"
        "أرجو إرسالها في أقرب وقت ممكن.",
        closings=(("مع التحية،", GOES), ("مع خالص التحيات،", GOES), ("شكرا", THANKS)),
        name="أحمد محمد",
        sender="Ahmed Mohamed <ahmed@almithal.example>",
        blocks={
            "indic-figures": "أحمد محمد\nمدير المشتريات\nشركة المثال للتجارة\nهاتف: ٠١١ ٤٥٦ ٧٨٩٠\n"
            "جوال: ٠٥٠ ١٢٣ ٤٥٦٧\nفاكس: +966 11 456 7891\nالعنوان: الرياض، طريق الملك فهد",
            "latin-figures": "أحمد محمد\nشركة المثال للتجارة\nهاتف: +966 11 456 7890\n"
            "جوال: +966 50 123 4567\nالبريد: ahmed@almithal.example",
            "no-name": "شركة المثال للتجارة - قسم المحاسبة\nهاتف: 0114567890\nفاكس: 0114567891",
        },
        programs=("outlook-1256", "gmail"),
        kept=(
            "رقم الطلب: ١٢٣٤٥٦\nعنوان التوصيل: الرياض، طريق الملك فهد\nهاتف المندوب: ٠٥٠١٢٣٤٥٦٧",
            "يمكنكم الاتصال بي على الرقم 0501234567 بعد الساعة الخامسة.",
        ),
    ),
    "fa": Lang(
        body="سلام،\n\nفاکتور ماه گذشته هنوز به دست ما نرسیده است.\nلطفاً آن را دوباره ارسال کنید.",
        closings=(("با احترام،", GOES), ("با تشکر،", GOES)),
        name="علی رضایی",
        sender="Ali Rezaei <ali@nemooneh.example>",
        blocks={
            "persian-figures": "علی رضایی\nکارشناس فروش\nشرکت نمونه\nتلفن: ۰۲۱-۸۸۷۷۶۶۵۵\n"
            "همراه: ۰۹۱۲ ۳۴۵ ۶۷۸۹\nآدرس: تهران، خیابان ولیعصر، پلاک ۱۲",
            "latin-figures": "علی رضایی\nتلفن: 021-88776655\nهمراه: 0912 345 6789",
        },
        programs=("gmail", "outlook-mac"),
        kept=(
            "شماره سفارش: ۱۲۳۴۵۶\nآدرس تحویل: تهران، خیابان ولیعصر، پلاک ۱۲\n"
            "تلفن گیرنده: ۰۹۱۲۳۴۵۶۷۸۹",
        ),
    ),
    "he": Lang(
        body="שלום,\n\nהחשבונית של חודש מאי עדיין לא הגיעה אלינו.\nאשמח אם תשלחו אותה שוב.",
        closings=(("בברכה,", GOES), ("בכבוד רב,", GOES), ("תודה,", THANKS)),
        name="דני כהן",
        sender="Dani Cohen <dani@dugma.example>",
        blocks={
            "full": 'דני כהן\nמנהל רכש\nדוגמה בע"מ\nטלפון: 03-1234567\nנייד: 050-1234567\n'
            "פקס: 03-7654321\nכתובת: רחוב הרצל 10, תל אביב",
            "short": "דני כהן | מנהל רכש\nנייד: 050-1234567",
            "no-name": 'דוגמה בע"מ\nטל: 03-1234567 | פקס: 03-7654321\nwww.dugma.example',
        },
        programs=("outlook-1255", "gmail"),
        kept=("מספר הזמנה: 123456\nכתובת למשלוח: רחוב הרצל 10, תל אביב\nטלפון לשליח: 050-1234567",),
    ),
    "th": Lang(
        body="สวัสดีครับ\n\nใบแจ้งหนี้ของเดือนพฤษภาคมยังไม่ได้รับเลยครับ\nรบกวนส่งให้อีกครั้งด้วยครับ",
        closings=(("ขอบคุณครับ", THANKS), ("ขอแสดงความนับถือ", GOES)),
        name="สมชาย",
        sender="Somchai Jaidee <somchai@tuayang.example>",
        blocks={
            "full": "สมชาย ใจดี\nผู้จัดการฝ่ายขาย\nบริษัท ตัวอย่าง จำกัด\nโทร: 02-123-4567\n"
            "มือถือ: 081-234-5678\nแฟกซ์: 02-123-4568\n"
            "ที่อยู่: 99 ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110",
            "thai-figures": "สมชาย ใจดี\nโทร ๐๘๑-๒๓๔-๕๖๗๘",
            "no-name": "บริษัท ตัวอย่าง จำกัด\nโทร 02-123-4567 ต่อ 12\nอีเมล: sales@tuayang.example",
        },
        programs=("thunderbird-tis620", "gmail", "outlook-mac"),
        kept=("เลขที่คำสั่งซื้อ 123456\nที่อยู่จัดส่ง: 99 ถนนสุขุมวิท กรุงเทพฯ 10110\nเบอร์โทรผู้รับ: 081-234-5678",),
    ),
    "el": Lang(
        body="Καλησπέρα σας,\n\nΤο τιμολόγιο του Μαΐου δεν μας έχει έρθει ακόμη.\n"
        "Μπορείτε να το στείλετε ξανά;",
        closings=(("Με εκτίμηση,", GOES), ("Φιλικά,", GOES), ("Ευχαριστώ,", THANKS)),
        name="Γιώργος Παπαδόπουλος",
        sender="Giorgos Papadopoulos <gp@paradeigma.example>",
        blocks={
            "full": "Γιώργος Παπαδόπουλος\nΥπεύθυνος Πωλήσεων\nΠΑΡΑΔΕΙΓΜΑ Α.Ε.\n"
            "Λεωφ. Συγγρού 100, 117 41 Αθήνα\nΤηλ.: 210 123 4567\nΚιν.: 69 1234 5678\n"
            "Fax: 210 123 4568",
            "short": "Γιώργος Παπαδόπουλος\nΤηλ. 210 1234567 | Κιν. 6912345678",
            "no-name": "ΠΑΡΑΔΕΙΓΜΑ Α.Ε.\nΤηλ.: 210 123 4567\nΔιεύθυνση: Λεωφ. Συγγρού 100, Αθήνα",
        },
        programs=("outlook-greek", "gmail"),
        kept=(
            "Αριθμός παραγγελίας: 123456\nΔιεύθυνση αποστολής: Λεωφ. Συγγρού 100, Αθήνα\n"
            "Τηλέφωνο για τον courier: 6912345678",
        ),
    ),
    "ru": Lang(
        body="Добрый день!\n\nСчёт за май до сих пор не пришёл.\nПросьба выслать его повторно.",
        closings=(("С уважением,", GOES), ("Всего доброго,", GOES), ("Спасибо!", THANKS)),
        name="Сергей Иванов",
        sender="Sergey Ivanov <s.ivanov@primer.example>",
        blocks={
            "full": "Иванов Сергей\nМенеджер отдела продаж\nООО «Пример»\n"
            "Тел.: +7 (495) 123-45-67\n"
            "Моб.: +7 (916) 123-45-67\nФакс: +7 (495) 123-45-68\n"
            "Адрес: 123456, г. Москва, ул. Примерная, д. 1\n"
            "www.primer.example",
            "short": "Сергей Иванов\nтел. 8-916-123-45-67",
            "no-name": "ООО Пример, бухгалтерия\nТел.: +7 (495) 123-45-67, доб. 123\n"
            "www.primer.example",
        },
        programs=("outlook-1251", "thebat-koi8r", "gmail"),
        kept=(
            "Прошу доставить заказ по адресу:\nг. Москва, ул. Примерная, д. 1, кв. 5\n"
            "тел. для курьера: +7 916 123-45-67",
            "Номер заказа 123456789.\nАдрес доставки: г. Москва, ул. Примерная, д. 1\n"
            "Телефон для курьера: +7 916 123-45-67",
        ),
    ),
    "uk": Lang(
        body="Добрий день!\n\nРахунок за травень досі не надійшов.\n"
        "Прохання надіслати його ще раз.",
        closings=(("З повагою,", GOES), ("Дякую!", THANKS)),
        name="Олена Коваленко",
        sender="Olena Kovalenko <olena@pryklad.example>",
        blocks={
            "full": "Олена Коваленко\nголовний бухгалтер\nТОВ Приклад\nтел. +380 44 123 45 67\n"
            "моб. +380 67 123 45 67\nwww.pryklad.example",
        },
        programs=("thunderbird-koi8u", "outlook-1251", "gmail"),
        kept=(
            "Номер замовлення: 45678912\nАдреса доставки: м. Київ, вул. Прикладна, 5\n"
            "Телефон для кур'єра: +380 67 123 45 67",
        ),
    ),
    "bg": Lang(
        body="Здравейте,\n\nФактурата за май все още не е пристигнала.\nМоля, изпратете я отново.",
        closings=(("Поздрави,", GOES), ("С уважение,", GOES)),
        name="Иван Петров",
        sender="Ivan Petrov <ivan@primer-bg.example>",
        blocks={
            "full": "Иван Петров\nУправител\nПример ЕООД\nТел.: +359 2 123 4567\n"
            "Моб.: +359 888 123 456\n"
            "Адрес: гр. София, ул. Примерна 1",
        },
        programs=("outlook-1251", "gmail"),
        kept=(
            "Номер на поръчка: 778899\nАдрес за доставка: гр. София, ул. Примерна 1\n"
            "Телефон за куриера: 0888 123 456",
        ),
    ),
    "vi": Lang(
        body="Chào anh/chị,\n\nHóa đơn tháng 5 bên em vẫn chưa nhận được.\n"
        "Nhờ anh/chị gửi lại giúp em.",
        closings=(("Trân trọng,", GOES), ("Cảm ơn anh/chị.", SENTENCE), ("Thân mến,", GOES)),
        name="Nguyễn Văn An",
        sender="Nguyen Van An <an.nguyen@vidu.example>",
        blocks={
            "full": "Nguyễn Văn An\nTrưởng phòng Kinh doanh\nCông ty TNHH Ví Dụ\n"
            "ĐT: (028) 3812 3456 - DĐ: 0903 123 456\n"
            "Địa chỉ: 123 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh\n"
            "Email: an.nguyen@vidu.example",
            "short": "Nguyễn Văn An\nĐiện thoại: 0903 123 456",
        },
        programs=("gmail", "outlook-mac"),
        kept=(
            "Xin gửi hàng đến địa chỉ sau.\n\nNguyễn Văn An\n123 Nguyễn Huệ, Quận 1\n"
            "ĐT: 0903 123 456",
            "Mã đơn hàng: DH20250609\nĐịa chỉ giao hàng: 123 Nguyễn Huệ, Quận 1\n"
            "SĐT người nhận: 0903 123 456",
        ),
    ),
    "tr": Lang(
        body="Merhaba,\n\nMayıs ayı faturası hâlâ elimize ulaşmadı.\nTekrar gönderebilir misiniz?",
        closings=(("Saygılarımla,", GOES), ("İyi çalışmalar,", GOES), ("Kolay gelsin.", SENTENCE)),
        name="Mehmet Yılmaz",
        sender="Mehmet Yilmaz <mehmet@ornek.example>",
        blocks={
            "full": "Mehmet Yılmaz\nSatış Müdürü\nÖrnek Ticaret Ltd. Şti.\nTel: +90 212 123 45 67\n"
            "Gsm: +90 532 123 45 67\nAdres: Büyükdere Cad. No:1 Şişli/İstanbul",
        },
        programs=("outlook-1254", "gmail"),
        kept=(
            "Sipariş no: 556677\nTeslimat adresi: Büyükdere Cad. No:1 Şişli/İstanbul\n"
            "Kargo için telefon: 0532 123 45 67",
        ),
    ),
    "pl": Lang(
        body="Dzień dobry,\n\nfaktura za maj nadal do nas nie dotarła.\n"
        "Proszę o ponowne przesłanie.",
        closings=(("Pozdrawiam,", GOES), ("Z poważaniem", GOES)),
        name="Jan Kowalski",
        sender="Jan Kowalski <jan.kowalski@przyklad.example>",
        blocks={
            "full": "Jan Kowalski\nKierownik działu zakupów\nPrzykład Sp. z o.o.\n"
            "tel. +48 22 123 45 67\n"
            "kom. +48 601 234 567\nul. Przykładowa 1, 00-001 Warszawa",
        },
        programs=("thunderbird-latin2", "gmail"),
        kept=(
            "Numer zamówienia: 2025/06/123\nAdres dostawy: ul. Przykładowa 1, 00-001 Warszawa\n"
            "Telefon dla kuriera: 601 234 567",
        ),
    ),
    "hu": Lang(
        body="Jó napot!\n\nA májusi számla még mindig nem érkezett meg.\nKérem, küldjék el újra.",
        closings=(("Üdvözlettel:", GOES), ("Tisztelettel:", GOES)),
        name="Kovács Péter",
        sender="Peter Kovacs <kovacs.peter@pelda.example>",
        blocks={
            "full": "Kovács Péter\nértékesítési vezető\nPélda Kft.\nTel.: +36 1 234 5678\n"
            "Mobil: +36 30 123 4567\n"
            "1051 Budapest, Példa utca 1.",
        },
        programs=("thunderbird-latin2", "outlook-mac"),
        kept=(
            "Rendelésszám: 98765\nSzállítási cím: 1051 Budapest, Példa utca 1.\n"
            "Futár telefonszám: +36 30 123 4567",
        ),
    ),
}


def _encodable(text: str, program: str) -> bool:
    codec = PROGRAMS[program].codec
    codec = "cp932" if codec == "cp50220" else codec
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    # ISO-2022-JP has no half-width katakana.
    return codec != "cp932" or PROGRAMS[program].codec != "cp50220" or "･" not in text


def _program(lang: Lang, text: str, turn: int) -> str:
    """The language's program at ``turn`` that can write ``text`` in its charset."""
    ordered = [lang.programs[(turn + k) % len(lang.programs)] for k in range(len(lang.programs))]
    return next(p for p in ordered if _encodable(text, p))


def _read(lang: Lang, text: str, turn: int, *, quote: bool, named: bool = True) -> str:
    """The reply text of ``text`` sent by the language's program at ``turn``, from the
    writer by name, or (``named`` false) from the company's mailbox that names no one."""
    sender = lang.sender if named else f"info@{lang.sender.rpartition('@')[2].rstrip('>')}"
    raw = program_mail(text, _program(lang, text, turn), sender, quote=quote)
    return parse_message(raw).reply_text


# How a block stands under the text: under the closing and the name, under the closing
# alone, a blank line lower, after "-- ", alone under the text.
FRAMINGS = ("closing-name", "closing", "closing-blank", "delimiter", "alone")


def _framed(lang: Lang, closing: str, block: str, framing: str) -> str:
    if framing == "closing-name":
        return f"{closing}\n{lang.name}\n\n{block}"
    if framing == "closing":
        return f"{closing}\n{block}"
    if framing == "closing-blank":
        return f"{closing}\n\n{block}"
    if framing == "delimiter":
        return f"{closing}\n{lang.name}\n\n-- \n{block}"
    return block


POSITIVE = [
    (code, shape, framing)
    for code, lang in LANGS.items()
    for shape in lang.blocks
    for framing in FRAMINGS
]


@pytest.mark.parametrize(
    ("code", "shape", "framing"), POSITIVE, ids=[f"{c}-{s}-{f}" for c, s, f in POSITIVE]
)
@pytest.mark.parametrize("named", [True, False], ids=["writer", "mailbox"])
def test_the_signature_block_goes(code: str, shape: str, framing: str, named: bool) -> None:
    lang = LANGS[code]
    turn = list(lang.blocks).index(shape) + FRAMINGS.index(framing)
    closing, kind = lang.closings[turn % len(lang.closings)]
    if framing == "delimiter":
        closing, kind = lang.closings[0]  # and the name under it, above "-- "
    if framing == "alone":
        closing, kind = "", GOES
    text = f"{lang.body}\n\n{_framed(lang, closing, lang.blocks[shape], framing)}"
    expected = lang.body if kind == GOES else f"{lang.body}\n\n{closing}"
    if kind == SENTENCE and framing == "closing-name" and not named:
        expected = f"{expected}\n{lang.name}"
    assert _read(lang, text, turn, quote=turn % 2 == 0, named=named) == expected


KEPT = [(code, k) for code, lang in LANGS.items() for k in range(len(lang.kept))]


@pytest.mark.parametrize(("code", "index"), KEPT, ids=[f"{c}-{k}" for c, k in KEPT])
@pytest.mark.parametrize("quote", [False, True], ids=["alone", "quoted"])
def test_what_the_client_gives_stays(code: str, index: int, quote: bool) -> None:
    lang = LANGS[code]
    text = f"{lang.body}\n\n{lang.kept[index]}"
    assert _read(lang, text, index, quote=quote) == text
    assert _read(lang, text, index + 1, quote=quote, named=False) == text


@pytest.mark.parametrize(("code", "index"), KEPT, ids=[f"{c}-{k}" for c, k in KEPT])
def test_what_the_client_gives_above_the_closing_stays_and_the_block_goes(
    code: str, index: int
) -> None:
    """An order's details, a number in a sentence, above the closing and the signature
    block: the details stay, the block goes."""
    lang = LANGS[code]
    closing, kind = lang.closings[0]
    block = next(iter(lang.blocks.values()))
    given = f"{lang.body}\n\n{lang.kept[index]}"
    text = f"{given}\n\n{closing}\n{lang.name}\n\n{block}"
    expected = given if kind == GOES else f"{given}\n\n{closing}"
    assert _read(lang, text, index + 1, quote=index % 2 == 1) == expected


# Web mailers that send the HTML alone with a paragraph a line (Daum's editor, QQ Mail's,
# Mail.ru's): the text and the block are read a paragraph a line, with no closing above
# the block.  What stays is compared line by line (the paragraphs' blank lines apart).
# (The HTML's runs of spaces read as one.)
PARAGRAPHS = {"zh": "qqmail-paragraphs", "zh-tw": "qqmail-paragraphs", "ru": "mailru-paragraphs",
              "uk": "mailru-paragraphs", "bg": "mailru-paragraphs"}  # fmt: skip


def _read_paragraphs(code: str, text: str, turn: int, sender: str) -> list[str]:
    program = PARAGRAPHS.get(code, "daum-paragraphs") if turn % 2 else "daum-paragraphs"
    reply = parse_message(program_mail(text, program, sender, quote=turn % 2 == 0)).reply_text
    return _lines(reply)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


SPREAD = [(code, shape) for code, lang in LANGS.items() for shape in lang.blocks]


@pytest.mark.parametrize(("code", "shape"), SPREAD, ids=[f"{c}-{s}" for c, s in SPREAD])
@pytest.mark.parametrize("named", [True, False], ids=["writer", "mailbox"])
def test_a_block_read_a_paragraph_a_line_goes(code: str, shape: str, named: bool) -> None:
    lang = LANGS[code]
    turn = list(lang.blocks).index(shape)
    sender = lang.sender if named else f"info@{lang.sender.rpartition('@')[2].rstrip('>')}"
    text = f"{lang.body}\n\n{lang.blocks[shape]}"
    assert _read_paragraphs(code, text, turn, sender) == _lines(lang.body)


# A paragraph a line sets a sentence apart from the block under it as a blank line does:
# "연락처 변경되었습니다." over a name and a number is then a sentence and a signature.
KEPT_APART = [(code, k) for code, k in KEPT if (code, k) != ("ko", 2)]


@pytest.mark.parametrize(("code", "index"), KEPT_APART, ids=[f"{c}-{k}" for c, k in KEPT_APART])
def test_what_the_client_gives_a_paragraph_a_line_stays(code: str, index: int) -> None:
    lang = LANGS[code]
    text = f"{lang.body}\n\n{lang.kept[index]}"
    for named, sender in enumerate((lang.sender, f"info@{lang.sender.rpartition('@')[2]}")):
        assert _read_paragraphs(code, text, index + named, sender.rstrip(">")) == _lines(text)
