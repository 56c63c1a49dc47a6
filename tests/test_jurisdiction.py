"""What a report is about: its jurisdiction, read from the title, the signature or the opening."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from lawgraph import gazetteer, lexicon
from lawgraph.document import Document
from lawgraph.extract.divisions import find_divisions, find_jurisdiction
from lawgraph.extract.pipeline import extract

_S2HK, _HK2S = opencc.OpenCC("s2hk"), opencc.OpenCC("hk2s")


def _jurisdiction(text: str) -> str | None:
    """The name of the division lawgraph reads `text` as a report of, or None."""
    found = find_jurisdiction(Document("t", text, "utf-8"), gazetteer.load())
    return found.name if found else None


OPENING = "2023年，我县在市委和县委的坚强领导下，深入学习贯彻习近平法治思想。\n一、主要工作\n县司法局审核文件12件。\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n" + OPENING, "汝城县"),  # the title
    ("关于2023年度法治政府建设工作情况的报告\n\n" + OPENING + "\n汝城县人民政府\n2024年1月20日\n", "汝城县"),  # signed
    ("关于2023年度法治政府建设工作情况的报告\n\n郴州市人民政府：\n" + OPENING + "\n汝城县人民政府\n2024年1月20日\n",
     "汝城县"),  # addressed to the city, signed by the county
    ("关于2023年度法治政府建设工作情况的报告\n\n郴州市人民政府：\n2023年，汝城县坚持依法行政。\n", "汝城县"),
    ("临县2023年法治政府建设年度报告\n\n2023年，临县坚持依法行政。\n", "临县"),  # a two-character name
    ("关于2023年度法治政府建设工作情况的报告\n\n" + OPENING, None),  # 和县 of 市委和县委 is no place
], ids=["title", "signature", "addressee-and-signature", "addressee-and-opening", "two-characters", "conjunction"])
def test_jurisdiction(text, expected):
    assert _jurisdiction(text) == expected


def test_a_conjunction_glued_to_a_county_is_no_mention():
    places = gazetteer.load()
    home = places.by_name["马鞍山市"][0]
    doc = Document("t", "在市委和县委的坚强领导下，含山县、和县开展试点。", "utf-8")
    found = [doc.text[f.start:f.end] for f in find_divisions(doc, places, home)]
    assert found == ["含山县", "和县"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2020年,在县委的正确领导下,县政府坚持依法行政，发挥平安盂县、法治盂县建设的优势。\n", "盂县"),  # 法治X, one 县政府
    ("中共红河州委、红河州人民政府:\n2025年,县委、县政府坚持依法行政，印发《金平县述法办法》。\n",
     "金平苗族瑶族傣族自治县"),  # the addressee's line aside; the county named only in a title of its own
    ("2024年,淮安坚持依法行政，市政府发挥带头作用，全市推进。\n", "淮安市"),  # a short name, the report's level
    # The opening says 我省; the only place named is a district inside the province.
    ("2017年,在党中央、国务院的正确领导下,我省各级各部门依法行政。在长沙市芙蓉区开展相对集中行政许可权改革试点。\n",
     "湖南省"),
    # A province named only by its short name, glued to the words around it.
    ("2024年,在党中央坚强领导下,全省各级政府依法行政,深入贯彻总书记对江苏工作重要讲话精神。省委高度重视。\n", "江苏省"),
    # A body that opens as a higher level than the places it names: the division of that level holding them all.
    ("2022年,省政府坚持依法行政,延安市获评示范市,西安市莲湖区开展试点。全省推进。\n", "陕西省"),
    ("2021年,全市各区、各部门推进依法行政,徐汇区、黄浦区开展试点。\n", "上海市"),
    ("2022年,省政府坚持依法行政,延安市获评示范市,成都市开展试点。\n", "延安市"),  # two provinces: none holds both
    # The government that acts after the committee it worked under is the report's: its level, above the places named.
    ("2017年,在党中央、国务院和省委的正确领导下,省政府依法行政,万宁市开展试点,印发《海南省实施方案》。\n", "海南省"),
    # A bureau that names its place only in its city's campaign, and an office whose place opens a title.
    ("2021年我局按照市委、市政府和省市场监管局的部署,深入实施法治杭州六大专项。\n", "杭州市"),
    ("2024年,州政府办公室紧紧围绕州委、州政府的中心工作,深入实施《西双版纳法治政府建设实施纲要》。\n",
     "西双版纳傣族自治州"),
    # 示范县 inside a title holds the two-character 范县 by accident; the county that opens a title is the report's.
    ("2024年,我县依法行政,印发《关于做好创建全省法治政府建设示范县相关工作的通知》《兴国县若干措施责任分工》。\n",
     "兴国县"),
    # A county-level city that opens the body as its subject, its city named in full later; what a city's bureau
    # says its city gives (杭州担当), the only place it names.
    ("2023 年,邹城坚持依法行政,济宁市全面推进依法治市专题培训班在邹城举办。\n", "邹城市"),
    ("2022年我局推进依法行政,推进我市退役军人事务领域治理,干出杭州担当。\n", "杭州市"),
    # The city it worked under named in full, its own place only in the goal it builds.
    ("2015年,在镇江市委市政府的领导下,我市推进依法行政,为建设新丹阳提供法治保障。\n", "丹阳市"),
    ("2023年,全省推进依法行政,召开全省法治政府建设工作会议、法治毕节示范创建工作推进会。贵州省人民政府\n", "贵州省"),
], ids=["rule-of-law-place", "addressee-and-title", "short-name", "a-district-inside-the-stated-province",
        "a-provinces-short-name", "opens-as-the-province", "opens-as-the-municipality", "opens-as-no-one-holding-all",
        "the-government-after-the-committee", "a-bureau-and-its-citys-campaign", "an-office-and-the-place-of-a-title",
        "a-name-by-accident-inside-a-title", "a-place-that-opens-the-body", "what-a-city-gives",
        "the-new-place-it-builds", "a-citys-campaign-in-a-provinces-report"])
def test_jurisdiction_of_an_excerpt_without_title_or_signature(text, expected):
    assert _jurisdiction(text) == expected


def test_the_level_a_report_worked_under_and_a_place_named_in_a_columns_title():
    # A city government's report works under its province's committee; the city is named only in a column's title.
    text = ("2022年,在省委、省政府的坚强领导下,我市深入推进依法行政,全市法治政府建设取得新成效。"
            "天水广播电视台《法治天水》栏目推出专题,全市各级政府开展学法。\n")
    found = find_jurisdiction(Document("t", text, "utf-8"), gazetteer.load())
    assert found is not None and found.name == "天水市"


@pytest.mark.parametrize(("numbers", "expected"), [
    ("按照省依法治省办《关于报送年度报告的通知》(苏依法办〔2019〕5号)、苏政发[2018]12号文件要求", "江苏省"),
    ("按照苏依法办〔2019〕5号和浙政发〔2018〕12号文件要求", None),  # two provinces: no clue
    ("按照国办发〔2019〕5号文件要求", None),  # a central organ's number names no province
], ids=["one-province", "two-provinces", "central"])
def test_a_provincial_report_that_never_names_its_province(numbers, expected):
    # A provincial department's excerpt says only 省 and 我厅; the numbers of the documents it cites open with
    # the province's abbreviation.
    text = f"{numbers},现将我厅2019年度法治政府建设情况报告如下。在省委、省政府的坚强领导下,我省持续推进依法行政。\n"
    assert _jurisdiction(text) == expected


@pytest.mark.parametrize(("visit", "expected"), [
    ("贯通落实习近平总书记历次来陕考察重要讲话重要指示", "陕西省"),
    ("贯通落实习近平总书记来陕考察和来闽考察重要讲话", None),  # two provinces: no clue
    ("贯通落实习近平总书记考察时的重要讲话", None),
], ids=["one-province", "two-provinces", "none-named"])
def test_a_provincial_report_that_names_its_province_where_the_leaders_came(visit, expected):
    text = f"2023年,省政府全面贯彻党的二十大精神,{visit},在省委坚强领导下,深入推进法治政府建设。\n"
    assert _jurisdiction(text) == expected


def test_a_short_name_heading_a_title_names_its_place():
    text = ("孝感市2015年法治政府建设情况报告\n\n大力落实《关于全面推进法治湖北建设的意见》,实施《杭州高新区条例》,"
            "学习《中华人民共和国行政复议法》。\n")
    extraction = extract(Document("t", text, "utf-8"))
    assert sorted(e.label for e in extraction.entities if e.kind in ("City", "Province", "County")) == \
        ["孝感市", "湖北省"]  # 杭州 lies outside the report's province; 共和 (共和县) inside a title is a word


def test_a_county_renamed_since_is_found_under_its_name_of_the_time():
    """横县 became 横州市 in 2021: a report of 2020 names the county as it then was, inside its city."""
    text = "横县2020年法治政府建设情况报告\n\n2020年，横县坚持依法行政，县司法局审核文件12件。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.jurisdiction.name == "横县" and extraction.jurisdiction.former
    places = gazetteer.load()
    assert [d.name for d in places.ancestors(extraction.jurisdiction.code)] == ["横县", "南宁市", "广西壮族自治区"]
    assert not places.by_name["横州市"][0].former  # today's name stays today's division


def test_a_city_bureau_that_names_only_its_province_has_no_jurisdiction_found():
    """A report of a city's bureau (在市委市政府的领导下,我局…) that names no place but its province's department
    is not the province's report."""
    text = ("2021年法治政府建设工作报告\n在市委市政府的领导下,我局认真贯彻落实依法治市各项要求，"
            "按照河南省应急管理厅部署推进执法改革。\n")
    assert find_jurisdiction(Document("t", text, "utf-8"), gazetteer.load()) is None


