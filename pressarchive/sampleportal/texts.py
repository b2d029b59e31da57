"""Vietnamese text pools for the sample portal (written for this project, NFC).

Placeholders: ``{place}`` (bare name), ``{unit}`` ("huyện Lấp Vò", "TP. Sa Đéc"),
``{party}`` ("Huyện ủy Lấp Vò"), ``{time}`` ("Sáng 14/3"), ``{n}``, ``{k}``, ``{pct}``,
``{year}``, ``{month}``. Titles use only ``{place}``, ``{n}`` and ``{year}``.

The pools avoid the word "quyết": a search for "quyết tâm mới" must find the reference
article alone (tests/test_research.py and the README's examples).
"""
# ruff: noqa: E501  (one sentence a line reads better than wrapped prose)

from __future__ import annotations

from typing import TypedDict


class Subject(TypedDict):
    """One news subject of a section: its headlines, leads, sentences and photo captions."""

    titles: list[str]
    leads: list[str]
    sentences: list[str]
    captions: list[str]


class Notice(TypedDict):
    """A notice ("Thông báo …") with its attached documents (file stem, extension, name)."""

    title: str
    lead: str
    paragraphs: list[str]
    attachments: list[tuple[str, str, str]]


PLACES = [
    "Cao Lãnh", "Sa Đéc", "Hồng Ngự", "Tháp Mười", "Lấp Vò", "Lai Vung", "Châu Thành",
    "Tam Nông", "Thanh Bình", "Tân Hồng",
]
CITIES = {"Cao Lãnh", "Sa Đéc", "Hồng Ngự"}


def unit(place: str) -> tuple[str, str]:
    """("TP. Sa Đéc", "Thành ủy Sa Đéc") or ("huyện Lấp Vò", "Huyện ủy Lấp Vò")."""
    if place in CITIES:
        return f"TP. {place}", f"Thành ủy {place}"
    return f"huyện {place}", f"Huyện ủy {place}"


# Names for bylines; AUTHORS is also used by benchmarks/make_archive.py.
NAMES = ["Văn Khương", "Hữu Nghĩa", "Thu Hằng", "Minh Trí", "Bảo Trân", "Quốc Đạt",
         "Ngọc Diễm", "Trọng Nhân", "Kim Thoa", "Phước Lộc"]
FULL_NAMES = ["Nguyễn Hữu Đức", "Lê Thị Mỹ Duyên", "Trần Quốc Việt", "Phạm Ngọc Hân"]
UPPER_NAMES = ["HOÀNG ANH", "THANH TUẤN", "ĐỨC THỊNH"]
AUTHORS = ["Văn Khương", "HOÀNG ANH", "Minh Tâm", "Thanh Hà - Ngọc Lan", "Nguyễn Hữu Đức",
           "PV", "Trúc Ly", "Đăng Khoa"]

POLITICS, ECONOMY, SOCIETY = "Chính trị - Xây dựng Đảng", "Kinh tế", "Văn hóa - Xã hội"

