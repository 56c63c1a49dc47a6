"""Publications named without 《》: newspapers, broadcasters' programmes and news sites known by name, and books after
a verb of compiling them."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract

TITLE = "淄博市人民政府关于2017年法治政府建设情况的报告\n\n"


def _publications(body: str) -> list[tuple[str, ...]]:
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    return [e.key for e in extraction.entities if e.kind == "Publication"]


@pytest.mark.parametrize(("body", "keys"), [
    ("新华社、人民日报、光明日报等中央媒体先后对我市改革进行报道。",
     [("named", "CN", "人民日报"), ("named", "CN", "光明日报")]),  # 新华社 is a news agency, not a publication
    ("在《人民日报》刊发经验，人民日报头版报道。", [("named", "CN", "人民日报")]),
    ("法制日报、检察日报、人民法院报相继报道。",
     [("named", "CN", "法治日报"), ("named", "CN", "检察日报"), ("named", "CN", "人民法院报")]),
    # a broadcaster is an organisation that publishes, as 新华社 is; its programmes are publications
    ("央视新闻联播、焦点访谈报道我市经验，中央电视台播出专题节目。", [("named", "CN", "焦点访谈")]),
    ("在大众日报、人民网刊发文章。", [("named", "370300", "大众日报"), ("named", "CN", "人民网")]),
    # a national research body's yearly report, with the year of its volume (a page lost the opening 《)
    ("在中国法治政府评估报告(2017)》综合评价100个城市中排名第9。", [("named", "CN", "中国法治政府评估报告(2017)")]),
], ids=["listed-before-media", "with-and-without-brackets", "former-name", "broadcaster-and-programme",
        "provincial-paper-and-site", "yearly-report-and-its-volume"])
def test_publications_by_name(body, keys):
    assert _publications(body) == keys


@pytest.mark.parametrize("body", [
    "人民日报社记者来我市调研。",  # the paper's office, an organisation
    "发布国民健康报告，开展集中学习时报告学习情况。",
    "坚持实事求是，方便人民网上办事。",
    "印发宣传方案,用好用活官微官网等平台,营造氛围。",  # what a verb makes use of, not a publication's name
    "在门户网站开设“深入学习贯彻习近平法治思想”专栏,刊发稿件。",  # the theme of a column, not its name
], ids=["newspaper-office", "report-not-paper", "ordinary-words", "used-media", "a-columns-theme"])
def test_no_publication_in_ordinary_words(body):
    assert _publications(body) == []


@pytest.mark.parametrize(("title", "kind"), [
    ("上海法治建设白皮书", "Publication"), ("习近平关于涉外法治工作论述摘编", "Publication"),
    ("常委会公报", "Publication"),
    ("行政检查执法备案智能管理改革工作督察20条", "Regulation"), ("优化营商环境若干措施二十条", "Regulation"),
    ("建设项目环境影响评价分类管理名录", "Regulation"), ("市场准入负面清单草案(试点版)", "Regulation"),
    ("大悟县2015年依法行政工作十件事(要点)", "Regulation"),  # the note says what kind of document it is
    ("2022年法治建设考核责任分解表", "Regulation"),  # a table a government draws up
    ("延时预约服务制", "Regulation"), ("地方各级人民政府行政首长防汛抗旱工作职责", "Regulation"),  # a system, duties
])
def test_a_titles_ending_types_it(title, kind):
    extraction = extract(Document("t", TITLE + f"编写《{title}》。\n", "utf-8"))
    assert [e.kind for e in extraction.entities if e.label == title] == [kind]


@pytest.mark.parametrize(("body", "titles"), [
    ("首次编制上海法治建设白皮书,系统总结法治建设成效。", ["上海法治建设白皮书"]),
    ("编辑习近平关于涉外法治工作论述摘编,组织编写领导干部依法行政知识读本。",
     ["习近平关于涉外法治工作论述摘编", "领导干部依法行政知识读本"]),
    ("编制权责清单和服务手册目录,编印73个事项的办事手册。", []),  # a list, and counted things, are no books
], ids=["white-paper", "digest-and-reader", "not-books"])
def test_books_named_without_brackets_after_compiling_them(body, titles):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.label for e in extraction.entities if e.kind == "Publication"] == titles


def test_a_title_followed_by_its_report_is_a_leaders_report_not_a_book():
    body = "省委书记在省党代会上作了《凝心聚力加快建设美好新海南》的报告。"
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [(e.kind, e.label) for e in extraction.entities if e.label.endswith("新海南")] == [
        ("Regulation", "凝心聚力加快建设美好新海南")]


@pytest.mark.parametrize(("body", "kinds"), [
    ("在《人民司法》期刊刊发论文。", [("Publication", "人民司法")]),  # ends like a law (…法), called a journal
    ("《中国司法》刊发我市经验。", [("Publication", "中国司法")]),  # what printed something is a periodical
    ("《某某市物业管理条例》刊登于政府公报。", [("Regulation", "某某市物业管理条例")]),  # what was printed is not
])
def test_a_title_said_to_be_a_periodical_or_to_print_something_is_a_publication(body, kinds):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [(e.kind, e.label) for e in extraction.entities if e.kind in ("Regulation", "Publication")] == kinds
