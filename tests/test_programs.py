"""Programme rules on short texts: what a quoted name and the words after it make."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract


def _programmes(text: str) -> list:
    """The programmes lawgraph reads in `text`, in order."""
    return [e for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Program"]


def _programme_labels(text: str) -> list[str]:
    """The labels of the programmes lawgraph reads in `text`, in order."""
    return [e.label for e in _programmes(text)]


def _labels_in_a_report(body: str) -> list[str]:
    """The labels of the programmes lawgraph reads in `body`, as the text of a city's report under its title."""
    return _programme_labels("某市2023年法治政府建设年度报告\n\n" + body + "\n")


@pytest.mark.parametrize(("body", "names"), [
    ("开展“美丽中国，我是行动者”主题宣传活动12场次。", ["美丽中国，我是行动者主题宣传活动"]),  # the quote names it
    ("举办“普法巡回进民企法治护航促发展”吕梁学法大讲堂5期。", ["吕梁学法大讲堂"]),  # a theme, then its own name
    ("深化‘放管服’改革。", ["放管服改革"]),
    ("推动“‘高效办成一件事’13个服务套餐全面落地”。", ["高效办成一件事"]),  # a description, with a name inside
    ("开展“坚持和发展新时代‘枫桥经验’化解矛盾纠纷”专项行动。",
     ["坚持和发展新时代枫桥经验化解矛盾纠纷专项行动"]),  # a name, with a name inside
    ("作为要办的“5件民生实事”之一。", ["5件民生实事"]),  # counted from its start: a name
    ("一是实现“5项突破”,二是推进“5项改革”。", []),  # a count of a bare kind: a tally, no name
    # a campaign named by what it fights and its kind stands without a verb before it, in a list too
    ("区委常委会听取了年度述法情况、城市管理执法突出问题专项整治等工作汇报。", ["城市管理执法突出问题专项整治"]),
    ("县长多次调度校园安全专项行动,紧扣执法能力提升三年行动收官要求。", ["校园安全专项行动", "执法能力提升三年行动"]),
    ("深入推进电动自行车安全隐患集中整治,加快智慧城管改革建设。", ["电动自行车安全隐患集中整治", "智慧城管改革建设"]),
    # an honour followed by 创建 is the campaign to earn it, unless a place is made one of its units
    ("开展“全省食品安全示范县”创建行动。三个村被确认为“民主法治示范村”创建单位。", ["全省食品安全示范县创建行动"]),
    # a figure of speech, several campaigns unnamed, a goal set
    ("全面推进法治政府建设主体工程,扎实开展多项专项整治行动,聚焦“推进平安乡村建设”工作目标。", []),
    # systems named by what they fix: a time limit, entry by qualification, a chief for each river
    ("实行限时办结制和行政执法资格准入制，全面推行河湖长制。", ["限时办结制", "行政执法资格准入制", "河湖长制"]),
    ("充分利用学习强国平台开展学习。", ["学习强国平台"]),  # a known name with the platform it is known by
    ("研究部署法治城市示范建设工作，开展进口食品安全监管专项整顿。", ["法治城市示范建设", "进口食品安全监管专项整顿"]),
    ("依托福建干部网络学院平台，开办培训班，聚焦深化改革。", ["福建干部网络学院平台"]),  # 深化改革 is a verb's
    ("当好首都政治“护城河”，抓住党组这个“关键主体”，坚持“依法治区”。", []),  # roles, metaphors, a principle
    ("推动解决镇(街道)综合行政执法改革等问题。", ["镇(街道)综合行政执法改革"]),
    ("持续开展党史学习教育。", ["党史学习教育"]),
    ("开展普法宣传和“法治体检”活动24次，坚持“3820”战略工程。", ["法治体检活动", "3820战略工程"]),
    ("发挥“公正高效 便民为民”的制度优势，举办“强化行政执法能力建设”专题培训班。", []),
    ("通过“专人主讲”学、“观看视频”学等方式学法。", []),
    ("在海南省干部在线学习、智慧普法云等网络平台开设专栏，召开府院联动、府检联动等专项会议。",
     ["海南省干部在线学习", "智慧普法云", "府院联动", "府检联动"]),
    ("结合学习贯彻习近平新时代中国特色社会主义思想主题教育，学习贯彻习近平法治思想不够深入系统。",
     ["学习贯彻习近平新时代中国特色社会主义思想主题教育"]),  # 深入系统: systematic, not a system
    ("完善了市政府常务会讲法制度，推动建立“一周一法,一月一考”等学法制度。",
     ["市政府常务会讲法制度", "一周一法,一月一考"]),
    ("坚持落实领导干部日常学法、集中学法、年终述法制度。", ["年终述法制度"]),  # the last of a list a verb opens
    ("扎实开展涉企行政执法专项整治、道路交通安全和运输执法领域突出问题专项整治。",
     ["涉企行政执法专项整治", "道路交通安全和运输执法领域突出问题专项整治"]),  # a programme, then another
    ("蒙城县“5+N”矛盾化解会商机制获评示范项目，开展“12·4”宪法宣传周活动。", ["5+N矛盾化解会商机制", "宪法宣传周"]),
    ("同时我局将法治培训学习纳入局党组中心组和干部职工大讲堂，围绕“防止干预司法‘三个规定’”开展培训。", []),
    # The meeting where the study is held is part of its name, as the annotations of real reports have it.
    ("落实县政府常务会议学法制度，举办第六届政府向公众报告工作活动，上线“北京街乡职责清单”小程序。",
     ["县政府常务会议学法制度", "政府向公众报告工作活动", "北京街乡职责清单小程序"]),
    ("举办两期中国法治实务大讲堂，获评全市政务服务工作突出单位，出台系统工作方案。", ["中国法治实务大讲堂"]),
    ("做好“后半篇文章”，交出“成绩单”，实现“应述尽述”、安全事故“零发生”。", []),  # slogans
    ("法治建设是“一把手”工程，实现“十二连升”，荣获“中国法治政府奖”，落实依法行政工作制度和领导责任制。", []),
    ("坚持集体讨论决策制度，专题听取法治政府建设示范创建工作汇报，对行政立法、行政审批制度改革进行督查。",
     ["集体讨论决策制度", "法治政府建设示范创建", "行政审批制度改革"]),
    # A creation campaign is named with its 活动; an event (宪法宣传周活动, above) is not.
    ("以法治政府建设示范创建活动为抓手，巩固拓展全国法治政府建设示范市创建成果。",
     ["法治政府建设示范创建活动", "全国法治政府建设示范市创建"]),
    # Another programme, then a known one, joined by 和; a verb of taking part is not in a name.
    ("开展法治广东建设考评和法治政府建设示范创建，积极参与海外远程视频公证试点。",
     ["法治广东建设考评", "法治政府建设示范创建", "海外远程视频公证试点"]),
    # A maxim, an honour, and what a meeting was about are no programmes; the programme the meeting was on is.
    ("心怀“国之大者”，延安市被命名为“全国法治政府建设示范项目”，落实国务院关于“放管服”改革电视电话会议精神。",
     ["放管服改革"]),
    # National reforms and campaigns are known by name, unquoted and without a programme word after them.
    ("深化行政复议体制改革和商事制度改革，开展政法队伍教育整顿，推行告知承诺制。",
     ["行政复议体制改革", "商事制度改革", "政法队伍教育整顿", "告知承诺制"]),
    # A known name with its last words quoted; a known name quoted after other words is that name.
    ("全面落实行政执法“三项制度”，坚持和发展新时代“枫桥经验”。", ["行政执法三项制度", "枫桥经验"]),
    ("扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育。",
     ["学习贯彻习近平新时代中国特色社会主义思想主题教育"]),  # its official name opens with a verb
    # a code of figures names the scheme said after it, a plan's outline too; a hotline keeps its own branch
    ("落实省委“1310”具体部署和市委“1312”思路举措，构建“1211”法治政府建设推进机制，开通“12345”政务服务热线。",
     ["1310具体部署", "1312思路举措", "1211法治政府建设推进机制", "12345政务服务热线"]),
    # national institutions and campaigns are known by name, bare in running text
    ("落实行政执法责任制和党风廉政建设责任制，坚持三会一课，利用安全生产月等节点宣传，推行一村(社区)一法律顾问。",
     ["行政执法责任制", "党风廉政建设责任制", "三会一课", "安全生产月", "一村(社区)一法律顾问"]),
    # codes joined by + and codes of numerals name plans, strategies and systems too; 等 lists, it names nothing
    ("围绕市委“1+6+3”工作安排和“四六四五”发展战略，实施“3820”战略工程，构建“1+8+123+N”政务服务体系，出台“1+8”等政策措施。",
     ["1+6+3工作安排", "四六四五发展战略", "3820战略工程", "1+8+123+N政务服务体系"]),
    ("坚决打好三大攻坚战，市委常委会第一议题传达学习，锚定开办企业“分钟制”办理。",
     ["三大攻坚战", "第一议题", "分钟制"]),
], ids=["theme-of-a-campaign", "theme-then-name", "single-quotes", "quoted-description", "quote-in-a-name",
        "counted-name", "a-tally", "campaign-in-a-list", "campaigns-steered-and-closing",
        "clean-up-and-reform-building", "honour-to-earn-and-units", "figure-several-and-goal",
        "systems-by-what-they-fix", "known-name-and-its-platform", "model-construction-and-rectification",
        "platform-relied-on", "role-metaphor-principle",
        "after-solving", "study-campaign", "check-up-and-numbered", "quality-and-class-theme", "ways-of-studying",
        "listed-before-their-kind", "theme-education-and-systematic", "after-le-and-one-of-a-kind",
        "last-of-a-list", "a-programme-then-another", "figures-that-name-and-a-date", "a-clause-and-a-quoted-document",
        "meeting-edition-mini-program", "sessions-honours-and-a-verb", "slogans-by-shape-and-by-name",
        "catch-phrase-with-a-programme-word-award-and-institutions-in-passing",
        "collective-institution-and-national-campaigns", "creation-campaign-with-its-activity",
        "known-one-second-and-taking-part", "maxim-honour-and-a-meetings-subject",
        "national-reforms-by-name", "known-name-quoted-in-part", "a-campaign-whose-name-opens-with-a-verb",
        "codes-of-figures-name-what-follows", "national-institutions-bare", "codes-joined-and-of-numerals",
        "national-campaigns-study-rule-and-a-quoted-system"])
