"""Document identity on short texts: one node for the names a document goes by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawgraph.document import Document
from lawgraph.extract.documents import classify
from lawgraph.extract.pipeline import extract

TITLE = "汝城县人民政府关于2023年法治政府建设情况的报告\n\n"


@pytest.mark.parametrize(("body", "keys"), [
    ("学习《中华人民共和国行政复议法》，宣传新修订的行政复议法。", [("named", "CN", "行政复议法")]),
    ("印发《汝城县法治政府建设实施方案（2021—2025年）》，落实《汝城县法治政府建设实施方案(2021-2025年)》。",
     [("named", "431026", "汝城县法治政府建设实施方案(2021—2025年)")]),
    ("落实《汝城县法治政府建设实施方案（2021～2025年）》。",
     [("named", "431026", "汝城县法治政府建设实施方案(2021—2025年)")]),
], ids=["law-with-and-without-the-state", "dash-and-hyphen", "tilde"])
def test_one_document_whatever_its_name(body, keys):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.key for e in extraction.entities if e.kind == "Regulation"] == keys


# A national law or regulation, a central party regulation or plan, named by its short name with or without 《》,
# is the national document (scope CN), not one of the report's jurisdiction; a local one carries its place.
@pytest.mark.parametrize(("body", "keys"), [
    ("严格执行《政府信息公开条例》，落实政府信息公开条例，学习《中华人民共和国政府信息公开条例》。",
     [("named", "CN", "政府信息公开条例")]),
    ("深入贯彻优化营商环境条例，出台《汝城县优化营商环境若干措施》。",
     [("named", "CN", "优化营商环境条例"), ("named", "431026", "汝城县优化营商环境若干措施")]),
    ("严格执行重大行政决策程序暂行条例、法规规章备案条例。",
     [("named", "CN", "重大行政决策程序暂行条例"), ("named", "CN", "法规规章备案条例")]),
    ("落实信访工作条例和党政主要负责人履行推进法治建设第一责任人职责规定。",
     [("named", "CN", "信访工作条例"), ("named", "CN", "党政主要负责人履行推进法治建设第一责任人职责规定")]),
    ("学习《中国共产党纪律处分条例》，宣讲新修订的纪律处分条例。",
     [("named", "CN", "中国共产党纪律处分条例")]),
    ("学习地方组织法，贯彻《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》。",
     [("named", "CN", "地方各级人民代表大会和地方各级人民政府组织法")]),
    ("以法治政府建设实施纲要为主线，落实《法治政府建设实施纲要（2021－2025年）》。",
     [("named", "CN", "法治政府建设实施纲要"), ("named", "CN", "法治政府建设实施纲要(2021—2025年)")]),
    ("实施中央、省市法治政府建设实施纲要，深入推进依法行政。", [("named", "CN", "法治政府建设实施纲要")]),
    ("学习民法典、反垄断法、反有组织犯罪法\n", [("named", "CN", "民法典"), ("named", "CN", "反垄断法"),
                                                 ("named", "CN", "反有组织犯罪法")]),
], ids=["regulation-with-and-without-brackets", "regulation-beside-a-local-measure", "listed-regulations",
        "party-state-regulations", "party-regulation-short-name", "law-short-name", "plan-and-its-edition",
        "levels-before-a-plan", "laws-listed-to-the-line-end"])
def test_national_documents_by_name(body, keys):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.key for e in extraction.entities if e.kind == "Regulation"] == keys


# A name from the lexicons inside another name is not the national document.
@pytest.mark.parametrize(("body", "titles"), [
    ("制定汝城县物业管理条例，", []),  # a local regulation: its place before the name
    ("本县物业管理条例施行，", []),
    ("制定政府信息公开条例实施办法，", []),  # a title derived from the regulation
    ("依照水法，加强节水法治宣传。", ["水法"]),  # a short law's name only where the text makes it one
    ("严格执行气象法律法规，推进气象法治建设。", []),  # the word goes on: 法律, 法治
], ids=["place-before", "this-county", "derived-title", "short-law", "a-word-that-goes-on"])
def test_names_inside_other_names(body, titles):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.key[2] for e in extraction.entities if e.key[:2] == ("named", "CN")] == titles


@pytest.mark.parametrize(("body", "keys"), [
    ("落实《中国共产党支部工作条例（试行）》和中国共产党支部工作条例。",
     [("named", "CN", "中国共产党支部工作条例(试行)")]),
    ("落实《法治政府建设实施纲要（2015-2020）》和法治政府建设实施纲要（2015—2020年）。",
     [("named", "CN", "法治政府建设实施纲要(2015—2020年)")]),
    ("学习《党章》，学习党章党规。", [("named", "CN", "中国共产党章程")]),
], ids=["trial-note", "edition-years", "short-name-in-brackets-and-after-a-verb"])
def test_one_national_document_whatever_its_name(body, keys):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.key for e in extraction.entities if e.kind == "Regulation"] == keys


# A plan or list named without brackets as the object of a verb that applies it, closed by a break or by what is
# done with it; a name made of the genre's common words (年度工作计划) or two plans joined by 和 is no title.
@pytest.mark.parametrize(("body", "titles"), [
    ("实施提升版优化营商环境方案，城市信用指数保持前列。", ["提升版优化营商环境方案"]),
    ("以美丽厦门战略规划为引领，加强组织领导。", ["美丽厦门战略规划"]),
    ("按照规定对自治区级权责清单进行动态调整。", ["自治区级权责清单"]),
    ("二是制定印发2019年度法治政府建设工作要点》及工作台账。", ["2019年度法治政府建设工作要点"]),
    ("认真落实年度立法计划和规章制定计划。", []),
    ("按照年度工作计划，对照整改任务清单开展工作。", []),
    ("贯彻落实“一规划两纲要”以及市级实施方案。", ["一规划两纲要"]),  # 以及 is no verb
    ("按照国家“四级四同”目录清单，梳理事项。", ["四级四同目录清单"]),  # a list named by its quote
    ("公布“高效办成一件事”事项清单。", []),  # the reform's list: the reform is named (a programme)
    ("今年是“十四五”规划开局之年，严格落实中央八项规定精神。", ["十四五规划", "中央八项规定"]),
    ("将法治建设纳入绍兴市经济社会发展“十四五”规划。", ["绍兴市经济社会发展十四五规划"]),
    ("把习近平法治思想列入到中山“八五”普法规划重点任务。", ["中山八五普法规划"]),  # 列入到: 到 goes with the verb
    ("编制了市政府2022年度行政立法计划。", ["2022年度行政立法计划"]),  # the organ is its issuer
    ("出台吉林市优化营商环境一百条和支持企业家干事创业若干措施。",
     ["吉林市优化营商环境一百条", "支持企业家干事创业若干措施"]),
    ("会议审议通过了县委全面依法治县委员会工作规则、协调小组工作规则、办公室工作细则。",
     ["县委全面依法治县委员会工作规则", "协调小组工作规则", "办公室工作细则"]),
    ("将法治政府建设纳入经济社会发展总体规划和年度工作计划。", []),  # plans no one document names
    ("认真贯彻法治建设“一规划两纲要”要求。", ["一规划两纲要"]),  # a document, whatever follows its quote
    ("印发《大英县2022年度法治政府建设示范创建任务分工》《西城区司法所高质量发展评估指标体系》。",
     ["大英县2022年度法治政府建设示范创建任务分工", "西城区司法所高质量发展评估指标体系"]),
    ("印发《兴国县贯彻落实若干措施责任分工》《遂宁市立法重点工作推进流程表》。",  # a division of duties, a table
     ["兴国县贯彻落实若干措施责任分工", "遂宁市立法重点工作推进流程表"]),
    ("制定自治州进一步加强法治建设三十条措施及法治政府建设工作要点等系列文件，印发州人民政府“轮值讲法、以案释法”工作规范。"
     "制定全州各级各类履行推进法治建设第一责任人职责清单。",
     ["自治州进一步加强法治建设三十条措施", "法治政府建设工作要点", "轮值讲法、以案释法工作规范",
      "履行推进法治建设第一责任人职责清单"]),
    ("制定系统应知应会法律法规清单，印发调查研究等一系列工作方案。", ["应知应会法律法规清单"]),  # the sector's; many
    ("根据常委会监督工作计划安排，审议法治政府建设年度工作要点、示范创建方案，围绕全市法治政府建设工作计划，推进工作。",
     ["常委会监督工作计划", "法治政府建设年度工作要点", "示范创建方案", "法治政府建设工作计划"]),
    # 并 ends a title as 和 does; a report's own title names what was done, no policy.
    ("印发了2023年度法治政府建设工作要点并加强督导。吕梁市人民政府关于2022年度法治政府建设情况及2023年度工作要点的报告。",
     ["2023年度法治政府建设工作要点"]),
    # A central study group's plan is one document when a named organ owns it; of party committees in general, none.
    ("将习近平法治思想纳入区委理论学习中心组年度学习计划，纳入党委(党组)理论学习中心组学习计划和党校主体班次。",
     ["区委理论学习中心组年度学习计划"]),
    # a list issued in batches is named without its batch; two lists joined by 与 are two; 实施 before a title
    # is a verb
    ("编制第四批证明事项告知承诺制清单,制定发布2021年重大行政决策事项目录与听证事项目录,"
     "制定实施服务民营经济发展十件实事方案。",
     ["证明事项告知承诺制清单", "2021年重大行政决策事项目录", "听证事项目录", "服务民营经济发展十件实事方案"]),
    # what a title's name lists before its type word is part of it; an organ before it, or a thing made, is not
    ("印发法治政府建设示范区、示范项目创建工作方案，编制市、县两级领导干部应知应会法律法规清单。",
     ["法治政府建设示范区、示范项目创建工作方案", "市、县两级领导干部应知应会法律法规清单"]),
    ("印发2024年度全面依法治县、法治政府建设工作要点，制定区委、区政府2023年法治建设工作要点，"
     "编印重大行政决策文件汇编、行政执法工作指引。",
     ["2024年度全面依法治县、法治政府建设工作要点", "2023年法治建设工作要点"]),
    ("制定我局2024年依法行政工作要点。", ["2024年依法行政工作要点"]),  # 我局: the report's own organ
    # 全面 opens a name (not 全市, a scope); 和 before an organ starts the next item; 了 after the verb is no word of it
    ("制定全面依法治区委员会2025年工作要点、全面依法治区委员会办公室2025年工作计划等文件。",
     ["全面依法治区委员会2025年工作要点", "全面依法治区委员会办公室2025年工作计划"]),
    ("将习近平法治思想纳入全市绩效考核指标和市委法治建设委员会2023年工作要点。", ["市委法治建设委员会2023年工作要点"]),
    ("按照省政府要求制定了港口岸线立法调研工作方案。", ["港口岸线立法调研工作方案"]),
    # a field's development plan without 《》 is the plan every field has; in 《》 it is named
    ("落实卫生健康事业发展规划和《南京都市圈发展规划》。", ["南京都市圈发展规划"]),
], ids=["implemented", "as-a-guide", "after-a-second-verb", "stray-bracket", "two-joined", "generic", "and-then",
        "quoted-then-list", "reform-then-list", "five-year-plan-and-eight-rules", "whose-five-year-plan",
        "whose-plan-after-lieru-dao",
        "issuer-before-a-plan", "numbered-articles-and-measures", "rules-listed", "generic-plans",
        "quoted-documents-then-a-requirement", "division-of-tasks-and-index-system", "duties-and-a-table",
        "series-quoted-and-scoped",
        "a-sectors-list-and-many-plans", "arranged-reviewed-for-the-whole-place", "then-and-a-reports-own-title",
        "study-plans-of-an-organ-and-of-every-committee", "batches-joined-lists-and-implemented",
        "items-of-one-title", "items-organs-and-things-made", "our-bureaus-plan", "opened-by-quanmian",
        "and-before-an-organ", "le-after-the-verb", "a-fields-development-plan"])
def test_plans_named_without_brackets(body, titles):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Regulation"] == titles


@pytest.mark.parametrize("report", ["1483-daxing-2022", "1180-yuancheng-2024", "1364-liangjiangxinqu-2023",
                                    "148-jiading-2022"])
def test_a_plan_whose_name_lists_what_it_covers_is_read_as_annotated(report):
    # Real reports naming a plan without 《》 whose name lists what it covers (2024年度全面依法治区、法治政府建设
    # 工作要点): the plan their annotators wrote, not its last item.
    folder = Path(__file__).parents[1] / "data" / "real" / "dev"
    gold = json.loads((folder / f"{report}.gold.json").read_text(encoding="utf-8"))
    listed = {e["label"] for e in gold["entities"] if e["type"] == "Regulation" and "、" in e["label"]}
    extraction = extract(Document("t", (folder / f"{report}.txt").read_text(encoding="utf-8"), "utf-8"))
    assert listed and listed <= {e.label for e in extraction.entities if e.kind == "Regulation"}


def test_a_web_pages_angle_brackets_inside_a_title_are_an_inner_title():
    # 〈〉 typed as < > inside 《》; the > that closes nothing stays in the title, which is still a document.
    text = TITLE + "印发《安溪县贯彻<法治福建建设纲要(2014—2020)>的意见>》，落实1<2的要求。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [e.label for e in extraction.entities if e.kind in ("Regulation", "Publication")] == [
        "安溪县贯彻<法治福建建设纲要(2014—2020)>的意见>", "法治福建建设纲要(2014—2020)"]
    assert {e.kind for e in extraction.entities if e.kind in ("Regulation", "Publication")} == {"Regulation"}


def test_a_short_name_the_text_declares_is_the_same_document():
    text = TITLE + ("贯彻《湖南省法治政府建设实施纲要(2016-2020年)》(以下简称《实施纲要》)，县政府印发《实施纲要》"
                    "分工方案，落实《实施纲要》。\n")
    regulations = [e for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Regulation"]
    assert [e.label for e in regulations] == ["湖南省法治政府建设实施纲要(2016-2020年)"]
    assert [text[m.start:m.end] for m in regulations[0].mentions] == [
        "湖南省法治政府建设实施纲要(2016-2020年)", "实施纲要", "实施纲要", "实施纲要"]


def test_a_document_known_by_its_type_alone_is_one():
    # No title named in full before: 《决定》 after a plenary session is its decision, 《条例》 the one the text means.
    text = TITLE + "贯彻落实党的十八届四中全会《决定》，学习《条例》。\n"
    assert [e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Regulation"] == [
        "决定", "条例"]


def test_the_constitution_in_brackets_is_a_document_though_its_name_is_a_type():
    text = TITLE + "学习《宪法》、《民法典》和《条例》。\n"
    assert [e.label for e in extract(Document("t", text, "utf-8")).entities if e.kind == "Regulation"] == [
        "宪法", "民法典", "条例"]


@pytest.mark.parametrize(("title", "kind"), [
    ("国家统计局关于2024年部分地区统计违纪违法问题情况的通报", "Regulation"),  # a document's 通报, not a paper's 报
    ("县防汛抗旱应急预案", "Regulation"),
    ("安全生产行政执法自由裁量基准", "Regulation"),
    ("三明市卫生健康系统法治宣传教育第八个五年规划(2021—2025年", "Regulation"),  # the page lost the closing bracket
    ("第一批广东省法治政府建设示范区和项目名单", "Regulation"),
    ("上城区街道法治化综合改革工作手册", "Regulation"),  # a manual for work; a manual for study is read
    ("领导干部法治学习手册", "Publication"),
    ("四川省中小学校党组织会议议事规则示范文本(试行)", "Regulation"),
    ("审计职责运行流程图", "Regulation"),
    ("2024年度交通运输法治政府建设工作总结", "Regulation"),
    ("安全生产提示函", "Regulation"),  # a letter, one of the kinds of official document
    ("法治政府建设实施纲要2015-2020年", "Regulation"),  # its years written without their brackets
    ("法治政府建设实施纲要2021—2025年)", "Regulation"),  # the page lost the opening bracket
    ("上海市法治政府建设“十三五规划”", "Regulation"),  # a quote closed at the end of the title
    ("四平市决胜2020污染防治攻坚任务书", "Regulation"),
    ("党政主要负责人履行推进法治建设第一责任人职责责任书", "Regulation"),
    ("广州日报", "Publication"),
    ("法治伴你行", "Publication"),  # a programme's name, no document's ending
])
def test_what_kind_a_title_names_by_its_ending(title, kind):
    assert classify(title)[0] == kind


@pytest.mark.parametrize(("body", "titles"), [
    ("贯彻《约谈办法、法治督察专员管理办法》。", ["约谈办法", "法治督察专员管理办法"]),
    ("贯彻落实《法治政府建设实施纲要(2015-2020)及法治政府建设与责任落实督查工作规定》的各项要求。",
     ["法治政府建设实施纲要(2015-2020)", "法治政府建设与责任落实督查工作规定"]),  # 及 after the years
    ("印发《行政执法和刑事司法衔接办法》。", ["行政执法和刑事司法衔接办法"]),  # 和 inside one name
], ids=["listed", "joined-after-the-years", "one-name"])
def test_several_documents_in_one_pair_of_brackets(body, titles):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Regulation"] == titles


def _labels_of(text: str, kind: str) -> list[str]:
    return [e.label for e in extract(Document("t", TITLE + text + "\n", "utf-8")).entities if e.kind == kind]


def test_a_long_law_or_a_code_is_a_law_wherever_it_stands():
    assert _labels_of("组织开展野生动物保护法执法检查。", "Regulation") == ["野生动物保护法"]
    assert _labels_of("邀请专家作民法典辅导讲座。", "Regulation") == ["民法典"]


def test_a_law_taken_somewhere_is_a_campaign_not_the_law():
    assert "民法典" not in _labels_of("开展民法典进社区活动。", "Regulation")


def test_a_law_named_after_the_state_keeps_the_state_in_its_name():
    assert "中华人民共和国行政许可法" in _labels_of("集中学习中华人民共和国行政许可法、法律援助法。", "Regulation")


def test_verbs_before_a_plan_are_not_its_name():
    assert _labels_of("县政府制定并公示年度重大行政决策事项目录。", "Regulation") == ["年度重大行政决策事项目录"]
    assert _labels_of("编制下发局党组理论学习中心组学习计划。", "Regulation") == ["局党组理论学习中心组学习计划"]


def test_a_title_said_to_be_a_book_is_a_publication():
    assert _labels_of("购买《依法行政实务操作指南》等书籍200册。", "Publication") == ["依法行政实务操作指南"]
    assert _labels_of("首次编印《某市法治政府报告(2024)》(白皮书)。", "Publication") == ["某市法治政府报告(2024)"]


def test_a_short_reference_has_the_kind_of_what_it_stands_for():
    text = "购买《习近平法治思想学习纲要》600本，将《纲要》列入学习内容。"
    assert _labels_of(text, "Publication") == ["习近平法治思想学习纲要"] and _labels_of(text, "Regulation") == []


def test_the_levels_editions_of_a_national_document_are_that_document():
    assert _labels_of("认真落实中央和省法治政府建设实施纲要，推进依法行政。", "Regulation") == ["法治政府建设实施纲要"]


def test_a_bracketed_type_word_with_nothing_before_is_a_document():
    assert _labels_of("按照国家、本市法治政府建设《纲要》《规划》部署推进。", "Regulation") == ["纲要", "规划"]


def test_an_arrangement_of_work_is_a_document_only_with_its_year():
    assert _labels_of("市政府印发了2024年度法治政府建设工作安排，明确任务。", "Regulation") == [
        "2024年度法治政府建设工作安排"]
    assert _labels_of("县政府制定了法治政府建设年度重点工作安排，明确任务。", "Regulation") == []


def test_a_bracket_ends_a_title_named_without_one():
    assert "2024年普法依法治理工作要点" in _labels_of(
        "制定下发2024年普法依法治理工作要点《2024年法治政府建设工作要点(台账)》。", "Regulation")


def test_a_plan_implementing_a_bracketed_document_is_one_document():
    assert "贯彻落实法治社会建设实施纲要(2020—2025年)方案" in _labels_of(
        "市政府出台贯彻落实《法治社会建设实施纲要(2020—2025年)》方案和年度工作要点。", "Regulation")


def test_an_undated_plan_something_is_placed_into_is_no_one_document():
    text = "县司法局将宪法学习纳入年度干部教育培训计划，并纳入2024年全县普法依法治理工作要点。"
    assert _labels_of(text, "Regulation") == ["2024年全县普法依法治理工作要点"]
