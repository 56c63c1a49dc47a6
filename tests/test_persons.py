"""Person rules on short texts: a name read right after a position."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract


def _persons_with_posts(text: str) -> list[tuple[str, str]]:
    """(name, position) of each person lawgraph reads in `text`, in order."""
    return [(e.names[0], e.mentions[0].data["position"]) for e in extract(Document("t", text, "utf-8")).entities
            if e.kind == "Person"]


def test_persons_after_positions():
    text = ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n县委书记李明、县长 王强多次听取汇报。"
            "常务副县长赵小刚主持召开专题会议。副县长欧阳海峰分管司法工作。县长助理工作。县委书记吴英杰及时部署。"
            "经县委书记陈立新提议，局长吕正山切实履行职责。\n")
    persons = _persons_with_posts(text)
    assert persons == [("李明", "县委书记"), ("王强", "县长"), ("赵小刚", "常务副县长"), ("欧阳海峰", "副县长"),
                       ("吴英杰", "县委书记"), ("陈立新", "县委书记"), ("吕正山", "局长")]


def test_what_follows_a_position_may_not_be_a_name_and_leaders_may_be_listed_without_one():
    text = ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n开展县委书记谈法治等活动，由县长任组长。"
            "县委书记钟志生将法治建设摆在全局，自治区主席王小林亲自部署。张军、王晓光等中央省市领导莅临，"
            "市委、市政府等领导参加。\n")
    persons = _persons_with_posts(text)
    assert persons == [("钟志生", "县委书记"), ("王小林", "自治区主席"), ("张军", ""), ("王晓光", "")]


def test_head_alone_is_a_post_only_after_what_it_heads():
    text = ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n法治教育贯穿干部成长全过程。"
            "县推进法治政府建设领导小组组长陈阳山同志主持召开会议。\n")
    persons = _persons_with_posts(text)
    assert persons == [("陈阳山", "长")]


def test_signers_and_principal_officials():
    text = ("保定市人民政府关于2016年度法治政府建设情况的报告\n保政呈〔2017〕3号 签发人:郭建英\n"
            "区人社局党政主要负责人马炜同志严格落实责任。副局长李小鹏兼任办公室主任。\n")
    persons = [name for name, _ in _persons_with_posts(text)]
    assert persons == ["郭建英", "马炜", "李小鹏"]


@pytest.mark.parametrize(("text", "expected"), [
    ("甘肃省人民政府关于2015年法治政府建设情况的报告\n\n刘伟平省长主持会议并作讲话，改革获时光辉书记批示肯定。"
     "局长薛波获评全国模范人民调解员。由县长主持，常务副县长和分管副县长参加，党委书记主持会议。"
     "3月19日,李亚平市长组织召开全市会议。\n",
     [("刘伟平", "省长"), ("时光辉", "书记"), ("薛波", "局长"), ("李亚平", "市长")]),
    # a count or 现场 may follow a name; words that open with a surname (关于, 连续) are no name after a post
    ("遵义市人民政府关于2020年法治政府建设情况的报告\n\n市长黄伟两次主持市政府常务会议，张家胜市长现场监誓。"
     "认真学习习近平总书记关于全面依法治国的重要论述，主要负责人连续4年专题述法。\n",
     [("黄伟", "市长"), ("张家胜", "市长")]),
    # after the organ they lead or the college they teach at; 每年 may follow a post
    ("浙江省人民政府关于2015年法治政府建设情况的报告\n\n省政府于伟国省长切实履行职责。聘请中央司法警官学院刘燕玲教授，开展专题讲座。"
     "黄慧县长每年召开两次会议。我厅孟庆科同志获评先进，广大同志踊跃参加。厅党组书记、厅长王建球全面履行职责。\n",
     [("于伟国", "省长"), ("刘燕玲", "教授"), ("黄慧", "县长"), ("孟庆科", "同志"), ("王建球", "厅长")]),
], ids=["before-their-posts", "a-count-or-the-place-after-a-name", "after-an-organ-or-a-college"])
def test_names_before_or_after_their_posts(text, expected):
    assert sorted(_persons_with_posts(text)) == sorted(expected)


def test_scholars_listed_before_their_kind():
    text = ("深圳市龙华区司法局2023年法治政府建设年度报告\n\n依托法治学院，先后邀请张平、王利明、卓泽渊等法学大家"
            "开展讲座，邀请市委、市政府等单位专家参加。\n")
    persons = [name for name, _ in _persons_with_posts(text)]
    assert persons == ["张平", "王利明", "卓泽渊"]


def test_lawyers_counted_after_their_firm_and_a_scholar_who_came_to_lecture():
    text = ("嘉兴市教育局2021年法治政府建设年度报告\n\n聘请浙江圣文律师事务所张建良、计敏俊两名律师为常年法律顾问。"
            "邀请西北政法大学副教授周敏来我局讲座。\n")
    assert [name for name, _ in _persons_with_posts(text)] == ["张建良", "计敏俊", "周敏"]


def test_a_post_before_the_post_it_holds_on_a_body_is_no_name():
    text = "某区2021年法治政府建设年度报告\n\n区委全面依法治区委员会区委书记任主任、区长任副主任,切实履行职责。\n"
    assert _persons_with_posts(text) == []


def test_a_year_or_a_visit_after_a_post_is_no_name():
    text = ("光山县2023年法治政府建设年度报告\n\n县委主要负责人全年主持召开县委常委会会议8次,"
            "贯彻习近平总书记来川来宜视察重要指示精神,落实总书记来汉中考察重要讲话精神。\n")
    assert _persons_with_posts(text) == []


def test_the_post_a_position_holds_on_a_body_is_no_name():
    # 任 after a position is the verb (区委书记任主任), not a surname; a name after a position still is one.
    text = ("和平区2020年法治政府建设年度报告\n\n成立区委全面依法治区委员会,由区委书记任主任,区委副书记任副主任。"
            "区长任强主持会议。\n")
    assert _persons_with_posts(text) == [("任强", "区长")]


@pytest.mark.parametrize(("text", "expected"), [
    # after a university, or after 到; a premier and the head of a college before their posts
    ("湖北省人民政府关于2016年法治政府建设情况的报告\n\n邀请北京大学强世功教授作专题讲座,工作得到周强院士指导。"
     "在李克强总理主持召开的国务院常务会议上作汇报。邀请瑞金干部学院袁芳副院长在中心组上专题讲授。\n",
     [("强世功", "教授"), ("周强", "院士"), ("李克强", "总理"), ("袁芳", "副院长")]),
    # the words that introduce a post's holder are no name (成立由副省长…, 成立以局长为组长), nor is a school
    ("湖南省公安厅2021年法治政府建设情况报告\n\n成立由副省长、公安厅长许显辉任组长的领导小组,成立以局长为组长的工作专班,"
     "并邀请党校教授专题授课。\n",
     [("许显辉", "厅长")]),
], ids=["a-scholar-a-premier-a-college-head", "words-that-introduce-a-holder"])
def test_names_before_posts_after_a_university_and_what_is_no_name(text, expected):
    assert sorted(_persons_with_posts(text)) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    # a name before the words a leader acts with (严格, 专门, 积极), a scholar's title or an honour's verb after it
    ("淄博市体育局2022年法治政府建设年度报告\n\n局党组书记、局长刘海严格落实第一责任人职责。4月2日,王平市长专门召开会议。"
     "邀请山东大学法学院副院长周文教授、山东政法学院陈涛副教授授课,工作得到钟华院士点赞。\n",
     [("刘海", "局长"), ("王平", "市长"), ("周文", "副院长"), ("陈涛", "副教授"), ("钟华", "院士")]),
    # after the party committee it leads; after a clause break, a comrade named; a signature set off by spaces
    ("河北省人民政府办公厅2021年法治政府建设年度报告\n\n认真落实省委李建国书记在全省会议上的讲话要求。按照规定,张卫东同志积极履行"
     "第一责任人职责,全体同志共同参与。\n\n省政府办公厅副主任  赵明\n",
     [("李建国", "书记"), ("张卫东", "同志"), ("赵明", "副主任")]),
    # a name before its post after 了 (传达学习了…书记…讲话)
    ("西藏自治区民政厅2025年法治政府建设年度报告\n\n厅党组会议传达学习了王君正书记在会议上的讲话精神,"
     "学习中央会议精神以及王建军书记在省委会议上的讲话。\n",
     [("王君正", "书记"), ("王建军", "书记")]),
    # two posts set apart by a space, the name after the second
    ("西安市应急管理局2023年法治政府建设年度报告\n\n市应急管理局党委书记 局长姚涌同志定期听取局法治政府建设情况。\n",
     [("姚涌", "局长")]),
    # a lecturer: a society's vice-president before the name, a doctor's or a head's title after it, the name
    # after the department it heads; a bureau's comrade after its branch; a party committee meeting is no name
    ("淮北市司法局2024年法治政府建设年度报告\n\n邀请省法学会副会长孙明远作专题辅导,邀请刘建华博士作报告,"
     "邀请省委党校法学教研部何立新主任就法治思想授课。分局马振东同志被评为先进个人。2024年,党委会主任办公会定期召开。\n",
     [("孙明远", "副会长"), ("刘建华", "博士"), ("何立新", "主任"), ("马振东", "同志")]),
    # a name before what a leader reports, says or does in turn (汇报, 分别, 介绍, 专程, 一行); a post with none
    ("某市交通运输局2023年法治政府建设年度报告\n\n市司法局局长吴敏汇报工作。区委书记吴建华、区长郑国强分别作批示。"
     "副市长孙红介绍情况,市长徐立新专程看望,副县长一行调研,区长还强调。\n",
     [("吴敏", "局长"), ("吴建华", "区委书记"), ("郑国强", "区长"), ("孙红", "副市长"), ("徐立新", "市长")]),
    # names transliterated from another language, their parts joined by a middle dot; a date in quotes is none
    ("某自治州2023年法治政府建设年度报告\n\n州长艾尔肯·吐尼亚孜出席,副州长阿不都热合曼·买买提·吐尔逊主持,"
     "县长努尔兰•阿布都曼金同志述法。学习总书记“4·13”重要讲话。\n",
     [("艾尔肯·吐尼亚孜", "州长"), ("阿不都热合曼·买买提·吐尔逊", "副州长"), ("努尔兰•阿布都曼金", "县长")]),
    # a name before a leader's attending, inspecting or being invited
    ("某市2023年法治政府建设年度报告\n\n市检察院检察长周立新列席会议。副省长黄明考察我市。"
     "副市长陈红应邀出席,市长刘强率领调研组。县委书记吴立平安排部署,县长李明督促整改。\n",
     [("周立新", "市检察院检察长"), ("黄明", "副省长"), ("陈红", "副市长"), ("刘强", "市长"), ("吴立平", "县委书记"),
      ("李明", "县长")]),
    # a name before 担任 or 兼任 keeps neither character; one before 调研 keeps its 强
    ("某市2023年法治政府建设年度报告\n\n组长由县长赵强担任。副县长刘洋兼任副组长。市长张志强调研。\n",
     [("赵强", "县长"), ("刘洋", "副县长"), ("张志强", "市长")]),
    # a lecturer explaining after his post; a scholar heard (聆听…教授); two signers, the second set wide
    ("某区2019年法治政府建设年度报告\n区府〔2020〕3号 签发人:马正勇  王  晖\n\n中级人民法院行政庭庭长陈良刚讲解案例。"
     "认真聆听徐显明教授在会上的辅导报告。\n",
     [("陈良刚", "长"), ("徐显明", "教授"), ("马正勇", ""), ("王晖", "")]),
], ids=["acting-words-and-titles-after-a-name", "after-its-committee-a-comrade-a-signature", "after-le",
        "two-posts-a-space-apart", "lecturers-and-a-branch-comrade", "reporting-words-after-a-name",
        "names-joined-by-a-middle-dot", "attending-inspecting-invited", "before-taking-a-post",
        "explaining-heard-and-signers-set-wide"])
def test_names_read_by_the_words_around_them(text, expected):
    assert sorted(_persons_with_posts(text)) == sorted(expected)


def test_a_leader_named_with_the_post_he_takes_on_a_group_leaves_the_group_its_name():
    text = "甘肃省2017年依法行政工作报告\n\n省委书记林铎任省委全面推进依法治省工作领导小组组长,统筹推进工作。\n"
    entities = extract(Document("t", text, "utf-8")).entities
    assert [(e.kind, e.label) for e in entities if e.kind in ("Person", "Agency")] == [
        ("Agency", "省委全面推进依法治省工作领导小组"), ("Person", "林铎")]


@pytest.mark.parametrize(("body", "names"), [
    ("市司法局副局长 周  明\n", ["周明"]),  # a signature's two-character name set as wide as three
    ("签发人:赵刚、钱丽萍\n", ["赵刚", "钱丽萍"]),  # signers set apart by a pause mark
    ("我受陈涛市长委托,向大会报告。\n", ["陈涛"]),  # the head on whose behalf a report is made
    ("常务副县长包保督导重点项目,县长季调度、副县长月调度。\n", []),  # a leader's charge and rhythm of checks
], ids=["spaced-signature", "signers-listed", "on-whose-behalf", "charge-and-rhythm"])
def test_persons_in_signatures_and_addresses(body, names):
    text = "某市2023年法治政府建设年度报告\n\n" + body
    assert [e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Person"] == names
