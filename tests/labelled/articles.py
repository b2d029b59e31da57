"""The labelled pages: texts written for this set, and how each page shows them.

Keys are :class:`make_set.Page` fields. ``parts`` are body blocks after the lead:
``("p", text)``, ``("h", subheading)``, ``("ol"|"ul", [items])``, ``("table", rows)``,
``("img", src, caption, style)`` and ``("att", href, name, label)`` (not body text).
"""

from __future__ import annotations

DT = "https://dongthap.gov.vn"
DOCS = "/documents/34223/0"

LIFERAY = [
    dict(
        key="liferay_01_chuyen_doi_so", markup="liferay", site="dongthap",
        url=f"{DT}/-/asset_publisher/Xk3pQm8Rt2aB/content/day-manh-chuyen-oi-so-trong-co-quan-nha-nuoc-nam-2023",
        title="Đẩy mạnh chuyển đổi số trong cơ quan nhà nước năm 2023",
        lead="Sáng 31/01/2023, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch chuyển "
             "đổi số năm 2023, với mục tiêu đưa toàn bộ hồ sơ thủ tục hành chính cấp tỉnh lên "
             "môi trường điện tử.",
        parts=[
            ("img", f"{DOCS}/hoi-nghi-cds.jpg/4b1e2f60-9a0c-4d7e-8f31-2c5d6a7b8c90",
             "Quang cảnh hội nghị triển khai kế hoạch chuyển đổi số năm 2023.", "em"),
            ("p", "Báo cáo tại hội nghị cho biết, trong năm 2022, tỷ lệ hồ sơ được tiếp nhận và "
                  "giải quyết trực tuyến toàn trình của tỉnh đạt hơn 62%, tăng gần gấp đôi so "
                  "với năm trước. Hệ thống quản lý văn bản và điều hành đã kết nối đến 100% xã, "
                  "phường, thị trấn."),
            ("p", "Tuy vậy, hạ tầng mạng ở một số xã vùng sâu còn chập chờn, nhiều cán bộ cấp cơ "
                  "sở chưa quen thao tác ký số, và dữ liệu giữa các ngành vẫn chưa được liên "
                  "thông đầy đủ."),
            ("p", "Phát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành rà soát lại "
                  "quy trình nội bộ, cắt giảm giấy tờ không cần thiết và công khai tiến độ giải "
                  "quyết hồ sơ để người dân theo dõi. Mỗi cơ quan phải cử một cán bộ đầu mối về "
                  "chuyển đổi số trước ngày 15/02/2023."),
            ("p", "Dịp này, Sở Thông tin và Truyền thông ra mắt ứng dụng tra cứu hồ sơ trên điện "
                  "thoại, cho phép người dân nhận thông báo kết quả qua tin nhắn thay vì phải đến "
                  "trực tiếp bộ phận một cửa."),
        ],
        published="2023-02-01T08:15:00+07:00", precision="minute",
        date_text="(Thứ tư, 01/02/2023 08:15)", byline="Minh Đăng", author="Minh Đăng",
        opts={"date_style": "ngayxam"},
        notes="Liferay 7 reference shape: date only in span.text-ngayxam-page and the meta "
              "description; event date 31/01/2023 in the lead; em caption in the body.",
    ),
    dict(
        key="liferay_02_ngay_hoi_sen", markup="liferay", site="dongthap",
        url=f"{DT}/-/ngay-hoi-sen-hong-thu-hut-hang-chuc-nghin-luot-khach-tham-quan",
        title="Ngày hội sen hồng thu hút hàng chục nghìn lượt khách tham quan",
        lead="Sau ba ngày diễn ra, ngày hội sen hồng tại khu du lịch Đồng Sen đã đón khoảng "
             "45.000 lượt khách, doanh thu dịch vụ ước đạt 6,8 tỷ đồng.",
        parts=[
            ("p", "Năm nay, ban tổ chức bố trí hơn 120 gian hàng trưng bày sản phẩm OCOP, đặc "
                  "sản từ sen và hàng thủ công của các hợp tác xã trong tỉnh. Khu ẩm thực với "
                  "các món gỏi ngó sen, chè hạt sen, cơm gói lá sen luôn kín chỗ vào buổi tối."),
            ("img", f"{DOCS}/dam-sen.jpg/0c9d8e7f-1a2b-4c3d-9e8f-7a6b5c4d3e2f",
             "Du khách chụp ảnh lưu niệm tại đầm sen.", "figure"),
            ("p", "Điểm mới là chương trình trải nghiệm chèo xuồng giữa đầm sen và lớp học làm "
                  "trà tim sen dành cho học sinh. Nhiều gia đình từ Thành phố Hồ Chí Minh và các "
                  "tỉnh lân cận đưa con em về tham gia."),
            ("p", "Theo Sở Văn hóa, Thể thao và Du lịch, lượng khách lưu trú qua đêm tăng khoảng "
                  "30% so với cùng kỳ, cho thấy sản phẩm du lịch gắn với cây sen đang dần định "
                  "hình thương hiệu của địa phương."),
        ],
        published="2023-03-14T09:40:00+07:00", precision="minute",
        date_text="Xuất bản 14/03/2023 09:40", byline="Tin, ảnh: Thảo Nguyên",
        author="Thảo Nguyên", opts={"date_style": "xuatban"},
        notes="Date in the asset publisher's metadata row (.date-info 'Xuất bản …'); figcaption "
              "caption; last paragraph opens with 'Theo …' but is prose, not a source.",
    ),
    dict(
        key="liferay_03_giai_ngan_von", markup="liferay", site="dongthap",
        url=f"{DT}/-/asset_publisher/Lm4vBn7Qw9cD/content/giai-ngan-von-au-tu-cong-6-thang-au-nam-at-48-ke-hoach",
        title="Giải ngân vốn đầu tư công 6 tháng đầu năm đạt 48% kế hoạch",
        lead="Đến hết tháng 6/2023, toàn tỉnh đã giải ngân hơn 2.150 tỷ đồng vốn đầu tư công, "
             "đạt 48% kế hoạch vốn được giao, cao hơn mức bình quân chung của cả nước.",
        parts=[
            ("img", f"{DOCS}/duong-kcn.jpg/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
             "Thi công tuyến đường kết nối khu công nghiệp với quốc lộ.", "table"),
            ("p", "Trong đó, nguồn vốn ngân sách địa phương giải ngân nhanh nhất, đạt trên 55%. "
                  "Nguồn vốn các chương trình mục tiêu quốc gia đạt thấp do một số dự án còn "
                  "vướng thủ tục điều chỉnh chủ trương đầu tư."),
            ("p", "Các chủ đầu tư có tỷ lệ giải ngân cao gồm Ban Quản lý dự án đầu tư xây dựng "
                  "công trình giao thông và Ban Quản lý dự án công trình dân dụng và công "
                  "nghiệp. Ngược lại, vẫn còn 7 đơn vị giải ngân dưới 30%."),
            ("p", "UBND tỉnh yêu cầu người đứng đầu các đơn vị chậm giải ngân báo cáo nguyên "
                  "nhân trước ngày 20/7, đồng thời điều chuyển vốn từ dự án chậm sang dự án có "
                  "khối lượng hoàn thành nhưng thiếu vốn."),
        ],
        published="2023-07-06T10:22:00+07:00", precision="minute",
        date_text="(Thứ năm, 06/07/2023 10:22)", byline=None, author=None,
        opts={"date_style": "ngayxam"},
        notes="No author; caption in a table.image inside the body container.",
    ),
    dict(
        key="liferay_04_mua_nuoc_noi", markup="liferay", site="dongthap",
        url=f"{DT}/-/nong-dan-vung-lu-chu-dong-sinh-ke-mua-nuoc-noi",
        title="Nông dân vùng lũ chủ động sinh kế mùa nước nổi",
        lead="Thay vì để ruộng trống khi nước lên, nhiều hộ dân ở các huyện đầu nguồn đã chuyển "
             "sang nuôi cá đồng, trồng sen, trồng rau nhút và khai thác bông điên điển để tăng "
             "thu nhập.",
        parts=[
            ("p", "Ông Trần Văn Lộc, một nông dân có 2 ha ruộng, cho biết mỗi mùa nước gia đình "
                  "ông thả khoảng 300 kg cá giống trong đăng quầng. Sau ba tháng, trừ chi phí, "
                  "gia đình còn lãi gần 40 triệu đồng."),
            ("img", f"{DOCS}/dien-dien.jpg/6a7b8c9d-0e1f-4a2b-b3c4-d5e6f7a8b9c0",
             "Thu hoạch bông điên điển trên cánh đồng ngập nước.", "em"),
            ("p", "Ngành nông nghiệp khuyến cáo người dân theo dõi sát thông tin dự báo lũ, gia "
                  "cố bờ bao và không đánh bắt cá non bằng lưới mắt nhỏ để bảo vệ nguồn lợi "
                  "thủy sản."),
            ("p", "Năm nay, tỉnh hỗ trợ 50% chi phí con giống cho các tổ hợp tác nuôi cá mùa "
                  "nước nổi, đồng thời kết nối với doanh nghiệp chế biến để bao tiêu sản phẩm "
                  "khô cá, mắm cá."),
        ],
        published="2023-09-18T07:05:00+07:00", precision="minute",
        date_text="Xuất bản 18/09/2023 07:05", byline="Nguồn: Báo Đồng Tháp", author=None,
        source="Báo Đồng Tháp", opts={"date_style": "xuatban"},
        notes="Credit line 'Nguồn: Báo Đồng Tháp': source, no author.",
    ),
    dict(
        key="liferay_05_gia_lua", markup="liferay", site="dongthap",
        url=f"{DT}/-/gia-lua-tang-cao-nong-dan-phan-khoi-xuong-giong-vu-thu-ong",
        title="Giá lúa tăng cao, nông dân phấn khởi xuống giống vụ Thu Đông",
        lead="Giá lúa tươi tại ruộng trong những ngày qua dao động từ 7.800 đến 8.200 đồng/kg, "
             "cao nhất trong nhiều năm, giúp nông dân có lãi khá sau vụ Hè Thu.",
        parts=[
            ("p", "Nhiều thương lái cho biết nhu cầu gạo từ các thị trường nhập khẩu lớn tăng "
                  "mạnh khiến doanh nghiệp phải đặt cọc trước với nông dân để giữ nguồn hàng."),
            ("p", "Ngành nông nghiệp khuyến cáo bà con không chạy theo giá mà bỏ qua lịch thời "
                  "vụ, đặc biệt ở vùng chưa có đê bao khép kín, để tránh rủi ro khi mùa lũ về."),
            ("p", "Các địa phương cũng được yêu cầu theo dõi tình hình sâu bệnh, bảo đảm đủ nước "
                  "tưới và vật tư nông nghiệp cho vụ Thu Đông."),
        ],
        published="2023-08-14T16:48:00+07:00", precision="minute",
        date_text="(Thứ hai, 14/08/2023 16:48)", byline="Theo TTXVN", author=None,
        source="TTXVN", opts={"date_style": "ngayxam"},
        notes="'Theo TTXVN': source, no author; no photo.",
    ),
    dict(
        key="liferay_06_sot_xuat_huyet", markup="liferay", site="dongthap",
        url=f"{DT}/-/trien-khai-cac-bien-phap-cao-iem-phong-chong-sot-xuat-huyet",
        title="Triển khai các biện pháp cao điểm phòng, chống sốt xuất huyết",
        lead="Trước diễn biến số ca mắc sốt xuất huyết tăng trong mùa mưa, Sở Y tế đề nghị các "
             "địa phương tổ chức chiến dịch diệt lăng quăng đồng loạt trong tháng 7.",
        parts=[
            ("p", "Từ đầu năm đến nay, toàn tỉnh ghi nhận 1.214 ca mắc, tăng 18% so với cùng kỳ, "
                  "chưa có trường hợp tử vong. Số ca mắc tập trung ở nhóm trẻ em dưới 15 tuổi."),
            ("p", "Để chủ động kiểm soát dịch, ngành y tế đề nghị người dân thực hiện các việc "
                  "sau:"),
            ("ol", ["Đậy kín các dụng cụ chứa nước sinh hoạt, thả cá bảy màu vào lu, khạp.",
                    "Thu gom, tiêu hủy vật dụng phế thải có thể đọng nước quanh nhà.",
                    "Ngủ mùng cả ban ngày, nhất là với trẻ nhỏ và người cao tuổi.",
                    "Khi có dấu hiệu sốt cao liên tục, đến ngay cơ sở y tế để được khám và "
                    "theo dõi."]),
            ("p", "Các trạm y tế xã được yêu cầu cập nhật số liệu ca bệnh hằng ngày và phối hợp "
                  "với đoàn thể đến từng hộ gia đình kiểm tra."),
        ],
        published="2023-07-04T14:10:00+07:00", precision="minute",
        date_text="(Thứ ba, 04/07/2023 14:10)", byline="NGỌC TRÂM", author="NGỌC TRÂM",
        opts={"date_style": "ngayxam"},
        notes="Upper-case byline; numbered list in the body.",
    ),
    dict(
        key="liferay_07_thu_ngan_sach", markup="liferay", site="dongthap",
        url=f"{DT}/-/thu-ngan-sach-quy-i-uoc-at-31-du-toan",
        title="Thu ngân sách quý I ước đạt 31% dự toán",
        lead="Tổng thu ngân sách nhà nước trên địa bàn tỉnh quý I/2024 ước đạt 2.870 tỷ đồng, "
             "bằng 31% dự toán Hội đồng nhân dân tỉnh giao.",
        parts=[
            ("p", "Kết quả thu một số khoản chủ yếu như sau:"),
            ("table", [["Khoản thu", "Dự toán (tỷ đồng)", "Ước thực hiện (tỷ đồng)", "Tỷ lệ"],
                       ["Thu nội địa", "8.100", "2.540", "31,4%"],
                       ["Thu từ hoạt động xuất nhập khẩu", "420", "118", "28,1%"],
                       ["Thu tiền sử dụng đất", "750", "212", "28,3%"]]),
            ("p", "Cục Thuế tỉnh cho biết, số thu từ khu vực doanh nghiệp ngoài nhà nước tăng "
                  "khá nhờ hoạt động sản xuất, kinh doanh phục hồi. Tuy nhiên, tiến độ đấu giá "
                  "quyền sử dụng đất còn chậm."),
            ("p", "Trong quý II, ngành thuế tập trung đôn đốc thu hồi nợ đọng, đẩy mạnh hóa đơn "
                  "điện tử khởi tạo từ máy tính tiền đối với hộ kinh doanh."),
        ],
        published="2024-04-10T15:20:00+07:00", precision="minute",
        date_text="Xuất bản 10/04/2024 15:20", byline="Tác giả: Phạm Quốc Bảo",
        author="Phạm Quốc Bảo", opts={"date_style": "xuatban"},
        notes="Data table in the body (rows labelled as 'cell | cell'); 'Tác giả:' label.",
    ),
    dict(
        key="liferay_08_thu_tuc_dat_dai", markup="liferay", site="dongthap",
        url=f"{DT}/-/cong-bo-danh-muc-thu-tuc-hanh-chinh-moi-ban-hanh-linh-vuc-at-ai",
        title="Công bố danh mục thủ tục hành chính mới ban hành lĩnh vực đất đai",
        lead="Chủ tịch UBND tỉnh vừa ký Quyết định công bố danh mục 12 thủ tục hành chính mới "
             "ban hành và 5 thủ tục được sửa đổi, bổ sung trong lĩnh vực đất đai thuộc thẩm "
             "quyền giải quyết của Sở Tài nguyên và Môi trường.",
        parts=[
            ("p", "Quyết định có hiệu lực kể từ ngày ký. Các thủ tục bị bãi bỏ trước đây sẽ không "
                  "còn được tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh."),
            ("p", "Sở Tài nguyên và Môi trường có trách nhiệm cập nhật quy trình nội bộ lên Hệ "
                  "thống thông tin giải quyết thủ tục hành chính của tỉnh trong thời hạn 10 ngày "
                  "làm việc."),
            ("p", "Tổ chức, cá nhân có thể xem chi tiết thành phần hồ sơ, thời hạn giải quyết và "
                  "phí, lệ phí của từng thủ tục trong các tệp đính kèm dưới đây."),
            ("att", f"{DOCS}/QD+215-QD-UBND.pdf/7c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
             "Quyết định số 215/QĐ-UBND", "Tải về: "),
            ("att", f"{DOCS}/Phu+luc+TTHC+dat+dai.docx/8d2e3f4a-5b6c-4d7e-9f80-a1b2c3d4e5f6",
             "Phụ lục danh mục thủ tục hành chính", ""),
        ],
        published="2024-02-23T17:02:00+07:00", precision="minute",
        date_text="(Thứ sáu, 23/02/2024 17:02)", byline=None, author=None,
        opts={"date_style": "ngayxam"},
        notes="Attachments (.pdf, .docx) at the end of the body; no author.",
    ),
    dict(
        key="liferay_09_thi_tot_nghiep_nfd", markup="liferay", site="dongthap",
        url=f"{DT}/-/hon-16-000-thi-sinh-buoc-vao-ky-thi-tot-nghiep-trung-hoc-pho-thong",
        title="Hơn 16.000 thí sinh bước vào kỳ thi tốt nghiệp trung học phổ thông",
        lead="Kỳ thi tốt nghiệp trung học phổ thông năm 2023 trên địa bàn tỉnh có 16.348 thí "
             "sinh đăng ký dự thi tại 38 điểm thi, trong đó có 412 thí sinh tự do.",
        parts=[
            ("img", f"{DOCS}/thi-tn.jpg/9e0f1a2b-3c4d-4e5f-a607-b8c9d0e1f2a3",
             "Thí sinh làm thủ tục dự thi tại một điểm thi ở thành phố.", "em"),
            ("p", "Ngay từ chiều 27/6, các điểm thi đã hoàn tất việc phổ biến quy chế cho thí "
                  "sinh. Lực lượng công an bố trí cán bộ bảo vệ đề thi 24/24 giờ tại nơi in sao "
                  "và các điểm thi."),
            ("p", "Ngành điện cam kết cấp điện ổn định trong suốt thời gian thi; ngành y tế bố "
                  "trí nhân viên trực tại mỗi điểm thi để kịp thời xử lý tình huống thí sinh bị "
                  "ốm."),
            ("p", "Đoàn Thanh niên huy động hơn 500 tình nguyện viên hỗ trợ chỗ ở, suất ăn miễn "
                  "phí và phương tiện đưa đón cho thí sinh có hoàn cảnh khó khăn ở xa điểm thi."),
        ],
        published="2023-06-28T06:30:00+07:00", precision="minute",
        date_text="(Thứ tư, 28/06/2023 06:30)", byline="Thanh Hà - Ngọc Lan",
        author="Thanh Hà - Ngọc Lan", opts={"date_style": "ngayxam", "nfd": True},
        notes="Whole page in Unicode NFD (labels are NFC); two authors.",
    ),
    dict(
        key="liferay_10_phuong_moi_2025", markup="liferay", site="dongthap",
        url=f"{DT}/tin-tuc/chi-tiet?id=7742613",
        title="Phường mới vận hành ổn định mô hình chính quyền địa phương hai cấp",
        lead="Sau một tuần đi vào hoạt động, bộ phận một cửa của phường đã tiếp nhận hơn 900 hồ "
             "sơ, phần lớn là chứng thực, hộ tịch và đăng ký kinh doanh hộ cá thể.",
        parts=[
            ("p", "Trụ sở làm việc được bố trí tại khu hành chính cũ của thành phố, có bãi giữ xe "
                  "và khu vực chờ rộng rãi. Cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến ngay "
                  "tại quầy."),
            ("p", "Lãnh đạo phường cho biết một số phần mềm chuyên ngành còn phải chờ cấp lại tài "
                  "khoản nên việc trả kết quả có lúc chậm vài giờ so với giấy hẹn."),
            ("p", "Trong thời gian tới, phường sẽ tổ chức tập huấn lại nghiệp vụ cho công chức "
                  "mới điều động về và lấy ý kiến người dân về chất lượng phục vụ mỗi tháng một "
                  "lần."),
        ],
        published="2025-07-08T14:05:00+07:00", precision="minute",
        date_text="Ngày đăng: 08/07/2025 14:05", byline="PV", author="PV",
        opts={"date_style": "ngaydang", "sapo": False},
        notes="2025-era URL (/tin-tuc/chi-tiet?id=N); 'Ngày đăng:' line; no sapo element "
              "(lead is the first paragraph); byline 'PV'.",
    ),
    # liferay_11 (the very long article) is built below.
    dict(
        key="liferay_12_thong_bao_tiep_dan", markup="liferay", site="dongthap",
        url=f"{DT}/-/thong-bao-lich-tiep-cong-dan-inh-ky-thang-10-nam-2023",
        title="Thông báo lịch tiếp công dân định kỳ tháng 10 năm 2023",
        lead="Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân định kỳ tháng 10 năm 2023 của "
             "Chủ tịch UBND tỉnh.",
        parts=[
            ("p", "Thời gian: 7 giờ 30 phút, thứ năm ngày 12/10/2023, tại Trụ sở Tiếp công dân "
                  "tỉnh."),
            ("p", "Công dân có nhu cầu đăng ký trước tại Ban Tiếp công dân tỉnh trong giờ hành "
                  "chính."),
        ],
        published="2023-09-20T16:30:00+07:00", precision="minute",
        date_text="Xuất bản 20/09/2023 16:30", byline=None, author=None,
        opts={"date_style": "xuatban", "sapo": False},
        notes="Three-line notice (thông báo); no sapo, no author; a date in the prose.",
    ),
    dict(
        key="liferay_13_hop_tac_xa_xoai", markup="liferay", site="dongthap",
        url=f"{DT}/-/hop-tac-xa-tre-ua-xoai-ra-thi-truong-quoc-te",
        title="Hợp tác xã trẻ đưa xoài ra thị trường quốc tế",
        lead="Từ một tổ hợp tác nhỏ, hợp tác xã xoài của những thành viên dưới 35 tuổi ở huyện "
             "Cao Lãnh đã có đơn hàng xuất khẩu đều đặn sang Hàn Quốc và Úc.",
        parts=[
            ("p", "Giám đốc hợp tác xã chia sẻ, bước ngoặt đến khi các thành viên thống nhất áp "
                  "dụng quy trình VietGAP, ghi chép nhật ký canh tác và đăng ký mã số vùng trồng "
                  "cho toàn bộ 86 ha."),
            ("p", "Mỗi năm, hợp tác xã xuất khẩu khoảng 600 tấn xoài tươi, giá bán cao hơn thị "
                  "trường trong nước từ 15 đến 20%. Phần xoài loại hai được sơ chế thành xoài "
                  "sấy dẻo để tiêu thụ trong nước."),
            ("p", "Thời gian tới, hợp tác xã dự kiến đầu tư kho lạnh và dây chuyền đóng gói để "
                  "chủ động hơn khi vào vụ thu hoạch rộ."),
        ],
        published="2023-11-11T09:12:00+07:00", precision="minute",
        date_text="(Thứ bảy, 11/11/2023 09:12)", byline="Trúc Ly (Theo Báo Đồng Tháp)",
        author="Trúc Ly", source="Báo Đồng Tháp",
        opts={"date_style": "ngayxam", "related_inside": True, "nbsp": True},
        notes="Related list 'Các tin đã đưa' inside the body container; &nbsp; and zero-width "
              "spaces in the prose; author with a credited source in parentheses.",
    ),
    dict(
        key="liferay_14_cau_cu_lao_62", markup="liferay", site="dongthap", variant="6.2",
        url=f"{DT}/-/asset_publisher/Pq2sTy6Uz1eF/content/khanh-thanh-cau-giao-thong-nong-thon-tai-xa-cu-lao",
        title="Khánh thành cầu giao thông nông thôn tại xã cù lao",
        lead="Chiều 11/10/2021, xã cù lao tổ chức lễ khánh thành cây cầu bê tông dài 120 m nối "
             "hai ấp, thay thế bến đò ngang đã hoạt động hơn 30 năm.",
        parts=[
            ("p", "Công trình có tổng vốn đầu tư 9,5 tỷ đồng, trong đó người dân và các nhà hảo "
                  "tâm đóng góp gần 1,2 tỷ đồng cùng hơn 3.000 ngày công lao động."),
            ("p", "Cây cầu giúp khoảng 700 hộ dân đi lại thuận tiện, học sinh không còn phải qua "
                  "đò mỗi ngày, nông sản được xe tải vào tận nơi thu mua."),
            ("p", "Dịp này, chính quyền xã trao bằng khen cho 15 tập thể và cá nhân có nhiều đóng "
                  "góp trong quá trình vận động xây dựng công trình."),
        ],
        published="2021-10-12", precision="day",
        date_text="12/10/2021", byline="Quốc Việt", author="Quốc Việt",
        opts={"date_style": "metadata", "body_class": "tin-chi-tiet"},
        notes="Liferay 6.2 theme: portlet title in an h1, h3.header-title, date-only "
              ".metadata-publish-date, body in .tin-chi-tiet; event date (11/10/2021) in lead.",
    ),
]