def test_programme_names(body, names):
    text = f"吕梁市2023年法治政府建设年度报告\n\n{body}\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [e.names[0] for e in extraction.entities if e.kind == "Program"] == names


def test_columns_quoted_side_by_side_are_publications():
    text = "宜昌市2023年法治政府建设情况报告\n\n依托新媒体平台开设“法治园地”“以案说法”等专栏。\n"
    entities = extract(Document("t", text, "utf-8")).entities
    assert sorted(e.label for e in entities if e.kind == "Publication") == ["以案说法", "法治园地"]


def test_media_named_in_quotes_are_publications():
    text = ("宜昌市人民政府关于2023年法治政府建设情况的报告\n\n依托“宜昌司法”微信公众号、“法润宜昌”抖音号、"
            "“法治宜昌”专栏开展普法，“宜格服务”APP上线运行。\n")
    entities = extract(Document("t", text, "utf-8")).entities
    kinds = {e.names[0]: (e.kind, e.mentions[0].data.get("doc_type")) for e in entities
             if e.kind in ("Publication", "Program")}
    assert kinds == {"宜昌司法": ("Publication", "公众号"), "法润宜昌": ("Publication", "抖音号"),
                     "法治宜昌": ("Publication", "专栏"), "宜格服务APP": ("Program", None)}  # an app with its letters


