"""Agency rules on short texts: how organs are named where the gold reports do not go (prefectures, leagues)."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract


def _agencies(title: str, body: str) -> dict[str, tuple[str, ...]]:
    extraction = extract(Document("t", f"{title}2023年法治政府建设情况报告\n\n{body}\n", "utf-8"))
    return {name: entity.key for entity in extraction.entities if entity.kind == "Agency" for name in entity.names}


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("阿克苏地区", "地委、行署高度重视，地区司法局审核文件12件，地区人大工委开展执法检查3次。",
     {"地委": ("agency", "652900", "委"), "行署": ("agency", "652900", "行政公署"),
      "地区司法局": ("agency", "652900", "司法局"), "地区人大工委": ("agency", "652900", "人大工委")}),
    ("锡林郭勒盟", "锡林郭勒盟行政公署、盟委高度重视，盟行署常务会议研究8次。",
     {"锡林郭勒盟行政公署": ("agency", "152500", "行政公署"), "盟行署": ("agency", "152500", "行政公署"),
      "盟委": ("agency", "152500", "委")}),
    ("吕梁市", "市委、市政府高度重视，本地委托律师12名，行署旧址修缮1处。", {  # a city has no 地委 or 行署
     "市委": ("agency", "141100", "委"), "市政府": ("agency", "141100", "政府")}),
    ("阿克苏地区", "地委书记主持会议，外地委托案件3件。", {}),  # a post, and 委托 (to entrust)
    # 大局 is the overall situation, no bureau; a group's first sitting names no group
    ("苏州市", "服务苏州经济社会高质量发展大局，召开第一次领导小组会议，市邮政局参加。",
     {"市邮政局": ("agency", "320500", "邮政局")}),  # 政局 ends a bureau's name (邮政局, 财政局)
    ("宜昌市", "团市委、市妇联参加。", {"市妇联": ("agency", "420500", "妇联")}),  # 团市委 is not the party's 市委
    # a place inside what would be a generic name is the organ's own (上海市浦东新区…委员会: the district's, not the
    # city's); another level's committee after a place is that level's; a level said again after its place's name
    ("浦东新区", "上海市浦东新区发展和改革委员会印发方案，浦东新区省委巡视组进驻，南昌市市政府召开会议。",
     {"上海市浦东新区发展和改革委员会": ("agency", "310115", "发展和改革委员会"),
      "南昌市市政府": ("agency", "360100", "政府")}),
    ("汉滨区", "汉滨区省委依法治省委员会正式命名为示范区。",
     {"省委依法治省委员会": ("agency", "610000", "委全面依法治省委员会")}),
], ids=["prefecture", "league", "city", "not-organs", "not-a-bureau-nor-a-group", "youth-league",
        "a-district-inside-a-citys-name", "another-levels-committee-after-a-place"])
def test_organs_named_by_their_level(title, body, expected):
    assert _agencies(title, body) == expected


def test_a_department_reporting_on_itself():
    text = ("浙江省司法厅2023年法治政府建设年度报告\n\n厅党组研究法治建设6次。我厅起草《浙江省法律援助条例》，"
            "本办法自公布之日起施行，基本局面稳定。\n")
    extraction = extract(Document("t", text, "utf-8"))
    agencies = {entity.key: entity for entity in extraction.entities if entity.kind == "Agency"}
    department = agencies[("agency", "330000", "司法厅")]
    assert [text[m.start:m.end] for m in department.mentions] == ["浙江省司法厅", "我厅"]
    assert department.names == ["浙江省司法厅"]  # 我厅 is a mention, not a name
    assert agencies[("agency", "330000", "司法厅党组")].data["parent"] == "司法厅"
    assert [(link.kind, link.object.key) for link in extraction.links] == [("issuedBy", department.key)]


def test_a_government_report_has_no_department_self():
    text = "來源:市司法局\n呂梁市人民政府2023年法治政府建設年度報告\n\n我局辦結案件12件，局黨組研究3次。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [e.names for e in extraction.entities if e.kind == "Agency"] == [["市司法局"], ["呂梁市人民政府"]]


def test_a_working_committee_of_a_congress_has_no_local_parent():
    text = "阿克苏地区2023年法治政府建设情况报告\n\n地区人大工委开展执法检查3次。\n"
    extraction = extract(Document("t", text, "utf-8"))
    committee = next(e for e in extraction.entities if e.key == ("agency", "652900", "人大工委"))
    assert "parent" not in committee.data  # 地区 has no 人大 of its own


def test_the_full_names_of_party_and_cppcc_committees():
    text = ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n中共汝城县委员会、中国共产党汝城县委员会、"
            "政协汝城县委员会、中共汝城县委高度重视。县委、县政协参加。\n")
    extraction = extract(Document("t", text, "utf-8"))
    names = {e.key: sorted(text[m.start:m.end] for m in e.mentions) for e in extraction.entities if e.kind == "Agency"}
    assert names[("agency", "431026", "委")] == ["中共汝城县委", "中共汝城县委员会", "中国共产党汝城县委员会", "县委"]
    assert names[("agency", "431026", "政协")] == ["县政协", "政协汝城县委员会"]


def test_a_bureaus_branch_is_an_organ_under_it():
    text = ("宜昌市人民政府关于2023年法治政府建设情况的报告\n\n"
            "市生态环境局夷陵区分局、市公安局西陵分局、市司法局分别开展工作。\n")
    agencies = {e.key[2]: e for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"}
    assert agencies["生态环境局夷陵区分局"].data["parent"] == "生态环境局"
    assert agencies["公安局西陵分局"].names == ["市公安局西陵分局"]
    assert "parent" not in agencies["司法局"].data  # 市司法局分别…: no branch


def test_a_place_named_inside_an_organs_name_after_its_level_is_named_in_the_report():
    text = "福建省交通运输厅2025年法治政府建设年度报告\n\n省福州高速公路行政执法支队、省莆田高速公路管理局开展检查。\n"
    entities = extract(Document("t", text, "utf-8")).entities
    assert {e.label for e in entities if e.kind == "Agency"} == {
        "福建省交通运输厅", "省福州高速公路行政执法支队", "省莆田高速公路管理局"}
    assert {e.label for e in entities if e.kind == "City"} == {"福州市", "莆田市"}


def test_a_banners_rule_of_law_committee_is_one_organ():
    text = ("阿鲁科尔沁旗2020年法治政府建设情况的报告\n\n旗委书记主持召开旗委全面依法治旗委员会第五次会议，"
            "审议通过《阿鲁科尔沁旗2020年法治政府建设工作要点》。\n")
    extraction = extract(Document("t", text, "utf-8"))
    agencies = {e.key: [text[m.start:m.end] for m in e.mentions] for e in extraction.entities if e.kind == "Agency"}
    # One organ, not also a 旗委 read from the tail of its name.
    assert agencies == {("agency", "150421", "委全面依法治旗委员会"): ["旗委全面依法治旗委员会"]}
    assert [(link.kind, link.object.key[2]) for link in extraction.links] == [("issuedBy", "委全面依法治旗委员会")]


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("吴江区", "区人民法院、司法局及信访局等部门参加，区委和政府工作报告。",  # 政府 after 和 is no listed organ
     {"区人民法院": ("agency", "320509", "法院"), "司法局": ("agency", "320509", "司法局"),
      "信访局": ("agency", "320509", "信访局"), "区委": ("agency", "320509", "委")}),
    ("宜昌市", "市农业农村局综合执法大队被命名为示范窗口，5件案件在司法部法律援助中心抽检中获评优秀，"
     "市司法局会同市中心医院开展活动。",  # 会同 opens no unit of the bureau
     {"市农业农村局综合执法大队": ("agency", "420500", "农业农村局综合执法大队"),
      "司法部法律援助中心": ("agency", "CN", "司法部法律援助中心"), "市司法局": ("agency", "420500", "司法局")}),
    ("南昌县", "经过两轮县机构改革领导小组会议研究。成立南昌县创建全省法治政府示范县领导小组，各级领导小组高度重视。",
     {"县机构改革领导小组": ("agency", "360121", "机构改革领导小组"),
      "南昌县创建全省法治政府示范县领导小组": ("agency", "360121", "创建全省法治政府示范县领导小组")}),
    ("北京市", "组建北京经济技术开发区联合管委会，推动市科委、中关村管委会合署办公。",
     {"北京经济技术开发区联合管委会": ("agency", "110000", "经济技术开发区联合管委会"),
      "市科委": ("agency", "110000", "科学技术委员会"), "中关村管委会": ("agency", "110000", "中关村管委会")}),
    ("石家庄市", "市委调整了法治石家庄建设领导小组办公室。召开依法治市委员会会议。",
     {"市委": ("agency", "130100", "委"),
      "法治石家庄建设领导小组办公室": ("agency", "130100", "法治石家庄建设领导小组办公室"),
      "依法治市委员会": ("agency", "130100", "委全面依法治市委员会")}),
    ("乌尔禾区", "人大、政协、监委、法院、检察院积极配合，办理区政协委员提案5件。",  # 政协委员: members, no organ
     {"人大": ("agency", "650205", "人大"), "政协": ("agency", "650205", "政协"), "监委": ("agency", "650205", "监委"),
      "法院": ("agency", "650205", "法院"), "检察院": ("agency", "650205", "检察院")}),
    ("长春市", "按照中办、国办《法治政府建设与责任落实督察工作规定》要求，集中办公。",  # 集中办公: no office
     {"中办": ("agency", "CN", "中共中央办公厅"), "国办": ("agency", "CN", "国务院办公厅")}),
    ("锡林郭勒盟", "盟委党校举办培训班，盟委高度重视。", {"盟委": ("agency", "152500", "委")}),  # a school, no organ
    ("宜昌市", "国家市场监管总局印发通知，市场监管总局、市市场监管局参加，区域协作。",  # 市场 and 区域 are words
     {"国家市场监管总局": ("agency", "CN", "国家市场监督管理总局"),
      "市场监管总局": ("agency", "CN", "国家市场监督管理总局"),
      "市市场监管局": ("agency", "420500", "市场监督管理局")}),
    ("滨江区", "联合区综合指导办发布《区行政规范性文件管理办法》，区里举办培训班。",  # 办 of an office, not of 办法
     {"区综合指导办": ("agency", "330108", "综合指导办")}),
    ("宁海县", "在市全面推进依法行政工作领导小组的指导下，调整充实法治交通建设领导小组。",
     {"市全面推进依法行政工作领导小组": ("agency", "330200", "全面推进依法行政工作领导小组"),
      "法治交通建设领导小组": ("agency", "330226", "法治交通建设领导小组")}),
    ("西藏自治区", "自治区党委全面依法治藏委员会发挥牵头抓总作用，依法治疆、依法治藏办加强督导。",
     {"自治区党委全面依法治藏委员会": ("agency", "540000", "党委全面依法治藏委员会"),
      "依法治藏办": ("agency", "540000", "党委全面依法治藏委员会办公室")}),
    ("西藏自治区", "传达学习了书记在自治区全面依法治藏委员会会议上的讲话精神。",  # the party committee left unsaid
     {"自治区全面依法治藏委员会": ("agency", "540000", "党委全面依法治藏委员会")}),
    ("元谋县", "成立以局长任组长、各股室负责人为成员的全面依法治县工作领导小组。",
     {"全面依法治县工作领导小组": ("agency", "532328", "全面依法治县工作领导小组")}),
    # the level word of 依法治县 is the group's task, not where its name starts
    ("元谋县", "成立了局主要负责人为组长的推进全面依法治县工作领导小组。",
     {"推进全面依法治县工作领导小组": ("agency", "532328", "推进全面依法治县工作领导小组")}),
    ("元谋县", "认真落实中央、省、州法治建设决策部署，配合中央和国家机关开展调研，关注中央媒体报道。",
     {"中央": ("agency", "CN", "中共中央")}),  # first of the levels; 中央和国家机关 a class, 中央媒体 a word
    ("天津市", "主任亲自担任委法治建设领导小组组长，明确领导小组职责。",  # 明确 a verb, not the group's name
     {"委法治建设领导小组": ("agency", "120000", "委法治建设领导小组")}),
    # 完善 a verb before the group; a meeting and the group after 和; a leader's post on a group named before
    ("德阳市", "进一步完善法治建设工作领导小组运行机制。召开市委全面依法治市委员会第二次会议和市政府法治政府建设工作"
     "领导小组会议。由局党组书记、局长任领导小组组长。",
     {"法治建设工作领导小组": ("agency", "510600", "法治建设工作领导小组"),
      "市委全面依法治市委员会": ("agency", "510600", "委全面依法治市委员会"),
      "市政府法治政府建设工作领导小组": ("agency", "510600", "政府法治政府建设工作领导小组")}),
    # offices of a committee, of a congress's standing committee and of a government's inspection
    ("营口市", "市委法治建设委员会办公室通报表扬,市人大常委会办公室获评先进,市政府督查室开展督查。",
     {"市委法治建设委员会办公室": ("agency", "210800", "委法治建设委员会办公室"),
      "市人大常委会办公室": ("agency", "210800", "人大常委会办公室"),
      "市政府督查室": ("agency", "210800", "政府督查室")}),
    # vertically managed bodies after a place's short name; a regional administration of the civil aviation office
    ("黑龙江省", "部海事局印发指导意见，佳木斯海事局、民航东北地区管理局参加。",
     {"部海事局": ("agency", "CN", "交通运输部海事局"), "佳木斯海事局": ("agency", "230800", "海事局"),
      "民航东北地区管理局": ("agency", "CN", "中国民用航空东北地区管理局")}),
    # a sector's law-enforcement brigade named after its level, with no bureau before it
    ("汝城县", "县交通运输综合行政执法大队和市文化市场综合执法支队开展联合检查。",
     {"县交通运输综合行政执法大队": ("agency", "431026", "交通运输综合行政执法大队"),
      "市文化市场综合执法支队": ("agency", "431000", "文化市场综合执法支队")}),
], ids=["listed-after-a-level", "units-of-an-organ", "task-groups", "administrative-committees",
        "rule-of-law-committee-alone", "own-organs-listed-bare", "general-offices", "party-school",
        "central-organ-not-a-level", "office-named-short", "groups-after-two-verbs",
        "rule-of-law-committee-of-a-province-by-its-abbreviation", "the-regions-committee-its-party-unsaid",
        "group-named-after-de", "group-whose-task-is-rule-by-law-of-the-level",
        "centre-first-of-the-levels", "groups-after-the-verbs-担任-and-明确", "groups-after-完善-a-meeting-and-a-post",
        "offices-of-committees-and-inspection", "vertically-managed-bodies", "law-enforcement-brigades"])
def test_organs_named_by_their_grammar(title, body, expected):
    assert _agencies(title, body) == expected


def test_a_report_that_names_no_place_still_names_its_organs():
    # An excerpt that starts mid-text: 县委 is the report's county's committee, whichever county that is.
    text = ("现将我县2020年度法治政府建设情况报告如下。\n"
            "在县委的领导下，县政府认真落实省委、省政府决策部署，县委常委会研究3次。\n")
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.jurisdiction is None
    agencies = {e.label: e.key for e in extraction.entities if e.kind == "Agency"}
    assert agencies == {"县委": ("agency", "report:t/县", "委"), "县政府": ("agency", "report:t/县", "政府"),
                        "省委": ("agency", "report:t/省", "委"), "省政府": ("agency", "report:t/省", "政府"),
                        "县委常委会": ("agency", "report:t/县", "委常委会")}


def test_a_report_that_names_no_place_still_names_its_groups():
    # A bureau's excerpt that never names its city: the group it set up is still an organ, of the unnamed place.
    text = "2024年,我局成立了法治建设工作领导小组,负责依法行政的指导和监督。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.jurisdiction is None
    groups = [e.key for e in extraction.entities if e.kind == "Agency" and e.label.endswith("领导小组")]
    assert groups == [("agency", "report:t", "法治建设工作领导小组")]


def test_a_bare_department_in_the_source_line_is_the_report_places():
    text = "来源 : 司法局  字号 : [ 大 中 小 ]\n静海区2020年法治政府建设情况报告\n\n区政府常务会议研究3次。\n"
    agencies = {e.label: e.key for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"}
    assert agencies["司法局"] == ("agency", "120118", "司法局")


def test_the_standing_committee_named_after_its_congress():
    text = "铜梁区2023年法治政府建设工作报告\n\n在区委的坚强领导和区人大及其常委会的监督支持下，区政府坚持依法行政。\n"
    agencies = {e.label: e.key for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"}
    assert agencies["常委会"] == ("agency", "500151", "人大常委会")
    assert agencies["区人大"] == ("agency", "500151", "人大")


def test_a_report_led_by_its_citys_committee_is_a_citys():
    # No place of its own is named; a province is named in a plan's title only: the report is not the province's.
    text = ("2023年，市司法局在市委、市政府的坚强领导和省司法厅精心指导下，深入贯彻实施《福建省法治政府建设实施方案》，"
            "全省首批试点落地，全省推广。\n")
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.jurisdiction is None
    assert {e.label for e in extraction.entities if e.kind == "Agency"} >= {"市司法局", "市委", "市政府", "省司法厅"}


@pytest.mark.parametrize(("text", "expected"), [
    # A department's party group, named in full or, in its own report, by its kind alone (局党组, 部党组).
    ("自然资源部2021年法治政府建设年度报告\n\n自然资源部党组高度重视。部党组会及时传达学习。\n",
     {"自然资源部": ("agency", "CN", "自然资源部"), "自然资源部党组": ("agency", "CN", "自然资源部党组")}),
    # An excerpt without a title: the department that opens it is the one reporting.
    ("2022年,长治市司法局坚持以习近平新时代中国特色社会主义思想为指导。充分发挥局党组的表率作用。\n",
     {"长治市司法局": ("agency", "140400", "司法局"), "局党组": ("agency", "140400", "司法局党组")}),
    # A commission (委员会) calls itself 委: 委党委; 市卫生健康委 is its short name.
    ("重庆市卫生健康委员会关于2022年法治政府建设情况的报告\n\n2022年，市卫生健康委坚持依法行政。委党委高度重视。\n",
     {"重庆市卫生健康委员会": ("agency", "500000", "卫生健康委员会"),
      "委党委": ("agency", "500000", "卫生健康委员会党委")}),
    # A page's header names the department on its own line above the title; 由局党组 and 利用局党组 name the group,
    # 局党组书记 a post.
    ("天津市商务局\n2019年度法治政府建设情况报告\n\n由局党组印发规定。利用局党组理论学习中心组学习。局党组书记讲话。\n",
     {"天津市商务局": ("agency", "120000", "商务局"), "局党组": ("agency", "120000", "商务局党组")}),
    # and a section of its own, by the same short name (局政策法规科), but not an office said of all (局机关各处)
    ("天津市商务局2019年度法治政府建设情况报告\n\n办公室设在局政策法规科。明确至局机关各处室。\n",
     {"天津市商务局": ("agency", "120000", "商务局"), "局政策法规科": ("agency", "120000", "商务局政策法规科")}),
], ids=["ministry", "bureau-without-a-title", "commission", "department-above-its-title", "its-own-section"])
def test_a_departments_party_group(text, expected):
    assert {e.label: e.key for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"} == expected


def test_a_government_named_by_its_meeting():
    # 市政府常务会议 is the government's meeting: the text names the government (as most real annotations have it).
    names = _agencies("宜昌市", "市政府常务会议学法4次，市委常委会听取汇报2次。")
    assert names == {"市政府": ("agency", "420500", "政府"), "市委常委会": ("agency", "420500", "委常委会")}


@pytest.mark.parametrize(("body", "groups"), [
    # A short note in brackets stays in the name; 等级 is no list's 等; 我局 refers, it does not name.
    ("成立了市建设法治政府(依法行政)工作领导小组，我局法治建设工作领导小组组长为局长，还成立了执法资格等级考试领导小组。",
     {"市建设法治政府(依法行政)工作领导小组", "法治建设工作领导小组", "执法资格等级考试领导小组"}),
    # A verb before the name is no part of it; 坚持 before 领导小组成员 leaves no name at all.
    ("充分发挥法治政府建设工作领导小组统筹推进作用，坚持领导小组成员个个是主体。", {"法治政府建设工作领导小组"}),
    # A quoted name inside stays in it; a post before 任 is no part of it, named holder or not.
    ("成立宜昌市创建“全国法治政府建设示范区”工作领导小组，由市长任宜昌市推进依法行政工作领导小组组长。",
     {"宜昌市创建全国法治政府建设示范区工作领导小组", "宜昌市推进依法行政工作领导小组"}),
], ids=["note-level-and-self-reference", "verbs-before-a-group", "a-quote-inside-and-a-post-before"])
def test_groups_named_for_their_task(body, groups):
    assert {name for name in _agencies("宜昌市", body) if name.endswith("领导小组")} == groups


def test_the_numbered_intermediate_courts_of_a_municipality():
    names = _agencies("密云区", "北京市第四中级人民法院行政庭庭长授课，邀请市一中院法官讲解。")
    assert set(names) >= {"北京市第四中级人民法院", "市一中院"}


def test_party_working_committees_and_shanghais_commission_names():
    names = _agencies("宜昌市", "市直机关工委、市委教育工委和市经济信息化委参加。")
    assert set(names) == {"市直机关工委", "市委教育工委", "市经济信息化委"}


def test_the_centre_before_what_it_decided_and_a_bureaus_section():
    names = _agencies("宜昌市", "按照中央要求，贯彻落实中央决策部署。宜昌市司法局法治调研督查科牵头，依法处理投诉。")
    assert set(names) == {"中央", "宜昌市司法局法治调研督查科"}  # (依法处理: no section)


@pytest.mark.parametrize(("body", "names"), [
    ("按照中央全面依法治国和省委全面依法治省的部署开展工作。", {"中央", "省委"}),  # the Centre beside a committee
    ("传达学习中央全面依法治国工作会议精神。", set()),  # a meeting's name: no organ named on its own
], ids=["beside-a-committee", "a-meetings-name"])
def test_the_centre_leading_the_rule_of_law_beside_a_committee(body, names):
    assert set(_agencies("宜昌市", body)) == names


def test_the_party_group_of_a_department_that_never_names_itself():
    text = ("关于2022年度法治政府建设工作情况的报告\n\n现将我局2022年度法治政府建设工作报告如下。局党组书记带头学法,"
            "局党组每季度开展专题学习,召开局党组会议3次。\n")
    groups = [e for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"]
    assert [(e.label, len(e.mentions)) for e in groups] == [("局党组", 1)]  # 局党组书记 is a post, 局党组会议 a sitting


def test_an_untitled_departments_party_group_when_its_opening_names_who_leads_it():
    # The organs that open the excerpt lead the department (在市委、市政府的领导下); they are not the one reporting.
    text = "2021年,在市委、市政府的正确领导下,我局坚持依法行政。局党组专题研究法治工作,坚持局党组集体学法。\n"
    labels = [e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"]
    assert labels.count("局党组") == 1 and {"市委", "市政府"} <= set(labels)


@pytest.mark.parametrize("verb", ["坚持", "落实", "执行", "以"])
def test_a_departments_party_group_after_the_verb_it_follows(verb):
    text = f"浙江省商务厅2022年法治政府建设年度报告\n\n{verb}厅党组关于法治建设的决策部署。\n"
    agencies = {e.label: e.key for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"}
    assert agencies.get("厅党组") == ("agency", "330000", "商务厅党组")


def test_a_departments_party_group_named_in_full_is_that_one():
    text = ("关于2021年度法治政府建设工作情况的报告\n\n2021年,我局坚持依法理财。市财政局党组始终把法治建设摆在重要位置,"
            "局党组专题研究法治工作。\n")
    labels = [e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"]
    assert "局党组" not in labels and "市财政局党组" in labels


def test_an_organ_opening_a_title_without_brackets_is_named_as_in_brackets():
    # 《中共吕梁市委常委会2023年工作要点》 names the committee; so does the same title written without brackets.
    text = "某区2024年法治政府建设情况报告\n\n印发区委全面依法治区委员会2024年工作要点,推进法治建设。\n"
    entities = extract(Document("t", text, "utf-8")).entities
    assert [(e.kind, e.label) for e in entities if e.kind in ("Agency", "Regulation")] == [
        ("Agency", "区委全面依法治区委员会"), ("Regulation", "区委全面依法治区委员会2024年工作要点")]


def test_a_ministry_said_with_the_state_before_it():
    # 国家公安部 is how people say 公安部: one organ, its mention with 国家.
    text = "宜昌市2020年法治政府建设情况报告\n\n县交警大队被国家公安部记一等功，公安部通报表扬。\n"
    extraction = extract(Document("t", text, "utf-8"))
    ministry = [e for e in extraction.entities if e.kind == "Agency" and e.key == ("agency", "CN", "公安部")]
    assert [[text[m.start:m.end] for m in e.mentions] for e in ministry] == [["国家公安部", "公安部"]]
    # a text that opens with the ministry and ends in 国家 keeps the mention where it is
    opening = extract(Document("t", "公安部通报表扬宜昌市。建设国家", "utf-8"))
    assert [(m.start, m.end) for e in opening.entities if e.key == ("agency", "CN", "公安部") for m in e.mentions] \
        == [(0, 3)]


def test_a_group_at_the_very_start_of_a_text_that_ends_in_yifazhi():
    # The check for 依法治 before a level word looks only before it, never round to the text's end: 县 stays the
    # level (here of no known county, so no group), not a word of the group's name.
    extraction = extract(Document("t", "县机构改革领导小组成立。推进依法治", "utf-8"))
    assert [e.key[2] for e in extraction.entities if e.kind == "Agency"] == []


@pytest.mark.parametrize(("title", "body", "expected"), [
    # The rule-of-law committee's coordination groups, named after it or alone; a list sharing the suffix, or a
    # count, names none.
    ("番禺区2023年法治政府建设年度报告", "区委全面依法治区委员会下设立法协调小组,执法协调小组每季度召开会议。",
     ["区委全面依法治区委员会", "立法协调小组", "执法协调小组"]),
    ("番禺区2023年法治政府建设年度报告", "召开区委全面依法治区委员会和执法协调小组会议。",
     ["区委全面依法治区委员会", "执法协调小组"]),
    ("番禺区2023年法治政府建设年度报告", "执法、司法、守法普法协调小组分别开展工作,四个协调小组运行良好。", []),
    # a task group of the whole place, named so
    ("番禺区2023年法治政府建设年度报告", "召开全市推进依法行政工作领导小组会议。", ["全市推进依法行政工作领导小组"]),
    # a county's own organs listed bare after a verb; its government's party group without its level
    ("番禺区2023年法治政府建设年度报告", "主动支持人大、政协、监委、法院依法履职。", ["人大", "政协", "监委", "法院"]),
    ("番禺区2023年法治政府建设年度报告", "全年召开政府党组会议6次。", ["政府党组"]),
    # a zone's party working committee and its administrative committee; a kind of committee in brackets is none
    ("番禺区2023年法治政府建设年度报告", "在新区党工委、管委会的领导下,各党委(党组、党工委)理论学习中心组开展学习。",
     ["新区党工委", "管委会"]),
    # a department's legal section named alone, merged with another too
    ("某县教育局2023年法治政府建设年度报告", "领导小组办公室设在政策法规股,由战略规划与政策法规处牵头。",
     ["县教育局", "政策法规股", "战略规划与政策法规处"]),
    # a commission calls itself 委 though its kind of body is a bureau's
    ("宜昌市商务委员会2023年法治政府建设情况报告", "委党组专题研究法治工作。", ["宜昌市商务委员会", "委党组"]),
], ids=["coordination-groups", "joined-to-its-committee", "listed-or-counted", "whole-place-task-group",
        "own-organs-listed", "government-party-group", "zone-organs", "legal-sections", "commission-calls-itself"])
def test_organs_a_report_names_by_its_own_grammar(title, body, expected):
    extraction = extract(Document("t", f"{title}\n\n{body}\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Agency"] == expected


def test_a_departments_counterparts_at_other_levels_are_its_own_line():
    text = ("杭州市上城区市场监督管理局2023年法治政府建设年度报告\n\n"
            "我局在市局的指导下完成抽查15次，被省局评为先进，落实总局部署，各市局参加。\n")
    keys = {e.label: e.key for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Agency"}
    assert keys == {"杭州市上城区市场监督管理局": ("agency", "330102", "市场监督管理局"),
                    "市局": ("agency", "330100", "市场监督管理局"), "省局": ("agency", "330000", "市场监督管理局"),
                    "总局": ("agency", "CN", "国家市场监督管理总局")}  # 各市局: every city's, none named


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("宜昌市2023年法治政府建设年度报告", "我市邀请财政部条法司专家授课。", ["财政部条法司"]),  # a ministry's department
    ("交通运输部2023年法治政府建设年度报告", "办公室设在了部法制司。", ["交通运输部", "部法制司"]),
    # the central committee and its office without 中央; an autonomous region's, written with 区
    ("宜昌市2023年法治政府建设年度报告", "传达学习全面依法治国委员会第三次会议精神，材料上报至依法治国办。",
     ["全面依法治国委员会", "依法治国办"]),
    ("南宁市2023年法治政府建设年度报告", "向自治区党委依法治区办汇报。", ["自治区党委依法治区办"]),
    # the office named with 全面 and no 委员会; a social governance centre; a municipality's 委 departments
    ("宜昌市2023年法治政府建设年度报告", "市委全面依法治市办公室开展督察2次，市综治中心受理纠纷300件。",
     ["市委全面依法治市办公室", "市综治中心"]),
    ("渝中区2023年法治政府建设年度报告", "区教委、区文化旅游委、区商务委、区交通运输委开展执法检查12次。",
     ["区教委", "区文化旅游委", "区商务委", "区交通运输委"]),
    # a zone's own department and court, named by the zone's kind alone
    ("金普新区2023年法治政府建设年度报告", "新区司法局在新区党工委领导下审核文件8件，邀请新区法院法官授课。",
     ["新区司法局", "新区党工委", "新区法院"]),
], ids=["ministry-department", "ministrys-own-department", "central-committee-without-zhongyang",
        "regions-office", "office-with-quanmian-and-centre", "municipality-commissions", "zone-organs-by-kind"])
def test_organs_named_short_or_by_their_kind(title, body, expected):
    extraction = extract(Document("t", f"{title}\n\n{body}\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Agency"] == expected


@pytest.mark.parametrize(("body", "expected"), [
    # a group each unit set up for itself is a kind of group; one whose members are listed is the report's own
    ("各乡镇、各部门也都相应成立了依法行政工作领导小组。", []),
    ("成立以局长为组长、各科室负责人为成员的法治政府建设工作领导小组。", ["法治政府建设工作领导小组"]),
    # a zone's department named after the zone's committee
    ("滨海新区管理委员会应急管理局扎实推进执法规范化建设。", ["滨海新区管理委员会应急管理局"]),
], ids=["each-its-own-group", "a-group-with-its-members", "zone-committees-department"])
def test_groups_set_up_everywhere_and_a_zones_departments(body, expected):
    extraction = extract(Document("t", f"某市2023年法治政府建设年度报告\n\n{body}\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Agency"] == expected