def test_places_listed_as_such_are_places_anywhere():
    # Short names of another province, in a list said to be of cities or places; the highest level where two share one.
    text = "乌鲁木齐市2024年法治政府建设情况报告\n\n学习借鉴银川、固原等城市经验做法，在深圳、长沙等6个地方开展试点。\n"
    extraction = extract(Document("t", text, "utf-8"))
    cities = sorted(e.label for e in extraction.entities if e.kind == "City")
    assert cities == ["乌鲁木齐市", "固原市", "深圳市", "银川市", "长沙市"]  # 长沙 is also 长沙县: the city


def test_a_coastal_city_is_no_division_of_that_name():
    # 滨海城市 and 沿海城市 hold 海城市 (a county-level city of Liaoning) across a word's end; 海城市 alone is it.
    text = "漳州市2024年法治政府建设情况报告\n\n加快建设现代化滨海城市，学习沿海城市经验，与辽宁省海城市交流。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [text[m.start:m.end] for e in extraction.entities if e.kind == "County" for m in e.mentions] == ["海城市"]


def test_a_model_county_is_no_county_named_fan():
    text = "宝丰县2021年法治政府建设情况报告\n\n按照全省法治政府建设示范县指标体系要求，与濮阳市范县交流。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [text[m.start:m.end] for e in extraction.entities if e.kind == "County" for m in e.mentions] == [
        "宝丰县", "范县"]