SUBJECTS: dict[str, list[Subject]] = {
    POLITICS: [
        {
            "titles": [
                "{place} nâng cao chất lượng sinh hoạt chi bộ năm {year}",
                "Đảng bộ {place} kết nạp {n} đảng viên mới",
                "Đảng bộ {place} tổng kết công tác xây dựng Đảng năm {year}",
                "Phát huy vai trò nêu gương của cán bộ, đảng viên ở {place}",
                "Chi bộ ấp ở {place} giữ vững vai trò hạt nhân chính trị",
                "Bồi dưỡng lý luận chính trị cho {n} quần chúng ưu tú ở {place}",
            ],
            "leads": [
                "{time}, {party} tổ chức hội nghị tổng kết công tác xây dựng Đảng và triển khai nhiệm vụ năm {year}.",
                "{time}, Ban Thường vụ {party} làm việc với các chi bộ trực thuộc về nâng cao chất lượng sinh hoạt định kỳ. Đây là nhiệm vụ được cấp ủy xác định là thường xuyên, lâu dài.",
                "Thời gian qua, Đảng bộ {unit} đã kết nạp {n} đảng viên mới, phần lớn là đoàn viên thanh niên ưu tú ở các ấp, khóm.",
            ],
            "sentences": [
                "Các chi bộ đã đổi mới nội dung sinh hoạt, gắn với nhiệm vụ chính trị cụ thể của từng địa phương.",
                "Sinh hoạt chuyên đề được tổ chức định kỳ mỗi quý, tập trung vào những vấn đề nhân dân quan tâm.",
                "Nhiều đảng viên trẻ mạnh dạn đề xuất cách làm mới trong phát triển kinh tế hộ gia đình.",
                "Cấp ủy chú trọng tạo nguồn kết nạp đảng viên từ đoàn viên ưu tú, dân quân và người lao động tiêu biểu.",
                "Việc đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên được thực hiện thực chất, đúng quy định.",
                "Bí thư chi bộ là người trực tiếp định hướng nội dung và điều hành buổi sinh hoạt.",
                "Những khó khăn, vướng mắc ở cơ sở được đưa ra bàn bạc dân chủ và có kết luận rõ ràng.",
                "Đảng ủy xã duy trì chế độ dự sinh hoạt với các chi bộ ấp để kịp thời nắm bắt tình hình.",
                "Công tác giáo dục chính trị, tư tưởng cho cán bộ, đảng viên được quan tâm thực hiện thường xuyên.",
                "Cấp ủy yêu cầu mỗi đảng viên đăng ký ít nhất một việc làm cụ thể để thực hiện trong năm.",
            ],
            "captions": [
                "Quang cảnh hội nghị tại {unit}",
                "Lãnh đạo {party} trao Huy hiệu Đảng cho đảng viên lão thành",
                "Một buổi sinh hoạt chi bộ ấp ở {place}",
            ],
        },
        {
            "titles": [
                "Ủy ban Kiểm tra Đảng ủy {place} giám sát {n} tổ chức đảng",
                "Tăng cường công tác kiểm tra, giám sát ở Đảng bộ {place}",
                "{place} sơ kết công tác kiểm tra, giám sát 6 tháng đầu năm {year}",
                "Kiểm tra việc thực hiện quy định nêu gương tại {place}",
                "Đảng bộ {place} kiểm tra {n} đảng viên khi có dấu hiệu vi phạm",
            ],
            "leads": [
                "{time}, Ủy ban Kiểm tra {party} tổ chức hội nghị sơ kết công tác kiểm tra, giám sát và thi hành kỷ luật đảng.",
                "Năm {year}, cấp ủy và ủy ban kiểm tra các cấp ở {unit} đã kiểm tra, giám sát {n} tổ chức đảng và đảng viên.",
            ],
            "sentences": [
                "Qua kiểm tra, phần lớn tổ chức đảng và đảng viên chấp hành tốt các nguyên tắc, quy định của Đảng.",
                "Một số hạn chế được chỉ ra kịp thời, giúp tổ chức đảng khắc phục ngay trong quá trình thực hiện.",
                "Công tác giám sát thường xuyên được triển khai thông qua việc dự họp, nghiên cứu báo cáo và nắm tình hình cơ sở.",
                "Ủy ban Kiểm tra chú trọng giám sát việc kê khai tài sản, thu nhập của cán bộ thuộc diện quản lý.",
                "Các đơn thư phản ánh được xem xét, xử lý đúng thẩm quyền và thời hạn.",
                "Việc thi hành kỷ luật bảo đảm nghiêm minh, khách quan, có tác dụng giáo dục và phòng ngừa.",
                "Cấp ủy đề nghị tập trung kiểm tra những lĩnh vực nhạy cảm như đất đai, đầu tư công và tài chính.",
                "Kết quả kiểm tra được thông báo công khai trong tổ chức đảng theo quy định.",
                "Cán bộ làm công tác kiểm tra được tập huấn nghiệp vụ để nâng cao kỹ năng thẩm tra, xác minh.",
            ],
            "captions": [
                "Đoàn kiểm tra làm việc với Đảng ủy xã ở {unit}",
                "Hội nghị sơ kết công tác kiểm tra, giám sát",
            ],
        },
        {
            "titles": [
                "{place} đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
                "Bộ phận một cửa {place} tiếp nhận {n} hồ sơ trực tuyến mỗi tháng",
                "Nâng cao chỉ số hài lòng của người dân ở {place} năm {year}",
                "Tổ công nghệ số cộng đồng ở {place} hỗ trợ người dân cài đặt ứng dụng VNeID",
                "{place} số hóa {n} nghìn hồ sơ hộ tịch",
                "Cải cách hành chính ở {place}: lấy người dân làm trung tâm",
            ],
            "leads": [
                "{time}, UBND {unit} tổ chức hội nghị đánh giá kết quả cải cách hành chính và chuyển đổi số quý vừa qua.",
                "Thời gian qua, {unit} đã tiếp nhận và xử lý {n} hồ sơ trực tuyến toàn trình, góp phần giảm thời gian đi lại của người dân.",
                "Chuyển đổi số đang thay đổi cách chính quyền {unit} phục vụ người dân. Nhiều thủ tục trước đây mất vài ngày nay chỉ cần vài giờ.",
            ],
            "sentences": [
                "Toàn bộ thủ tục hành chính đủ điều kiện đã được cung cấp dưới dạng dịch vụ công trực tuyến.",
                "Người dân có thể theo dõi tiến độ xử lý hồ sơ ngay trên điện thoại thông minh.",
                "Tỷ lệ hồ sơ được xử lý đúng hạn luôn duy trì ở mức cao.",
                "Cán bộ bộ phận một cửa được tập huấn kỹ năng giao tiếp và hướng dẫn thủ tục cho người dân.",
                "Các tổ công nghệ số cộng đồng đến từng ấp để hướng dẫn người dân thanh toán không dùng tiền mặt.",
                "Việc ký số văn bản giúp các cơ quan tiết kiệm đáng kể thời gian và chi phí in ấn.",
                "Hệ thống camera giám sát và wifi công cộng được lắp đặt tại nhiều khu vực trung tâm.",
                "Ý kiến góp ý của người dân được tiếp nhận qua đường dây nóng và cổng thông tin điện tử.",
                "Lãnh đạo địa phương yêu cầu xử lý nghiêm trường hợp cán bộ gây phiền hà cho người dân.",
                "Dữ liệu dân cư được làm sạch, kết nối với các hệ thống chuyên ngành để dùng chung.",
            ],
            "captions": [
                "Người dân làm thủ tục tại bộ phận một cửa {unit}",
                "Đoàn viên thanh niên hướng dẫn người dân cài đặt ứng dụng trên điện thoại",
            ],
        },
        {
            "titles": [
                "Nhân rộng mô hình dân vận khéo ở {place}",
                "Mặt trận {place} vận động xây dựng {n} căn nhà Đại đoàn kết",
                "Người đứng đầu cấp ủy {place} đối thoại với nhân dân năm {year}",
                "Đại biểu Hội đồng nhân dân tỉnh tiếp xúc cử tri {place}",
                "Cử tri {place} kiến nghị {n} nội dung trước kỳ họp",
            ],
            "leads": [
                "{time}, {party} tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân năm {year}.",
                "Năm {year}, toàn {unit} có {n} mô hình dân vận khéo được công nhận, lan tỏa tinh thần đoàn kết trong cộng đồng.",
                "{time}, Tổ đại biểu Hội đồng nhân dân tỉnh đơn vị {unit} tiếp xúc cử tri trước kỳ họp thường lệ.",
            ],
            "sentences": [
                "Nhiều ý kiến của cử tri tập trung vào chất lượng đường giao thông nông thôn và nước sạch.",
                "Lãnh đạo địa phương trực tiếp trả lời, làm rõ các kiến nghị thuộc thẩm quyền.",
                "Những nội dung vượt thẩm quyền được tổng hợp, chuyển đến cơ quan chức năng xem xét.",
                "Người dân tự nguyện hiến đất, góp công để mở rộng đường và xây cầu nông thôn.",
                "Mô hình tổ tự quản giữ gìn an ninh trật tự ở khu dân cư hoạt động hiệu quả.",
                "Ủy ban Mặt trận Tổ quốc các cấp phát huy tốt vai trò giám sát và phản biện xã hội.",
                "Công tác dân vận chính quyền gắn với thực hiện quy chế dân chủ ở cơ sở.",
                "Các đoàn thể chính trị - xã hội tích cực vận động hội viên tham gia phát triển kinh tế.",
                "Nhiều hộ khó khăn được hỗ trợ vốn, cây giống và con giống để ổn định cuộc sống.",
            ],
            "captions": [
                "Cử tri {place} phát biểu ý kiến tại buổi tiếp xúc",
                "Bàn giao nhà Đại đoàn kết cho hộ khó khăn ở {unit}",
            ],
        },
    ],
    ECONOMY: [
        {
            "titles": [
                "Nông dân {place} trúng mùa xoài cát Hòa Lộc",
                "{place} xuất khẩu {n} tấn xoài sang thị trường Hàn Quốc",
                "Liên kết tiêu thụ xoài theo tiêu chuẩn VietGAP ở {place}",
                "Cấp mã số vùng trồng xoài cho {n} héc-ta ở {place}",
                "Giá xoài tăng, nhà vườn {place} phấn khởi",
                "Xoài nghịch mùa mang lại thu nhập khá cho nông dân {place} năm {year}",
            ],
            "leads": [
                "Những ngày này, nhà vườn trồng xoài ở {unit} đang tất bật thu hoạch vụ xoài nghịch mùa. Giá bán ổn định giúp nhiều hộ có lãi khá.",
                "{time}, Sở Nông nghiệp và Phát triển nông thôn phối hợp với UBND {unit} tổ chức hội thảo liên kết tiêu thụ xoài năm {year}.",
                "Vùng xoài {unit} hiện có {n} héc-ta được cấp mã số vùng trồng, mở đường cho trái xoài Đồng Tháp đi xa hơn.",
            ],
            "sentences": [
                "Xoài cát Hòa Lộc và xoài cát chu là hai giống chủ lực được thương lái ưa chuộng.",
                "Nhiều nhà vườn áp dụng kỹ thuật bao trái giúp xoài đẹp mã, hạn chế sâu bệnh.",
                "Vùng trồng được cấp mã số giúp sản phẩm đủ điều kiện xuất khẩu chính ngạch.",
                "Hợp tác xã ký hợp đồng bao tiêu với doanh nghiệp, giá thu mua cao hơn giá thị trường từ 1.000 đến 2.000 đồng/kg.",
                "Người trồng xoài được hướng dẫn ghi nhật ký canh tác và sử dụng thuốc bảo vệ thực vật đúng cách.",
                "Xoài Đồng Tháp đã có mặt tại nhiều thị trường khó tính như Nhật Bản, Hàn Quốc và Úc.",
                "Nông dân chủ động xử lý ra hoa để rải vụ, tránh thu hoạch tập trung.",
                "Chi phí phân bón tăng cao khiến lợi nhuận của nhà vườn giảm so với năm trước.",
                "Cơ sở đóng gói đạt chuẩn giúp kéo dài thời gian bảo quản trái xoài sau thu hoạch.",
            ],
            "captions": [
                "Nông dân {place} thu hoạch xoài",
                "Xoài được phân loại trước khi đóng thùng xuất khẩu",
            ],
        },
        {
            "titles": [
                "{place} mở rộng vùng trồng sen hồng lên {n} héc-ta",
                "Chế biến sản phẩm từ sen, hướng đi mới của nông dân {place}",
                "Sen Đồng Tháp vươn ra thị trường từ {place}",
                "Mô hình trồng sen kết hợp du lịch sinh thái ở {place}",
                "Nông dân {place} thu lãi cao nhờ trồng sen lấy gương năm {year}",
            ],
            "leads": [
                "Từ cây sen quen thuộc, nhiều hộ dân ở {unit} đã mạnh dạn chế biến trà sen, mứt hạt sen và tinh dầu sen, nâng giá trị sản phẩm.",
                "Năm {year}, diện tích trồng sen của {unit} tăng thêm {n} héc-ta, chủ yếu chuyển đổi từ đất lúa kém hiệu quả.",
            ],
            "sentences": [
                "Mỗi héc-ta sen cho thu nhập từ hạt, ngó và lá sen cao hơn trồng lúa.",
                "Sản phẩm trà tim sen, hạt sen sấy đã được công nhận sản phẩm OCOP 3 sao.",
                "Đầm sen vào mùa nở hoa thu hút nhiều du khách đến tham quan, chụp ảnh.",
                "Người dân kết hợp nuôi cá trong ruộng sen để tăng thêm nguồn thu.",
                "Doanh nghiệp hỗ trợ máy tách hạt, giảm nhiều công lao động cho người trồng.",
                "Sen hồng là biểu tượng của vùng đất Đồng Tháp và gắn với đời sống người dân nhiều thế hệ.",
                "Ngành nông nghiệp khuyến cáo chọn giống sen có năng suất hạt cao, ít sâu bệnh.",
                "Các sản phẩm từ sen được giới thiệu trên sàn thương mại điện tử và tại hội chợ.",
                "Mô hình trồng sen lấy gương đang được nhân rộng ở nhiều xã vùng trũng.",
            ],
            "captions": [
                "Cánh đồng sen hồng ở {place}",
                "Chế biến hạt sen sấy tại cơ sở sản xuất",
            ],
        },
        {
            "titles": [
                "Vụ lúa đông xuân ở {place} đạt năng suất cao",
                "Cánh đồng lớn ở {place} giúp nông dân giảm chi phí",
                "Nông dân {place} dùng thiết bị bay không người lái phun thuốc cho lúa",
                "Sản xuất lúa giảm phát thải ở {place} năm {year}",
                "{place} xuống giống {n} héc-ta lúa thu đông",
            ],
            "leads": [
                "Vụ lúa đông xuân năm {year}, nông dân {unit} thu hoạch đạt năng suất bình quân trên 7 tấn/héc-ta, giá bán ổn định nên có lãi khá.",
                "{time}, UBND {unit} tổ chức hội nghị sơ kết sản xuất lúa và triển khai kế hoạch xuống giống vụ mới.",
            ],
            "sentences": [
                "Nông dân sử dụng giống lúa chất lượng cao, phù hợp với điều kiện đồng ruộng của địa phương.",
                "Lịch xuống giống tập trung, né rầy được ngành nông nghiệp khuyến cáo từ sớm.",
                "Việc cơ giới hóa từ khâu làm đất đến thu hoạch giúp giảm đáng kể chi phí nhân công.",
                "Thiết bị bay không người lái phun thuốc giúp tiết kiệm nước, thuốc và thời gian.",
                "Thương lái thu mua lúa tươi ngay tại ruộng với giá ổn định.",
                "Hệ thống đê bao khép kín bảo đảm an toàn cho sản xuất trong mùa lũ.",
                "Nông dân giảm lượng giống gieo sạ và phân bón hóa học theo hướng dẫn của cán bộ kỹ thuật.",
                "Rơm sau thu hoạch được thu gom để trồng nấm và làm thức ăn cho gia súc.",
                "Mô hình cánh đồng lớn gắn với doanh nghiệp giúp đầu ra của hạt lúa ổn định hơn.",
                "Ngành chức năng khuyến cáo nông dân thăm đồng thường xuyên để phát hiện sớm sâu bệnh.",
            ],
            "captions": [
                "Thu hoạch lúa bằng máy gặt đập liên hợp ở {place}",
                "Cán bộ kỹ thuật hướng dẫn nông dân thăm đồng",
            ],
        },
        {
            "titles": [
                "Đầu tư {n} tỷ đồng nâng cấp đường giao thông nông thôn ở {place}",
                "Khởi công cầu nông thôn tại {place}",
                "Đẩy nhanh tiến độ giải ngân vốn đầu tư công ở {place}",
                "{place} hoàn thành {n} công trình giao thông năm {year}",
                "Tuyến đường tỉnh qua {place} sắp thông xe",
            ],
            "leads": [
                "{time}, UBND {unit} tổ chức lễ khởi công công trình nâng cấp, mở rộng tuyến đường liên xã với tổng vốn đầu tư hơn {n} tỷ đồng.",
                "Năm {year}, {unit} được giao hơn {n} tỷ đồng vốn đầu tư công, tập trung cho các công trình giao thông và thủy lợi.",
            ],
            "sentences": [
                "Công trình có mặt đường rộng 7 m, kết cấu bê tông nhựa, kèm hệ thống thoát nước và chiếu sáng.",
                "Đơn vị thi công cam kết bảo đảm chất lượng và an toàn giao thông trong suốt quá trình thi công.",
                "Người dân đồng thuận bàn giao mặt bằng sớm để công trình triển khai đúng tiến độ.",
                "Khi hoàn thành, tuyến đường sẽ rút ngắn thời gian vận chuyển nông sản đến các cụm công nghiệp.",
                "Ban Quản lý dự án thường xuyên kiểm tra hiện trường và kịp thời tháo gỡ vướng mắc.",
                "Tỷ lệ giải ngân vốn đầu tư công của địa phương thuộc nhóm cao của tỉnh.",
                "Một số công trình chậm tiến độ do giá vật liệu xây dựng tăng và thiếu cát san lấp.",
                "Tỉnh yêu cầu các chủ đầu tư không để xảy ra tình trạng nợ đọng xây dựng cơ bản.",
                "Cầu mới được xây dựng thay thế cây cầu sắt cũ đã xuống cấp sau nhiều năm sử dụng.",
            ],
            "captions": [
                "Thi công tuyến đường liên xã ở {unit}",
                "Lãnh đạo địa phương kiểm tra tiến độ công trình",
            ],
        },
        {
            "titles": [
                "Hợp tác xã ở {place} đưa sản phẩm OCOP lên sàn thương mại điện tử",
                "{place} có thêm {n} sản phẩm đạt chuẩn OCOP",
                "Doanh nghiệp {place} tìm hướng xuất khẩu cá tra",
                "Phát triển làng nghề truyền thống ở {place}",
                "Hội chợ nông sản {place} năm {year} thu hút đông khách",
            ],
            "leads": [
                "Năm {year}, {unit} có thêm {n} sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên.",
                "{time}, Sở Công Thương phối hợp với UBND {unit} tổ chức tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho các chủ thể OCOP.",
            ],
            "sentences": [
                "Sản phẩm được thiết kế bao bì mới, có tem truy xuất nguồn gốc bằng mã QR.",
                "Các chủ thể OCOP được hỗ trợ tham gia hội chợ, triển lãm trong và ngoài tỉnh.",
                "Nhiều hợp tác xã đã mở gian hàng trực tuyến và bán hàng qua hình thức phát trực tiếp.",
                "Doanh thu từ kênh trực tuyến chiếm tỷ trọng ngày càng lớn trong tổng doanh thu.",
                "Kim ngạch xuất khẩu cá tra phục hồi nhờ đơn hàng từ các thị trường truyền thống.",
                "Doanh nghiệp đầu tư vùng nuôi đạt chuẩn quốc tế để đáp ứng yêu cầu của nhà nhập khẩu.",
                "Làng nghề bánh phồng, nem chua thu hút đông lao động nông thôn có việc làm ổn định.",
                "Tỉnh khuyến khích doanh nghiệp liên kết với hợp tác xã để nâng cao giá trị nông sản.",
                "Nguồn vốn khuyến công hỗ trợ cơ sở sản xuất đổi mới máy móc, thiết bị.",
            ],
            "captions": [
                "Sản phẩm OCOP của {place} được trưng bày tại hội chợ",
                "Chế biến cá tra xuất khẩu tại nhà máy",
            ],
        },
    ],
    SOCIETY: [
        {
            "titles": [
                "Trạm y tế ở {place} tiêm chủng cho {n} trẻ em",
                "Nâng cao chất lượng khám chữa bệnh tại tuyến cơ sở ở {place}",
                "{place} chủ động phòng, chống sốt xuất huyết năm {year}",
                "Trung tâm Y tế {place} triển khai kỹ thuật mới",
                "Khám sàng lọc miễn phí cho {n} người cao tuổi ở {place}",
            ],
            "leads": [
                "{time}, Trung tâm Y tế {unit} phối hợp với các trạm y tế xã ra quân chiến dịch diệt lăng quăng, phòng, chống sốt xuất huyết.",
                "Từ đầu năm {year} đến nay, ngành y tế {unit} đã khám, điều trị cho hàng nghìn lượt người bệnh, không để xảy ra dịch bệnh lớn.",
            ],
            "sentences": [
                "Đội ngũ y tế cơ sở được tăng cường về nhân lực và trang thiết bị.",
                "Người dân được hướng dẫn đăng ký khám bệnh qua ứng dụng và dùng căn cước thay thẻ bảo hiểm y tế.",
                "Các trạm y tế triển khai hồ sơ sức khỏe điện tử cho từng người dân.",
                "Tỷ lệ trẻ em được tiêm chủng đầy đủ các loại vắc xin duy trì ở mức cao.",
                "Ngành y tế khuyến cáo người dân súc rửa dụng cụ chứa nước, loại bỏ nơi muỗi đẻ trứng.",
                "Nhiều kỹ thuật chuyên sâu trước đây phải chuyển lên tuyến trên nay đã thực hiện được tại địa phương.",
                "Bác sĩ tuyến tỉnh định kỳ về hỗ trợ chuyên môn cho trung tâm y tế tuyến huyện.",
                "Người cao tuổi được đo huyết áp, xét nghiệm đường huyết và tư vấn chế độ dinh dưỡng.",
                "Công tác kiểm tra an toàn thực phẩm được tăng cường tại bếp ăn tập thể và chợ.",
            ],
            "captions": [
                "Nhân viên y tế tiêm vắc xin cho trẻ ở {place}",
                "Khám sức khỏe cho người cao tuổi",
            ],
        },
        {
            "titles": [
                "Trường học ở {place} đẩy mạnh chuyển đổi số trong giảng dạy",
                "{place} có thêm {n} trường đạt chuẩn quốc gia",
                "Học sinh {place} tự tin bước vào kỳ thi tốt nghiệp năm {year}",
                "Trao {n} suất học bổng cho học sinh nghèo hiếu học ở {place}",
                "Ngành giáo dục {place} chuẩn bị năm học mới",
            ],
            "leads": [
                "{time}, Phòng Giáo dục và Đào tạo {unit} tổ chức tổng kết năm học, tuyên dương giáo viên và học sinh có thành tích xuất sắc.",
                "Năm học này, ngành giáo dục {unit} tiếp tục đầu tư phòng học thông minh và đẩy mạnh ứng dụng công nghệ thông tin trong dạy học.",
            ],
            "sentences": [
                "Giáo viên sử dụng bài giảng điện tử, giúp tiết học sinh động và thu hút học sinh hơn.",
                "Sổ điểm điện tử và học bạ số được triển khai ở hầu hết các trường.",
                "Các em học sinh được trang bị kỹ năng sống và kỹ năng số.",
                "Nhà trường phối hợp với phụ huynh theo dõi việc học tập của học sinh qua ứng dụng trực tuyến.",
                "Cơ sở vật chất được đầu tư đồng bộ, đáp ứng yêu cầu chương trình giáo dục phổ thông mới.",
                "Công tác phổ cập giáo dục và xóa mù chữ được duy trì vững chắc.",
                "Nhiều suất học bổng được trao kịp thời, giúp học sinh khó khăn yên tâm đến trường.",
                "Đội ngũ giáo viên được bồi dưỡng chuyên môn trong dịp hè.",
                "Tỷ lệ học sinh bỏ học giữa chừng giảm so với năm học trước.",
            ],
            "captions": [
                "Một tiết học có ứng dụng công nghệ thông tin ở {unit}",
                "Trao học bổng cho học sinh vượt khó",
            ],
        },
        {
            "titles": [
                "{place} khai mạc lễ hội sen hồng năm {year}",
                "Xây dựng đời sống văn hóa ở khu dân cư {place}",
                "Du lịch cộng đồng ở {place} thu hút du khách",
                "Liên hoan đờn ca tài tử tại {place} năm {year}",
                "{place} đón {n} nghìn lượt du khách dịp lễ",
            ],
            "leads": [
                "{time}, tại {unit} diễn ra lễ khai mạc chuỗi hoạt động văn hóa, du lịch với nhiều chương trình đặc sắc.",
                "Dịp lễ vừa qua, các điểm du lịch ở {unit} đón hàng nghìn lượt khách tham quan. Nhiều cơ sở lưu trú kín phòng.",
            ],
            "sentences": [
                "Chương trình thu hút đông đảo người dân và du khách tham gia.",
                "Nhiều hoạt động văn hóa, văn nghệ, thể thao được tổ chức sôi nổi.",
                "Các gian hàng giới thiệu sản phẩm đặc trưng của địa phương thu hút đông khách mua sắm.",
                "Đờn ca tài tử Nam Bộ được gìn giữ và truyền dạy cho thế hệ trẻ.",
                "Du khách được trải nghiệm đi xuồng trong rừng tràm, hái sen và thưởng thức món ăn đồng quê.",
                "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa ngày càng đi vào chiều sâu.",
                "Các di tích lịch sử được trùng tu, tôn tạo và phát huy giá trị.",
                "Ngành du lịch phối hợp với các hãng lữ hành xây dựng tour kết nối trong và ngoài tỉnh.",
                "Người dân làm du lịch cộng đồng được tập huấn về kỹ năng phục vụ và bảo vệ môi trường.",
            ],
            "captions": [
                "Tiết mục văn nghệ chào mừng tại {unit}",
                "Du khách tham quan đồng sen",
            ],
        },
        {
            "titles": [
                "{place} trao {n} căn nhà tình nghĩa cho hộ khó khăn",
                "Thanh niên {place} ra quân mùa hè tình nguyện năm {year}",
                "Tạo việc làm cho {n} lao động ở {place}",
                "Chăm lo Tết cho hộ nghèo, gia đình chính sách ở {place}",
                "Giảm nghèo bền vững ở {place} năm {year}",
            ],
            "leads": [
                "{time}, {party} phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam {unit} trao nhà tình nghĩa và quà cho các gia đình chính sách.",
                "Năm {year}, {unit} tạo việc làm cho hơn {n} lao động, trong đó nhiều người vào làm việc tại các khu công nghiệp.",
            ],
            "sentences": [
                "Công tác chăm lo cho gia đình chính sách luôn được chú trọng.",
                "Địa phương vận động các nhà hảo tâm chung tay hỗ trợ người nghèo.",
                "Đoàn viên thanh niên tích cực tham gia giữ gìn vệ sinh môi trường.",
                "Người dân phấn khởi khi đời sống vật chất và tinh thần được nâng lên.",
                "Các hộ thoát nghèo được tiếp tục hỗ trợ vốn vay để phát triển sản xuất.",
                "Phiên giao dịch việc làm giúp người lao động tiếp cận trực tiếp với doanh nghiệp.",
                "Lao động nông thôn được đào tạo nghề ngắn hạn phù hợp với nhu cầu thị trường.",
                "Chính sách bảo hiểm y tế, bảo hiểm xã hội tự nguyện được tuyên truyền rộng rãi.",
                "Nhiều công trình thanh niên như thắp sáng đường quê, cầu nông thôn được bàn giao.",
            ],
            "captions": [
                "Trao nhà tình nghĩa cho gia đình chính sách ở {unit}",
                "Đoàn viên thanh niên ra quân tình nguyện",
            ],
        },
    ],
}

