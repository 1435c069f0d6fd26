"""Korean written under a Chinese label: a program or gateway set to GB2312, GBK or Big5
sends Korean text (EUC-KR bytes) with its own label.  Korean syllables' bytes are
first-level Chinese characters, so the label decodes them without error into Chinese
no one wrote ("견적 요청" as "斑利 夸没").  The reading goes to Korean when Korean
spacing and chardet's character-sequence models agree
(:func:`mailgate.parse.east_asian.korean_under_chinese_label`); Chinese under its own
label, spaced or not, stays Chinese.

Every phrase below is tried in the subject (raw 8-bit, and an RFC 2047 word), in the
body, and in an attachment's name (RFC 2231), under each Chinese label.
"""

from __future__ import annotations

import base64
import urllib.parse

import pytest

from mailgate.parse import parse_message

# Helpdesk subjects, names and requests as Korean clients write them: two or more words.
KOREAN = (
    "배송 지연 관련 문의드립니다",
    "견적 요청",
    "비밀번호 변경이 안 됩니다",
    "환불 요청",
    "계정 잠김",
    "결제 오류",
    "로그인 안됨",
    "세금계산서 발행 요청",
    "회원 탈퇴",
    "주문 취소 부탁드립니다",
    "김민준 대리",
    "교환 신청",
    "반품 문의",
    "영수증 재발급",
    "카드 결제 실패",
    "배송지 변경",
    "설치 방법 문의",
    "프린터 고장",
    "인터넷 연결 끊김",
    "서비스 해지 요청",
    "요금 청구 오류",
    "계약서 확인 부탁드립니다",
    "긴급 서버 다운",
    "메일 수신 안됨",
    "앱 업데이트 후 오류",
    "쿠폰 적용 안됨",
    "제품 불량 신고",
    "박서준 과장",
    "최지우 팀장",
    "정산 내역 확인",
    "납기 일정 변경",
    "보안 인증서 만료",
    "데이터 복구 요청",
    "라이선스 갱신",
    "안녕하세요. 주문한 상품이 아직 도착하지 않아 문의드립니다.",
    "어제부터 메일이 오지 않습니다. 확인 부탁드립니다.",
)

# Chinese with spaces between its words, as subjects and names are often written: under
# its own label it stays Chinese, though many of these read as Korean syllables too.
SIMPLIFIED = (
    "价格 变更",
    "付款 确认",
    "李娜 经理",
    "产品 报价",
    "发货 延迟",
    "退款 申请",
    "帐号 登录 问题",
    "合同 草稿",
    "会议 通知",
    "紧急 故障",
    "订单 取消",
    "发票 重开",
    "密码 重置",
    "系统 升级",
    "网络 中断",
    "客户 投诉",
    "物流 查询",
    "王芳 总监",
    "张伟 工程师",
    "培训 安排",
    "证书 过期",
    "年度 报告",
    "项目 进度",
    "技术 支持",
    "关于上周订单的退款申请",
    "您好，我上周的订单还没有收到退款，麻烦尽快处理。",
)
TRADITIONAL = (
    "價格 變更",
    "付款 確認",
    "帳號 無法 登入",
    "訂單 取消",
    "發票 問題",
    "陳美玲 經理",
    "系統 維護 通知",
    "緊急 故障",
    "合約 草稿",
    "退款 申請",
    "帳號無法登入，請盡快處理",
)


def _mail(subject: bytes, body: bytes, charset: str, filename: bytes) -> bytes:
    return (
        b"From: client@client.test\r\nTo: support@helpdesk.test\r\n"
        b"Subject: " + subject + b"\r\nMessage-ID: <k@client.test>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=" + charset.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=" + filename + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    )


def _read(text: str, codec: str, label: str, way: str) -> tuple[str, str, str]:
    """Subject, body and attachment name of a mail with ``text`` written in ``codec``
    and labelled ``label``, the subject raw or in an encoded word."""
    data = text.encode(codec)
    word = b"=?" + label.encode() + b"?B?" + base64.b64encode(data) + b"?="
    filename = label.encode() + b"''" + urllib.parse.quote_from_bytes(data + b".pdf").encode()
    subject = data if way == "raw" else word
    mail = parse_message(_mail(subject, data, label, filename))
    names = [a.filename for a in mail.attachments]
    return mail.subject, mail.text.strip(), names[0] if names else ""


_CHINESE_LABELS = ("gb2312", "gbk", "big5")


@pytest.mark.parametrize("way", ["raw", "word"])
@pytest.mark.parametrize("label", _CHINESE_LABELS)
@pytest.mark.parametrize("text", KOREAN)
def test_korean_under_a_chinese_label_reads_as_written(text: str, label: str, way: str) -> None:
    assert _read(text, "euc-kr", label, way) == (text, text, text + ".pdf")


@pytest.mark.parametrize("way", ["raw", "word"])
@pytest.mark.parametrize("label", ["euc-kr", "ks_c_5601-1987"])
@pytest.mark.parametrize("text", KOREAN[:12])
def test_korean_under_its_own_label_reads_as_written(text: str, label: str, way: str) -> None:
    assert _read(text, "euc-kr", label, way) == (text, text, text + ".pdf")


@pytest.mark.parametrize("way", ["raw", "word"])
@pytest.mark.parametrize("label", ["gb2312", "gbk"])
@pytest.mark.parametrize("text", SIMPLIFIED)
def test_spaced_chinese_under_its_label_stays_chinese(text: str, label: str, way: str) -> None:
    assert _read(text, label, label, way) == (text, text, text + ".pdf")


@pytest.mark.parametrize("way", ["raw", "word"])
@pytest.mark.parametrize("text", TRADITIONAL)
def test_spaced_traditional_chinese_under_big5_stays_chinese(text: str, way: str) -> None:
    assert _read(text, "big5", "big5", way) == (text, text, text + ".pdf")
