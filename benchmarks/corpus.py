"""A corpus of report-like texts for benchmarks: N annual rule-of-law reports, written by recombining the
genre's sentence patterns with varied places, agencies, documents, programmes, persons and numbers.

    .venv/bin/python benchmarks/corpus.py N FOLDER [--seed S]

Each report is issued by a division drawn from the national gazetteer (a province, a prefecture city, a
county or a district, with its real sub-divisions and parent), has a title, an opening, five to seven numbered
parts of two to five sub-parts, and a closing part; every sentence is one of about a hundred patterns of the
genre with its slots filled at random (seeded: the same N and seed give the same bytes). About a fifth of the
reports are in traditional characters, and the files are UTF-8 (some with a BOM), GB18030 or UTF-16, as met in
the wild. Nothing is copied from a real report; no file is a copy of another.
"""

from __future__ import annotations

import argparse
import random
import re
from functools import lru_cache
from pathlib import Path

from lawgraph.gazetteer import CITY, COUNTY, PROVINCE, Division, load

CN_DIGITS = "零一二三四五六七八九十"
ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

BUREAUS = ["司法局", "公安局", "财政局", "民政局", "生态环境局", "住房和城乡建设局", "交通运输局", "农业农村局",
           "水利局", "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
           "自然资源局", "人力资源和社会保障局", "教育局", "城市管理局", "行政审批服务管理局", "医疗保障局",
           "退役军人事务局", "统计局", "信访局", "林业局", "税务局", "政务服务管理局", "发展和改革委员会"]
ORGANS = ["政府办公室", "人大常委会", "政协", "法院", "检察院", "委政法委", "委宣传部", "委组织部",
          "委编办", "纪委监委", "公共法律服务中心", "法律援助中心", "仲裁委员会", "总工会", "妇联", "团委"]
TOPICS = ["城市地下管线管理", "电动自行车管理", "文明行为促进", "物业管理", "养犬管理", "历史文化名城保护",
          "生活垃圾分类管理", "扬尘污染防治", "优化营商环境", "行政规范性文件制定和监督管理", "重大行政决策程序",
          "行政执法公示", "政府法律顾问工作", "公共法律服务体系建设", "矛盾纠纷多元化解", "河湖长制",
          "农村人居环境整治", "海绵城市建设", "燃气管理", "消防安全责任", "城市绿化", "户外广告设置管理",
          "住宅专项维修资金管理", "烟花爆竹燃放管理", "饮用水水源保护", "湿地保护", "古树名木保护",
          "公共数据管理", "政务服务", "行政执法监督", "轻微违法行为不予处罚", "涉企行政检查", "安全生产",
          "全民健身", "非物质文化遗产保护", "乡村振兴促进", "农贸市场管理", "网络预约出租汽车经营服务管理",
          "行政复议案件办理", "法治督察工作", "普法责任制", "行政执法人员资格管理", "行政调解工作",
          "人民调解工作", "社会信用体系建设", "公平竞争审查", "政府信息公开", "水土保持", "城镇排水管理"]
DOC_TYPES = ["条例", "办法", "实施办法", "管理办法", "规定", "暂行规定", "实施方案", "工作方案", "行动计划",
             "实施意见", "若干措施", "工作规则", "实施细则", "清单", "工作要点", "规划", "指引"]
PROGRAM_STEMS = ["一网通办", "一网统管", "最多跑一次", "一件事一次办", "跨省通办", "证照分离", "首违不罚",
                 "双随机、一公开", "不见面审批", "无证明城市", "好差评", "法律明白人", "谁执法谁普法"]
PROGRAM_LOCAL = ["{s}快办", "{s}政务通", "{s}e法通", "法润{s}", "{s}法治地图", "{s}调解", "{s}枫桥",
                 "{s}营商通", "{s}执法通", "{s}云法庭", "{s}码上办", "{s}指尖办", "法护{s}", "{s}和事佬",
                 "{s}说法", "{s}惠企通", "{s}法治超市", "{s}解纷码"]