# Sentences any article of a section may use.
GENERAL: dict[str, list[str]] = {
    POLITICS: [
        "Kết quả này góp phần củng cố niềm tin của nhân dân đối với Đảng và chính quyền.",
        "Hội nghị cũng chỉ ra một số hạn chế cần sớm khắc phục trong thời gian tới.",
        "Phát biểu chỉ đạo, đồng chí Bí thư đề nghị các ngành phối hợp chặt chẽ hơn trong triển khai nhiệm vụ.",
        "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, sát với thực tiễn.",
        "Địa phương sẽ tiếp tục rà soát, bổ sung kế hoạch để bảo đảm hoàn thành chỉ tiêu đề ra.",
        "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc được khen thưởng.",
        "Người đứng đầu cấp ủy được yêu cầu trực tiếp chỉ đạo, chịu trách nhiệm về kết quả thực hiện.",
        "Công tác tuyên truyền được đẩy mạnh để cán bộ, đảng viên và nhân dân đồng thuận thực hiện.",
        "Việc sơ kết, rút kinh nghiệm sẽ được tổ chức định kỳ sáu tháng một lần.",
        "Đồng Tháp tiếp tục xác định xây dựng Đảng là nhiệm vụ then chốt.",
    ],
    ECONOMY: [
        "Nguồn vốn tín dụng ưu đãi được giải ngân kịp thời cho các hộ sản xuất.",
        "Địa phương phối hợp với doanh nghiệp bao tiêu sản phẩm cho người dân.",
        "Tỉnh đang kêu gọi đầu tư vào công nghiệp chế biến sâu nông sản.",
        "Mô hình kinh tế tuần hoàn bước đầu mang lại hiệu quả rõ rệt.",
        "Ngành nông nghiệp khuyến cáo bà con áp dụng quy trình sản xuất an toàn.",
        "Nhiều hộ dân mạnh dạn chuyển đổi cơ cấu cây trồng theo hướng hiệu quả.",
        "Biến đổi khí hậu và giá vật tư đầu vào vẫn là những thách thức lớn đối với sản xuất.",
        "Thời gian tới, địa phương tiếp tục cải thiện môi trường đầu tư, kinh doanh.",
        "Các ngân hàng thương mại cam kết đồng hành cùng doanh nghiệp và người dân.",
        "Hợp tác xã chú trọng xây dựng thương hiệu và truy xuất nguồn gốc sản phẩm.",
    ],
    SOCIETY: [
        "Ngành chức năng sẽ tiếp tục kiểm tra, hướng dẫn để phong trào đạt hiệu quả thực chất.",
        "Kết quả này tạo tiền đề để địa phương thực hiện các mục tiêu an sinh xã hội trong giai đoạn tới.",
        "Nhiều tập thể, cá nhân có đóng góp tích cực được biểu dương, khen thưởng.",
        "Sự vào cuộc của cả hệ thống chính trị giúp các chương trình triển khai thuận lợi.",
        "Người dân đánh giá cao sự quan tâm của chính quyền địa phương.",
        "Công tác truyền thông được đẩy mạnh trên mạng xã hội và hệ thống loa truyền thanh cơ sở.",
        "Đồng Tháp phấn đấu nằm trong nhóm dẫn đầu khu vực về chỉ số phát triển con người.",
        "Kinh phí thực hiện được huy động từ ngân sách và nguồn xã hội hóa.",
        "Các hoạt động được tổ chức an toàn, tiết kiệm và thiết thực.",
    ],
}