def test_a_countys_short_name_inside_running_text_needs_its_full_name_said():
    # 振兴 (辽宁振兴发展) and 政和 (行政和法治) are words as well as short names of counties of the home province;
    # inside running text they are those counties only where the report names them in full too, and a list
    # (丰台和密云) or a name followed by punctuation is a place anyway.
    text = ("辽宁省2025年法治政府建设情况报告\n\n贯彻对东北、辽宁振兴发展的重要讲话精神，推进依法行政和法治建设。"
            "铁西、振兴两区开展试点。\n")
    extraction = extract(Document("t", text, "utf-8"))
    mentions = [text[m.start:m.end] for e in extraction.entities if e.kind == "County" for m in e.mentions]
    assert mentions == ["铁西", "振兴"]
    named = "沈阳市振兴区2025年法治政府建设情况报告\n\n服务振兴发展。\n"
    counties = [e for e in extract(Document("t", named, "utf-8")).entities if e.kind == "County"]
    assert [named[m.start:m.end] for e in counties for m in e.mentions] == ["振兴区", "振兴"]


def test_every_contracted_name_is_of_the_division_the_lexicon_says():
    places = gazetteer.load()
    rows = [[part.strip() for part in line.split("|")] for line in lexicon.words("division_contractions")]
    assert len(rows) > 20 and all(places.by_code[code].name == name for _contraction, code, name in rows)


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("包头市2024年法治政府建设情况报告", "达茂旗“马背法治服务”案例入选全国干部学习培训教材。", ["达尔罕茂明安联合旗"]),
    ("新疆维吾尔自治区2023年法治政府建设情况报告", "巴州、博州开展行政执法规范化建设。",
     ["博尔塔拉蒙古自治州", "巴音郭楞蒙古自治州"]),
    ("巴中市2023年法治政府建设情况报告", "巴州、恩阳等区开展行政执法规范化建设。", ["巴州区", "恩阳区"]),
    ("乌鲁木齐市2024年法治政府建设情况报告", "学习达茂旗经验。", []),  # another province's contraction: a word
], ids=["a-banner", "prefectures", "the-same-contraction-in-another-province", "outside-its-province"])
def test_a_division_named_by_its_contracted_name(title, text, expected):
    extraction = extract(Document("t", f"{title}\n\n{text}\n", "utf-8"))
    named = sorted(e.label for e in extraction.entities if e.kind in ("City", "County"))
    assert sorted(set(named) - {extraction.jurisdiction.name}) == sorted(expected)


