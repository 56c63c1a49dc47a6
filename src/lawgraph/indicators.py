"""Which concept of the indicator scheme (ontology/indicators.ttl) a metric measures.

`concept_of(indicator, unit, sentence, at)` is a pure function of a metric's words: the sentence it stands in,
where its figure starts there, and its unit (the indicator only serves to find the figure when `at` is not
given). It answers a concept's name (`reconsideration-applications`) or None, and never a concept whose units
do not include the metric's: a % is never a count of cases.

It reads the sentence folded (simplified characters, half-width forms), around the figure:

1. What is counted: the words just before the figure, back to the clause's start or to the figure before it
   (受理 in 收到行政复议申请574件，受理444件), and the words right after it (开展执法资格考试2次; 174人参加).
   Each of `RULES` names a concept and the words (`what`) that say a figure is one of it; of the rules that
   match, the one whose words stand nearest the figure wins, then the first in the table, then a narrower
   concept matched beside it (高频政务服务事项“跨省通办”: the cross-region items, not all service items).
2. What it is about: 受理, 办结 or 成功率 are said of many things. A rule may ask for a topic: the topic cue
   nearest before the figure (行政复议, 12345热线, 调解 …), or one in the words after it. A rule may ask for
   words earlier in the sentence (`context`) or in the figure's clause and the next (`needs`: 常务会议…研究法治).
3. What it is not: a change (同比增长8.7%), a target (力争…), lists counted rather than their items, organs or
   places counted (对12个乡镇…; only the rules that count them apply), and the words a rule excludes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .fold import narrow, to_simplified
from .resources import ontology_file
from .vocab import INDICATORS

SCHEME_FILE = "indicators.ttl"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_LG = "https://w3id.org/lawgraph/ontology#"
_SCRIPTS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


@dataclass(frozen=True)
class Concept:
    """A concept of the scheme: its name (the IRI's last segment), labels by language, broader concepts, and,
    for a measurable concept, its quantity kind (Count, PersonCount, Money, Rate, Duration) and units."""

    name: str
    labels: dict[str, str]
    broader: tuple[str, ...] = ()
    kind: str | None = None
    units: frozenset[str] = frozenset()

    @property
    def iri(self) -> str:
        return INDICATORS + self.name

    def ancestors(self, scheme: dict[str, Concept]) -> list[str]:
        """The broader concepts up to the top, nearest first."""
        out: list[str] = []
        todo = list(self.broader)
        while todo:
            name = todo.pop(0)
            if name not in out:
                out.append(name)
                todo += scheme[name].broader
        return out


@lru_cache(maxsize=1)
def scheme() -> dict[str, Concept]:
    """The concepts of ontology/indicators.ttl by name."""
    from pyoxigraph import RdfFormat, parse

    labels: dict[str, dict[str, str]] = {}
    broader: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    units: dict[str, set[str]] = {}
    concepts: set[str] = set()
    with ontology_file(SCHEME_FILE).open("rb") as stream:
        for triple in parse(stream, RdfFormat.TURTLE):
            subject = triple.subject.value
            if not subject.startswith(INDICATORS):
                continue
            name, predicate, obj = subject[len(INDICATORS):], triple.predicate.value, triple.object
            if predicate.endswith("#type") and obj.value == _SKOS + "Concept":
                concepts.add(name)
            elif predicate == _SKOS + "prefLabel":  # Oxigraph gives tags in lower case: zh-Hans as written
                labels.setdefault(name, {})[_SCRIPTS.get(obj.language, obj.language)] = obj.value
            elif predicate == _SKOS + "broader":
                broader.setdefault(name, []).append(obj.value[len(INDICATORS):])
            elif predicate == _LG + "quantityKind":
                kinds[name] = obj.value[len(_LG):]
            elif predicate == _LG + "expectedUnit":
                units.setdefault(name, set()).add(obj.value)
    return {name: Concept(name, labels.get(name, {}), tuple(sorted(broader.get(name, ()))), kinds.get(name),
                          frozenset(units.get(name, ()))) for name in sorted(concepts)}


# -- topics: what a sentence is about at a point. The cue nearest before the figure decides (the longer of two
# cues that end together: 12348公共法律服务热线 is the legal hotline's, not 12345's).
TOPICS: dict[str, str] = {
    "reconsideration": r"行政复议(?!法)|复议(?!法)",
    "litigation": r"行政诉讼|行政应诉|应诉|行政案件|出庭|败诉",
    "hotline": r"12345[^，,；;。]{0,12}?热线|12345|市长热线|便民热线|热线",
    "legal-hotline": r"12348[^，,；;。]{0,12}?热线|12348",
    "legal-aid": r"法律援助|受援",
    "mediation": r"调解(?!和解)|调处|矛盾纠纷|纠纷|调委会",
    "normative-documents": r"规范性文件",
    "rules": r"政府规章|规章",
    "regulations": r"地方性法规",
    "decisions": r"重大行政决策|决策事项|决策",
    "advisers": r"法律顾问|公职律师",
    "enforcement": r"执法|行政处罚",
    "proposals": r"人大代表建议|人大建议|代表建议|政协[^，,；;。]{0,6}提案|提案",
    "disclosure": r"政府信息公开|依申请公开|信息公开|政务公开",
    "inspection": r"督察|督查|评估发现|整改",
    "exams": r"考试|考法",
    "publicity": r"普法|法治宣传|宣传|宪法日|宪法宣传|民法典",
    "legal-services": r"公共法律服务",
    "study": r"学法|学习",
    "approval": r"审批|许可(?!法)|权责清单|权力清单|放管服",
    "cross-region": r"(?:跨省|全省|跨市|全市|跨区|全区|跨县|全国|跨域|异地|点对点)[^，,；;。]{0,3}通办",
    "services": r"政务服务|一网通办|一件事|办件|网上可办|网办",
}
_TOPIC_REACH = 160  # characters before a figure where its topic is looked for
_TOPIC_CUES = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{cue})" for name, cue in TOPICS.items()))
# What a figure counts when the words right after it name organs, places or parts rather than the things a
# concept counts (对全县12个乡镇…梳理, 在…等5个方面, 缩减271个环节): only concepts that count such units apply;
# and when a facility follows the place (150个乡镇(街道)公共法律服务工作站), the facility is what is counted.
_UNIT_NOUN = re.compile(r"^(?:重点|各|所属|全部|其他|有关|相关|行政)?"
                        r"(?:乡镇|镇街|镇\(街道\)|街道|区镇|区[、和]|县区|县市|县\(市|县政府|县直|县级部门|区直"
                        r"|区级部门|市直|市级部门|州级部门|州直|市州|省直|地市|设区市|部门|单位|成员单位|机关"
                        r"|负责人|一把手|村|社区|园区|方面|环节|窗口|派出所|城市|领域|地区|大类|行业|自贸区)")
_UNIT_NOUN_END = re.compile(r"(?:窗口|派出所|部门|单位|成员单位|乡镇|街道|方面|环节)$")
_FACILITY = re.compile(r"^[^，,；;。、]{0,14}?(?:工作站|工作室|服务中心|服务站|调委会|调解委员会|调解室|法律顾问)")


@dataclass(frozen=True)
class Rule:
    """A concept and the words that say a figure is one of it.

    `what` is looked for in the words just before the figure (its clause, after any figure before it) and in
    the words right after it; `topic`, if given, must be the figure's topic; `context` must be found in the
    sentence before the figure, `needs` in the figure's clause or the next; `unless` rules it out where found
    around the figure. A rule of `units` counts organs, places or persons named after the figure (对13个重点部门
    开展督察): `what` is then looked for anywhere in the figure's clause."""

    concept: str
    what: re.Pattern[str]
    topic: tuple[str, ...] = ()
    context: re.Pattern[str] | None = None
    needs: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    units: bool = False


def _rule(concept: str, what: str, topic: str = "", *, context: str = "", needs: str = "", unless: str = "",
          units: bool = False) -> Rule:
    def compiled(pattern: str) -> re.Pattern[str] | None:
        return re.compile(pattern) if pattern else None

    return Rule(concept, re.compile(what), tuple(topic.split()), compiled(context), compiled(needs),
                compiled(unless), units)


_ITEM = r"[^，,；;。]"  # a character inside the clause
# Ordered: of the rules whose words match nearest the figure, the first wins. Patterns are on simplified,
# half-width text.
RULES: tuple[Rule, ...] = (
    # -- administrative reconsideration
    _rule("reconsideration-correction-rate", r"纠错率", "reconsideration", unless=r"引发"),
    _rule("reconsideration-corrected", r"纠错|撤销|变更|确认违法", "reconsideration"),
    _rule("reconsideration-opinion-letters", r"意见书|建议书", "reconsideration"),
    _rule("reconsideration-mediated", r"调解|和解", context=r"复议", unless=r"矛盾|纠纷|调解员|调委会"),
    _rule("reconsideration-applications", r"复议申请|收到|新收|申请", "reconsideration", unless=r"卷宗|评查|培训"),
    _rule("reconsideration-accepted", r"受理", "reconsideration"),
    _rule("reconsideration-concluded", r"审结|办结|结案", "reconsideration", unless=r"卷宗|评查|调解|和解"),
    # -- administrative litigation
    _rule("heads-in-court-rate", r"出庭(?:应诉)?率"),
    _rule("heads-in-court", rf"负责人{_ITEM}{{0,8}}出庭", unless=r"率"),
    _rule("litigation-loss-rate", r"败诉率"),
    _rule("litigation-cases-lost", r"败诉", unless=r"率"),
    _rule("litigation-cases-concluded", r"审结|结案|办结", "litigation"),
    _rule("litigation-cases", r"行政诉讼案件|行政应诉案件|应诉案件|行政案件|出庭应诉|应诉", "litigation",
          unless=r"审结|结案"),
    _rule("judicial-recommendations", r"司法建议|检察建议"),
    # -- people's congress and CPPCC
    _rule("congress-suggestions", r"人大代表建议|人大建议|代表建议"),
    _rule("cppcc-proposals", rf"政协{_ITEM}{{0,6}}提案|委员提案|提案", unless=r"建议提案"),
    _rule("proposal-reply-rate", r"办复率|答复率", "proposals"),
    # -- 12345 hotline
    _rule("hotline-satisfaction-rate", r"满意率", "hotline"),
    _rule("hotline-callback-rate", r"回访率", "hotline"),
    _rule("hotline-resolution-rate", r"办结率|解决率|办理率", "hotline", unless=r"留言"),
    _rule("hotline-concluded", r"办结", "hotline"),
    _rule("hotline-requests", r"诉求|来电|工单|受理|接听|话务|咨询", "hotline", unless=r"涉法|转办"),
    # -- public legal services and legal aid
    _rule("legal-hotline-calls", r"咨询|来电|接听|解答|接通", "legal-hotline"),
    _rule("legal-aid-cases", rf"法律援助{_ITEM}{{0,6}}案件|援助案件", unless=r"优秀|抽检|评查"),
    _rule("legal-aid-recovered", r"挽回|经济损失|经济补偿|追回", context=r"法律援助|受援"),
    _rule("legal-consultations", rf"法律咨询|解答{_ITEM}{{0,4}}咨询|接待{_ITEM}{{0,6}}咨询"),
    _rule("legal-service-platforms",
          rf"公共法律服务{_ITEM}{{0,4}}(?:中心|工作站|工作室|站|室|平台)|(?:工作站|工作室|服务中心)$",
          "legal-services"),
    _rule("notarisations", r"公证(?!员|处|机构|预约|咨询)"),
    _rule("forensic-appraisals", r"鉴定案件|司法鉴定"),
    _rule("arbitration-cases", r"仲裁案件|仲裁"),
    _rule("village-legal-adviser-coverage", rf"(?:村|社区){_ITEM}{{0,8}}法律顾问{_ITEM}{{0,6}}覆盖率"),
    # -- mediation
    _rule("mediation-success-rate", r"成功率|化解率|调解率", "mediation"),
    _rule("mediation-organisations", r"调委会|调解委员会|调解组织$|调解工作室|调解室"),
    _rule("mediators-trained", r"调解员", unless=r"管理办法"),
    _rule("disputes-mediated", r"矛盾纠纷|纠纷", "mediation",
          unless=r"涉外|涉台|商事|商标|边界|侵权|法院|金融|涉企|劳动|警调|诉调"),
    # -- legal advisers
    _rule("legal-adviser-matters",
          rf"法律顾问{_ITEM}{{0,12}}(?:涉法事务|事务|合同|事项|论证)|(?:参与|处理){_ITEM}{{0,10}}涉法事务"),
    _rule("legal-advisers", r"法律顾问"),
    _rule("public-lawyers", r"公职律师"),
    # -- normative documents, legislation and legality review
    _rule("normative-documents-filing-rate", rf"报备{_ITEM}{{0,4}}率|备案{_ITEM}{{0,4}}率", "normative-documents"),
    _rule("normative-documents-filed", r"备案审查|报备|备案", "normative-documents", unless=r"决策"),
    _rule("normative-documents-corrected", r"纠正", "normative-documents"),
    _rule("normative-documents-repealed", r"废止|失效", "normative-documents"),
    _rule("normative-documents-cleared", r"清理", "normative-documents"),
    _rule("information-published", r"信息$|文件$", needs=r"公开|公示", unless=r"申请|审核|审查|备案|清理"),
    _rule("contracts-reviewed", r"合同(?:协议)?|协议"),
    _rule("legality-reviews", r"涉法文件|涉法事务|审核文件|审查文件|合法性审[核查]", unless=r"法律顾问|公职律师"),
    _rule("normative-documents-reviewed", rf"审[核查]{_ITEM}{{0,16}}规范性文件|^(?:行政)?规范性文件$",
          "normative-documents", unless=r"入库|数据库|公开|发布|整理|清理|废止|失效|修改|评估|备案|报备"),
    _rule("review-opinions", r"(?:修改|审核|审查|法律)意见"),
    _rule("local-regulations", r"地方性法规"),
    _rule("government-rules", r"规章", unless=r"备案|审查|审核"),
    # -- major decisions
    _rule("decision-hearings", r"听证"),
    _rule("decision-expert-reviews", r"专家论证"),
    _rule("public-comments-adopted", r"采纳", "decisions rules regulations"),
    _rule("public-comments", r"征求意见|公开征求"),
    _rule("public-comments", rf"意见建议|收到{_ITEM}{{0,4}}建议", "decisions rules regulations"),
    _rule("major-decisions", r"重大行政决策|决策事项"),
    # -- law enforcement
    _rule("enforcement-exams", r"执法资格考试|资格考试"),
    _rule("enforcement-certificates-revoked", r"注销|收回|吊销", context=r"执法"),
    _rule("enforcement-certificates-issued", r"执法证|持证|证件", context=r"执法", unless=r"注销|率"),
    _rule("enforcement-trainees", rf"培训{_ITEM}{{0,4}}执法|执法人员|执法骨干|^培训$", "enforcement",
          needs=r"培训|轮训", unless=r"新增|下沉|充实|全过程"),
    _rule("enforcement-training-sessions", r"培训|轮训", "enforcement"),
    _rule("case-file-pass-rate", r"合格率|优秀率", "enforcement"),
    _rule("case-files-reviewed", r"案卷", "enforcement", unless=r"问题"),
    _rule("lenient-enforcement-cases", rf"不予{_ITEM}{{0,4}}处罚|免罚|轻罚|首违不罚|免予处罚|减轻处罚"),
    _rule("administrative-penalties", rf"行政处罚(?!权|法)|查处{_ITEM}{{0,6}}案件|处罚案件|立案"),
    _rule("administrative-coercion", r"行政强制(?!法)"),
    _rule("administrative-inspections", r"行政检查|联合检查|联合抽查|综合查一次|双随机|抽查(?!案卷)|执法检查",
          unless=r"减少|下降|案卷|占比|比例|频次|人大|政协"),
    _rule("enforcement-items-delegated", rf"(?:下放|赋予|划转){_ITEM}{{0,10}}执法事项|执法事项", unless=r"问题"),
    _rule("enforcement-personnel", r"执法人员|执法力量", unless=r"培训|持证|证件|考试|资格"),
    _rule("enforcement-actions", r"执法$|协作执法|联合执法|开展执法", "enforcement"),
    # -- approval, services and the business environment
    _rule("approval-streamlining-rate", r"精简(?:比例|率)"),
    _rule("powers-delegated", r"许可事项|权限|权力|事项", context=r"承接|下放|赋予|赋权",
          unless=r"执法|材料|时限|园区|取消|精简|清单"),
    _rule("approval-items-cancelled",
          rf"取消|下放{_ITEM}{{0,4}}审批|精简|清理{_ITEM}{{0,20}}审批|审批事项{_ITEM}{{0,4}}清理",
          unless=r"材料|证明|环节|时限|时间|中介|队伍"),
    _rule("powers-delegated", r"下放|赋予|赋权|承接", unless=r"执法|材料|时限|园区"),
    _rule("power-list-items", r"权力事项|权责事项|职责事项|权力清单|权责清单|责任清单事项|厘清",
          unless=r"移交|新增|扩大"),
    _rule("licensing-items", rf"许可事项|审批事项|证照分离{_ITEM}{{0,8}}事项",
          unless=r"中介|取消|下放|精简|细化|非行政许可"),
    _rule("integrated-services", r"一件事|集成服务|服务套餐", unless=rf"办理{_ITEM}{{0,10}}套餐|规范|标准"),
    _rule("cross-region-service-items", TOPICS["cross-region"] + r"|通办事项"),
    _rule("online-service-rate", r"网上可办率|可网办率|一网通办.?率|全程网办率|网上办理率|网办率"),
    _rule("service-cases", rf"办件|办理{_ITEM}{{0,6}}政务服务事项|受理|^办理$|办理办结", "services approval",
          unless=r"诉求|复议|申请公开|许可事项"),
    _rule("service-items", r"服务事项|一窗受理|全代办|网上可办|高频事项|零材料", unless=r"办理|办结|中介"),
    _rule("tax-fee-reductions", r"减税降费|减负|退税"),
    _rule("enterprise-support-funds", rf"惠企资金|优惠政策资金|兑现{_ITEM}{{0,8}}资金", unless=r"基金"),
    _rule("business-startup-days", r"企业开办"),
    _rule("new-market-entities",
          rf"新增市场主体|新设{_ITEM}{{0,4}}(?:经营|市场)主体|新登记{_ITEM}{{0,4}}主体|新设企业"),
    # -- leadership, plans, inspection and assessment
    _rule("rectification-rate", rf"整改{_ITEM}{{0,4}}率"),
    _rule("rectification-measures", r"整改措施"),
    _rule("units-inspected", r"督察|督查", units=True),
    _rule("inspection-issues", r"问题(?!清单)", "inspection", unless=r"整改到位|已整改|台账|营商环境"),
    _rule("assessment-weight", r"权重|分值(?:占比|比重|权重)?|考核占比"),
    _rule("law-duty-reports", r"述法", units=True),
    _rule("law-duty-reports", r"述法"),
    _rule("plan-tasks", r"重点任务|年度任务|具体措施|重要举措|^举措|示范任务|细化任务|任务",
          context=r"法治|依法|纲要|方案|要点|规划"),
    _rule("leadership-meetings",
          r"(?:常委会|常务会议?|党组会|委员会(?:全体)?(?:扩大)?会议|专题会议|会议)$", needs=r"法治|依法",
          unless=r"学法|学习|讲法|涉法议题"),
    _rule("leadership-meetings",
          rf"(?:研究|听取|部署){_ITEM}{{0,10}}法治|法治{_ITEM}{{0,10}}议题|主持召开{_ITEM}{{0,8}}会议?",
          needs=r"法治|依法", unless=r"学法|学习|讲法|涉法议题"),
    # -- officials' study of law
    _rule("executive-meeting-law-study",
          rf"会前学法|常务会议?{_ITEM}{{0,6}}学法|集体学法|^学法$|常务会议?{_ITEM}{{0,8}}学习{_ITEM}*法",
          unless=r"中心组|考试"),
    # 讲法 at the executive meeting (市政府常务会议坚持开展“局长讲法”…讲法活动5次), not leaders' rotating talks
    # elsewhere
    _rule("executive-meeting-law-study", r"讲法(?!治)", context=r"常务会", unless=r"中心组|考试"),
    _rule("theory-group-law-study", r"中心组"),
    _rule("court-hearings-attended", r"旁听"),
    _rule("law-exam-pass-rate", r"合格率|参考率|优秀率", "exams"),
    _rule("law-exam-takers", r"参加|参考|参与|考生", "exams", unless=r"率"),
    _rule("law-exam-sessions", r"考试", unless=r"资格"),
    _rule("law-lectures", r"讲座|专家授课|辅导报告|法治课"),
    _rule("cadre-training-sessions",
          rf"干部{_ITEM}{{0,12}}(?:培训|进修|研讨|轮训)|法治{_ITEM}{{0,4}}培训|^班次|^(?:专题)?培训$",
          context=r"干部|学法|中心组|法治思想", unless=r"执法"),
    _rule("cadres-trained", rf"培训{_ITEM}{{0,10}}干部|干部$|领导干部{_ITEM}{{0,8}}培训|^培训$",
          context=r"干部|学法|法治培训|中心组", unless=r"执法|调解"),
    # -- law popularisation
    _rule("legal-understanders", r"法律明白人", unless=r"工作群|培训$|^培训"),
    _rule("rule-of-law-culture-sites", r"法治文化(?:公园|广场|长廊|阵地|主题公园)|法治宣传教育基地|法治教育基地"),
    _rule("demonstration-villages", r"民主法治示范|民主法治村"),
    _rule("publicity-materials", r"资料|读本|手册|宣传册|汇编|法律指引", unless=r"推送"),
    _rule("publicity-articles", r"稿件|专栏|栏目|普法在线|作品|节目"),
    _rule("publicity-participants", r"覆盖群众|受众|受教育|参观|服务群众|参与|参加",
          context=r"普法|法治宣传|宣传|宪法|民法典|法治教育|法治文化"),
    _rule("publicity-activities", r"活动|宣传|大讲堂|巡演|宣讲",
          context=r"普法|法治宣传|宪法|民法典", unless=r"学习宣传贯彻|征集|作品|月$|周$"),
    # -- government information disclosure and audit
    _rule("disclosure-applications", r"依申请公开|公开申请|信息公开申请"),
    _rule("information-published",
          rf"公开{_ITEM}{{0,10}}(?:信息|文件)|公示{_ITEM}{{0,20}}信息|发布{_ITEM}{{0,8}}信息", unless=r"申请"),
    _rule("information-published", r"信息$|文件$", needs=r"公开|公示", unless=r"申请|审核|审查|备案|清理"),
    _rule("audit-projects", r"审计项目"),
)

_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]")
_WRAP = re.compile(r"[ \t\u3000]*\r?\n[ \t\u3000]*")
_FIGURE = re.compile(r"[0-9.,零〇一二两三四五六七八九十百千万亿 ]*")
_QUALIFIER = re.compile(r"(?:余|多|以上|左右|以内|以下|上下)")
_DIGIT = re.compile(r"[0-9]")
# A change or a comparison, not a level: 同比增长8.7%, 较上年提高3个百分点 (but 下降至5.6% is a level).
_CHANGE = re.compile(r"(?:同比|较上年|比上年|较去年|增长|增幅|下降|降低|提高|提升|上升|减少|压缩|压减|缩短|缩减)"
                     r"(?!至|到)[^，,；;。]{0,4}$")