@pytest.mark.parametrize(("text", "programs"), [
    ("引领各级党政“一把手”推进，抓住“关键少数”，绘就“施工图”。", []),  # catch-phrases, not programmes
    ("专章对“依法行政”作出规定，开通“绿色通道”。", []),  # a principle and a fast lane
    ("区卫生健康局被推选为“全国行政执法先进集体”，秀全街社区被推选为“全国民主法治示范社区”。", []),  # honours
    ("推动“建设法治政府是全面推进依法治国的重点任务”落到实处。", []),  # a sentence in quotes
    ("一是狠抓示范创建，提升法治水平。", []),  # a heading's 一是 and a verb open no name
    ("深入开展法治进校园、法治进园区活动。", ["法治进校园", "法治进园区"]),
    ("开展“五位一体”改革。", ["五位一体改革"]),  # a catch-phrase that goes on into a programme word is one
    ("推行法律顾问制度和公职律师公司律师制度。", ["法律顾问制度", "公职律师公司律师制度"]),
    ("城市综合信用指数保持第一，关地协同集成化改革入选全国案例。", ["关地协同集成化改革"]),
    # Bare quotes that name nothing: one of a counted set, what is fought, where effort goes, a page's elision.
    ("落实三个“坚决守住”，集中整治“黑中介”，在规范执法上“动真格”，“ (略) ”新任命人员宣誓。", []),
    ("推行“一窗通办”，开展“清源”专项整治。", ["一窗通办", "清源专项整治"]),  # a quote after no such word
    ("精心组织学法普法工作，深入开展民法典普法。", ["民法典普法"]),  # 普法工作: the work, no campaign named
    ("稳步推进相对集中行政许可权改革。", ["相对集中行政许可权改革"]),  # 相对集中 is a legal term, not 集中 (massed)
    # A duty of study, then a programme: the duty marks where the programme's name starts.
    ("严格执行会前学法和法治政府建设年度报告制度。", ["法治政府建设年度报告制度"]),
    # A doctrine quoted as a theme, a superlative won: studied and earned, not run.
    ("围绕“习近平法治思想”开展学习，“党的二十大精神”专题学习纳入计划，获评“最具活力城市”“营商环境最强市”。", []),
    # A preposition opens a name; 到 after a verb does not start one; what is fought and who acts are no names.
    ("根据宜昌市机构改革工作要求调整职能，把法治思想落实到全面普法工作全过程，公安机关作为打击违法犯罪活动的主力，"
     "局机关及系统各单位在局党组领导下统一行动。", ["宜昌市机构改革"]),
    ("被司法部确定为参与海外远程视频公证试点单位。", ["海外远程视频公证试点"]),  # the pilot, not the taking part
    ("入选2022年度全国党建引领乡村治理试点县。", ["全国党建引领乡村治理试点"]),  # the pilot, not the year it was chosen
    # The national demonstration campaign by its level and by the kind of place; 重视 opens the name, and the
    # campaign said without its level is the one the report named with it.
    ("紧扣全国法治政府建设示范地区创建目标，召开省级法治政府建设示范创建工作会议。四是重视法治政府建设示范创建。",
     ["全国法治政府建设示范地区创建", "省级法治政府建设示范创建"]),
    # Officials' duties of learning the law, said bare or held as an activity, are no programmes (nor is 宪法 in
    # 宪法宣誓 the constitution); named as an institution, or as a scheme of study, they are.
    ("严格落实宪法宣誓、会前学法、任前考法制度，组织领导干部旁听庭审活动、区政府全体会议学法活动，"
     "建立宪法宣誓制度，开展一月一学法一考试活动。", ["任前考法制度", "宪法宣誓制度", "一月一学法一考试活动"]),
    ("深化法治领域改革和重点领域体制改革，推进行政复议体制改革。", ["行政复议体制改革"]),
    ("打造“原著研读+重点解读”“课堂授课+现场教学”等学习模式。", []),  # ways of studying, quoted side by side
    # A known campaign's system of duties, after another system joined to it by 和.
    ("推动落实行政执法资格准入制和谁执法谁普法责任制。", ["行政执法资格准入制", "谁执法谁普法责任制"]),
    # A quoted goal for a place, a line of development, a city's position and a river basin are no programmes.
    ("完成“两河三湖”流域退捕，建设“强富美高”新南京，围绕“三绿色一生态”发展思路和“科技创新+先进制造”城市定位。",
     []),
    # A mechanism named for its theme (专题) or by a verb that is a word of its name; a kind of platform names none.
    ("坚持专题联席会议制度，率先试行政府部门首席法律顾问制度，组织专题学习活动。",
     ["专题联席会议制度", "政府部门首席法律顾问制度"]),
    ("建立优化政务环境工作协调机制，完善权责清单运行评估机制，积极运用融媒体平台开展宣传。",
     ["优化政务环境工作协调机制", "权责清单运行评估机制"]),
    # …机制建设 builds the mechanism; 制度建设 is rule-making; a frequency is not part of a name.
    ("一是加强领导干部学法用法机制建设。二是提高制度建设质量。三是完善每季度政府常务会专题学法制度。",
     ["领导干部学法用法机制", "政府常务会专题学法制度"]),
    # A version is part of a reform's name; a stock phrase about method is no reform.
    ("深化综合窗口2.0改革，提高了领导干部运用法治思维和法治方式深化改革的能力。", ["综合窗口2.0改革"]),
    ("在全系统举办4次司法行政大讲堂，开展2场法治体检活动。", ["司法行政大讲堂", "法治体检活动"]),  # counted
    # Problems fought, the theme of a study session, a class or a research base named by its theme.
    ("解决“急难愁盼”问题，开展“在法治轨道上推动民营经济持续健康高质量发展”专题学法，举办“学习贯彻习近平法治思想"
     "强化行政执法能力建设专题培训视频会”，设立3个“甘肃省学习贯彻习近平法治思想研究基地”。", []),
    # A body set up in quotes; a slogan's outline; but a code of figures names its outline. The national day is an
    # observance, a programme as the annotations of real reports have it (every one of the five that name it).
    ("调整设立了“交通运输部法治政府部门建设领导小组”，按照省委“四为四高两同步”总体思路和“16136”总体思路，"
     "开展12·4国家宪法日宣传。", ["16136总体思路", "国家宪法日"]),
    # The government's standing coordination with the courts and the procuratorate, named bare; with the mechanism
    # that runs it, that mechanism (known by the coordination's name too: one programme).
    ("召开府院联动、府检联动等专项会议。府院联动工作推进机制被省推广。", ["府检联动", "府院联动工作推进机制"]),
    # the second of two verbs joined by 和 opens no name (制定和审查); 和谐 is a word of its own
    ("1. 完善规范性文件制定和审查制度。推进和谐社区创建。", ["和谐社区创建"]),
    # a Party branch's routine day is no programme
    ("开展主题党日活动12次,组织支部主题党日活动。", []),
    # a case told as an example, and an honour that names a campaign, are no programmes
    ("“张某不服县市场监管局行政处罚决定案”入选典型案例，区司法局荣获全国“八五”普法中期表现突出单位。"
     "深入实施“八五”普法规划。", ["八五普法规划"]),
], ids=["catch-phrases", "a-principle-and-a-fast-lane", "honours", "quoted-sentence", "heading-opener",
        "law-into-places", "phrase-with-suffix",
        "joined-by-he", "subject-of-an-honour", "quotes-that-name-nothing", "quotes-that-name-one",
        "the-work-of-teaching-the-law", "relatively-centralised", "known-programme-and-another",
        "doctrine-theme-and-superlatives",
        "preposition-direction-fought-and-actors", "designated-pilot-taken-part-in", "designated-pilot-of-a-year",
        "demonstration-campaign-kinds",
        "duties-of-study-and-their-institutions", "reforms-said-by-their-field", "ways-of-study-side-by-side",
        "a-campaigns-system-of-duties", "goals-positions-and-places", "mechanisms-named-for-their-theme",
        "mechanisms-named-by-their-verbs", "mechanism-building-and-frequency", "versions-and-stock-phrases",
        "a-count-before-a-name", "problems-themes-classes-and-bases", "bodies-outlines-and-a-national-day",
        "coordination-with-the-courts", "two-verbs-joined", "party-days", "cases-and-honours"])
def test_what_is_and_is_not_a_programme(text, programs):
    extraction = extract(Document("t", f"宜昌市2023年法治政府建设情况报告\n\n{text}\n", "utf-8"))
    assert sorted(e.label for e in extraction.entities if e.kind == "Program") == sorted(programs)


def test_a_campaigns_plan_is_a_document_and_the_campaign_a_programme():
    text = "宜昌市2023年法治政府建设情况报告\n\n习近平法治思想纳入“八五”普法规划，今年也是“八五”普法启动年。\n"
    extraction = extract(Document("t", text, "utf-8"))
    kinds = sorted((e.kind, e.label) for e in extraction.entities if e.kind in ("Program", "Regulation"))
    assert kinds == [("Program", "八五普法"), ("Regulation", "八五普法规划")]  # no owner …思想纳入 in its name


@pytest.mark.parametrize(("body", "kind"), [
    ("深入实施“八五”普法规划，开展宣传。", "Program"),  # carried out: the campaign the plan sets
    ("顺利通过“八五”普法规划中期评估验收。", "Program"),  # reviewed half-way: the campaign
    ("制定实施省“八五”普法规划。", "Regulation"),  # drawn up: the document
    ("推进落实“八五”普法规划、党政机关法律顾问等工作。", "Program"),  # put into effect: the campaign
    ("今年是“八五”普法规划实施的中期之年。", "Program"),  # a year of the plan's carrying out
], ids=["carried-out", "reviewed", "drawn-up", "put-into-effect", "year-of-carrying-out"])
def test_a_five_year_law_plan_by_its_use(body, kind):
    extraction = extract(Document("t", f"宜昌市2023年法治政府建设情况报告\n\n{body}\n", "utf-8"))
    assert [e.kind for e in extraction.entities if e.label == "八五普法规划"] == [kind]