def test_an_autonomous_county_named_without_its_peoples():
    # 紫云苗族布依族自治县 calls itself 紫云自治县: its government is that county's, not a bare 县人民政府.
    text = "紫云自治县2024年度法治政府建设工作报告\n\n2024年,紫云自治县人民政府坚持依法行政。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.jurisdiction.name == "紫云苗族布依族自治县"
    assert "紫云自治县人民政府" in [text[m.start:m.end] for e in extraction.entities if e.kind == "Agency"
                                   for m in e.mentions]


# 舟山海事局 names 舟山市, as 舟山市司法局 would; 公安部 is a ministry, not an organ of 公安县 (a county of 湖北).
@pytest.mark.parametrize(("title", "text", "expected"), [
    ("浙江省2024年法治政府建设情况报告", "舟山海事局、杭州互联网法院参加。", ["杭州市", "舟山市"]),
    ("湖北省2020年法治政府建设情况报告", "宜昌中院和公安部参加。", ["宜昌市"]),
], ids=["maritime-bureau-and-court", "not-a-ministry"])
def test_a_short_place_name_that_opens_an_organs_name_is_listed(title, text, expected):
    extraction = extract(Document("t", f"{title}\n\n{text}\n", "utf-8"))
    assert sorted(e.label for e in extraction.entities if e.kind in ("City", "County")) == expected


def test_divisions_that_open_an_agencys_name_after_the_party():
    text = "丰泽区2025年法治政府建设情况报告\n\n召开中共泉州市丰泽区委全面依法治区委员会会议。\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert {e.kind: e.label for e in extraction.entities if e.kind in ("City", "County")} == \
        {"City": "泉州市", "County": "丰泽区"}


@pytest.mark.parametrize(("text", "expected"), [
    # The organs a report worked under run from the top down: the last named is the report's own.
    ("为全面建设法治政府,在宜春市委、市政府和丰城市委的领导下,我市继续推进法治政府建设。\n", "丰城市"),
    # A provincial department that worked under its committee and a ministry's guidance: its province named by
    # its short name only.
    ("2024年,在省委省政府的坚强领导和司法部的有力指导下,省司法厅依法行政,深入贯彻总书记对江苏工作重要讲话精神。\n",
     "江苏省"),
    # 我省, and no other 我X: the county named among other places lies in the report's province.
    ("现将我省2016年度法治政府建设情况报告如下。向黔东南、黔南下放审批权,在瓮安县开展相对集中行政许可权试点,"
     "我省稳步推进。\n", "贵州省"),
    # …but a city that opens the report keeps it, though it names its province's plan as 我省's.
    ("2019年,西安市委、市政府深入贯彻落实中央和我省《实施纲要》。\n", "西安市"),
    # An office's address names the city of a city's bureau, not the district of its street.
    ("现将市人社局2021年法治政府建设情况报告予以公开。如有疑问,请与市人社局法规处联系(地址:天津市和平区建设路18号)。\n",
     "天津市"),
], ids=["leaders-from-the-top-down", "a-department-under-its-committee-and-a-ministry", "a-province-naming-a-county",
        "a-city-that-opens-its-report", "an-address"])