# Sentences with figures (formatted per article, so that bodies differ).
FIGURES: dict[str, list[str]] = {
    POLITICS: [
        "Đến nay, toàn {unit} có {n} chi bộ đạt tiêu chuẩn trong sạch, vững mạnh.",
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt {pct}%.",
        "Trong năm, {party} đã ban hành {n} văn bản lãnh đạo, chỉ đạo các lĩnh vực.",
    ],
    ECONOMY: [
        "Tổng kinh phí thực hiện hơn {n} tỷ đồng, từ nguồn ngân sách và vốn xã hội hóa.",
        "Giá trị sản xuất trên mỗi héc-ta đất canh tác ở {unit} đạt khoảng {n} triệu đồng/năm.",
        "Thu nhập bình quân đầu người của {unit} tăng khoảng {pct}% so với cùng kỳ.",
    ],
    SOCIETY: [
        "Tổng trị giá các phần quà và công trình được trao hơn {n} triệu đồng.",
        "Tỷ lệ người dân tham gia bảo hiểm y tế ở {unit} đạt {pct}%.",
        "Toàn {unit} hiện có {n} ấp, khóm được công nhận đạt chuẩn văn hóa.",
    ],
}

# Dates in prose: events, never the publication date. Keys: d, m, y, d2 (and the fill).
PROSE_DATES = [
    "Trước đó, chiều {d:02d}/{m:02d}/{y}, đoàn công tác của tỉnh đã khảo sát thực tế tại {unit}.",
    "Kế hoạch được triển khai đến hết ngày 29.12.{y} và sẽ được sơ kết vào đầu năm sau.",
    "Trong 2 ngày {d} & {d2}.{m}, các đơn vị đã ra quân đồng loạt tại những địa bàn trọng điểm.",
]