PROGRAM_GENERIC = ["一支队伍管执法", "综合查一次", "一张清单管执法", "一业一证", "一照通行", "局队合一",
                   "企业开办一日办", "掌上复议", "府院联动", "检调对接", "诉调对接", "访调对接", "警调联动",
                   "一村一法律顾问", "一案一评查", "街乡吹哨、部门报到", "综合窗口", "容缺受理", "信用承诺",
                   "非接触式执法", "阳光执法", "柔性执法", "送法进企业", "法治体检"]
PAPERS = ["日报", "晚报", "法治报"]
GIVEN = "建华立平志坚雅琴明军红梅晓东海燕国强丽娟永刚春生文杰秀英德胜玉兰卫东晓华振宇宏伟桂芳新民"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"

# Parts of a report: a heading pattern and the sub-parts it may hold, each a heading and its sentences.
PARTS: list[tuple[list[str], list[tuple[str, list[str]]]]] = [
    (["加强党对法治政府建设的领导", "坚持高位推动，压紧压实法治建设责任", "强化统筹协调，健全法治建设工作格局"], [
        ("强化党的领导", [
            "{U}委常委会、{U}政府党组先后{n:4-20}次专题学习习近平法治思想和新颁布的法律法规。",
            "{U}委书记{person}主持召开{U}委全面依法治{U}委员会第{ord}次会议，审议通过《{place}{year}年法治政府建设工作要点》等{n:3-12}份文件。",
            "{U}长{person}认真履行推进法治建设第一责任人职责，{n:2-9}次主持召开{U}政府常务会议研究法治政府建设重点任务。",
            "坚持{U}政府常务会议会前学法制度，全年会前学法{n:6-24}次，举办领导干部法治专题讲座{n:2-10}期。",
            "组织{n:300-3000}名国家工作人员参加网上学法考试，参考率和合格率均达100%。",
        ]),
        ("健全督考机制", [
            "{U}委依法治{U}办牵头对{n:6-20}个{subkind}和{n:20-80}家{U}直部门开展法治建设专项督察，发现问题{n:40-200}个，已整改{n:30-150}个，整改率{pct}。",
            "将法治建设成效纳入领导班子综合考核，分值权重提高到{n:3-8}%。",
            "组织{n:10-30}个{subkind}和{n:20-60}个{U}直部门主要负责人书面述法，其中现场述法{n:4-12}人次。",
            "{U}委依法治{U}办印发《{place}{year}年法治政府建设工作要点》，细化{n:4-9}个方面{n:20-60}项任务。",
        ]),
        ("推进示范创建", [
            "{sub}被命名为全省第{ord}批法治政府建设示范地区，示范带动效应持续显现。",
            "{sub}“{prog}”入选全省法治政府建设示范项目。",
            "开展法治政府建设示范创建活动，{n:2-8}个项目获评省级示范项目，{n:5-20}个项目获评{U}级示范项目。",
        ]),
    ]),
    (["深化“放管服”改革，优化法治化营商环境", "持续转变政府职能，打造一流营商环境", "依法全面履行政府职能"], [
        ("推进简政放权", [
            "全面打响“{progl}”品牌，{U}级{n:800-2000}项政务服务事项全部实现网上可办，“一网通办”率达到{pct}。",
            "企业开办时间压缩至{n:1-3}个工作日以内，申报材料平均精简{n:20-50}%以上。",
            "{bureau}梳理公布{U}级政务服务事项{n:800-2000}项，“最多跑一次”事项占比达{pct}。",
            "在{sub}、{sub2}先行试点“{progg}”改革，涉企联合检查次数同比下降{d:10-50}%。",
            "深入推进“证照分离”改革全覆盖，惠及市场主体{n:1000-9000}余户。",
        ]),
        ("加强市场主体保护", [
            "全面落实《优化营商环境条例》，{bureau}制定《{place}{topic}{type}》，对{n:50-300}项轻微违法行为依法不予处罚或减轻处罚。",
            "全年新增市场主体{w:1-20}户，为市场主体减税降费及退税{y:1-90}元。",
            "开展涉企违规收费专项清理，为企业减负约{n:100-2000}万元。",
            "{agency}、{agency2}联合出台《关于{topic}的若干意见》，审结金融借款纠纷案件{n:200-3000}件，执行到位金额{y:1-9}元。",
        ]),
        ("提升数字政府效能", [
            "依托“{progl}”平台，推动政务数据跨部门共享，累计共享数据{w:10-900}条。",
            "12345政务服务便民热线全年受理群众诉求{w:1-150}件，按时办结率{pct}，群众满意率{pct}。",
            "推行“{prog}”，{n:100-600}项高频事项实现“掌上办”“指尖办”。",
        ]),
    ]),
    (["完善制度体系，提高依法行政水平", "健全依法行政制度体系", "推进科学民主依法决策"], [
        ("提升立法质效", [
            "{U}人大常委会审议通过《{place}{topic}条例》，于{year}年{n:1-12}月1日起施行。",
            "{U}政府制定出台《{place}{topic}{type}》，立法过程中公开征求意见，收集意见建议{n:60-400}余条，采纳{n:10-90}条。",
            "完成《{place}{topic}条例》立法调研，组织立法听证会{n:1-5}次。",
        ]),
        ("加强规范性文件监督管理", [
            "{U}政府办公室印发《{place}{topic}{type}》，实行统一登记、统一编号、统一发布。",
            "{agency}全年审核{U}政府规范性文件、合同协议及其他涉法文件{n:100-600}件，提出审核意见{n:200-1500}条。",
            "集中清理规范性文件，废止{n:5-40}件、修改{n:5-30}件。",
            "报送{U}人大常委会备案规范性文件{n:5-40}件，备案审查率100%。",
        ]),
        ("规范重大行政决策", [
            "严格执行《重大行政决策程序暂行条例》，向社会公布年度决策事项目录{n:5-30}项。",
            "{U}县两级聘请政府法律顾问{n:100-600}余名，参与审查重大合同、处理涉法事务{n:500-5000}余件。",
            "重大行政决策事项全部经过合法性审查，组织专家论证{n:5-40}次、风险评估{n:3-20}次。",
        ]),
    ]),
    (["坚持严格规范公正文明执法", "推进严格规范公正文明执法", "深化行政执法体制改革"], [
        ("深化综合行政执法改革", [
            "{all}乡镇（街道）综合行政执法机构实现全覆盖，向乡镇（街道）下放执法事项{n:50-300}项。",
            "在{sub}、{sub2}开展“{progg}”试点，执法效率明显提升。",
            "组建市场监管、交通运输、农业农村、文化市场、生态环境{n:3-6}支综合行政执法队伍。",
        ]),
        ("规范行政执法行为", [
            "全面推行行政执法“三项制度”，举办新修订的{law}专题培训{n:4-30}期，培训执法人员近{n:500-5000}人次。",
            "评查行政执法案卷{n:300-3000}卷，优秀率较上年提高{d:1-9}个百分点。",
            "{agency}开展行政执法案卷评查{n:1-5}次，发现并督促整改问题{n:20-120}个。",
            "清理注销不符合条件的执法证件{n:10-120}个，{all}持证执法人员{n:800-9000}名。",
            "对“{progg}”中的涉企执法行为开展专项监督，{U}人大常委会、{U}政协组织执法检查和专题视察{n:2-10}次。",
        ]),
        ("发挥行政复议监督作用", [
            "{all}收到行政复议申请{n:80-900}件，受理{n:60-800}件，办结{n:50-700}件，直接纠错{n:5-60}件，纠错率{d:5-20}%。",
            "行政机关负责人出庭应诉率达100%。",
            "配合{agency}审理行政诉讼案件{n:30-500}件，行政机关负责人出庭应诉率{pct}。",
            "制发行政复议意见书{n:3-30}份，行政复议建议书{n:2-20}份。",
        ]),
    ]),
    (["推进法治社会建设，夯实基层治理基础", "推进基层依法治理和矛盾纠纷化解", "深化法治宣传教育"], [
        ("深入实施“八五”普法", [
            "落实“谁执法谁普法”责任制，在“12·4”国家宪法日期间开展集中宣传活动{n:50-500}场。",
            "在《{short}{paper}》开设法治专栏，刊发稿件{n:20-200}篇；培育“法律明白人”{w:1-9}人。",
            "深入学习宣传民法典、{law}，开展宣传活动{n:100-800}多场，发放资料{w:1-20}份。",
            "{agency}、{agency2}联合制定《{place}法治宣传教育第八个五年规划（2021—2025年）》。",
        ]),
        ("完善公共法律服务", [
            "建成{U}、县、乡、村四级公共法律服务实体平台{n:200-3000}个，12348公共法律服务热线解答咨询{w:1-9}人次。",
            "办理法律援助案件{n:500-9000}件，为受援群众挽回经济损失{y:1-5}元。",
            "全面推行“一村（社区）一法律顾问”制度，村（社区）法律顾问覆盖率{pct}。",
        ]),
        ("加强矛盾纠纷化解", [
            "坚持和发展新时代“枫桥经验”，{all}人民调解组织调解矛盾纠纷{w:1-9}件，调解成功率{pct}。",
            "{agency}牵头建立矛盾纠纷排查化解联席会议机制，全年排查化解矛盾纠纷{n:1000-9000}余件，化解率{pct}。",
            "与{far}建立跨区域矛盾纠纷联调机制，联合化解边界纠纷{n:5-60}起。",
        ]),
        ("自觉接受监督", [
            "主动接受{U}人大常委会法律监督和{U}政协民主监督，办理人大代表建议{n:100-600}件、政协提案{n:100-600}件，按期办复率100%。",
            "{all}政府信息公开申请办理{n:100-2000}件，依法公开率{pct}。",
        ]),
    ]),
    (["加强重点领域执法，守护群众切身利益", "强化行政权力制约和监督", "提升突发事件依法处置能力"], [
        ("加强安全生产执法", [
            "{bureau}开展安全生产专项整治，检查企业{n:500-9000}家次，整改隐患{n:1000-20000}处，罚款{n:100-2000}万元。",
            "依法关闭取缔非法违法生产经营单位{n:5-80}家。",
        ]),
        ("强化生态环境保护", [
            "{bureau}办理环境违法案件{n:50-600}件，罚没金额{n:200-5000}万元。",
            "{all}空气质量优良天数比例达{pct}，地表水国考断面水质优良比例{pct}。",
        ]),
        ("加强审计和统计监督", [
            "{bureau}完成审计项目{n:20-120}个，查出问题金额{y:1-30}元，推动建立完善制度{n:10-80}项。",
            "开展统计造假专项治理，查处统计违法案件{n:3-30}件。",
        ]),
    ]),
    (["全面推进政务公开，提升政府透明度", "加强法治工作队伍建设", "健全行政权力运行监督体系"], [
        ("深化政务公开", [
            "{all}各级行政机关主动公开政府信息{w:1-30}条，依申请公开办理{n:100-2000}件。",
            "{U}政府门户网站开设“{progl}”专栏，发布政策解读{n:50-600}篇，回应社会关切{n:20-300}次。",
            "举办政府开放日活动{n:5-60}场，邀请人大代表、政协委员和群众代表{n:100-2000}人次参加。",
            "修订《{place}{topic}{type}》，明确{n:10-60}类公开事项的标准和时限。",
        ]),
        ("加强法治队伍建设", [
            "{all}新招录公务员{n:50-800}名，全部参加法律知识考试，合格率{pct}。",
            "{agency}组织执法人员参加法律知识培训{n:10-90}期，累计培训{n:1000-12000}人次。",
            "{all}共有执业律师{n:100-5000}名、公证员{n:10-200}名、人民调解员{w:1-5}名。",
            "选派{n:10-90}名业务骨干到{agency}跟班学习，提升依法行政能力。",
        ]),
        ("强化行政权力监督", [
            "{U}纪委监委查处行政执法领域违纪违法问题{n:10-200}个，处分{n:5-120}人。",
            "{agency}对{n:10-80}个部门开展法治督察，下发督察意见书{n:5-50}份，提出整改建议{n:20-200}条。",
            "建立行政执法监督员制度，聘请特邀行政执法监督员{n:20-200}名。",
        ]),
    ]),
]
OPENINGS = [
    "{year}年，{place}人民政府在省委、省政府和{U}委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，统筹推进依法行政各项工作。现将有关情况报告如下。",
    "{year}年，{U}委、{U}政府坚持以习近平法治思想为指导，围绕建设“法治{short}”目标，统筹推进依法治{U}、依法执政、依法行政，法治政府建设各项任务扎实推进。现将有关情况报告如下：",
    "一年来，{place}深入贯彻落实党中央、国务院关于法治政府建设的决策部署，把法治政府建设作为全局性、基础性工作，为高质量发展提供了有力法治保障。现将{year}年度工作情况报告如下。",
]
CLOSINGS = [
    "{year}年，{all}法治政府建设取得积极成效，但也存在一些不足：一是部分领导干部运用法治思维和法治方式的能力还需提高；二是基层执法力量相对薄弱，执法规范化水平不够均衡；三是行政复议化解行政争议主渠道作用发挥还不充分。",
    "{next}年，{place}人民政府将重点做好以下工作：一是深入学习贯彻习近平法治思想；二是持续深化“放管服”改革，擦亮“{progl}”品牌；三是加快推进乡镇（街道）综合行政执法规范化建设；四是深化“八五”普法，推动{all}法治政府建设再上新台阶。",
    "{next}年，我们将以更高标准推进法治政府建设，力争执法人员持证率达到{pct}以上，村（社区）法律顾问覆盖率保持100%。",
]
SUB_STYLES = ["（{k}）", "({k})", "{n}."]