def test_jurisdiction_from_the_organs_above_the_level_said_and_an_address(text, expected):
    assert _jurisdiction(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A county bureau opens its report; the place it only went to is named in full, its own only in a title.
    ("2024年,县林业局坚持依法行政,印发了《邻水县林业局2024年普法工作要点》。组织参加省林草局在重庆市荣昌区组织的培训。\n",
     "邻水县"),
    # Places named only in titles: the one the text names most often (始兴林业), not the province whose plan it follows.
    ("2024年,我局依法行政,为新时代始兴林业高质量发展和绿美始兴生态建设筑牢法治保障。落实《广东省法治政府建设实施方案》,"
     "制定出台《始兴县林业法治建设2024年工作要点》。\n", "始兴县"),
    # A city named once in the body gives way to the one the text names more, in full and short.
    ("2023年,市公安局认真贯彻落实中央、省委、市委有关部署,圆满完成各项任务目标。推进跨域通办,针对宜春—长沙市全程网办"
     "确定事项55项,针对宜春—广州市确定事项8项。制定落实了《宜春市公安局营商环境提升行动方案》。\n", "宜春市"),
    # 新市民 is a word, not 新市区; the district is the one named by its short name.
    ("2021年,在区委、区政府的坚强领导下,区政府办认真贯彻落实。新市民服务中心正式启用。“赣服通”南康分厅上线运行。\n",
     "南康区"),
    # 新区 is how 滨海新区 calls itself; 新区 alone is no district.
    ("2019年,新区法治政府建设坚持以习近平新时代中国特色社会主义思想为指导,全面落实天津市实施意见的部署要求,"
     "推进新区法治建设工作落地。\n", "滨海新区"),
    # A city that speaks of the counties below it names a county-level city as one of them.
    ("2017年,在省委、省政府和市委的正确领导下,市政府深入推进依法行政,为全市发展提供法治保障。全面铺开市县两级"
     "“只跑一次”清单编制工作。安丘市在全省率先实施镇级“最多跑一次”改革。\n", "潍坊市"),
    # A county-level city's own report speaks of the towns below it.
    ("2017年,在潍坊市委、市政府和安丘市委的正确领导下,市政府深入推进依法行政,为全市发展提供法治保障。全面铺开市镇两级"
     "“只跑一次”清单编制工作。安丘市在全省率先实施镇级“最多跑一次”改革。\n", "安丘市"),
    # 法治岳阳 names 岳阳市 and 岳阳县 alike: the one of the level the report speaks as.
    ("2022年度法治政府建设工作报告\n2022年,市退役军人事务局认真学习贯彻习近平法治思想,在市委、市政府的领导下,"
     "进一步提高依法治理能力,为提升法治岳阳水平作出贡献。\n", "岳阳市"),
    # 我市 says who speaks; 全省第一 only ranks it; the district named in full is one of its counties.
    ("年,我市坚持依法行政,为赣州革命老区高质量发展营造良好法治环境。\n一是精心谋划。市委、市政府印发"
     "《赣州市法治政府建设实施方案》。二是严格执法,行政复议案件办理量全省第一,执法满意度全省第二,"
     "办案质量居全省前列。全市推行包容审慎监管,各县(市、区)全面推开,南康区获评示范项目。\n", "赣州市"),
    # 和铜梁 lists the district beside the city's plan; 市委和县委 holds no 和县 (see the conjunction case above).
    ("2023年,在区委、区政府的坚强领导下,区司法局坚持以习近平法治思想为指导,紧紧围绕《法治政府建设实施纲要》、"
     "市委实施方案和铜梁具体举措,有力推进法治政府建设。\n", "铜梁区"),
], ids=["a-county-bureau-and-a-place-it-went-to", "places-named-only-in-titles", "a-city-named-once-in-the-body",
        "a-word-ending-in-a-level", "a-new-area-calling-itself-so", "a-city-above-its-counties",
        "a-county-level-city", "a-campaigns-place-of-the-reports-level", "we-outweighs-the-province-it-ranks-in",
        "a-short-name-after-a-conjunction"])