# A numbered list: an introducing paragraph, then the items (each its own paragraph).
LIST_BLOCKS = [
    ("Để thực hiện tốt nhiệm vụ trong thời gian tới, hội nghị thống nhất các giải pháp trọng tâm sau:", [
        "Rà soát, hoàn thiện kế hoạch thực hiện nhiệm vụ trọng tâm của từng cơ quan, đơn vị.",
        "Tăng cường phối hợp giữa các sở, ngành và địa phương trong tổ chức thực hiện.",
        "Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng.",
    ]),
    ("Ngành chức năng khuyến cáo người dân thực hiện một số nội dung sau:", [
        "Thường xuyên theo dõi thông tin hướng dẫn của cơ quan chuyên môn.",
        "Chủ động liên hệ cán bộ phụ trách địa bàn khi có khó khăn, vướng mắc.",
        "Không tự ý thực hiện khi chưa có hướng dẫn cụ thể.",
        "Phản ánh kịp thời các vấn đề phát sinh qua đường dây nóng của địa phương.",
    ]),
    ("Kế hoạch đặt ra ba nhóm nhiệm vụ chính:", [
        "Nâng cao nhận thức của cán bộ và người dân.",
        "Hoàn thiện hạ tầng và cơ sở dữ liệu dùng chung.",
        "Đào tạo nguồn nhân lực đáp ứng yêu cầu trong giai đoạn mới.",
    ]),
]

