"""The texts of the hard-wrapped quotes in the languages the first wrap grids leave out
(``tests/test_quote_header_grid3.py``, ``tests/test_wrap_grid3.py``): the support's
message the client answers, its paragraphs as long lines, and the client's short answer
typed between them."""

from __future__ import annotations

# The support's message in the languages of the attributions: paragraphs as long lines.
WRAPPED_ORIGINAL = {
    "id": [
        "Halo Jane, terima kasih atas pesan Anda tentang printer di lantai dua. Kami sudah "
        "memeriksa log server cetak dan menemukan bahwa driver yang dipasang minggu lalu "
        "tidak mendukung unit dupleks model ini.",
        "Silakan pasang driver dari tautan di bawah dan nyalakan ulang komputer sebelum "
        "mencetak lagi, jika tidak driver lama tetap dimuat di memori.",
    ],
    "vi": [
        "Chào chị Jane, cảm ơn chị đã gửi thư về máy in ở tầng hai. Chúng tôi đã kiểm tra "
        "nhật ký của máy chủ in và thấy rằng trình điều khiển cài đặt tuần trước không hỗ "
        "trợ bộ in hai mặt của mẫu máy này.",
        "Vui lòng cài đặt trình điều khiển từ đường dẫn bên dưới và khởi động lại máy tính "
        "trước khi in lại, nếu không trình điều khiển cũ vẫn còn trong bộ nhớ.",
    ],
    "tr": [
        "Merhaba Jane Hanım, ikinci kattaki yazıcı hakkındaki mesajınız için teşekkür "
        "ederiz. Yazdırma sunucusunun kayıtlarını inceledik ve geçen hafta kurulan "
        "sürücünün bu modelin çift taraflı baskı birimini desteklemediğini gördük.",
        "Lütfen aşağıdaki bağlantıdan sürücüyü kurun ve yeniden yazdırmadan önce "
        "bilgisayarı yeniden başlatın, aksi halde eski sürücü bellekte kalır.",
    ],
    "hu": [
        "Kedves Jane, köszönjük az üzenetét a második emeleti nyomtatóval kapcsolatban. "
        "Átnéztük a nyomtatószerver naplóit, és kiderült, hogy a múlt héten telepített "
        "illesztőprogram nem támogatja ennek a modellnek a kétoldalas egységét.",
        "Kérjük, telepítse az illesztőprogramot az alábbi hivatkozásról, és nyomtatás "
        "előtt indítsa újra a számítógépet, különben a régi program a memóriában marad.",
    ],
    "cs": [
        "Dobrý den, děkujeme za zprávu o tiskárně ve druhém patře. Prověřili jsme záznamy "
        "tiskového serveru a zjistili jsme, že ovladač nainstalovaný minulý týden "
        "nepodporuje jednotku oboustranného tisku tohoto modelu.",
        "Nainstalujte prosím ovladač z odkazu níže a před dalším tiskem restartujte "
        "počítač, jinak zůstane starý ovladač načtený v paměti.",
    ],
    "el": [
        "Καλημέρα, ευχαριστούμε για το μήνυμά σας σχετικά με τον εκτυπωτή στον δεύτερο "
        "όροφο. Ελέγξαμε τα αρχεία καταγραφής του διακομιστή εκτυπώσεων και διαπιστώσαμε "
        "ότι το πρόγραμμα οδήγησης της περασμένης εβδομάδας δεν υποστηρίζει τη μονάδα "
        "διπλής όψης.",
        "Εγκαταστήστε το πρόγραμμα οδήγησης από τον παρακάτω σύνδεσμο και επανεκκινήστε "
        "τον υπολογιστή πριν εκτυπώσετε ξανά, αλλιώς το παλιό παραμένει στη μνήμη.",
    ],
    "ro": [
        "Bună ziua, vă mulțumim pentru mesajul despre imprimanta de la etajul doi. Am "
        "verificat jurnalele serverului de imprimare și am constatat că driverul instalat "
        "săptămâna trecută nu acceptă unitatea duplex a acestui model.",
        "Vă rugăm să instalați driverul de la linkul de mai jos și să reporniți "
        "calculatorul înainte de a tipări din nou, altfel vechiul driver rămâne încărcat.",
    ],
    "fi": [
        "Hei Jane, kiitos viestistäsi toisen kerroksen tulostimesta. Tarkistimme "
        "tulostuspalvelimen lokit ja huomasimme, että viime viikolla asennettu ajuri ei "
        "tue tämän mallin kaksipuolista tulostusyksikköä.",
        "Asenna ajuri alla olevasta linkistä ja käynnistä tietokone uudelleen ennen kuin "
        "tulostat uudestaan, muuten vanha ajuri jää muistiin.",
    ],
    "he": [
        "שלום ג'יין, תודה על ההודעה בנוגע למדפסת בקומה השנייה. בדקנו את היומנים של שרת "
        "ההדפסה וגילינו שמנהל ההתקן שהותקן בשבוע שעבר אינו תומך ביחידת ההדפסה הדו-צדדית "
        "של הדגם הזה.",
        "נא להתקין את מנהל ההתקן מהקישור שלמטה ולהפעיל מחדש את המחשב לפני ההדפסה הבאה, "
        "אחרת מנהל ההתקן הישן נשאר טעון בזיכרון.",
    ],
    "ar": [
        "مرحباً جين، شكراً على رسالتك بخصوص الطابعة في الطابق الثاني. راجعنا سجلات خادم "
        "الطباعة ووجدنا أن برنامج التشغيل الذي ثُبّت الأسبوع الماضي لا يدعم وحدة الطباعة "
        "على الوجهين في هذا الطراز.",
        "يرجى تثبيت برنامج التشغيل من الرابط أدناه وإعادة تشغيل الحاسوب قبل الطباعة مرة "
        "أخرى، وإلا يبقى برنامج التشغيل القديم محملاً في الذاكرة.",
    ],
}
# The writer's answer typed between the quoted paragraphs, in the language.
ANSWERS = {
    "id": "Sudah saya pasang, terima kasih.",
    "vi": "Tôi đã cài đặt rồi, cảm ơn.",
    "tr": "Kurdum, teşekkürler.",
    "hu": "Telepítettem, köszönöm.",
    "cs": "Nainstaloval jsem ho, díky.",
    "el": "Το εγκατέστησα, ευχαριστώ.",
    "ro": "L-am instalat, mulțumesc.",
    "fi": "Asensin sen, kiitos.",
    "he": "התקנתי אותו, תודה.",
    "ar": "لقد ثبّته، شكراً.",
}