# -- the very long article (liferay_11): a year-end report, ~50 paragraphs ---------------

_SECTORS = [
    ("Nông nghiệp", "giá trị sản xuất nông nghiệp tăng 3,4%", "diện tích lúa chất lượng cao "
     "chiếm trên 80% tổng diện tích gieo trồng", "cơ giới hóa khâu thu hoạch đạt 95%"),
    ("Thủy sản", "sản lượng cá tra nuôi đạt 560.000 tấn", "giá cá tra nguyên liệu duy trì ổn "
     "định trong nửa cuối năm", "có thêm 12 vùng nuôi được cấp chứng nhận ASC"),
    ("Công nghiệp", "chỉ số sản xuất công nghiệp tăng 6,1%", "ngành chế biến thực phẩm tiếp tục "
     "là động lực chính", "hai khu công nghiệp mới được lấp đầy trên 60%"),
    ("Thương mại", "tổng mức bán lẻ hàng hóa tăng 9,8%", "các chợ nông thôn được cải tạo, nâng "
     "cấp theo hướng văn minh", "hoạt động khuyến mại dịp cuối năm diễn ra sôi nổi"),
    ("Xuất khẩu", "kim ngạch xuất khẩu đạt 1,42 tỷ USD", "thị trường châu Á chiếm hơn một nửa "
     "kim ngạch", "nhiều doanh nghiệp tìm được đơn hàng mới tại Trung Đông"),
    ("Du lịch", "tổng lượt khách đạt 4,1 triệu lượt", "doanh thu du lịch tăng 22% so với năm "
     "trước", "các tour trải nghiệm nông nghiệp được du khách quốc tế ưa chuộng"),
    ("Đầu tư", "tổng vốn đầu tư toàn xã hội tăng 8,7%", "có 35 dự án mới được cấp chủ trương "
     "đầu tư", "vốn đăng ký của doanh nghiệp trong nước tăng mạnh"),
    ("Doanh nghiệp", "có 640 doanh nghiệp thành lập mới", "số doanh nghiệp quay lại hoạt động "
     "tăng 14%", "thời gian đăng ký doanh nghiệp rút ngắn còn hai ngày làm việc"),
    ("Giao thông", "hoàn thành đưa vào sử dụng 48 km đường tỉnh", "tuyến cao tốc qua địa bàn "
     "đạt 70% khối lượng", "hệ thống cầu trên các tuyến đường huyện cơ bản được kiên cố hóa"),
    ("Giáo dục", "tỷ lệ trường đạt chuẩn quốc gia đạt 74%", "chương trình giáo dục phổ thông mới "
     "được triển khai đồng bộ", "chất lượng giáo dục mũi nhọn có bước tiến rõ nét"),
    ("Y tế", "tỷ lệ bao phủ bảo hiểm y tế đạt 93,5%", "các bệnh viện tuyến huyện được bổ sung "
     "trang thiết bị", "công tác phòng, chống dịch bệnh được kiểm soát tốt"),
    ("Lao động - việc làm", "giải quyết việc làm cho 26.000 lao động", "tỷ lệ lao động qua đào "
     "tạo đạt 72%", "các phiên giao dịch việc làm được tổ chức định kỳ hằng tháng"),
    ("An sinh xã hội", "tỷ lệ hộ nghèo giảm còn 1,9%", "toàn bộ đối tượng bảo trợ xã hội được "
     "chi trả qua tài khoản", "chương trình xóa nhà tạm, nhà dột nát về đích sớm"),
    ("Văn hóa - thể thao", "tổ chức thành công nhiều lễ hội lớn", "phong trào thể dục thể thao "
     "quần chúng phát triển rộng khắp", "các thiết chế văn hóa cơ sở được sử dụng hiệu quả"),
    ("Tài nguyên - môi trường", "tỷ lệ thu gom rác thải sinh hoạt đô thị đạt 96%", "công tác "
     "cấp giấy chứng nhận quyền sử dụng đất được đẩy nhanh", "tình trạng sạt lở bờ sông được "
     "theo dõi và xử lý kịp thời"),
    ("Khoa học - công nghệ", "có 18 đề tài, dự án được nghiệm thu", "nhiều sáng kiến được ứng "
     "dụng vào sản xuất", "hệ sinh thái khởi nghiệp đổi mới sáng tạo từng bước hình thành"),
]