NOTICES: list[Notice] = [
    {
        "title": "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh tháng {month}/{year}",
        "lead": "Ủy ban nhân dân tỉnh Đồng Tháp thông báo lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh tháng {month}/{year} như sau.",
        "paragraphs": [
            "Thời gian tiếp công dân: buổi sáng, bắt đầu lúc 7 giờ 30 phút, theo kế hoạch đính kèm.",
            "Địa điểm: Trụ sở Tiếp công dân tỉnh, số 12 đường 30/4, Phường 1, TP. Cao Lãnh.",
            "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo giấy tờ tùy thân và các tài liệu có liên quan. Trường hợp nhiều người cùng khiếu nại về một nội dung thì cử đại diện không quá 5 người.",
        ],
        "attachments": [("ke-hoach-tiep-cong-dan", "pdf", "Kế hoạch số {k}/KH-UBND"),
                        ("mau-don-kien-nghi", "docx", "Mẫu đơn kiến nghị, phản ánh")],
    },
    {
        "title": "Thông báo mời tham gia Hội chợ nông sản và sản phẩm OCOP Đồng Tháp năm {year}",
        "lead": "Sở Công Thương tỉnh Đồng Tháp thông báo mời các doanh nghiệp, hợp tác xã và cơ sở sản xuất tham gia Hội chợ nông sản và sản phẩm OCOP năm {year}.",
        "paragraphs": [
            "Hội chợ dự kiến có khoảng 200 gian hàng, giới thiệu nông sản, sản phẩm OCOP và sản phẩm công nghiệp nông thôn tiêu biểu.",
            "Đơn vị tham gia được miễn phí thuê gian hàng tiêu chuẩn và hỗ trợ một phần chi phí vận chuyển.",
            "Hồ sơ đăng ký gửi về Trung tâm Khuyến công và Xúc tiến thương mại trước thời hạn ghi trong văn bản đính kèm.",
        ],
        "attachments": [("quyet-dinh-hoi-cho-ocop", "pdf", "Quyết định số {k}/QĐ-SCT"),
                        ("phieu-dang-ky-gian-hang", "docx", "Phiếu đăng ký gian hàng")],
    },
]

# Outlet tag some leads open with (kept as part of the lead).
LEAD_TAG = "(Cổng TTĐT) - "


def _plain(sentences: list[str]) -> list[str]:
    return [s for s in sentences if "{" not in s]


# Flat pools per section (benchmarks/make_archive.py formats titles with place, year, n).
TOPICS: dict[str, dict[str, list[str]]] = {
    section: {
        "titles": [t for s in subjects for t in s["titles"]],
        "sentences": _plain([x for s in subjects for x in s["sentences"]] + GENERAL[section]),
    }
    for section, subjects in SUBJECTS.items()
}