def test_a_programme_joined_to_a_quoted_one():
    text = "宜昌市2023年法治政府建设情况报告\n\n带头落实“学法日”制度和法治政府建设年度报告制度。\n"
    programs = set(_programme_labels(text))
    assert programs == {"学法日制度", "法治政府建设年度报告制度"}


def test_a_quoted_name_with_words_before_it_is_known_by_the_quote_and_its_kind_too():
    text = "宜昌市2023年法治政府建设情况报告\n\n二是压实责任。全面落实法治政府建设“双报告”制度，明确任务。\n"
    programs = _programmes(text)
    assert [(p.label, sorted(p.names[1:])) for p in programs] == [("法治政府建设双报告制度", ["双报告", "双报告制度"])]


@pytest.mark.parametrize(("body", "label", "short"), [
    # without its level
    ("被作为第三批全国法治政府建设示范创建综合候选地区之一。三是法治政府建设示范创建取得阶段性成效。",
     "全国法治政府建设示范创建", "法治政府建设示范创建"),
    # a study campaign by its kind, the one named with its theme
    ("以主题教育推动法治政府建设。推动学习贯彻习近平新时代中国特色社会主义思想主题教育走深走实。",
     "学习贯彻习近平新时代中国特色社会主义思想主题教育", "主题教育"),
], ids=["without-its-level", "a-study-campaign-by-its-kind"])
def test_a_programme_said_short_is_the_one_named_in_full(body, label, short):
    programs = _programmes("某市2023年法治政府建设年度报告\n\n" + body + "\n")
    assert [(p.label, p.names[1:], len(p.mentions)) for p in programs] == [(label, [short], 2)]


def test_a_five_year_plan_carried_out_stays_a_document():
    text = "宜昌市2016年法治政府建设情况报告\n\n2016年是实施“十三五”规划的开局之年。\n"
    kinds = [(e.kind, e.label) for e in extract(Document("t", text, "utf-8")).entities if e.label == "十三五规划"]
    assert kinds == [("Regulation", "十三五规划")]  # only the law-popularisation plan names its campaign


def test_a_quoted_kind_of_document_is_no_document_and_no_programme():
    # “司法建议”, “检察建议”: kinds of document handled by the dozen; “三张清单”, counted, is one set of lists.
    text = ("关于2024年法治政府建设情况的报告\n\n2024年,办理“司法建议”11件,“检察建议”61件,"
            "全面落实“三张清单”要求。\n")
    extraction = extract(Document("t", text, "utf-8"))
    named = {(e.kind, e.label) for e in extraction.entities if e.kind in ("Regulation", "Program")}
    assert named == {("Regulation", "三张清单")}


@pytest.mark.parametrize(("body", "programs"), [
    ("扎实开展四川省国家工作人员学法考法平台线上学法考法。", ["四川省国家工作人员学法考法平台"]),
    ("行政许可依托河南省政务服务网实现网上受理，推动57个服务事项在江苏政务APP上架。",
     ["河南省政务服务网", "江苏政务APP"]),
    # A place further into the clause opens the name after what is done with it; not a place inside a word.
    ("整合吉林市政务服务网各类专栏，将事项纳入河南省一体化服务平台。", ["吉林市政务服务网", "河南省一体化服务平台"]),
    ("通过掌上城口APP发布信息。", []),  # 上城 (上城区) inside 掌上: no place opens the name
    ("依托法治广州建设管理系统开展考核。", ["法治广州建设管理系统"]),  # the place's rule of law, named
    ("做好《广东省政务服务网》事项梳理。", ["广东省政务服务网"]),  # in 《》, a platform still: no outlet
    ("开封市被确定为规章规范性文件管理系统试运行地市。", []),  # no place of its own
    ("六安市市场监管系统开展执法，河北省人民政府网公开信息，杭州互联网法院全年审结涉网案件。", []),  # a sector, a
    # government's website, a court
], ids=["platform-of-a-province", "website-and-app-of-a-province", "place-after-a-verb", "place-inside-a-word",
        "rule-of-law-of-a-place", "bracketed-platform", "platform-without-a-place",
        "sector-government-site-and-court"])
def test_a_platform_named_by_its_place(body, programs):
    text = f"某市2023年法治政府建设年度报告\n\n{body}\n"
    entities = extract(Document("t", text, "utf-8")).entities
    assert [e.label for e in entities if e.kind == "Program"] == programs