def _long_parts() -> list[tuple]:
    parts: list[tuple] = [
        ("p", "Năm 2023 diễn ra trong bối cảnh kinh tế thế giới còn nhiều biến động, giá nguyên "
              "vật liệu đầu vào tăng cao và nhu cầu của một số thị trường xuất khẩu chủ lực giảm "
              "mạnh trong những tháng đầu năm. Trong nước, hoạt động sản xuất, kinh doanh phục "
              "hồi chưa đồng đều giữa các ngành."),
        ("p", "Với sự chỉ đạo quyết liệt của Tỉnh ủy, sự đồng hành của Hội đồng nhân dân và sự "
              "nỗ lực của cộng đồng doanh nghiệp, người dân, kinh tế của tỉnh vẫn duy trì được "
              "đà tăng trưởng, nhiều chỉ tiêu chủ yếu đạt và vượt kế hoạch đề ra."),
        ("h", "I. Kết quả trên các lĩnh vực"),
    ]
    for n, (name, fact, detail, extra) in enumerate(_SECTORS, 1):
        parts.append(("h", f"{n}. {name}"))
        parts.append(("p", f"Trong lĩnh vực {name.lower()}, {fact}, vượt nhẹ so với kế hoạch "
                           f"năm. Đáng chú ý, {detail}. Kết quả này có được nhờ các ngành đã "
                           "bám sát cơ sở, kịp thời tháo gỡ khó khăn phát sinh."))
        parts.append(("p", f"Bên cạnh đó, {extra}. Tuy nhiên, một số chỉ tiêu về {name.lower()} "
                           "vẫn chưa đạt như kỳ vọng, đòi hỏi các cấp, các ngành tiếp tục đổi mới "
                           "cách làm trong năm tới."))
    parts += [
        ("h", "II. Hạn chế, khó khăn"),
        ("p", "Bên cạnh kết quả đạt được, tăng trưởng kinh tế chưa thật sự bền vững, quy mô "
              "doanh nghiệp phần lớn còn nhỏ, khả năng tiếp cận vốn tín dụng hạn chế. Công tác "
              "bồi thường, giải phóng mặt bằng ở một số dự án trọng điểm còn chậm."),
        ("p", "Chất lượng nguồn nhân lực chưa đáp ứng yêu cầu của các ngành công nghiệp chế "
              "biến sâu và dịch vụ hiện đại. Tình trạng lao động trẻ rời địa phương đi làm việc "
              "ở các tỉnh, thành phố lớn vẫn diễn ra."),
        ("h", "III. Nhiệm vụ năm 2024"),
        ("p", "Năm 2024, tỉnh đặt mục tiêu tăng trưởng kinh tế từ 6,5% trở lên, thu nhập bình "
              "quân đầu người tăng khoảng 8%, tỷ lệ hộ nghèo giảm thêm 0,3 điểm phần trăm. Tỉnh "
              "tiếp tục ưu tiên nguồn lực cho hạ tầng giao thông kết nối vùng."),
        ("p", "Các sở, ngành và địa phương được yêu cầu xây dựng kế hoạch hành động cụ thể, phân "
              "công rõ người, rõ việc, rõ thời hạn và báo cáo kết quả định kỳ hằng quý để kịp "
              "thời điều chỉnh."),
    ]
    return parts