def test_jurisdiction_of_a_bureau_or_district_named_short_in_titles_or_by_its_level(text, expected):
    assert _jurisdiction(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 内蒙古 is the region's short name, though 蒙古 is also a people's name (巴音郭楞蒙古自治州 → 巴音郭楞).
    ("2023年,全区各级人民政府坚持依法行政,认真贯彻落实习近平总书记对内蒙古的重要指示精神。\n", "内蒙古自治区"),
    # Only a province's departments are 厅: 我厅 and a document number opening with 粤.
    ("按照《关于做好2021年法治政府建设年度报告的通知》(粤法治办〔2021〕36号)要求,现将我厅2021年度法治政府建设情况"
     "报告如下。我厅深入学习贯彻习近平法治思想,为交通强省建设提供有力法治保障。\n", "广东省"),
    # A city's report that names a county in full and itself only by its short name: the county's city.
    ("2024年,在省委、省人民政府的坚强领导下,株洲深入贯彻习近平法治思想,法治政府建设进一步纵深推进。全市推行述法,"
     "市委依法治市办向茶陵县发出督办函,督促茶陵县城管局纠正错误处罚行为。\n", "株洲市"),
    # A provincial department (我厅, 全省) naming a city in full and its province in a title: the province.
    ("2019年,我厅深入贯彻《四川省人民政府2019年度法治政府建设重点工作安排》,落实全省推进法治政府建设工作会议部署。"
     "在巴中市开展试点,全省推进。\n", "四川省"),
    # The addressee on the line that opens the body: the city addressed, the county-level city reporting.
    ("中共嘉兴市委、嘉兴市人民政府: 2020年,海宁市以习近平法治思想为指导,贯彻落实嘉兴市的部署要求。\n", "海宁市"),
    # The body opens with the clause it works under, then its subject: a city's bureau naming districts in full.
    ("2021年,根据市委依法治市委员会和市政府的部署,市市场监管局围绕贯彻落实《上海法治政府建设规划》,推进依法行政,"
     "在金山区、崇明区开展试点,推动上海市市场监管领域立法。\n", "上海市"),
    # Its superiors named from the top down (中央、省和泰安市), and an honour named 示范县(市、区): a county-level city.
    ("2020年,市政府在市委坚强领导下,全面落实中央、省和泰安市关于法治政府建设的各项决策部署。肥城市荣获第一批"
     "“山东省法治政府建设示范县(市、区)”称号。\n", "肥城市"),
    # A county-level area the code table leaves out: a district of 大兴安岭地区.
    ("呼中区教育局关于2025年度法治政府建设工作报告\n2025年,我局坚持依法治教。\n", "呼中区"),
    # A place gone to or worked with is another's: the district named in the report's own plan is its own.
    ("2022年,我局在区委、区政府的正确领导下推进法治建设。局长带队到永川区学习法治政府建设经验,"
     "拟定《荣昌区法治政府建设实施方案》,与璧山区对口协调发展服务事项47项。\n", "荣昌区"),
    # A county's short name after 在 says where: 衡山 is 衡山县 (not glued to the words before it).
    ("2024年,我县法治建设工作在县委的坚强领导下,推动法治建设“一规划两纲要”在衡山落地落实。\n", "衡山县"),
    # Only a partner named: no place of its own, rather than the partner's.
    ("2022年,我委深化“全渝通办”53项,与武隆区对口协调发展服务事项47项跨区通办。\n", None),
    # 我区 under the 自治区党委 with no 区委 of its own: the autonomous region its short name in a heading names;
    # a district of that region (区委, 区政府) stays a district.
    ("一、西藏法治政府建设成效\n我区在自治区党委、政府的正确领导下,推进依法行政,成绩显著。拉萨市行政审批局"
     "开展试点。\n", "西藏自治区"),
    ("一、法治政府建设成效\n我区在自治区党委和区委、区政府的领导下推进依法行政。城关区开展试点。\n", "城关区"),
], ids=["inner-mongolia", "a-provincial-department", "a-citys-short-name-above-a-county", "a-department-of-a-province",
        "the-addressee-before-the-body", "a-clause-before-the-subject", "superiors-and-an-honour",
        "a-district-outside-the-code-table", "a-place-gone-to-and-a-partner", "a-short-name-after-zai",
        "only-a-partner", "an-autonomous-region-by-its-organs", "a-district-of-an-autonomous-region"])
def test_jurisdiction_of_reports_that_name_their_place_little(text, expected):
    assert _jurisdiction(text) == expected


def test_every_unlisted_division_hangs_under_a_listed_one():
    places = gazetteer.load()
    rows = [[part.strip() for part in line.split("|")] for line in lexicon.words("unlisted_divisions")]
    assert rows and all(places.by_code[code].name == name and places.by_code[parent].level == "City"
                        and places.by_code[code].parent == parent for code, name, parent in rows)


@pytest.mark.parametrize(("year", "expected"), [
    ("2019", "黑龙江省"),  # 张庆伟 was the secretary of 黑龙江 in 2017–2021
    ("2015", "河北省"),  # and the governor of 河北 in 2012–2017
    ("2017", None),  # both that year: no clue
], ids=["heilongjiang", "hebei", "the-year-of-change"])
def test_a_provincial_report_that_names_only_its_leader(year, expected):
    text = (f"{year}年,我省坚持依法行政,全省法治政府建设取得新成效。省委书记张庆伟主持召开省委全面依法治省委员会会议,"
            "审议通过有关文件。\n")
    assert _jurisdiction(text) == expected