@lru_cache(maxsize=1)
def places() -> tuple[list[Division], dict[str, list[Division]]]:
    gazetteer = load()
    children: dict[str, list[Division]] = {}
    for division in gazetteer.by_code.values():
        if division.parent:
            children.setdefault(division.parent, []).append(division)
    issuers = [d for d in gazetteer.by_code.values()
               if d.level in (PROVINCE, CITY, COUNTY) and not d.name.endswith(("辖区", "辖县"))]
    issuers.sort(key=lambda d: d.code)
    return issuers, children


def _unit(division: Division) -> str:
    """The character that stands for the issuer's level: 省, 市, 县, 区, 州, 旗."""
    last = division.name[-1]
    if division.level == PROVINCE:
        return "省" if last == "省" else ("区" if last == "区" else "市")
    return last if last in "市县区州旗盟" else "市"


class Report:
    """One report: an issuer, a year and a seeded random source for its slots."""

    def __init__(self, rng: random.Random) -> None:
        issuers, children = places()
        gazetteer = load()
        self.rng = rng
        self.place = rng.choice(issuers)
        self.unit = _unit(self.place)
        parent = gazetteer.by_code.get(self.place.parent) if self.place.parent else None
        subs = children.get(self.place.code, [])
        siblings = [d for d in children.get(self.place.parent or "", []) if d.code != self.place.code]
        self.subs = subs or siblings or [self.place]
        self.subkind = {PROVINCE: "市州", CITY: "县市区"}.get(self.place.level, "乡镇（街道）")
        self.far = rng.choice(issuers)
        self.parent = parent
        self.year = rng.randint(2019, 2024)
        self.short = self.place.short or self.place.name

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))

    def number(self, kind: str, arg: str) -> str:
        rng = self.rng
        low, high = (int(x) for x in arg.split("-")) if arg else (1, 100)
        if kind == "n":
            return str(rng.randint(low, high))
        if kind == "d":
            return f"{rng.uniform(low, high):.1f}"
        if kind == "w":
            return f"{rng.uniform(low, high):.1f}万"
        if kind == "y":
            return f"{rng.uniform(low, high):.2f}".rstrip("0").rstrip(".") + "亿"
        raise ValueError(kind)

    def slot(self, name: str, arg: str) -> str:
        rng = self.rng
        if name in ("n", "d", "w", "y"):
            return self.number(name, arg)
        if name == "pct":
            return f"{rng.uniform(85, 99.9):.1f}%"
        simple = {
            "U": self.unit, "place": self.place.name, "short": self.short, "all": "全" + self.unit,
            "year": str(self.year), "next": str(self.year + 1), "prev": str(self.year - 1),
            "subkind": self.subkind,
        }
        if name in simple:
            return simple[name]
        if name in ("sub", "sub2"):
            return rng.choice(self.subs).name
        if name == "far":
            return self.far.name
        if name == "ord":
            return rng.choice(ORDINALS[:6])
        if name == "person":
            return self.person()
        if name in ("agency", "agency2"):
            return self.unit + rng.choice(BUREAUS + ORGANS)
        if name == "bureau":
            return self.unit + rng.choice(BUREAUS)
        if name == "topic":
            return rng.choice(TOPICS)
        if name == "type":
            return rng.choice(DOC_TYPES)
        if name == "law":
            return rng.choice(["行政处罚法", "行政许可法", "行政复议法", "法律援助法", "安全生产法",
                               "长江保护法", "个人信息保护法", "家庭教育促进法", "反电信网络诈骗法"])
        if name == "prog":
            return rng.choice(PROGRAM_STEMS + PROGRAM_GENERIC)
        if name == "progl":
            return rng.choice(PROGRAM_LOCAL).format(s=self.short)
        if name == "progg":
            return rng.choice(PROGRAM_GENERIC)
        if name == "paper":
            return rng.choice(PAPERS)
        raise KeyError(name)

    def fill(self, pattern: str) -> str:
        return re.sub(r"\{(\w+)(?::([\d-]+))?\}", lambda m: self.slot(m.group(1), m.group(2) or ""), pattern)

    def text(self) -> str:
        rng = self.rng
        title = f"{self.place.name}人民政府关于{self.year}年度法治政府建设情况的报告"
        lines = [title, ""]
        if rng.random() < 0.3:
            published = f"{self.year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
            lines.insert(0, f"来源：{self.place.name}司法局  发布时间：{published}")
        if self.parent is not None and rng.random() < 0.5:
            lines.append(f"{self.parent.name}人民政府：")
        lines += [self.fill(rng.choice(OPENINGS)), ""]
        parts = rng.sample(PARTS, rng.randint(5, len(PARTS)))
        style = rng.choice(SUB_STYLES)
        for number, (headings, subparts) in enumerate(parts, 1):
            lines.append(f"{ORDINALS[number - 1]}、{rng.choice(headings)}")
            for k, (heading, patterns) in enumerate(rng.sample(subparts, len(subparts)), 1):
                label = style.format(k=ORDINALS[k - 1], n=k)
                chosen = rng.sample(patterns, rng.randint(2, len(patterns)))
                chosen += [rng.choice(patterns) for _ in range(rng.randint(1, 3))]  # the same pattern, new slots
                lines.append(label + heading + "。" + "".join(self.fill(p) for p in chosen))
            lines.append("")
        lines.append(f"{ORDINALS[len(parts)]}、存在的问题和{self.year + 1}年工作打算")
        lines += [self.fill(p) for p in CLOSINGS]
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    """The report's bytes in one of the encodings met in the wild, and that encoding's name."""
    roll = rng.random()
    if roll < 0.75:
        return text.encode("utf-8"), "utf-8"
    if roll < 0.85:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    if roll < 0.95:
        return text.encode("gb18030"), "gb18030"
    return text.encode("utf-16"), "utf-16"


def generate(n: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write n reports into folder as report-00001.txt …; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        rng = random.Random(f"{seed}-{i}")
        report = Report(rng)
        text = report.text()
        if rng.random() < 0.2:
            text = _to_traditional().convert(text)
        data, _ = encode(text, rng)
        path = folder / f"report-{i:05d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.n, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} reports ({size / 1e6:.1f} MB) into {args.folder}")


if __name__ == "__main__":
    main()