LIFERAY.insert(10, dict(
    key="liferay_11_tong_ket_nam_dai", markup="liferay", site="dongthap",
    url=f"{DT}/-/kinh-te-xa-hoi-nam-2023-tang-truong-kha-nhieu-chi-tieu-vuot-ke-hoach",
    title="Kinh tế - xã hội năm 2023: tăng trưởng khá, nhiều chỉ tiêu vượt kế hoạch",
    lead="Tổng sản phẩm trên địa bàn tỉnh năm 2023 ước tăng 6,2%, thuộc nhóm khá của vùng đồng "
         "bằng sông Cửu Long; 22 trên 25 chỉ tiêu chủ yếu đạt và vượt kế hoạch.",
    parts=_long_parts(),
    published="2023-12-29T18:00:00+07:00", precision="minute",
    date_text="(Thứ sáu, 29/12/2023 18:00)", byline="Khánh Linh", author="Khánh Linh",
    opts={"date_style": "ngayxam"},
    notes="Very long article: about 50 blocks with numbered subheadings.",
))


SP = "https://sharepoint-portal.example"
CMS = "https://aspnet-portal.example"

ASPNET = [
    dict(
        key="aspnet_01_hai_long", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=10452",
        title="Nâng cao chất lượng phục vụ tại bộ phận tiếp nhận và trả kết quả",
        lead="Sở Nội vụ vừa tổ chức khảo sát mức độ hài lòng của người dân đối với sự phục vụ "
             "của các cơ quan hành chính nhà nước năm 2022; chỉ số chung đạt 87,6%.",
        parts=[
            ("p", "Khảo sát được thực hiện với 2.400 phiếu tại 20 cơ quan cấp tỉnh và cấp huyện. "
                  "Các tiêu chí được đánh giá cao là thái độ của công chức, thời gian trả kết quả "
                  "và việc công khai thủ tục."),
            ("img", "/PublishingImages/2023/khao-sat.jpg",
             "Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công.", "em"),
            ("p", "Điểm còn hạn chế là một số nơi yêu cầu bổ sung hồ sơ nhiều lần, chưa hướng dẫn "
                  "đầy đủ ngay từ đầu. Khu vực chờ ở vài đơn vị cấp huyện còn chật, thiếu chỗ "
                  "ngồi vào giờ cao điểm."),
            ("p", "Sở Nội vụ kiến nghị đưa kết quả khảo sát vào tiêu chí đánh giá, xếp loại người "
                  "đứng đầu cơ quan cuối năm."),
        ],
        published="2023-01-31T15:30:00+07:00", precision="minute",
        date_text="Ngày đăng: 31/01/2023 15:30", byline="Lê Hoàng", author="Lê Hoàng",
        opts={"author_div": True},
        notes="SharePoint page inside <form id=aspnetForm>; 'Ngày đăng:' line; byline in "
              "div.author; em caption.",
    ),
    dict(
        key="aspnet_02_ve_sinh_moi_truong_ch", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=10987",
        title="Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới",
        lead="Hơn 3.000 đoàn viên, hội viên và người dân đã tham gia ra quân thu gom rác thải, "
             "khơi thông cống rãnh tại các tuyến đường và khu dân cư.",
        parts=[
            ("p", "Lực lượng tham gia chia thành 45 tổ, mỗi tổ phụ trách một tuyến đường hoặc một "
                  "đoạn kênh. Sau một buổi sáng, các tổ đã thu gom khoảng 26 tấn rác và phát "
                  "quang hơn 15 km lề đường."),
            ("p", "Nhiều hộ kinh doanh ven chợ đã ký cam kết không xả rác xuống kênh, sử dụng túi "
                  "ni lông tự hủy và phân loại rác tại nguồn."),
            ("p", "Ban tổ chức cho biết sẽ duy trì hoạt động ra quân vào sáng thứ bảy cuối mỗi "
                  "tháng, đồng thời lắp thêm thùng rác công cộng tại các điểm thường xuyên bị đổ "
                  "trộm rác."),
        ],
        published="2023-05-16T15:12:00+07:00", precision="second",
        date_text="16/5/2023 3:12:00 CH", byline=None, author=None,
        notes="SA/CH time: '16/5/2023 3:12:00 CH' is 15:12:00; no author.",
    ),
    dict(
        key="aspnet_03_tro_cap_that_nghiep", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=10533",
        title="Hướng dẫn chi trả trợ cấp cho người lao động mất việc làm",
        lead="Bảo hiểm xã hội tỉnh đã phối hợp với các doanh nghiệp rà soát, lập danh sách người "
             "lao động bị chấm dứt hợp đồng để giải quyết chế độ trợ cấp thất nghiệp kịp thời.",
        parts=[
            ("p", "Người lao động cần nộp hồ sơ tại Trung tâm Dịch vụ việc làm trong thời hạn 3 "
                  "tháng kể từ ngày chấm dứt hợp đồng. Hồ sơ có thể nộp trực tuyến qua Cổng dịch "
                  "vụ công quốc gia."),
            ("p", "Thời gian giải quyết tối đa là 20 ngày làm việc. Trong thời gian hưởng trợ "
                  "cấp, người lao động được hỗ trợ học nghề và tư vấn, giới thiệu việc làm miễn "
                  "phí."),
            ("p", "Cơ quan bảo hiểm khuyến cáo người lao động không bán sổ bảo hiểm xã hội cho "
                  "các đối tượng thu mua trái phép để tránh mất quyền lợi lâu dài."),
        ],
        published="2023-02-14T09:45:00+07:00", precision="minute",
        date_text="Cập nhật lúc 09:45 ngày 14/02/2023", byline="Theo Báo Chính phủ",
        author=None, source="Báo Chính phủ",
        notes="'Cập nhật lúc HH:MM ngày …' line; 'Theo …' credit: source, no author.",
    ),
    dict(
        key="aspnet_04_phu_nu_tieu_bieu_sa", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=10611",
        title="Tôn vinh phụ nữ tiêu biểu trong lao động sản xuất",
        lead="Nhân kỷ niệm Ngày Quốc tế Phụ nữ, Hội Liên hiệp Phụ nữ tỉnh tuyên dương 52 hội "
             "viên có thành tích xuất sắc trong phát triển kinh tế, nuôi dạy con tốt và tham gia "
             "công tác xã hội.",
        parts=[
            ("p", "Nhiều gương mặt được tôn vinh là chủ hộ kinh doanh, chủ trang trại và giám "
                  "đốc hợp tác xã, tạo việc làm ổn định cho hàng trăm lao động nữ ở nông thôn."),
            ("p", "Chị Võ Thị Hằng, chủ cơ sở sản xuất bánh phồng, chia sẻ rằng khoản vay ưu đãi "
                  "từ quỹ của Hội đã giúp chị mua máy cán bột, tăng sản lượng gấp ba lần so với "
                  "làm thủ công."),
            ("p", "Dịp này, Hội trao 20 căn nhà Mái ấm tình thương cho hội viên nghèo, mỗi căn "
                  "trị giá 60 triệu đồng."),
        ],
        published="2023-03-08T10:05:32+07:00", precision="second",
        date_text="8/3/2023 10:05:32 SA", byline="Tác giả: Nguyễn Thị Mai",
        author="Nguyễn Thị Mai",
        notes="SA time with seconds; right-aligned bold 'Tác giả:' byline.",
    ),
    dict(
        key="aspnet_05_tuyen_dung_giao_vien", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=10720",
        title="Kế hoạch tuyển dụng viên chức ngành giáo dục năm 2023",
        lead="Sở Giáo dục và Đào tạo thông báo kế hoạch tuyển dụng 214 viên chức giảng dạy tại "
             "các trường trung học phổ thông và trung tâm giáo dục thường xuyên.",
        parts=[
            ("p", "Người dự tuyển nộp phiếu đăng ký tại Phòng Tổ chức cán bộ của Sở từ ngày "
                  "02/5/2023 đến hết ngày 31/5/2023, trong giờ hành chính."),
            ("p", "Việc tuyển dụng được thực hiện theo hình thức xét tuyển qua hai vòng: kiểm tra "
                  "điều kiện, tiêu chuẩn và phỏng vấn chuyên môn."),
            ("p", "Chỉ tiêu cụ thể theo từng môn học và đơn vị được nêu trong kế hoạch đính kèm."),
            ("att", "/Documents/2023/KH-45-SGDDT.pdf", "Kế hoạch số 45/KH-SGDĐT",
             "File đính kèm: "),
            ("att", "/Documents/2023/Mau-phieu-dang-ky.doc", "Mẫu phiếu đăng ký dự tuyển",
             "File đính kèm: "),
        ],
        published="2023-04-20", precision="day",
        date_text="Ngày đăng: 20/04/2023", byline=None, author=None,
        notes="Date-only line; attachments (.pdf, .doc); no author.",
    ),
    dict(
        key="aspnet_06_nha_van_hoa_wrong_header", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=11022",
        title="Khởi công nhà văn hóa ấp phục vụ sinh hoạt cộng đồng",
        lead="Sáng nay, xã Mỹ Hòa khởi công xây dựng nhà văn hóa ấp với diện tích sử dụng "
             "250 m², có sân khấu, khu thư viện nhỏ và sân thể thao đa năng.",
        parts=[
            ("p", "Công trình do ngân sách xã đầu tư 1,8 tỷ đồng, dự kiến hoàn thành trước Tết "
                  "Nguyên đán. Đây là nơi tổ chức họp dân, sinh hoạt câu lạc bộ và các lớp học "
                  "nghề ngắn hạn."),
            ("p", "Bà con trong ấp đã tự nguyện hiến hơn 400 m² đất và đóng góp cây xanh để trồng "
                  "quanh khuôn viên."),
        ],
        published="2023-09-11T08:20:00+07:00", precision="minute",
        date_text="Ngày đăng: 11/09/2023 08:20", byline="Hữu Phước", author="Hữu Phước",
        charset="iso-8859-1",
        notes="Wrong charset header: the bytes are UTF-8 (and <meta> says utf-8) but the "
              "server's Content-Type says iso-8859-1.",
    ),
    dict(
        key="aspnet_07_cho_hoa_xuan", markup="aspnet", site=None, variant="cms",
        url=f"{CMS}/tin-tuc/cho-hoa-xuan-phuc-vu-nguoi-dan-dip-tet-giap-thin-1234.aspx",
        title="Chợ hoa xuân phục vụ người dân dịp Tết Giáp Thìn",
        lead="Chợ hoa xuân năm nay có gần 300 gian hàng, bày bán mai vàng, cúc mâm xôi, vạn thọ "
             "và nhiều loại kiểng lá do nhà vườn trong tỉnh sản xuất.",
        parts=[
            ("p", "Giá hoa cơ bản ổn định so với năm trước; riêng mai ghép nhiều màu và bonsai "
                  "dáng thế có giá cao nhưng vẫn được khách hỏi mua."),
            ("p", "Ban quản lý chợ bố trí lực lượng trực 24/24 giờ, lắp thêm đèn chiếu sáng và "
                  "niêm yết số điện thoại đường dây nóng để tiếp nhận phản ánh của người mua."),
            ("p", "Nhà vườn được hỗ trợ miễn phí mặt bằng; sau 12 giờ trưa mùng 1 Tết, ban quản "
                  "lý sẽ tổ chức thu dọn và vệ sinh khu vực chợ."),
        ],
        published="2024-02-02T15:00:00+07:00", precision="minute",
        date_text="Thứ sáu, 02/02/2024, 15:00 (GMT+7)", byline="Tác giả: Hồ Văn Tài",
        author="Hồ Văn Tài",
        opts={"info_html": '<span class="date">Thứ sáu, 02/02/2024, 15:00 (GMT+7)</span> | '
                           '<span class="poster">Người đăng tin: quantri</span> | '
                           '<span class="views">Lượt xem: 356</span>'},
        notes="Info line with the uploader ('Người đăng tin:' is not the author) and a view "
              "counter; '(GMT+7)' date; right-aligned 'Tác giả:' byline.",
    ),
    dict(
        key="aspnet_08_nong_thon_moi_bang", markup="aspnet", site=None, variant="cms",
        url=f"{CMS}/tin-tuc/ket-qua-thuc-hien-chuong-trinh-nong-thon-moi-quy-i-1240.aspx",
        title="Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới quý I",
        lead="Đến cuối quý I/2023, toàn tỉnh có 112/115 xã đạt chuẩn nông thôn mới, trong đó 34 "
             "xã đạt chuẩn nâng cao và 6 xã đạt chuẩn kiểu mẫu.",
        parts=[
            ("p", "Tiến độ theo từng huyện như sau:"),
            ("table", [["Địa phương", "Số xã", "Đạt chuẩn", "Nâng cao"],
                       ["Huyện Tân Hồng", "8", "8", "3"],
                       ["Huyện Tam Nông", "11", "10", "2"],
                       ["Huyện Lai Vung", "11", "11", "5"]]),
            ("p", "Trong quý II, các địa phương tập trung vào ba nhóm việc chính:"),
            ("ul", ["Hoàn thiện hồ sơ đề nghị xét công nhận cho 3 xã còn lại.",
                    "Nâng chất tiêu chí môi trường, nhất là thu gom rác thải ở các cụm dân cư.",
                    "Phát triển sản phẩm OCOP gắn với vùng nguyên liệu tập trung."]),
            ("p", "Văn phòng Điều phối nông thôn mới tỉnh sẽ tổ chức kiểm tra thực tế tại các xã "
                  "trước khi trình hội đồng thẩm định."),
        ],
        published="2023-04-24T05:21:36+07:00", precision="second",
        date_text="Cập nhật ngày: 24/04/2023 05:21:36", byline="Minh Đức", author="Minh Đức",
        notes="Table and bulleted list in the body; 'Cập nhật ngày:' with seconds.",
    ),
    dict(
        key="aspnet_09_chuyen_doi_nghe_cp1258", markup="aspnet", site=None, variant="cms",
        url=f"{CMS}/tin-tuc/ho-tro-nguoi-dan-vung-bien-gioi-chuyen-doi-nghe-1105.aspx",
        title="Hỗ trợ người dân vùng biên giới chuyển đổi nghề",
        lead="Năm 2022, các huyện biên giới đã mở 26 lớp dạy nghề ngắn hạn cho hơn 700 lao động "
             "nông thôn, tập trung vào may công nghiệp, sửa chữa máy nông nghiệp và chăn nuôi.",
        parts=[
            ("p", "Học viên được miễn học phí, hỗ trợ tiền ăn và tiền đi lại trong thời gian học. "
                  "Sau khóa học, khoảng 70% học viên có việc làm hoặc tự tổ chức sản xuất tại "
                  "gia đình."),
            ("p", "Anh Nguyễn Hữu Trí, học viên lớp sửa chữa máy nông nghiệp, cho biết nay anh đã "
                  "mở được tiệm nhỏ tại nhà, thu nhập ổn định hơn so với làm thuê theo mùa vụ."),
            ("p", "Ngân hàng Chính sách xã hội cho vay ưu đãi đối với học viên có nhu cầu mua sắm "
                  "trang thiết bị để khởi nghiệp."),
        ],
        published="2022-11-15T10:45:00+07:00", precision="minute",
        date_text="Ngày đăng: 15/11/2022 10:45", byline="Bảo Ngọc", author="Bảo Ngọc",
        charset="windows-1258",
        opts={"encoding": "windows-1258", "meta_charset": "windows-1258"},
        notes="Served as windows-1258: the bytes are in that code page (tone marks as "
              "combining characters); header and <meta> both say windows-1258.",
    ),
    dict(
        key="aspnet_10_quyt_hong_nguon", markup="aspnet", site=None, variant="cms",
        url=f"{CMS}/tin-tuc/vung-trong-quyt-hong-vao-mua-cham-soc-trai-1311.aspx",
        title="Vùng trồng quýt hồng vào mùa chăm sóc trái",
        lead="Các nhà vườn trồng quýt hồng đang tập trung bón phân, tỉa cành và bao trái để kịp "
             "phục vụ thị trường cuối năm.",
        parts=[
            ("img", "/Upload/2023/08/quyt-hong.jpg", "Nhà vườn bao trái quýt hồng để hạn chế sâu "
             "bệnh.", "table"),
            ("p", "Theo ước tính, toàn huyện có khoảng 300 ha quýt hồng, năng suất bình quân từ "
                  "25 đến 30 tấn/ha. Nhiều nhà vườn đã được cấp mã số vùng trồng."),
            ("p", "Ngoài bán trái, một số hộ kết hợp mở vườn cho du khách tham quan, chụp ảnh và "
                  "thưởng thức trái cây tại chỗ, tăng thêm nguồn thu."),
            ("p", "Phòng Nông nghiệp huyện khuyến cáo nhà vườn sử dụng phân hữu cơ, hạn chế thuốc "
                  "bảo vệ thực vật để giữ chất lượng và uy tín cho sản phẩm."),
        ],
        published="2023-08-03T11:00:00+07:00", precision="minute",
        date_text="Cập nhật: 03/08/2023 11:00",
        byline="(Nguồn: Trang thông tin điện tử huyện Lai Vung - https://laivung.example/)",
        author=None, source="Trang thông tin điện tử huyện Lai Vung",
        notes="Credit line with a URL in parentheses: source, no author; table.image caption; "
              "first paragraph opens with 'Theo ước tính' (prose).",
    ),
    dict(
        key="aspnet_11_khach_du_lich_tet", markup="aspnet", site=None, variant="sp",
        url=f"{SP}/Pages/chi-tiet-tin.aspx?ItemID=11890",
        title="Lượng khách du lịch dịp Tết tăng gần 20%",
        lead="Trong 7 ngày nghỉ Tết Nguyên đán, các điểm du lịch trong tỉnh đón khoảng 310.000 "
             "lượt khách, tăng gần 20% so với cùng kỳ năm trước.",
        parts=[
            ("p", "Các điểm có lượng khách đông là khu di tích, làng hoa kiểng và các khu du lịch "
                  "sinh thái. Công suất phòng của các cơ sở lưu trú đạt bình quân 75%, có thời "
                  "điểm kín phòng."),
            ("p", "Ngành du lịch ghi nhận không có tình trạng chặt chém, ép giá; các điểm tham "
                  "quan đều niêm yết giá vé và giá dịch vụ công khai."),
            ("p", "Để giữ đà tăng trưởng, tỉnh sẽ tổ chức chuỗi sự kiện văn hóa, thể thao vào các "
                  "dịp cuối tuần trong quý II."),
        ],
        published="2024-02-18T21:21:00+07:00", precision="minute",
        date_text="Chủ Nhật, 18/02/2024, 21:21 (GMT+7)", byline="Thanh Tùng - Kim Chi",
        author="Thanh Tùng - Kim Chi", opts={"left_first": True, "og_title": False},
        notes="Sidebar ('Tin xem nhiều') before the article in the DOM; no og:title; two "
              "authors; 'Chủ Nhật, dd/mm/yyyy, HH:MM (GMT+7)'.",
    ),
]