def test_every_provincial_leader_held_a_post_of_a_province_level_division():
    places = gazetteer.load()
    rows = [[part.strip() for part in line.split("|")] for line in lexicon.words("provincial_leaders")]
    assert len(rows) > 150 and all(places.by_code[code].level == "Province" and post in ("书记", "省长", "主席", "市长")
                                   for _name, code, post, _years in rows)


def test_of_two_districts_of_one_name_the_one_whose_province_the_text_names():
    text = "2024年,南山区人民政府全面贯彻党的二十大精神。南山区获评广东省信用县建设综合示范区。\n"
    found = find_jurisdiction(Document("t", text, "utf-8"), gazetteer.load())
    assert (found.name, found.code) == ("南山区", "440305")  # Shenzhen's, not Hegang's (230404)


def test_the_lowest_of_the_committees_a_report_worked_under_is_its_own_level():
    # Chongqing's 江北区 (its 重庆 named), reporting as a district: not the municipality above it.
    text = ("2023年,在市委、市政府和区委坚强领导下,在区人大、区政协的监督支持下,全区行政机关坚持依法行政。"
            "全区推进“渝快办”,江北区获评重庆市法治政府建设示范区。江北区深化改革。\n")
    found = find_jurisdiction(Document("t", text, "utf-8"), gazetteer.load())
    assert (found.name, found.code) == ("江北区", "500105")



@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_a_report_with_other_line_ends_reads_as_with_line_feeds(line_end):
    # A real report whose title carries pinyin glosses: the title is a whole line only when the line end is read.
    path = Path(__file__).parents[1] / "data" / "real" / "dev" / "923-haizhu-2023.txt"
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    as_fed = extract(Document("t", text, "utf-8"))
    as_saved = extract(Document("t", text.replace("\n", line_end), "utf-8"))
    assert as_saved.info.title == as_fed.info.title and as_fed.info.title.startswith("廣州市海珠區")
    assert as_saved.jurisdiction.name == as_fed.jurisdiction.name == "海珠区"
    assert [e.names for e in as_saved.entities] == [e.names for e in as_fed.entities]
    assert [[m.text.replace("\r", "\n").replace("\n\n", "\n") for m in e.mentions] for e in as_saved.entities] == [
        [m.text for m in e.mentions] for e in as_fed.entities]


@pytest.mark.parametrize(("report", "before", "after"), [
    ("1355-hainanqu-2024", "\u3000\u3000", ""), ("1355-hainanqu-2024", "    ", ""), ("1355-hainanqu-2024", "\t", ""),
    ("1073-chongqingchengguanju-2022", "", "\u3000 "),
], ids=["full-width", "spaces", "tab", "trailing"])
def test_a_report_with_indented_paragraphs_reads_as_without(report, before, after):
    # A real report as a web page or a Word file gives it, every paragraph indented (or closed with spaces):
    # its headings ((二)持续深化改革) and clauses still open their lines, and a plan named on a line of its own
    # (2022年全市城市管理执法工作要点) still ends it.
    text = (Path(__file__).parents[1] / "data" / "real" / "dev" / f"{report}.txt").read_text(encoding="utf-8")
    indented = "\n".join(before + line + after if line.strip() else line for line in text.split("\n"))
    as_fed, as_indented = extract(Document("t", text, "utf-8")), extract(Document("t", indented, "utf-8"))
    assert as_indented.jurisdiction.name == as_fed.jurisdiction.name
    assert sorted(e.label for e in as_indented.entities) == sorted(e.label for e in as_fed.entities)
    assert sum(len(e.mentions) for e in as_indented.entities) == sum(len(e.mentions) for e in as_fed.entities)


def test_a_report_with_spaces_after_its_punctuation_reads_as_without():
    # A real report as some web pages give it: a space after 、 (中共中央办公厅、 国务院办公厅印发), an NBSP after ，
    # and a zero-width space after 。; the issuers of a list are still read as one list.
    text = (Path(__file__).parents[1] / "data" / "real" / "dev" / "11-beijing-2021.txt").read_text(encoding="utf-8")
    spaced = text.replace("、", "、 ").replace("，", "，\xa0").replace("。", "。\u200b")
    as_fed, as_spaced = extract(Document("t", text, "utf-8")), extract(Document("t", spaced, "utf-8"))
    assert as_spaced.jurisdiction.name == as_fed.jurisdiction.name == "北京市"
    assert sorted(e.label for e in as_spaced.entities) == sorted(e.label for e in as_fed.entities)
    assert sorted((link.kind, link.subject.label, link.object.label) for link in as_spaced.links) == sorted(
        (link.kind, link.subject.label, link.object.label) for link in as_fed.links)