def test_a_platform_that_opens_with_a_province_names_the_province_too():
    text = "某市2023年法治政府建设年度报告\n\n扎实开展四川省国家工作人员学法考法平台线上学法考法。\n"
    assert "四川省" in {e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Province"}


def test_a_quoted_name_is_known_too_by_the_words_that_say_what_it_is():
    text = ("某市2023年法治政府建设年度报告\n\n构建“四位一体”法治资规建设，发挥“红色引擎”领航法治建设，"
            "开展“谁执法谁普法”履职报告评议，发挥“头雁效应”领航法治建设。\n")  # (头雁效应: a figure of speech)
    programs = _programmes(text)
    assert [sorted(p.names) for p in programs] == [
        ["四位一体", "四位一体法治资规建设"], ["红色引擎"], ["谁执法谁普法", "谁执法谁普法履职报告评议"]]


def test_a_campaign_counted_by_the_places_it_carries_a_doctrine_into():
    text = ("某市2023年法治政府建设年度报告\n\n深入推进习近平法治思想“八进”工作,组织习近平法治思想“七进”微宣讲,"
            "进学校等“七进”宣传活动。七进七出。\n")
    programs = _programmes(text)
    assert [(p.label, sorted(p.names[1:])) for p in programs] == [
        ("习近平法治思想八进工作", ["习近平法治思想八进", "八进"]),
        ("习近平法治思想七进微宣讲", ["七进", "习近平法治思想七进"]), ("七进宣传活动", ["七进"])]


def test_the_duty_of_the_first_responsible_person_is_named_whole():
    # 推进 is a word of the duty's name here, not the verb that starts the programme's.
    text = ("某市2022年法治政府建设年度报告\n\n建立党政主要负责人履行推进法治建设第一责任人职责清单制度,"
            "建立履行推进法治建设第一责任人职责考评机制。\n")
    programs = set(_programme_labels(text))
    assert programs == {"党政主要负责人履行推进法治建设第一责任人职责清单制度",
                        "履行推进法治建设第一责任人职责考评机制"}


def test_the_national_constitution_day_and_the_campaign_against_gangs_by_their_short_name():
    text = "某市2023年法治政府建设年度报告\n\n大力宣传扫黑除恶,开展“12·4”国家宪法日暨全省“宪法宣传周”活动。\n"
    programs = set(_programme_labels(text))
    assert programs == {"扫黑除恶", "国家宪法日", "宪法宣传周活动"}


@pytest.mark.parametrize("quote", ["十一个坚持", "十一连降", "引领力"])
def test_slogans_by_their_shape(quote):
    # a counted set of principles, a run of falls, a quality: no programme
    text = f"某市2023年法治政府建设年度报告\n\n坚持“{quote}”，推进依法行政。\n"
    assert _programme_labels(text) == []


# A kind of institution alone, a title conferred, a field's offices, the name of a rate and a quote placed are no
# programmes; a reform named before the word for its tasks or policy is one.
@pytest.mark.parametrize(("text", "labels"), [
    ("某县2023年法治政府建设年度报告\n\n严格落实报告制度,完善考评制度,进一步深化商事制度,全面落实“三项制度”。"
     "严格落实政府主要负责人履行推进法治政府建设第一责任人职责述职制度。\n",
     ["三项制度", "政府主要负责人履行推进法治政府建设第一责任人职责述职制度"]),
    ("某市2023年法治政府建设年度报告\n\n2023年被命名为“全省法治政府建设示范部门”,被授予“节约型机关”,"
     "成为首批“重庆市优化营商环境标杆城市”,入选“全国法治政府建设示范创建”。\n",
     ["全国法治政府建设示范创建"]),
    ("某县林业局2023年法治政府建设年度报告\n\n积极推进林业系统的依法行政,在全省市场监管系统2024年评选中获奖,"
     "推广行政检查执法备案智能管理系统。\n",
     ["行政检查执法备案智能管理系统"]),
    ("某区2022年法治政府建设年度报告\n\n区级政务服务中心“委托受理”率91.15%,一网通办率达99%,"
     "“最多跑一次”率89%,核实“误点击”差评1个。推进“一网通办”。政务服务事项“一窗通办率”达90%。\n",
     ["一网通办"]),
    ("某市2020年法治政府建设年度报告\n\n将“法治政府建设工作情况”纳入综合考核体系，把“加快推进法治政府建设”作为"
     "重点，推行“证照分离”改革。\n",
     ["证照分离改革"]),
    ("某部2019年法治政府建设年度报告\n\n配合开展深化安全生产监管体制改革调研,有力推动消防救援队伍改革政策落地,"
     "加快推进相对集中行政许可权改革进程。\n",
     ["安全生产监管体制改革", "消防救援队伍改革", "相对集中行政许可权改革"]),
    # 法治 before a programme word names no place; a lecture series is one of the forms listed before 等形式
    ("某局2025年法治政府建设年度报告\n\n组织开展“法治大讲堂”23次。通过全系统工作会议、“城管大讲堂”等形式传达精神。\n",
     ["法治大讲堂", "城管大讲堂"]),
    # an activity said by its work and theme only is none; known national campaigns are, wherever they stand
    ("某局2023年法治政府建设年度报告\n\n开展普法宣传活动,组织校园法治宣传教育活动和习近平法治思想研讨活动,"
     "开展“蓝天卫士”宣传活动。打好污染防治攻坚战,推行服务型行政执法,完成法治政府建设与责任落实督察整改。\n",
     ["蓝天卫士宣传活动", "污染防治攻坚战", "服务型行政执法", "法治政府建设与责任落实督察"]),
    # the verbs that open a sentence (推开, 开发, 制定, 基于, 压实) are no part of the name, but 开发区 is a zone
    ("某区2023年法治政府建设年度报告\n\n全面推开综合行政执法体制改革。开发智慧档案查询系统,便利查询。"
     "制定领导干部学法制度,按月学法。完成开发区示范创建申报任务。进一步压实行政执法案卷评查制度。\n",
     ["综合行政执法体制改革", "智慧档案查询系统", "领导干部学法制度", "行政执法案卷评查制度"]),
    # the reform of 放管服 said in full is the known one, not its last words (服务改革)
    ("某市2017年法治政府建设年度报告\n\n深入推进简政放权、放管结合、优化服务改革。\n",
     ["简政放权、放管结合、优化服务改革"]),
    # a practice joined to an institution (审查和…制度) is no part of its name; 执行情况 is a name's words, no verb
    ("某区2018年法治政府建设年度报告\n\n严格执行公平竞争审查和集体讨论决策制度,"
     "建立健全重大行政决策执行情况跟踪反馈和评估制度。\n",
     ["集体讨论决策制度", "重大行政决策执行情况跟踪反馈和评估制度"]),
    # but the link between two practices is one institution (行政执法和刑事司法衔接制度)
    ("某局2022年法治政府建设年度报告\n\n联合法院健全行政执法和刑事司法衔接制度,提升执法水平。\n",
     ["行政执法和刑事司法衔接制度"]),
    # what is turned into deeds (体现到实际行动上) is no kind of programme; a national pilot is known with its level
    ("某区2023年法治政府建设年度报告\n\n把“两个维护”体现到实际行动上。推进全国市域社会治理现代化试点。\n",
     ["全国市域社会治理现代化试点"]),
    # catch-phrases in quotes: a rank, a role, a duty, the organs a congress oversees
    ("某区2024年法治政府建设年度报告\n\n跻身“第一梯队”,发挥“关键作用”,压实“第一责任”,"
     "支持“一府一委两院”依法履职,实现“率先突破”。\n", []),
], ids=["an-institution-by-its-kind-alone", "a-title-conferred", "a-fields-offices-as-a-whole", "the-name-of-a-rate",
        "a-quote-placed-or-made-something", "a-reform-before-its-tasks-or-policy", "lecture-series-by-their-quotes",
        "generic-activities-and-known-campaigns", "verbs-that-open-a-sentence", "the-reform-of-fangguanfu-in-full",
        "a-practice-joined-to-an-institution", "a-link-between-two-practices", "deeds-and-a-national-pilot",
        "catch-phrases-in-quotes"])
def test_whether_a_phrase_names_a_programme(text, labels):
    assert _programme_labels(text) == labels


def test_the_demonstration_campaign_of_a_level_is_known_without_its_level_and_batch_too():
    text = "某省司法厅2023年法治政府建设年度报告\n\n组织开展第三批全省法治政府建设示范创建活动。\n"
    programs = _programmes(text)
    assert [(p.label, p.names[1:]) for p in programs] == [
        ("全省法治政府建设示范创建活动", ["法治政府建设示范创建活动"])]


def test_the_demonstration_campaign_said_without_building_is_the_one_named_with_it():
    text = ("某市2022年法治政府建设年度报告\n\n以法治政府示范创建为抓手，按照法治政府建设示范创建工作要求，"
            "深入开展自治区级法治政府示范单位创建活动。\n")
    programs = _programmes(text)
    assert len(programs) == 2
    assert {"法治政府示范创建", "法治政府建设示范创建"} <= set(programs[0].names)
    assert "自治区级法治政府示范单位创建活动" in programs[1].names


def test_the_demonstration_campaign_of_the_whole_city_said_again_without_building_is_one():
    text = ("某县2023年法治政府建设年度报告\n\n以全市法治政府建设示范创建为抓手,推进法治建设。"
            "积极开展法治政府示范创建,细化指标任务。\n")
    programs = _programmes(text)
    assert len(programs) == 1
    assert {"全市法治政府建设示范创建", "法治政府建设示范创建", "法治政府示范创建"} <= set(programs[0].names)


def test_a_known_reform_applied_to_a_scope_of_matters_is_known_by_the_reforms_name_too():
    text = "某市2021年法治政府建设年度报告\n\n完善涉企经营许可事项告知承诺制,实行告知承诺事项62项。\n"
    programs = _programmes(text)
    assert [(p.label, p.names[1:]) for p in programs] == [("涉企经营许可事项告知承诺制", ["告知承诺制"])]


@pytest.mark.parametrize(("body", "names"), [
    ("持续深化证明事项告知承诺制改革。", ["证明事项告知承诺制改革", "证明事项告知承诺制"]),  # carried out as a reform
    ("推进乡镇综合行政执法改革、跨省通办试点等重点工作。",
     ["乡镇综合行政执法改革", "综合行政执法改革"]),  # in the places of one level; 跨省通办试点 too
], ids=["as-a-reform", "in-places-of-a-level"])
def test_a_known_programme_extended_keeps_its_known_name(body, names):
    text = f"某区2023年法治政府建设年度报告\n\n{body}\n"
    assert _programmes(text)[0].names == names


def test_a_known_pilot_reform_keeps_the_known_name():
    text = "某区2023年法治政府建设年度报告\n\n开展跨省通办试点工作。\n"
    assert [p.names for p in _programmes(text)] == [["跨省通办试点", "跨省通办"]]


def test_institutions_given_as_examples_are_each_named():
    text = ("某局2025年法治政府建设年度报告\n\n健全各项制度,如行政执法公示制度、执法全过程记录制度等,"
            "如期完成各项改革。\n")
    assert _programme_labels(text) == ["行政执法公示制度", "执法全过程记录制度"]


def test_a_mechanism_between_two_parties_is_one_name():
    text = "某省司法厅2022年法治政府建设年度报告\n\n建立行政复议与行政审判良性互动协作机制。\n"
    assert _programme_labels(text) == ["行政复议与行政审判良性互动协作机制"]


def test_what_is_awarded_outright_is_an_honour_whatever_it_is_called():
    text = ("某市2024年法治政府建设年度报告\n\n平安建设考评优秀,荣获“一星平安鼎”,交通运输局被评为“四好农村路”,"
            "推进“一网通办”。\n")
    assert _programme_labels(text) == ["一网通办"]


@pytest.mark.parametrize(("body", "names"), [
    ("积极推行公职律师、公司律师制度。", ["公职律师、公司律师制度"]),  # two institutions, one kind word
    ("全面实施区级图书馆、文化馆总分馆制度。", ["图书馆、文化馆总分馆制度"]),  # the level is no part of it
    ("制定完善会前学法制度、法规教育培训制度。", ["会前学法制度", "法规教育培训制度"]),  # two names in full
    ("健全本单位领导干部学法用法机制。", ["领导干部学法用法机制"]),  # whose it is opens the clause, not the name
], ids=["a-pair", "a-pair-with-its-level", "two-names", "own-unit-before-a-name"])
def test_a_pair_that_shares_its_kind_word_is_one_name(body, names):
    assert _programme_labels("某市2022年法治政府建设年度报告\n\n" + body + "\n") == names


def test_platforms_that_serve_are_programmes_not_outlets():
    text = ("某市应急管理局2022年法治政府建设年度报告\n\n依托广东省政务服务网、广东省执法信息公示网等平台发布清单。"
            "干部均通过如法网学法考法考试,主动参加法宣在线学习。\n")
    assert _programme_labels(text) == ["广东省政务服务网", "广东省执法信息公示网", "如法网", "法宣在线"]
    assert not [e for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Publication"]


def test_a_quoted_policy_of_numbered_articles_is_a_document_and_its_number_no_figure():
    text = "某区2020年法治政府建设年度报告\n\n适时出台“六保36条”“工业增长24条”等,审核文件12件。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Regulation"] == ["六保36条", "工业增长24条"]
    assert [m.text for m in extraction.metrics] == ["12件"]


def test_a_newspaper_listed_among_platforms_is_a_publication():
    text = ("某市2024年法治政府建设年度报告\n\n通过东莞日报、微信、微博等全媒体平台刊发稿件,"
            "依托学习强国、智慧普法云等网络平台开展学习。\n")
    entities = extract(Document("t", text, "utf-8")).entities
    assert [(e.kind, e.names[0]) for e in entities if e.kind in ("Publication", "Program")] == [
        ("Publication", "东莞日报"), ("Program", "学习强国"), ("Program", "智慧普法云")]


@pytest.mark.parametrize(("body", "labels"), [
    # a goal the work serves is no programme, whether named before it (为建设…) or by what the work gives it
    ("为建设“山水名城”新湖城贡献力量,为加快建成“宜居·宜业”美好家园,为开发区“二次腾飞”提供法治保障。", []),
    # a programme that names its kind is one, whatever it serves
    ("纵深推进“八八行动”提供坚强法治保障。", ["八八行动"]),
], ids=["goals-served", "a-campaign-serving"])
def test_a_goal_the_work_serves_is_no_programme(body, labels):
    programs = _programmes("某市2023年法治政府建设年度报告\n\n" + body + "\n")
    assert [p.label for p in programs] == labels


@pytest.mark.parametrize("body", [
    "市场监督管理局(以下简称“市监局”)推进工作。",  # a short name defined for what precedes it
    "变“坐等上门”为“主动服务”,群众满意。",  # the two ways of working one changes between
    "坚持“线上学”与“线下学”相结合,采取“集中学+自主学”相结合的方式。",  # the two it combines
], ids=["short-name", "changed-from-to", "combined"])
def test_quotes_the_sentence_frames_as_no_name_are_no_programme(body):
    assert _programmes("某市2023年法治政府建设年度报告\n\n" + body + "\n") == []


def test_a_programme_named_after_the_verb_that_opens_it():
    body = "开启工程建设项目审批便利化改革2.0,审批时限压缩一半。"
    assert _labels_in_a_report(body) == ["工程建设项目审批便利化改革"]


@pytest.mark.parametrize(("body", "labels"), [
    ("每季度用好“四个一”督察机制,对乡镇考核。", ["四个一督察机制"]),  # counted, then the kind it is
    ("扎实开展“三个年”活动。", ["三个年活动"]),
    ("构建“一个中心+三个小组”协调工作机制。", []),  # a long count describes how it is organised
    ("加快“两区”建设,优化“三化”建设相关机构。", ["两区建设", "三化建设"]),  # counted, then 建设: one name
    ("全市提出“三个坚持”。", []),  # counted and nothing after: a slogan
    ("全力护航三个“一号工程”,推动发展。", ["三个一号工程"]),  # a counted set of programmes, named with its count
])
def test_a_counted_quote_followed_by_its_kind_is_a_programme(body, labels):
    assert _labels_in_a_report(body) == labels


def test_the_pilot_of_building_the_rule_of_law_of_a_place_its_government_and_society_as_one():
    body = "在5个县深化法治湖南、法治政府、法治社会一体建设试点工作,纵深推进法治湖南、法治政府、法治社会一体建设。"
    assert _programme_labels("某省2023年法治政府建设年度报告\n\n" + body + "\n") == [
        "法治湖南、法治政府、法治社会一体建设试点"]


@pytest.mark.parametrize("body", ["县行政审批服务局推行承诺制。", "县数据局上线平台,区司法局开通热线。"])
def test_an_organ_that_does_something_is_the_clauses_subject_not_a_programmes_name(body):
    entities = extract(Document("t", "某县2023年法治政府建设年度报告\n\n" + body + "\n", "utf-8")).entities
    assert [e.kind for e in entities if e.kind in ("Agency", "Program")] == ["Agency"] * body.count("局")


@pytest.mark.parametrize("body", ["扣好执法生涯“第一粒扣子”。", "进驻事项“应进必进”。", "打通审批“中梗阻”。",
                                  "防御“龙舟水”和台风。"])
def test_figures_of_speech_in_quotes_are_no_programme(body):
    assert _labels_in_a_report(body) == []


@pytest.mark.parametrize(("body", "labels"), [
    ("实现工作“四到位”,打赢攻坚战“翻身仗”。", []),  # three characters that close a clause: said of the work
    ("全面推行“放管服”,优化营商环境。", ["放管服"]),  # unless a programme known by those three
    ("推行“一窗办”改革。", ["一窗办改革"]),  # or followed by the kind of programme it is
    ("依托“某里办”和“某政钉”,推动事项网上办。", ["某里办", "某政钉"]),  # or used as a tool: two apps
])
def test_a_three_character_quote_that_closes_its_clause_is_said_of_the_work(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize("body", ["机关一支部被表彰为“先锋党支部”。", "在政务公开评议中获得“两金一银”。",
                                  "入选本县“十佳执法案卷”。"])
def test_an_honour_awarded_or_named_as_one_is_no_programme(body):
    assert _labels_in_a_report(body) == []


@pytest.mark.parametrize(("body", "labels"), [
    ("开展“守护碧水 法治同行”专项法治宣传行动。", ["守护碧水法治同行专项法治宣传行动"]),
    ("举办“学好宪法 护航发展”主题学习活动。", ["学好宪法护航发展主题学习活动"]),
])
def test_a_long_quote_then_generic_words_and_a_kind_is_one_name(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    ("落实“谁执法谁普法”普法责任制。", ["谁执法谁普法普法责任制"]),  # not 谁执法谁普法普法
    ("落实“谁执法谁普法”普法工作责任制。", ["谁执法谁普法普法工作责任制"]),
    ("开展“证照分离”改革试点。", ["证照分离改革试点"]),
    ("完善“12348”法律服务热线制度。", ["12348法律服务热线"]),  # a hotline, without its rules
])
def test_a_programme_word_right_after_another_ends_the_name(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    ("深入开展行政执法质量提升三年行动。", ["行政执法质量提升三年行动"]),  # not 三年行动
    ("开展政务服务能力巩固提升攻坚行动。", ["政务服务能力巩固提升攻坚行动"]),
    ("开展法治建设群众满意度提升专项行动。", ["法治建设群众满意度提升专项行动"]),
])
def test_what_is_improved_then_the_improving_is_part_of_the_name(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    ("启用行政执法监督平台。", ["行政执法监督平台"]),  # the verb that opens the clause is no part of the name
    ("推出政务服务“一件事”集成改革。", ["政务服务一件事集成改革"]),
    ("率先建立企业开办审批服务模式。", ["企业开办审批服务模式"]),  # 开办 after what is opened: a word of the name
])
def test_a_name_starts_after_the_verb_that_puts_it_to_use(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    # a quote that is no list of phrases, before a kind of its own: one name
    ("建立“单位+法律顾问+司法局”联动审查模式。", ["单位+法律顾问+司法局联动审查模式"]),
    ("推行“街道一支队伍管执法”综合执法改革试点。", ["街道一支队伍管执法综合执法改革试点"]),
    # a list of phrases is the theme; the words after it name the mechanism
    ("建立“科室初审、法制科复审、集体审议”三级法制审核机制。", ["三级法制审核机制"]),
])
def test_a_quoted_name_before_its_kind_is_one_name_unless_a_list_of_phrases(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    ("通过“司法行政大讲堂”的形式，鼓励领导干部学法。", ["司法行政大讲堂"]),  # a named lecture series, whatever follows
    ("开展道路交通安全和运输执法领域突出问题专项整治督察2次。", ["道路交通安全和运输执法领域突出问题专项整治"]),
    ("开展专家学者授课、法治工作机构讲法等活动。", []),  # activities listed before 等活动: what was done, no names
    ("依托海南省干部在线学习、智慧普法云等网络平台学法。", ["海南省干部在线学习", "智慧普法云"]),
])
def test_names_said_with_what_follows_them(body, labels):
    assert _labels_in_a_report(body) == labels