WP = "https://wp-portal.example"
NV = "https://nukeviet-portal.example"

WORDPRESS = [
    dict(
        key="wordpress_01_hoi_thao", markup="wordpress", site=None,
        url=f"{WP}/the-thao/khai-mac-hoi-thao-can-bo-cong-chuc-vien-chuc-tinh-a41207.html",
        title="Khai mạc hội thao cán bộ, công chức, viên chức tỉnh",
        lead="Hội thao năm nay thu hút hơn 1.200 vận động viên đến từ 46 đơn vị, tranh tài ở "
             "các môn bóng đá, bóng chuyền, cầu lông, kéo co và chạy việt dã.",
        parts=[
            ("p", "Phát biểu khai mạc, Trưởng ban tổ chức nhấn mạnh hội thao là dịp để cán bộ, "
                  "công chức rèn luyện sức khỏe, giao lưu và tăng cường đoàn kết giữa các cơ "
                  "quan."),
            ("p", "Các trận đấu diễn ra vào buổi chiều và cuối tuần để không ảnh hưởng đến công "
                  "việc chuyên môn. Ban tổ chức dự kiến bế mạc và trao giải vào ngày 27/5."),
            ("p", "Đội tuyển đạt thành tích cao sẽ được chọn tham gia hội thao khu vực đồng bằng "
                  "sông Cửu Long tổ chức vào tháng 8."),
        ],
        published="2023-05-10T07:30:00+07:00", precision="minute",
        date_text="Thứ Tư, 10/05/2023 - 07:30", byline="Hải Yến", author="Hải Yến",
        opts={"meta": '<meta property="article:published_time" '
                      'content="2023-05-10T07:30:00+07:00">\n'},
        notes="article:published_time meta plus 'Thứ Tư, dd/mm/yyyy - HH:MM'; p.author.",
    ),
    dict(
        key="wordpress_02_truong_hoc_xanh_jsonld", markup="wordpress", site=None,
        url=f"{WP}/giao-duc/mo-rong-mo-hinh-truong-hoc-xanh-sach-dep-a41388.html",
        title="Mở rộng mô hình trường học xanh, sạch, đẹp",
        lead="Sau một năm triển khai, 65 trường tiểu học và trung học cơ sở đã cải tạo khuôn "
             "viên, trồng thêm cây xanh và xây dựng góc học tập ngoài trời cho học sinh.",
        parts=[
            ("p", "Mỗi lớp nhận chăm sóc một bồn hoa hoặc một luống rau; sản phẩm thu hoạch được "
                  "dùng cho bữa ăn bán trú hoặc bán gây quỹ khuyến học."),
            ("img", "/wp-content/uploads/2023/06/truong-xanh.jpg",
             "Học sinh chăm sóc vườn rau của lớp.", "em"),
            ("p", "Nhiều trường vận động phụ huynh góp vật liệu tái chế như lốp xe, chai nhựa để "
                  "làm chậu cây và đồ chơi, vừa tiết kiệm chi phí vừa giáo dục ý thức bảo vệ môi "
                  "trường."),
            ("p", "Năm học tới, ngành giáo dục đặt mục tiêu nhân rộng mô hình ra 100% trường học "
                  "trên địa bàn."),
        ],
        published="2023-06-02T16:45:00+07:00", precision="minute",
        date_text="02/06/2023 | 16:45", byline="Tin, ảnh: Kim Phượng", author="Kim Phượng",
        opts={"meta": '<script type="application/ld+json">{"@context": "https://schema.org", '
                      '"@type": "NewsArticle", "headline": "Mở rộng mô hình trường học xanh, '
                      'sạch, đẹp", "datePublished": "2023-06-02"}</script>\n',
              "author_p": False},
        notes="JSON-LD datePublished has the date only; the page shows the time (16:45), so "
              "minute precision is expected. 'Tin, ảnh:' byline as the last bold line.",
    ),
    dict(
        key="wordpress_03_day_boi", markup="wordpress", site=None,
        url=f"{WP}/xa-hoi/tap-huan-ky-nang-phong-chong-duoi-nuoc-cho-tre-em-dip-he-a41502.html",
        title="Tập huấn kỹ năng phòng, chống đuối nước cho trẻ em dịp hè",
        lead="(TTĐT) - Trung tâm Văn hóa - Thể thao tỉnh phối hợp với Đoàn Thanh niên mở 12 lớp "
             "dạy bơi miễn phí cho hơn 600 trẻ em từ 8 đến 14 tuổi.",
        parts=[
            ("p", "Mỗi lớp học kéo dài 10 buổi, trẻ được hướng dẫn kỹ năng nổi, thở dưới nước và "
                  "cách xử lý khi gặp người bị đuối nước. Huấn luyện viên là giáo viên thể dục và "
                  "vận động viên bơi lội của tỉnh."),
            ("p", "Tại các xã chưa có hồ bơi, ban tổ chức sử dụng bể bơi di động lắp đặt trong "
                  "sân trường."),
            ("p", "Phụ huynh được khuyến cáo không để trẻ tự ý tắm sông, kênh, rạch và luôn có "
                  "người lớn trông coi khi trẻ chơi gần nguồn nước."),
        ],
        published="2023-07-11T15:30:00+07:00", precision="minute",
        date_text="Thứ Ba, 11/07/2023 - 15:30", byline="Ngọc Hân", author="Ngọc Hân",
        notes="No machine-readable date: only span.post-date; lead opens with an outlet tag "
              "'(TTĐT) - ' (kept in the lead).",
    ),
    dict(
        key="wordpress_04_nuoc_sach_theo", markup="wordpress", site=None,
        url=f"{WP}/kinh-te/nang-cap-he-thong-cap-nuoc-sach-nong-thon-a41766.html",
        title="Nâng cấp hệ thống cấp nước sạch nông thôn",
        lead="Tỉnh đang triển khai nâng cấp 14 nhà máy cấp nước nông thôn, nâng công suất thêm "
             "18.000 m³/ngày đêm, phục vụ khoảng 40.000 hộ dân.",
        parts=[
            ("p", "Các công trình được thay thế đường ống cũ, lắp đồng hồ đo nước thông minh và "
                  "hệ thống giám sát chất lượng nước tự động."),
            ("p", "Đơn vị cấp nước cam kết trong thời gian thi công sẽ thông báo lịch tạm ngừng "
                  "cấp nước ít nhất ba ngày trước và bố trí xe chở nước đến các khu vực bị ảnh "
                  "hưởng."),
            ("p", "Đến năm 2025, tỉnh phấn đấu 85% dân cư nông thôn được sử dụng nước sạch đạt "
                  "quy chuẩn."),
        ],
        published="2023-08-21T09:12:00+07:00", precision="minute",
        date_text="21/08/2023 09:12", byline="Theo Báo Đồng Tháp", author=None,
        source="Báo Đồng Tháp",
        opts={"meta": '<meta property="article:published_time" '
                      'content="2023-08-21T09:12:44+0700">\n', "author_p": False},
        notes="article:published_time with an offset without a colon (+0700); 'Theo …' credit.",
    ),
    dict(
        key="wordpress_05_quoc_khanh_figure", markup="wordpress", site=None,
        url=f"{WP}/van-hoa/ron-rang-cac-hoat-dong-mung-quoc-khanh-2-9-a41840.html",
        title="Rộn ràng các hoạt động mừng Quốc khánh 2/9",
        lead="Nhiều hoạt động văn hóa, thể thao sôi nổi đã diễn ra khắp các địa phương trong "
             "tỉnh để chào mừng kỷ niệm 78 năm Cách mạng tháng Tám và Quốc khánh 2/9.",
        parts=[
            ("p", "Tại quảng trường trung tâm, hơn 2.000 người dân tham gia giải chạy vì sức khỏe "
                  "cộng đồng. Các tuyến phố chính được trang trí cờ đỏ sao vàng và băng rôn, khẩu "
                  "hiệu."),
            ("img", "/wp-content/uploads/2023/09/giai-chay.jpg",
             "Vận động viên tham gia giải chạy tại quảng trường.", "wp"),
            ("p", "Buổi tối, chương trình nghệ thuật với các tiết mục ca múa nhạc truyền thống và "
                  "đờn ca tài tử thu hút đông đảo khán giả."),
            ("img", "/wp-content/uploads/2023/09/don-ca.jpg",
             "Tiết mục đờn ca tài tử trong chương trình nghệ thuật.", "wp"),
            ("p", "Các đơn vị lực lượng vũ trang tổ chức thăm, tặng quà gia đình chính sách và mẹ "
                  "Việt Nam anh hùng trên địa bàn."),
        ],
        published="2023-09-02T08:00:00+07:00", precision="minute",
        date_text="Thứ Bảy, 02/09/2023 - 08:00", byline="MINH KHÔI", author="MINH KHÔI",
        opts={"date_html": '<time class="entry-date published" datetime="2023-09-02T08:00:00'
                           '+07:00">Thứ Bảy, 02/09/2023 - 08:00</time>'},
        notes="Two figure/figcaption photos; <time datetime>; upper-case byline.",
    ),
    dict(
        key="wordpress_06_giay_phep_xay_dung", markup="wordpress", site=None,
        url=f"{WP}/phap-luat/nhung-diem-moi-ve-cap-giay-phep-xay-dung-nha-o-rieng-le-a42011.html",
        title="Những điểm mới về cấp giấy phép xây dựng nhà ở riêng lẻ",
        lead="Sở Xây dựng vừa có văn bản hướng dẫn UBND cấp huyện về trình tự, thủ tục cấp giấy "
             "phép xây dựng nhà ở riêng lẻ theo quy định mới.",
        parts=[
            ("p", "Theo hướng dẫn, hồ sơ đề nghị cấp giấy phép gồm:"),
            ("ol", ["Đơn đề nghị cấp giấy phép xây dựng theo mẫu.",
                    "Bản sao giấy tờ chứng minh quyền sử dụng đất.",
                    "Hai bộ bản vẽ thiết kế xây dựng kèm theo bản kê khai năng lực của tổ chức, "
                    "cá nhân thiết kế."]),
            ("p", "Các trường hợp được miễn giấy phép xây dựng bao gồm:"),
            ("ul", ["Nhà ở riêng lẻ ở nông thôn có quy mô dưới 7 tầng, không thuộc khu vực có "
                    "quy hoạch được duyệt.",
                    "Công trình sửa chữa, cải tạo bên trong không làm thay đổi kết cấu chịu lực."]),
            ("p", "Thời gian giải quyết hồ sơ không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ."),
        ],
        published="2023-10-24T10:15:00+07:00", precision="minute",
        date_text="24/10/2023 | 10:15", byline="PV", author="PV",
        notes="Numbered and bulleted lists; a short line 'Theo hướng dẫn, …' that is prose; "
              "byline 'PV'.",
    ),
    dict(
        key="wordpress_07_nha_giao_entities", markup="wordpress", site=None,
        url=f"{WP}/giao-duc/tri-an-thay-co-nhan-ngay-nha-giao-viet-nam-a42230.html",
        title="Tri ân thầy cô nhân Ngày Nhà giáo Việt Nam",
        lead="Lãnh đạo tỉnh đã đến thăm, chúc mừng một số trường học và nhà giáo tiêu biểu nhân "
             "kỷ niệm 41 năm Ngày Nhà giáo Việt Nam 20/11.",
        parts=[
            ("p", "Tại các trường, lãnh đạo tỉnh ghi nhận những nỗ lực của đội ngũ giáo viên "
                  "trong việc triển khai chương trình giáo dục phổ thông mới, nhất là ở các điểm "
                  "trường xa trung tâm."),
            ("p", "Năm học vừa qua, tỉnh có 38 học sinh đạt giải học sinh giỏi quốc gia, tỷ lệ tốt "
                  "nghiệp trung học phổ thông đạt trên 99%."),
            ("p", "Dịp này, tỉnh trao tặng 200 suất học bổng cho học sinh có hoàn cảnh khó khăn "
                  "vượt khó học giỏi."),
        ],
        published="2023-11-20T14:00:00+07:00", precision="minute",
        date_text="20/11/2023 14:00", byline="Phương Thảo", author="Phương Thảo",
        opts={"og_title": "".join(c if ord(c) < 128 else f"&#{ord(c)};"
                                  for c in "Tri ân thầy cô nhân Ngày Nhà giáo Việt Nam"),
              "meta": '<meta property="article:published_time" '
                      'content="2023-11-20T14:00:00+07:00">\n'},
        notes="og:title written with numeric character references; a date (20/11) in the lead.",
    ),
    dict(
        key="wordpress_08_nukeviet_camera", markup="wordpress", site=None, variant="nv",
        url=f"{NV}/news/an-ninh-trat-tu/xa-ra-mat-mo-hinh-camera-an-ninh-tai-cac-tuyen-duong-lien-ap-415.html",
        title="Xã ra mắt mô hình camera an ninh tại các tuyến đường liên ấp",
        lead="Công an xã phối hợp với các ấp lắp đặt 24 camera tại các ngã ba, ngã tư và khu vực "
             "thường xảy ra trộm cắp tài sản.",
        parts=[
            ("p", "Kinh phí lắp đặt gần 150 triệu đồng, chủ yếu do người dân và doanh nghiệp trên "
                  "địa bàn đóng góp. Hình ảnh từ camera được truyền về trụ sở công an xã và lưu "
                  "trữ trong 30 ngày."),
            ("p", "Từ khi có camera, lực lượng chức năng đã kịp thời phát hiện và xử lý 3 vụ trộm "
                  "xe máy, 2 vụ vi phạm trật tự an toàn giao thông."),
            ("p", "Xã sẽ tiếp tục vận động lắp thêm camera tại các điểm trường học và chợ."),
        ],
        published="2023-03-16T09:25:00+07:00", precision="minute",
        date_text="Thứ năm - 16/03/2023 09:25", byline=None, author="Trần Văn Hòa",
        notes="NukeViet (PHP): div#news_detail > h1, span.time, div#hometext, div.bodytext; "
              "byline '<strong>Tác giả: </strong>Trần Văn Hòa' right-aligned.",
    ),
    dict(
        key="wordpress_09_nukeviet_wrong_meta", markup="wordpress", site=None, variant="nv",
        url=f"{NV}/news/moi-truong/phat-dong-phong-trao-thi-dua-trong-cay-xanh-khu-dan-cu-388.html",
        title="Phát động phong trào thi đua trồng cây xanh khu dân cư",
        lead="Ủy ban Mặt trận Tổ quốc huyện phát động phong trào trồng 10.000 cây xanh tại các "
             "tuyến đường, trường học và khu dân cư trong năm 2023.",
        parts=[
            ("p", "Các loại cây được khuyến khích trồng là sao, dầu, bằng lăng và các loại cây ăn "
                  "trái phù hợp thổ nhưỡng địa phương."),
            ("p", "Mỗi hộ gia đình trên các tuyến đường chính đăng ký trồng và chăm sóc ít nhất "
                  "hai cây trước nhà. Các đoàn thể nhận trồng cây tại công trình công cộng."),
            ("p", "Kết thúc năm, huyện sẽ khen thưởng các ấp, khóm có tỷ lệ cây sống cao và cảnh "
                  "quan đẹp."),
        ],
        published="2023-06-05T16:00:00+07:00", precision="minute",
        date_text="Thứ hai - 05/06/2023 16:00", byline=None, author="Quang Huy",
        opts={"meta_charset": "windows-1258"},
        notes="Wrong charset declaration: the bytes are UTF-8 but <meta> says windows-1258 "
              "(no charset in the HTTP header).",
    ),
    dict(
        key="wordpress_10_nukeviet_lay_y_kien", markup="wordpress", site=None, variant="nv",
        url=f"{NV}/news/thong-bao/thong-bao-lay-y-kien-du-thao-quy-hoach-chung-xay-dung-xa-402.html",
        title="Thông báo lấy ý kiến dự thảo quy hoạch chung xây dựng xã",
        lead="UBND xã thông báo lấy ý kiến cộng đồng dân cư về dự thảo đồ án quy hoạch chung xây "
             "dựng xã đến năm 2035.",
        parts=[
            ("p", "Thời gian lấy ý kiến từ ngày 04/3/2024 đến hết ngày 03/4/2024. Hồ sơ dự thảo "
                  "được niêm yết tại trụ sở UBND xã và nhà văn hóa các ấp."),
            ("p", "Tổ chức, cá nhân góp ý bằng văn bản gửi về Văn phòng UBND xã hoặc ghi vào phiếu "
                  "góp ý tại nơi niêm yết."),
            ("att", "/uploads/news/2024_03/thuyet-minh-du-thao-quy-hoach.pdf",
             "Thuyết minh dự thảo quy hoạch", "Tệp đính kèm: "),
            ("att", "/uploads/news/2024_03/phieu-lay-y-kien.docx", "Phiếu lấy ý kiến",
             "Tệp đính kèm: "),
        ],
        published="2024-03-04T08:00:00+07:00", precision="minute",
        date_text="Thứ hai - 04/03/2024 08:00", byline=None, author=None,
        notes="Notice with attachments; no author; prose dates in the body.",
    ),
    dict(
        key="wordpress_11_ocop_san_tmdt", markup="wordpress", site=None,
        url=f"{WP}/kinh-te/dua-san-pham-ocop-len-san-thuong-mai-dien-tu-a43105.html",
        title="Đưa sản phẩm OCOP lên sàn thương mại điện tử",
        lead="Sở Công Thương phối hợp với các sàn thương mại điện tử tổ chức tập huấn cho hơn 150 "
             "chủ thể OCOP về cách mở gian hàng, chụp ảnh sản phẩm và livestream bán hàng.",
        parts=[
            ("p", "Sau tập huấn, 86 chủ thể đã mở gian hàng trực tuyến với hơn 300 sản phẩm như "
                  "bánh phồng tôm, khô cá lóc, trà tim sen và mật ong hoa tràm."),
            ("p", "Đại diện một hợp tác xã cho biết doanh số bán hàng trực tuyến tháng đầu tiên đã "
                  "bằng khoảng một phần tư doanh số tại cửa hàng."),
            ("p", "Sở Công Thương sẽ hỗ trợ chi phí vận chuyển cho các đơn hàng đầu tiên và tiếp "
                  "tục mở thêm lớp tập huấn vào quý II."),
        ],
        published="2024-01-08T18:21:00+07:00", precision="minute",
        date_text="08/01/2024 - 18:21", byline="Đức Anh", author="Đức Anh",
        opts={"date_html": '<time datetime="2024-01-08T18:21:00+07:00">08/01/2024 - 18:21'
                           "</time>", "related_inside": True},
        notes="Related posts and share buttons inside .entry-content; <time datetime>.",
    ),
]