def _wrapped_at(text: str, columns: int) -> str:
    """Every paragraph broken at a page's width (a Chinese character two columns), as pdftotext gives a PDF."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if len((line + char).encode("gb18030")) > columns:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("report", ["37-wendeng-2022", "875-zhengzhou-2022"], ids=["short-excerpt", "pinyin"])
def test_a_report_wrapped_as_a_pdf_reads_as_unwrapped(report):
    # Real reports as a PDF's text gives them: a short excerpt under a header of short lines (发文机关:…), whose
    # lines fill the page less than half the time but hold most of its text; and a mirrored page whose pinyin
    # glosses a wrap can fall inside (實(s\nhí)施方案).
    text = (Path(__file__).parents[1] / "data" / "real" / "dev" / f"{report}.txt").read_text(encoding="utf-8")
    as_fed, as_wrapped = extract(Document("t", text, "utf-8")), extract(Document("t", _wrapped_at(text, 70), "utf-8"))
    assert as_wrapped.jurisdiction.name == as_fed.jurisdiction.name
    assert sorted(e.label for e in as_wrapped.entities) == sorted(e.label for e in as_fed.entities)


@pytest.mark.parametrize("report", ["1075-zezhou-2022", "1070-kaizhoufagaiwei-2023"])
def test_a_report_whose_title_is_letter_spaced_reads_as_without(report):
    # Real reports whose first line (the title, the organ) a Word file or a PDF sets letter-spaced: 泽 州 县 2 0 2 2 …
    text = (Path(__file__).parents[1] / "data" / "real" / "dev" / f"{report}.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    spaced = " ".join(title) + "\n" + body
    as_fed, as_spaced = extract(Document("t", text, "utf-8")), extract(Document("t", spaced, "utf-8"))
    assert as_spaced.jurisdiction.name == as_fed.jurisdiction.name
    assert as_spaced.info.title == as_fed.info.title  # the report's title as a reader sees it, spaces dropped
    assert sorted(e.label for e in as_spaced.entities) == sorted(e.label for e in as_fed.entities)


def test_a_report_in_hong_kong_traditional_script_reads_as_in_simplified():
    # A real health commission's report in Hong Kong's forms (衞生健康委員會, 羣眾): its organs are still found.
    text = (Path(__file__).parents[1] / "data" / "real" / "dev" / "982-dongguanweijian-2023.txt").read_text(
        encoding="utf-8")
    as_fed, as_hk = extract(Document("t", text, "utf-8")), extract(Document("t", _S2HK.convert(text), "utf-8"))
    assert "衞" in _S2HK.convert(text)
    assert as_hk.jurisdiction.name == as_fed.jurisdiction.name
    assert sorted(_HK2S.convert(e.label) for e in as_hk.entities) == sorted(e.label for e in as_fed.entities)


@pytest.mark.parametrize(("text", "expected"), [
    # 我市, right after the city that led it: a county-level city inside it, the one its own documents name
    ("2022年,在十堰市委、市政府的坚强领导下,我市坚持以习近平新时代中国特色社会主义思想为指导,全力推进法治政府建设。"
     "研究出台《丹江口市法治政府建设实施方案》。\n", "丹江口市"),
    # …but a report that says 全市 of itself is the city's own
    ("2022年,在十堰市委、市政府的坚强领导下,全市坚持以习近平新时代中国特色社会主义思想为指导。"
     "研究出台《丹江口市法治政府建设实施方案》。\n", "十堰市"),
    # the place inside it that speaks right after its leaders, by name
    ("2022年以来在十堰市委、市政府的坚强领导下,丹江口市委、市政府坚持以习近平新时代中国特色社会主义思想为指导。"
     "十堰市全年开展培训。\n", "丹江口市"),
], ids=["a-county-level-city-led-by-its-city", "a-city-that-says-quanshi", "named-right-after-its-leaders"])
def test_a_county_level_city_that_names_its_city_as_its_leader(text, expected):
    assert _jurisdiction(text) == expected
