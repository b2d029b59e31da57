"""Vietnamese text pools for the sample portal (written for this project)."""
# ruff: noqa: E501  (one sentence a line reads better than wrapped prose)

from __future__ import annotations

PLACES = [
    "Cao Lãnh", "Sa Đéc", "Hồng Ngự", "Tháp Mười", "Lấp Vò", "Lai Vung", "Châu Thành",
    "Tam Nông", "Thanh Bình", "Tân Hồng",
]

TOPICS = {
    "Chính trị - Xây dựng Đảng": {
        "titles": [
            "{place} tổng kết công tác xây dựng Đảng năm {year}",
            "Huyện ủy {place} triển khai nghị quyết về chuyển đổi số",
            "Nâng cao chất lượng sinh hoạt chi bộ ở {place}",
            "{place} kết nạp {n} đảng viên mới trong quý",
            "Đoàn công tác Tỉnh ủy làm việc tại {place}",
            "Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh ở {place}",
        ],
        "sentences": [
            "Hội nghị đã đánh giá kết quả lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị của địa phương.",
            "Các đại biểu tập trung thảo luận những giải pháp nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng.",
            "Công tác kiểm tra, giám sát được thực hiện thường xuyên, đúng quy định.",
            "Ban Thường vụ Huyện ủy yêu cầu các chi bộ đổi mới nội dung sinh hoạt cho thiết thực.",
            "Việc phát huy vai trò nêu gương của người đứng đầu được đặt lên hàng đầu.",
            "Nhiều mô hình dân vận khéo được nhân rộng trong toàn huyện.",
            "Đảng bộ chú trọng công tác quy hoạch, đào tạo, bồi dưỡng cán bộ trẻ.",
            "Công tác cải cách hành chính tiếp tục được đẩy mạnh, tạo thuận lợi cho người dân.",
            "Các tổ chức đảng kịp thời nắm bắt tâm tư, nguyện vọng của cán bộ, đảng viên.",
            "Lãnh đạo địa phương đề nghị tiếp tục củng cố khối đại đoàn kết toàn dân.",
        ],
    },
    "Kinh tế": {
        "titles": [
            "Nông dân {place} trúng mùa xoài cát Hòa Lộc",
            "{place} mở rộng vùng trồng sen hồng lên {n} héc-ta",
            "Đầu tư {n} tỷ đồng nâng cấp đường giao thông nông thôn ở {place}",
            "Hợp tác xã {place} đưa sản phẩm OCOP lên sàn thương mại điện tử",
            "Vụ lúa đông xuân ở {place} đạt năng suất cao",
            "Doanh nghiệp {place} tìm hướng xuất khẩu cá tra",
        ],
        "sentences": [
            "Năng suất bình quân đạt khá cao so với cùng kỳ năm trước.",
            "Giá bán ổn định giúp nông dân có lãi sau khi trừ chi phí.",
            "Ngành nông nghiệp khuyến cáo bà con áp dụng quy trình sản xuất an toàn.",
            "Nhiều hộ dân mạnh dạn chuyển đổi cơ cấu cây trồng theo hướng hiệu quả.",
            "Địa phương phối hợp với doanh nghiệp bao tiêu sản phẩm cho người dân.",
            "Các tuyến đường mới giúp việc vận chuyển nông sản thuận lợi hơn.",
            "Hợp tác xã chú trọng xây dựng thương hiệu và truy xuất nguồn gốc sản phẩm.",
            "Tỉnh đang kêu gọi đầu tư vào công nghiệp chế biến sâu.",
            "Nguồn vốn tín dụng ưu đãi được giải ngân kịp thời cho hộ sản xuất.",
            "Mô hình kinh tế tuần hoàn bước đầu mang lại hiệu quả rõ rệt.",
        ],
    },
    "Văn hóa - Xã hội": {
        "titles": [
            "{place} khai mạc lễ hội sen hồng năm {year}",
            "Trường học ở {place} đẩy mạnh chuyển đổi số trong giảng dạy",
            "Trạm y tế {place} tiêm chủng cho {n} trẻ em",
            "Xây dựng đời sống văn hóa ở khu dân cư {place}",
            "{place} trao {n} căn nhà tình nghĩa cho hộ khó khăn",
            "Thanh niên {place} ra quân mùa hè tình nguyện",
        ],
        "sentences": [
            "Chương trình thu hút đông đảo người dân và du khách tham gia.",
            "Nhiều hoạt động văn hóa, thể thao được tổ chức sôi nổi.",
            "Ngành giáo dục quan tâm nâng cao chất lượng dạy và học.",
            "Đội ngũ y tế cơ sở được tăng cường về nhân lực và trang thiết bị.",
            "Công tác chăm lo cho gia đình chính sách luôn được chú trọng.",
            "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa ngày càng đi vào chiều sâu.",
            "Các em học sinh được trang bị kỹ năng sống và kỹ năng số.",
            "Địa phương vận động các nhà hảo tâm chung tay hỗ trợ người nghèo.",
            "Đoàn viên thanh niên tích cực tham gia giữ gìn vệ sinh môi trường.",
            "Người dân phấn khởi khi đời sống vật chất và tinh thần được nâng lên.",
        ],
    },
}

NUMBERED_ITEMS = [
    "Rà soát, hoàn thiện kế hoạch thực hiện nhiệm vụ trọng tâm.",
    "Tăng cường phối hợp giữa các sở, ngành và địa phương.",
    "Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.",
]

NOTICE_TITLES = [
    "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh",
    "Thông báo tuyển dụng viên chức sự nghiệp giáo dục năm {year}",
    "Thông báo kết quả lựa chọn nhà thầu dự án đường tỉnh",
]

CAPTIONS = [
    "Quang cảnh hội nghị tại {place}",
    "Lãnh đạo tỉnh thăm mô hình sản xuất ở {place}",
    "Người dân {place} tham gia hoạt động",
    "Cánh đồng sen hồng ở {place}",
]

AUTHORS = ["Văn Khương", "HOÀNG ANH", "Minh Tâm", "Thanh Hà - Ngọc Lan", "Nguyễn Hữu Đức",
           "PV", "Trúc Ly", "Đăng Khoa"]