_TARGET = re.compile(r"力争|计划|目标|预计|至少|不少于|不低于")
_RATE_WORD = re.compile(r"率|比例|占比|比重")
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|扩大|压减|压缩|减少|降低|下降|缩短|缩减|降|减|增)(?:至|到)$")
_FILLER_END = re.compile(r"(?:等|共|共计|累计|合计|达到|达|分别|均为|均达|均|为|约|近|超过|超|逾)+$")
_ASIDE = re.compile(r"\([^()]*\)$")
_UNIT_AHEAD = re.compile(r"^(?:场次|人次|件次|户次|家次|个工作日|[件项个次场期名人家份条部起宗卷篇册批类])")


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Simplified characters and half-width forms, character for character (offsets are kept). A sentence with
    several figures is folded once."""
    return to_simplified(narrow(text))


@cache
def _rules_in(unit: str) -> tuple[tuple[int, Rule], ...]:
    """The rules (with their place in the table) whose concept takes figures in `unit`."""
    return tuple((order, rule) for order, rule in enumerate(RULES) if unit in _units(rule.concept))


@dataclass(frozen=True)
class _Around:
    """The words around a figure, folded: the sentence before it, its clause's words before it (`left`: after
    any figure before it in the clause; `wide`: the whole clause before it), the words right after it up to the
    next figure (`right`), and its clause with the next (`local`)."""

    before: str
    left: str
    wide: str
    right: str
    local: str


def _around(text: str, unit: str, at: int) -> _Around:
    before = text[:at]
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    wide = before[clause_start:].rstrip()
    if (changed := _CHANGED_TO.search(wide)) and "由" in wide[:changed.start()]:
        wide = wide[:wide.rindex("由", 0, changed.start())]  # 权责事项由2711项减至2656项: 权责事项
    left = wide
    if figures := list(_DIGIT.finditer(wide)):  # the words after the clause's last figure and its unit
        left = _UNIT_AHEAD.sub("", wide[figures[-1].end():].lstrip("0123456789.,万亿 余多"), count=1)
    left = _ASIDE.sub("", left.strip())  # 法治讲座(培训、报告会): what is counted stands before an aside
    end = at + len(_FIGURE.match(text, at).group())
    if unit and (found := text.find(unit, end, end + 4)) >= 0:
        end = found + len(unit)
    qualifier = _QUALIFIER.match(text, end)
    end = qualifier.end() if qualifier else end
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, end)]
    clause_end = breaks[0] if breaks else len(text)
    digit = _DIGIT.search(text, end, clause_end)
    right = text[end:digit.start() if digit else clause_end].strip(" %")
    if right.startswith(("、", "和", "及", "(")):
        right = ""  # a list goes on (the next item is counted there), or an aside
    local_end = breaks[1] if len(breaks) > 1 else len(text)
    return _Around(before, left, wide, right, text[clause_start:local_end])


def concept_of(indicator: str, unit: str, sentence: str, at: int | None = None) -> str | None:
    """The name of the concept a metric measures, or None. `at`: where the metric's figure starts in `sentence`
    (without it, just after the indicator's first occurrence there)."""
    unit = fold(unit or "").strip()
    if unit not in _all_units():
        return None
    text, what = fold(sentence), fold(indicator or "")
    if at is None:
        found = text.find(what) if what else -1
        at = found + len(what) if found >= 0 else len(text)
    if "\n" in text:  # a sentence wrapped at a page's width (pdftotext): read it unwrapped
        at -= sum(len(m.group()) for m in _WRAP.finditer(text, 0, at))
        text = _WRAP.sub("", text)
    around = _around(text, unit, max(0, min(at, len(text))))
    left = around.left if len(around.left.lstrip("、和及与")) > 1 else around.wide  # 分别播出237期、316期
    left = _FILLER_END.sub("", left)  # 召开常务会议、专题会议等|5次
    if left.lstrip("(").startswith("其中") and around.left != around.wide:
        left = around.wide  # 发放执法证562人(其中乡镇街道152人): a part of what the clause counts
    if _TARGET.search(around.wide) or (unit == "%" and _CHANGE.search(left)):
        return None
    if unit in ("个", "份") and left.endswith(("清单", "目录")):
        return None  # lists counted, not their items
    topic: list[str | None] = []  # found when a rule first asks for it

    def topic_is(wanted: tuple[str, ...]) -> bool:
        if not topic:
            topic.append(_topic(around.right) or _topic(around.before[-_TOPIC_REACH:]))
        return topic[0] in wanted

    counts_units = bool(_UNIT_NOUN.match(around.right) or (not around.right and _UNIT_NOUN_END.search(left))) \
        and not _FACILITY.match(around.right)
    rate_end = max((m.end() for m in _RATE_WORD.finditer(left)), default=0) if unit == "%" else 0
    found: list[tuple[int, int, str]] = []  # (distance from the figure, rule order, concept)
    for order, rule in _rules_in(unit):
        if counts_units != rule.units:
            continue
        if rule.units:
            distance = 0 if rule.what.search(around.local) else None
        else:
            distance = _distance(rule.what, left, around.right, rate_end)
        if distance is None or (rule.topic and not topic_is(rule.topic)):
            continue
        if rule.context and not rule.context.search(around.before):
            continue
        if rule.needs and not rule.needs.search(around.local):
            continue
        if rule.unless and (rule.unless.search(around.wide) or rule.unless.search(around.right)):
            continue
        found.append((distance, order, rule.concept))
    if not found:
        return None
    best = min(found)[2]
    scheme_ = scheme()
    narrower = [c for c in sorted(found) if best in scheme_[c[2]].ancestors(scheme_)]
    return narrower[0][2] if narrower else best  # 高频政务服务事项“跨省通办”: the narrower concept


def _distance(what: re.Pattern[str], left: str, right: str, rate_end: int) -> int | None:
    """How far from the figure `what` matches: characters between the figure and the match, on either side.
    For a rate, the match must take in the rate word nearest the figure (网上可办率和…覆盖率均达100%: 覆盖率)."""
    nearest = match.start() if right and (match := what.search(right)) else None
    if what.search(left) is not None:  # most rules match nowhere: one search each side tells
        for match in what.finditer(left):
            if match.end() >= rate_end and (nearest is None or len(left) - match.end() < nearest):
                nearest = len(left) - match.end()
    return nearest


def _topic(text: str) -> str | None:
    """The topic whose cue ends nearest the end of `text` (the longer cue of two that end together)."""
    best: tuple[int, int, str] | None = None
    for match in _TOPIC_CUES.finditer(text):
        key = (match.end(), match.end() - match.start())
        if best is None or key > best[:2]:
            best = (*key, (match.lastgroup or "").replace("_", "-"))
    return best[2] if best else None


@cache
def _units(concept: str) -> frozenset[str]:
    return scheme()[concept].units


@lru_cache(maxsize=1)
def _all_units() -> frozenset[str]:
    return frozenset(u for c in scheme().values() for u in c.units)