@pytest.mark.parametrize(("body", "labels"), [
    ("举办“巴南大讲堂暨百名法学家百场报告会”。", ["巴南大讲堂", "百名法学家百场报告会"]),  # two, held as one event
    ("开展法治大讲堂、百名法学家百场报告会等宣讲。", ["法治大讲堂", "百名法学家百场报告会"]),  # a national tour
    ("举办“2024年司法行政系统政治轮训班”，召开“某县2022年度专题述法工作会议”。", []),  # a class and a meeting
    ("参加“省林草行政执法监督培训”。", []),
])
def test_events_joined_by_ji_and_gatherings_in_quotes(body, labels):
    assert _labels_in_a_report(body) == labels


def test_a_broad_field_of_reform_names_no_programme():
    assert _labels_in_a_report("持续深化行政体制改革，推进“证照分离”改革。") == ["证照分离改革"]


def test_a_place_designated_a_pilot_is_no_part_of_the_pilots_name():
    text = ("济宁市任城区2021年法治政府建设情况报告\n\n二是加强重大行政决策合法性审查。"
            "任城区被确定为全市合法性审核信息管理系统建设试点,完成审核。\n")
    [pilot] = _programmes(text)
    assert pilot.names == ["全市合法性审核信息管理系统建设试点", "合法性审核信息管理系统建设试点"]