BP = "http://xabinhthanh.example"
BQ = "http://xatanphu.example"

BARE = [
    dict(
        key="bare_01_doi_thoai_nong_dan", markup="bare", site=None,
        url=f"{BP}/chi-tiet.php?id=1187",
        title="Xã tổ chức hội nghị đối thoại với nông dân",
        lead="Ủy ban nhân dân xã phối hợp với Hội Nông dân tổ chức hội nghị đối thoại giữa lãnh "
             "đạo xã với hơn 120 hội viên nông dân về các vấn đề sản xuất và đời sống.",
        parts=[
            ("p", "Tại hội nghị, bà con kiến nghị nạo vét kênh nội đồng, sửa chữa cống thủy lợi "
                  "và hỗ trợ tiêu thụ nông sản khi vào vụ thu hoạch."),
            ("p", "Lãnh đạo xã đã trả lời trực tiếp 14 ý kiến và ghi nhận những nội dung vượt "
                  "thẩm quyền để báo cáo lên huyện."),
        ],
        published="2023-01-31T15:30:00+07:00", precision="minute",
        date_text="Cập nhật lúc 15:30 ngày 31/01/2023", byline="Văn Tài", author="Văn Tài",
        notes="Table layout, no classes; the only date is a text line under the h1.",
    ),
    dict(
        key="bare_02_tiem_phong_dai", markup="bare", site=None,
        url=f"{BP}/chi-tiet.php?id=1022",
        title="Tiêm vắc xin phòng bệnh dại cho đàn chó, mèo",
        lead="",
        parts=[
            ("p", "Thực hiện kế hoạch của huyện, xã tổ chức tiêm vắc xin phòng bệnh dại cho đàn "
                  "chó, mèo trên địa bàn từ ngày 16/5 đến ngày 20/5/2022."),
            ("p", "Mỗi liều vắc xin có giá 25.000 đồng; hộ nghèo và hộ cận nghèo được miễn phí. "
                  "Cán bộ thú y sẽ tiêm tại nhà văn hóa các ấp theo lịch đã thông báo trên loa "
                  "truyền thanh."),
            ("p", "Người nuôi chó phải xích, nhốt hoặc rọ mõm khi đưa ra nơi công cộng, tránh để "
                  "chó cắn người."),
        ],
        published="2022-05-12", precision="day",
        date_text="Ngày đăng: 12/05/2022", byline=None, author=None,
        opts={"headline": "b", "date_html": "<div>Ngày đăng: 12/05/2022</div>"},
        notes="Headline only in <p><b> and <title>; 'Ngày đăng:' line in a bare div; prose "
              "dates (16/5, 20/5/2022); no author.",
    ),
    dict(
        key="bare_03_dinh_danh_dien_tu", markup="bare", site=None,
        url=f"{BP}/chi-tiet.php?id=1203",
        title="Hướng dẫn người dân đăng ký tài khoản định danh điện tử",
        lead="Tổ công tác triển khai Đề án 06 của xã đã đến từng ấp hướng dẫn người dân kích "
             "hoạt tài khoản định danh điện tử mức độ 2.",
        parts=[
            ("p", "Người dân khi đến đăng ký cần mang theo:"),
            ("ul", ["Căn cước công dân gắn chip còn hạn sử dụng.",
                    "Điện thoại thông minh có số thuê bao chính chủ.",
                    "Địa chỉ thư điện tử (nếu có)."]),
            ("p", "Đến nay, xã đã kích hoạt được hơn 4.300 tài khoản, đạt 78% chỉ tiêu huyện "
                  "giao."),
        ],
        published="2023-03-15", precision="day",
        date_text="Ngày 15 tháng 03 năm 2023", byline="Tin, ảnh: Thanh Tuấn",
        author="Thanh Tuấn", opts={"headline": "h2"},
        notes="'Ngày … tháng … năm …' line; headline in an h2 (no h1); bulleted list.",
    ),
    dict(
        key="bare_04_nao_vet_kenh", markup="bare", site=None,
        url=f"{BQ}/index.php?option=com_content&view=article&id=356",
        title="Nạo vét kênh thủy lợi chuẩn bị cho vụ Hè Thu",
        lead="Xã huy động máy móc và hơn 200 ngày công lao động nạo vét 6 tuyến kênh nội đồng "
             "với tổng chiều dài 9 km.",
        parts=[
            ("p", "Kinh phí thực hiện từ nguồn hỗ trợ đất trồng lúa của tỉnh và đóng góp của các "
                  "hộ hưởng lợi."),
            ("p", "Dự kiến công trình hoàn thành trước ngày 10/4, bảo đảm nước tưới cho hơn 800 ha "
                  "lúa."),
        ],
        published="2016-03-15T04:35:00+07:00", precision="minute",
        date_text="04:35 15/03/2016", byline="Nguồn: Đài Truyền thanh huyện", author=None,
        source="Đài Truyền thanh huyện",
        opts={"headline": "font", "title_tag": "UBND XÃ TÂN PHÚ",
              "site_name": "Ủy ban nhân dân xã Tân Phú"},
        notes="<title> is the site name only; headline in <font size=4><b>; time before the "
              "date ('04:35 15/03/2016'); 'Nguồn:' credit.",
    ),
    dict(
        key="bare_05_tiem_chung_bang", markup="bare", site=None,
        url=f"{BQ}/index.php?option=com_content&view=article&id=298",
        title="Kết quả tiêm chủng mở rộng quý I năm 2021",
        lead="Trạm Y tế xã đã tổ chức 3 đợt tiêm chủng định kỳ cho trẻ em và phụ nữ có thai "
             "trong quý I. Kết quả cụ thể như sau:",
        parts=[
            ("table", [["Loại vắc xin", "Số người được tiêm", "Tỷ lệ"],
                       ["Sởi - Rubella", "142", "96%"],
                       ["Bạch hầu - Ho gà - Uốn ván", "156", "98%"],
                       ["Uốn ván cho phụ nữ có thai", "61", "94%"]]),
            ("p", "Trạm y tế đề nghị các gia đình đưa trẻ đi tiêm đúng lịch và theo dõi trẻ ít "
                  "nhất 30 phút sau tiêm."),
        ],
        published="2021-04-17T16:39:00+07:00", precision="second",
        date_text="2021-04-17 16:39:00", byline="Hữu Nghĩa", author="Hữu Nghĩa",
        opts={"site_name": "Ủy ban nhân dân xã Tân Phú"},
        notes="ISO-like 'yyyy-mm-dd HH:MM:SS' line; data table.",
    ),
    dict(
        key="bare_06_thong_bao_cat_dien", markup="bare", site=None,
        url=f"{BP}/thong-bao.php?id=77",
        title="Thông báo tạm ngừng cung cấp điện",
        lead="Điện lực huyện thông báo tạm ngừng cung cấp điện để bảo trì đường dây trung thế.",
        parts=[
            ("p", "Thời gian: từ 7 giờ 00 đến 16 giờ 00 ngày 14/10/2022."),
            ("p", "Khu vực: ấp Tân Lợi, ấp Tân Hòa và một phần ấp Tân Thạnh."),
        ],
        published="2022-10-11", precision="day",
        date_text="11/10/2022", byline=None, author=None,
        opts={"date_first": True, "date_html": "<p>11/10/2022</p>"},
        notes="Three-line notice; bare date '11/10/2022' above the title; a different date "
              "(the outage) in the prose.",
    ),
    dict(
        key="bare_07_nong_thon_moi_nang_cao", markup="bare", site=None,
        url=f"{BQ}/index.php?option=com_content&view=article&id=512",
        title="Xã đạt chuẩn nông thôn mới nâng cao sau hai năm nỗ lực",
        lead="Sau hai năm triển khai, xã đã hoàn thành 19/19 tiêu chí nông thôn mới nâng cao, "
             "thu nhập bình quân đầu người đạt 68 triệu đồng mỗi năm.",
        parts=[
            ("p", "Ngày 18.6, Hội đồng thẩm định của huyện đã kiểm tra thực tế và thống nhất đề "
                  "nghị tỉnh xét công nhận xã đạt chuẩn nông thôn mới nâng cao."),
            ("p", "Trong 2 ngày 22 & 23.7, đoàn công tác của tỉnh tiếp tục khảo sát các công trình "
                  "giao thông, trường học, trạm y tế và lấy ý kiến sự hài lòng của người dân."),
            ("p", "Điểm nổi bật là toàn bộ tuyến đường liên ấp đã được nhựa hóa, có đèn chiếu "
                  "sáng và hàng rào cây xanh. Mỗi ấp có một mô hình phân loại rác tại nguồn."),
            ("p", "Xã cũng phát triển được 4 sản phẩm OCOP đạt 3 sao, gồm bánh tráng, nem, mật "
                  "ong và nấm rơm sấy."),
            ("p", "Quyết định công nhận được Chủ tịch UBND tỉnh ký ngày 29.12.2023, là động lực "
                  "để xã phấn đấu trở thành xã nông thôn mới kiểu mẫu."),
            ("p", "Để giữ vững danh hiệu, xã tiếp tục duy trì các tiêu chí, đặc biệt là tiêu chí "
                  "về môi trường và an ninh trật tự."),
        ],
        published="2024-02-09T15:00:00+07:00", precision="minute",
        date_text="Thứ sáu: 15:00 ngày 09/02/2024", byline="Hồng Nhung", author="Hồng Nhung",
        opts={"site_name": "Ủy ban nhân dân xã Tân Phú"},
        notes="Dotted prose dates ('Ngày 18.6', '22 & 23.7', 'ngày 29.12.2023') are events; "
              "the publication line is 'Thứ sáu: 15:00 ngày 09/02/2024'.",
    ),
    dict(
        key="bare_08_khai_giang_diem_truong", markup="bare", site=None,
        url=f"{BP}/chi-tiet.php?id=1290",
        title="Khai giảng năm học mới tại điểm trường vùng sâu",
        lead="Sáng nay, điểm trường tiểu học ở ấp cồn đã tổ chức lễ khai giảng năm học 2023 - "
             "2024 với 86 học sinh, trong đó có 18 em vào lớp 1.",
        parts=[
            ("img", "/upload/2023/khai-giang.jpg", "Học sinh lớp 1 trong ngày khai giảng.", "i"),
            ("p", "Trước ngày khai giảng, giáo viên và phụ huynh đã cùng nhau sơn sửa lại phòng "
                  "học, làm mới bảng tên và trồng thêm cây xanh trong sân trường."),
            ("p", "Nhân dịp này, các nhà hảo tâm trao tặng 120 bộ sách giáo khoa, 200 quyển tập và "
                  "15 chiếc xe đạp cho học sinh có hoàn cảnh khó khăn."),
        ],
        published="2023-09-05T10:20:00+07:00", precision="minute",
        date_text="Đăng lúc: 10:20 - 05/09/2023 | Lượt xem: 215", byline="HOÀI THƯƠNG",
        author="HOÀI THƯƠNG",
        notes="Info line 'Đăng lúc: HH:MM - dd/mm/yyyy | Lượt xem: N'; <i> caption under the "
              "photo inside the same paragraph; upper-case byline.",
    ),
]

ARTICLES = LIFERAY + ASPNET + WORDPRESS + BARE
