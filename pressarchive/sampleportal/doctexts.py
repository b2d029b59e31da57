"""Vietnamese text of the sample documents (written for this project, NFC).

Like the portal's own pools (texts.py), the texts avoid the word "quyết" so that a
search for the reference article's phrase still finds that article alone.
"""
# ruff: noqa: E501  (one sentence a line reads better than wrapped prose)

from __future__ import annotations

PLAN_TITLE = "KẾ HOẠCH Phát triển giao thông nông thôn tỉnh Đồng Tháp năm 2026"
PLAN_PARAGRAPHS = [
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển giao thông nông thôn năm 2026 nhằm nâng cao chất lượng đường liên xã và đường ra đồng.",
    "Các huyện Lấp Vò, Lai Vung và Tháp Mười ưu tiên sửa chữa cầu yếu, mở rộng mặt đường và lắp đèn chiếu sáng tại các tuyến đông dân cư.",
    "Sở Giao thông vận tải chủ trì, phối hợp với Sở Tài chính thẩm định dự toán và hướng dẫn địa phương lập hồ sơ trước ngày 30 tháng 4.",
    "Kinh phí thực hiện gồm ngân sách tỉnh, ngân sách huyện và nguồn vận động xã hội hóa từ doanh nghiệp, người dân trên địa bàn.",
]
# The two-column page: a notice to farmers, left column then right column.
COLUMN_LEFT = [
    "Trung tâm Khuyến nông tỉnh thông báo lịch xuống giống lúa vụ Hè Thu cho nông dân các xã ven sông Tiền.",
    "Bà con cần vệ sinh đồng ruộng, diệt ốc bươu vàng và chuẩn bị giống xác nhận trước khi gieo sạ.",
    "Cán bộ kỹ thuật sẽ trực tại trụ sở ấp để giải đáp thắc mắc về phân bón và thuốc bảo vệ thực vật.",
]
COLUMN_RIGHT = [
    "Thời gian gieo sạ tập trung từ ngày 5 đến ngày 20 tháng 5 để né rầy nâu di trú theo khuyến cáo.",
    "Hợp tác xã bố trí máy bơm chống hạn, nạo vét kênh mương nội đồng và điều tiết nước hợp lý.",
    "Mọi thông tin chi tiết xin liên hệ Phòng Nông nghiệp huyện trong giờ hành chính các ngày làm việc.",
]
TABLE_CAPTION = "Bảng tổng hợp kinh phí sửa chữa cầu đường năm 2026"
TABLE_ROWS = [
    ["STT", "Địa phương", "Số công trình", "Kinh phí (triệu đồng)"],
    ["1", "Huyện Lấp Vò", "12", "8.450"],
    ["2", "Huyện Lai Vung", "9", "6.120"],
    ["3", "Huyện Tháp Mười", "15", "11.780"],
    ["4", "Thành phố Sa Đéc", "7", "5.300"],
]

NOTICE_TITLE = "THÔNG BÁO Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân tỉnh"
NOTICE_PARAGRAPHS = [
    "Văn phòng Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân định kỳ trong quý II năm 2026 tại Trụ sở Tiếp công dân tỉnh.",
    "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân vào ngày 15 hằng tháng; các Phó Chủ tịch tiếp công dân theo lĩnh vực được phân công.",
    "Công dân đến trình bày ý kiến, khiếu nại, tố cáo cần mang theo giấy tờ tùy thân và hồ sơ, tài liệu có liên quan.",
]
NOTICE_LETTERHEAD = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP — VĂN PHÒNG"  # in a text box
NOTICE_RECIPIENTS = "Nơi nhận: Như trên; Ban Tiếp công dân tỉnh; Lưu: VT."  # a content control
NOTICE_TABLE = [
    ["Ngày", "Người tiếp", "Lĩnh vực"],
    ["15/4/2026", "Chủ tịch UBND tỉnh", "Đất đai, bồi thường"],
    ["22/4/2026", "Phó Chủ tịch phụ trách kinh tế", "Đầu tư, xây dựng"],
]

DISPATCH_TITLE = "CÔNG VĂN Về việc tăng cường phòng, chống dịch bệnh sốt xuất huyết"
DISPATCH_PARAGRAPHS = [
    "Sở Y tế đề nghị Ủy ban nhân dân các huyện, thành phố chỉ đạo ra quân diệt lăng quăng, bọ gậy tại từng hộ gia đình.",
    "Trạm Y tế xã tăng cường giám sát ca bệnh, xử lý ổ dịch kịp thời và tuyên truyền người dân ngủ mùng kể cả ban ngày.",
    "Các trường học tổ chức tổng vệ sinh khuôn viên, thu gom vật dụng phế thải chứa nước đọng trước mùa mưa.",
]

REPORT_SHEET = "Báo cáo thu ngân sách"
REPORT_ROWS = [
    ["Địa phương", "Dự toán năm", "Thực hiện quý I", "Tỷ lệ (%)"],
    ["Thành phố Cao Lãnh", 1250, 342, 27.4],
    ["Thành phố Sa Đéc", 980, 251, 25.6],
    ["Huyện Hồng Ngự", 640, 149, 23.3],
    ["Huyện Châu Thành", 710, 188, 26.5],
]
REPORT_NOTE = "Số liệu do Sở Tài chính tổng hợp, đơn vị tính triệu đồng."

SCAN_TITLE = "THÔNG BÁO Kết quả tuyển dụng viên chức ngành giáo dục"
SCAN_PARAGRAPHS = [
    "Hội đồng tuyển dụng thông báo danh sách thí sinh trúng tuyển viên chức giáo dục năm 2026.",
    "Người trúng tuyển hoàn thiện hồ sơ và nộp bản sao văn bằng tại Sở Giáo dục và Đào tạo.",
    "Thời hạn nộp hồ sơ là mười lăm ngày làm việc kể từ ngày niêm yết thông báo này.",
    "Quá thời hạn trên, người trúng tuyển không hoàn thiện hồ sơ sẽ bị hủy kết quả.",
]

MIXED_ANNEX = "Phụ lục: danh sách thí sinh trúng tuyển được niêm yết tại Sở Giáo dục và Đào tạo."

SECRET_TITLE = "KẾ HOẠCH Diễn tập phòng thủ khu vực (tài liệu mật)"
SECRET_PARAGRAPHS = ["Tài liệu này được bảo vệ bằng mật khẩu và chỉ lưu hành nội bộ."]


def plan_text() -> str:
    """The text PDF's known text (title, paragraphs, both columns, the table)."""
    cells = [cell for row in TABLE_ROWS for cell in row]
    return "\n".join([PLAN_TITLE, *PLAN_PARAGRAPHS, *COLUMN_LEFT, *COLUMN_RIGHT, TABLE_CAPTION, *cells])


def notice_text() -> str:
    """The DOCX's known text."""
    cells = [cell for row in NOTICE_TABLE for cell in row]
    return "\n".join([NOTICE_LETTERHEAD, NOTICE_TITLE, *NOTICE_PARAGRAPHS, *cells,
                      NOTICE_RECIPIENTS])


def dispatch_text() -> str:
    """The legacy .doc's known text."""
    return "\n".join([DISPATCH_TITLE, *DISPATCH_PARAGRAPHS])


def report_text() -> str:
    """The XLSX's known text (numbers as the sheet shows them)."""
    cells = [str(cell) for row in REPORT_ROWS for cell in row]
    return "\n".join([REPORT_SHEET, *cells, REPORT_NOTE])


def scan_text() -> str:
    """The scanned PDF's known text (what OCR should read)."""
    return "\n".join([SCAN_TITLE, *SCAN_PARAGRAPHS])