@pytest.mark.parametrize(("body", "labels"), [
    # names listed beside a known one, ending in its last two characters, are of its kind
    ("整合跨省通办、全区通办、北部湾通办、同城通办等事项。", ["跨省通办", "全区通办", "北部湾通办", "同城通办"]),
    ("实现全区通办、跨省通办，办件3000件。", ["跨省通办", "全区通办"]),
    ("推进一网通办、全面提升服务水平。", ["一网通办"]),  # what follows is no name of that kind
    ("建立政府法律顾问、一村一法律顾问为辅助的审查队伍。", ["一村一法律顾问"]),  # a post, not a programme word
])
def test_names_listed_beside_a_known_one_of_its_kind(body, labels):
    assert sorted(_labels_in_a_report(body)) == sorted(labels)


@pytest.mark.parametrize(("body", "names"), [
    ("完善党领导生态环境保护制度机制。", []),  # a field's rules as a whole
    ("健全法治建设工作制度。", []),  # the field's institutions, no one named
    ("落实政府班子集中学法制度。", ["政府班子集中学法制度"]),  # 集中 before an institution is part of its name
    ("严格落实党政主要负责人履行推进法治政府建设第一责任职责制度，",
     ["党政主要负责人履行推进法治政府建设第一责任职责制度"]),
    ("全面建立行政执法案卷评查制度", ["行政执法案卷评查制度"]),  # a name may end the text
    ("推广全省统一的行政执法综合管理系统，", ["行政执法综合管理系统"]),  # what it is shared by is no part of it
    ("健全各级党委(党组)理论学习中心组学法常态化机制，", ["党委(党组)理论学习中心组学法常态化机制"]),
    ("建立各县(市)区季度专题述法制度。", ["季度专题述法制度"]),  # the places that each hold it are not in it
    ("利用在线学法考法平台培训干部。", ["在线学法考法平台"]),
    ("依托工程建设项目审批管理系统实现并联审批。", ["工程建设项目审批管理系统"]),  # what is done on it follows
    ("建立领导干部旁听庭审长效机制，健全法治政府建设推进机制，", ["领导干部旁听庭审长效机制"]),  # not a whole field's
    ("推动“幸福临沂”APP扩能升级，探索“双组长”立法工作机制，", ["幸福临沂APP", "双组长立法工作机制"]),
    ("通过临沂日报、幸福临沂APP、临沂发布微信公众号等媒体平台宣传。", ["幸福临沂APP"]),  # an app among outlets
    ("建成市级网上统一申办受理平台，", ["市级网上统一申办受理平台"]),  # a level that opens it stays in it
], ids=["a-fields-rules", "a-fields-institutions", "collective-study", "first-duty-without-ren", "at-the-text-end",
        "unified-before", "each-level-and-any-party-organ", "each-county", "platform-used", "system-worked-on",
        "lasting-mechanism-and-whole-field", "quoted-app-and-legislative-mechanism", "app-among-outlets",
        "level-opens-the-name"])
