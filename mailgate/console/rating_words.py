"""What the rating pages say, in the languages mailgate ships templates in.

A page speaks the language of the request's mail (``rating_requests.language``); a
language not listed here reads English.  Persian is written right to left (``RTL``).
"""

from __future__ import annotations

RTL = frozenset({"fa"})

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "How did we do?",
        "intro": "Your ticket {token} with {department} is closed. Was our answer good or bad?",
        "good": "Good, I am satisfied",
        "bad": "Bad, I am not satisfied",
        "confirm": "Send my rating",
        "nothing_yet": "Nothing is recorded until you press the button.",
        "thanks": "Thank you: your rating is recorded.",
        "comment_label": "Would you like to tell us more? (optional)",
        "comment_send": "Send my comment",
        "comment_thanks": "Thank you for your comment: our team will read it.",
        "rated": "This link has already been used: the rating of this ticket is recorded. "
        "Thank you.",
        "commented": "A comment was already sent for this ticket; it can be sent only once.",
        "expired": "This link has expired. If the problem is not solved, simply reply to our "
        "last mail.",
        "invalid": "This link is not valid. Please open the link from our mail exactly as it is.",
        "form_expired": "This form has expired. Please open the link from our mail again.",
        "empty": "The comment is empty: nothing was sent.",
    },
    "ko": {
        "title": "상담은 만족스러우셨습니까?",
        "intro": "{department}에 문의하신 {token} 건이 종료되었습니다. 저희 답변은 어떠셨습니까?",
        "good": "만족합니다",
        "bad": "만족하지 않습니다",
        "confirm": "평가 보내기",
        "nothing_yet": "버튼을 누르시기 전에는 아무것도 기록되지 않습니다.",
        "thanks": "감사합니다. 평가가 기록되었습니다.",
        "comment_label": "더 하실 말씀이 있으십니까? (선택 사항)",
        "comment_send": "의견 보내기",
        "comment_thanks": "소중한 의견 감사합니다. 담당 팀이 확인하겠습니다.",
        "rated": "이미 사용된 링크입니다. 이 문의에 대한 평가는 이미 기록되었습니다. 감사합니다.",
        "commented": "이 문의에 대한 의견은 이미 보내셨습니다. 의견은 한 번만 보내실 수 있습니다.",
        "expired": "링크의 사용 기간이 지났습니다. 문제가 아직 해결되지 않았다면 마지막으로 "
        "받으신 메일에 회신해 주십시오.",
        "invalid": "올바르지 않은 링크입니다. 메일에 있는 링크를 그대로 열어 주십시오.",
        "form_expired": "양식의 유효 시간이 지났습니다. 메일의 링크를 다시 열어 주십시오.",
        "empty": "의견이 비어 있어 아무것도 보내지 않았습니다.",
    },
    "fa": {
        "title": "از پاسخ ما راضی بودید؟",
        "intro": "درخواست {token} شما در {department} بسته شد. پاسخ ما را چگونه ارزیابی می‌کنید؟",
        "good": "راضی هستم",
        "bad": "راضی نیستم",
        "confirm": "ثبت ارزیابی",
        "nothing_yet": "تا دکمه را نزنید، چیزی ثبت نمی‌شود.",
        "thanks": "سپاسگزاریم؛ ارزیابی شما ثبت شد.",
        "comment_label": "اگر مایلید، توضیح بیشتری برای ما بنویسید (اختیاری)",
        "comment_send": "ارسال توضیح",
        "comment_thanks": "از توضیح شما سپاسگزاریم؛ همکاران ما آن را خواهند خواند.",
        "rated": "این پیوند پیش‌تر به کار رفته است و ارزیابی این درخواست ثبت شده است. سپاسگزاریم.",
        "commented": "توضیح این درخواست پیش‌تر فرستاده شده است و تنها یک بار می‌توان آن را فرستاد.",
        "expired": "مهلت این پیوند به پایان رسیده است. اگر مشکل همچنان برطرف نشده است، "
        "لطفاً به آخرین نامهٔ ما پاسخ دهید.",
        "invalid": "این پیوند معتبر نیست. لطفاً پیوند نامهٔ ما را بدون تغییر باز کنید.",
        "form_expired": "مهلت این فرم به پایان رسیده است. لطفاً پیوند نامهٔ ما را دوباره باز کنید.",
        "empty": "توضیحی نوشته نشده بود؛ چیزی فرستاده نشد.",
    },
    "th": {
        "title": "ท่านพึงพอใจกับการให้บริการหรือไม่",
        "intro": "คำขอ {token} ที่ท่านติดต่อ {department} ได้ปิดเรียบร้อยแล้ว ท่านพึงพอใจกับคำตอบของเราหรือไม่",
        "good": "พึงพอใจ",
        "bad": "ไม่พึงพอใจ",
        "confirm": "ส่งผลการประเมิน",
        "nothing_yet": "ระบบจะยังไม่บันทึกใด ๆ จนกว่าท่านจะกดปุ่ม",
        "thanks": "ขอขอบคุณ ระบบได้บันทึกผลการประเมินของท่านแล้ว",
        "comment_label": "ท่านต้องการแสดงความคิดเห็นเพิ่มเติมหรือไม่ (ไม่บังคับ)",
        "comment_send": "ส่งความคิดเห็น",
        "comment_thanks": "ขอขอบคุณสำหรับความคิดเห็น ทีมงานของเราจะนำไปพิจารณา",
        "rated": "ลิงก์นี้ถูกใช้ไปแล้ว ระบบได้บันทึกผลการประเมินของคำขอนี้แล้ว ขอขอบคุณ",
        "commented": "ความคิดเห็นสำหรับคำขอนี้ได้ส่งไปแล้ว และส่งได้เพียงครั้งเดียว",
        "expired": "ลิงก์นี้หมดอายุแล้ว หากปัญหายังไม่ได้รับการแก้ไข โปรดตอบกลับอีเมลฉบับล่าสุดของเรา",
        "invalid": "ลิงก์นี้ไม่ถูกต้อง โปรดเปิดลิงก์จากอีเมลของเราโดยไม่แก้ไข",
        "form_expired": "แบบฟอร์มนี้หมดอายุแล้ว โปรดเปิดลิงก์จากอีเมลของเราอีกครั้ง",
        "empty": "ไม่มีข้อความในความคิดเห็น จึงไม่ได้ส่งสิ่งใด",
    },
}


def words(language: str) -> tuple[str, dict[str, str]]:
    """The language a page is written in (``language`` when listed, else English) and
    its phrases."""
    chosen = language if language in WORDS else "en"
    return chosen, WORDS[chosen]