def test_institutions_platforms_and_apps_named(body, names):
    entities = extract(Document("t", f"临沂市2023年法治政府建设年度报告\n\n{body}", "utf-8")).entities
    assert [e.label for e in entities if e.kind == "Program"] == names


@pytest.mark.parametrize(("body", "names"), [
    ("我局开展宪法宣誓活动和法治调研活动。", []),  # activities named by routine words only
    ("组织县直部门主要负责人年终述法活动。", []),  # a duty, said by who reports
    ("全县“就近办”事项占比达90%。", ["就近办"]),  # a quoted way of handling matters
    ("着力打造特色服务品牌,打造“阳光办”服务品牌。", ["阳光办服务品牌"]),  # a brand only after its quoted name
    ("市委党校法治大讲堂开班3次。", ["市委党校法治大讲堂"]),  # a lecture series ends its name
    ("结合干部作风集中整顿活动，推进工作。", ["干部作风集中整顿活动"]),
    ("(一)统筹示范创建，推进工作。", []),  # a creation campaign said by how it is run
    ("实现“一窗受理、一网通办、并联审批”。", []),  # a known name as one item of a quoted list
    ("承办“法护航程”普法现场会。", []),  # a meeting held for teaching the law
    ("把学习贯彻融入“八五”普法工作。", ["八五普法"]),  # the placing verb is no part of the name
], ids=["routine-activities", "a-duty", "way-of-handling", "quoted-brand-only", "lecture-series",
        "rectification-campaign", "how-a-campaign-is-run", "item-of-a-quoted-list", "a-meeting-held",
        "placing-verb"])
def test_activities_and_campaigns_named(body, names):
    entities = extract(Document("t", f"某市2023年法治政府建设年度报告\n\n{body}\n", "utf-8")).entities
    assert [e.label for e in entities if e.kind == "Program"] == names


@pytest.mark.parametrize(("body", "name", "alias"), [
    # a bare 主题教育 is the campaign named in full; the last words of a known name said alone are that name
    ("开展“不忘初心、牢记使命”主题教育。主题教育期间，全面整改。", "不忘初心、牢记使命主题教育", "主题教育"),
    ("推进“高效办成一件事”。全年上线“一件事”20个。", "高效办成一件事", "一件事"),
], ids=["theme-education-said-short", "known-name-said-short"])
def test_a_campaign_said_short_is_the_one_named_in_full(body, name, alias):
    entities = extract(Document("t", f"某市2023年法治政府建设年度报告\n\n{body}\n", "utf-8")).entities
    programs = [e for e in entities if e.kind == "Program"]
    assert [e.label for e in programs] == [name] and alias in programs[0].names


@pytest.mark.parametrize(("body", "name"), [
    ("今年,我县积极参加衡阳市全国法治政府建设示范创建活动,成效明显。", "全国法治政府建设示范创建活动"),  # who joins it
    ("今年,我局依托自然资源部和湖南省不动产登记信息系统,实现网上查询。", "湖南省不动产登记信息系统"),  # an organ alone
    ("今年,我县全面推进乡村振兴建设和乡村振兴体制改革,成效明显。", "乡村振兴体制改革"),  # a field built, then a reform
    ("今年,我局扎实开展主题教育专项整治,成效明显。", "主题教育专项整治"),  # a known name's clean-up campaign
    ("今年,我局以扎实开展习近平新时代中国特色社会主义思想主题教育为主线,推动各项工作。",
     "习近平新时代中国特色社会主义思想主题教育"),  # the campaign's official name
], ids=["participant-before-its-level", "organ-alone-before-he", "field-built-then-reform", "known-names-campaign",
        "official-name"])
def test_where_a_programmes_name_starts_and_ends(body, name):
    entities = extract(Document("t", f"一、工作情况\n{body}\n", "utf-8")).entities
    assert name in [e.label for e in entities if e.kind == "Program"]


@pytest.mark.parametrize(("body", "names"), [
    # a short quote is known with the building it names; a place's rule of law built is a goal
    ("全面推进“三园”建设，新增项目20个。推进“法治江城”建设。", ["三园建设"]),
    # a short quote names the work done in its way, with that work; 优化服务 is a verb and its object
    ("深入开展“三乱”整治，推行“秒办”审批。突出“惠企”优化服务。", ["三乱整治", "秒办审批"]),
    # a window named for what it takes in, but a known programme's window is no name of it
    ("设置“办事难”反映窗口12个。设立“跨省通办”工作窗口。", ["办事难反映窗口", "跨省通办"]),
    # a strategy named by its code, not a strategic layout
    ("紧扣“三城”发展战略，统筹“四个全面”战略布局。", ["三城发展战略"]),
    # a place's rule of law named as an activity is a campaign
    ("组织开展“法治临江”创建活动。", ["法治临江创建活动"]),
], ids=["built-and-a-goal", "work-done-its-way", "a-window-and-a-known-ones", "strategy-not-layout",
        "rule-of-law-activity"])
def test_quoted_names_with_the_words_after_them(body, names):
    entities = extract(Document("t", f"某市2023年法治政府建设年度报告\n\n{body}\n", "utf-8")).entities
    assert [e.label for e in entities if e.kind == "Program"] == names


@pytest.mark.parametrize(("body", "names"), [
    ("坚持科学决策、民主决策、依法决策制度，审议重大事项。", []),  # the manner the law asks of deciding
    ("持续完善交通行业法规制度。", []),  # a field's written rules
    ("健全法治建设议事协调机制，建立工作报告制度。", []),  # the kind of institution any office keeps
    ("修订完善本局内部管理制度和财政管理制度。", []),  # an office's own rules, a field's as a whole
    ("出台全国首部规范养老服务的地方规章。", []),  # a description of being first
    ("严格落实领导干部学法制度。", ["领导干部学法制度"]),  # one institution, named
], ids=["manner-of-deciding", "body-of-rules", "any-offices-routine", "own-management", "first-of-its-kind",
        "an-institution-named"])
def test_institutions_no_one_names(body, names):
    entities = extract(Document("t", f"某市2023年法治政府建设年度报告\n\n{body}\n", "utf-8")).entities
    assert [e.label for e in entities if e.kind == "Program"] == names
