"""Robustness: the real reports saved as users' files come, scored as they are stored.

    .venv/bin/python benchmarks/robustness.py [dev|test|all]

Each variant rewrites every annotated real report of the part (data/real/dev, data/real/test or both) the way a
file of the genre is met in the wild (Windows line ends in GB18030, indented paragraphs, a PDF's lines wrapped at
the page's width, traditional script …), writes it with its annotation to a temporary folder, and scores it with
`lawgraph eval`'s own scorer. Metrics are left out (their gold offsets would move with the text); entities,
issuedBy and the jurisdiction are compared with the reports as stored. A variant that reads as the stored text
scores the same; every difference is a phrasing lawgraph reads only one way.

Prints the Markdown table of docs/real-reports.md ("Files as users save them").
"""

from __future__ import annotations

import html
import io
import json
import sys
import tempfile
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

import docx
import opencc

from lawgraph.evaluate import entities_total, evaluate_one, micro_average

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
CLASSES = ("entities", "Agency", "Regulation", "Program", "Relation.issuedBy")
PAGE_COLUMNS = 70  # a PDF page's line, in GB18030 columns (a Chinese character two, ASCII one)


def _wrapped(text: str) -> str:
    """Every paragraph broken at the page's width, as pdftotext gives a PDF's lines."""
    lines = []
    for paragraph in text.split("\n"):
        line, width = "", 0
        for char in paragraph:
            columns = len(char.encode("gb18030", "replace"))
            if width + columns > PAGE_COLUMNS:
                lines.append(line)
                line, width = "", 0
            line, width = line + char, width + columns
        lines.append(line)
    return "\n".join(lines)


def _each_line(text: str, before: str = "", after: str = "") -> str:
    return "\n".join(before + line + after if line.strip() else line for line in text.split("\n"))


def _run_together(text: str) -> str:
    """The title on its line, every paragraph after it run into one, as some scrapers give a page."""
    title, _, body = text.partition("\n")
    return title + "\n" + " ".join(line.strip() for line in body.split("\n") if line.strip())


def _letter_spaced_title(text: str) -> str:
    """The first line, when it is short enough to be a title or an organ's name, set letter-spaced (法 治 政 府)."""
    first, _, rest = text.partition("\n")
    return (" ".join(first) if len(first) <= 40 else first) + "\n" + rest


def _page_numbers(text: str, every: int = 30) -> str:
    """A page's number (- 3 -) on a line of its own after every `every` lines, as pdftotext gives a page's foot."""
    lines = text.split("\n")
    return "\n".join(line + (f"\n- {number // every + 1} -" if number % every == every - 1 else "")
                     for number, line in enumerate(lines))


_SITE_HEAD = ("<div class=nav>" + "".join(f"<a href='/{n}'>{w}</a>" for n, w in enumerate(
    ("首页", "政务公开", "政务服务", "互动交流", "走进本市", "专题专栏"))) + "</div>"
    "<div class=crumb>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; 法治政府建设</div>"
    "<table class=index><tr><td>索引号：</td><td>000014349/2024-00012</td><td>发布机构：</td><td>本机关</td></tr>"
    "<tr><td>成文日期：</td><td>2024-03-28</td><td>公开方式：</td><td>主动公开</td></tr></table>")
_SITE_FOOT = ("<div class=footer><p>主办单位：本机关办公室 承办：信息中心</p><p>网站标识码：1300000001 "
              "京ICP备05002383号-1</p></div>")


def _web_page(text: str) -> str:
    """The report as a government site's page: menus, the 政府信息公开 index table, the title, the page's tools,
    one paragraph a line (with the publication line the report was copied with), the footer (the page is
    declared gb2312, as many are)."""
    first, _, body = text.partition("\n")
    if len(first) > 60 or "。" in first:  # an excerpt that opens on its text: the page's title is the site's
        first, body = "", text
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.split("\n") if line.strip())
    return ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            f"<title>{html.escape(first)}_本市人民政府</title></head><body>{_SITE_HEAD}<div class=article>"
            f"<h1>{html.escape(first)}</h1><div class=info>浏览次数：1234 "
            f"【大 中 小】【打印】【关闭】</div><div class=content>{paragraphs}</div></div>{_SITE_FOOT}</body></html>")


def _word_file(text: str) -> bytes:
    """The report as a Word file (.docx): one paragraph a line."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_S2T = opencc.OpenCC("s2t")
_S2HK = opencc.OpenCC("s2hk")
_AFTER_PUNCTUATION = str.maketrans({"、": "、 ", "，": "，\xa0", "。": "。\u200b"})

# name → (rewrite of the text, encoding of the file (None: the rewrite gives bytes)[, the file's suffix])
VARIANTS: dict[str, tuple] = {
    "as stored": (lambda text: text, "utf-8"),
    "Windows line ends (CR LF), GB18030": (lambda text: text.replace("\n", "\r\n"), "gb18030"),
    "old Mac line ends (CR)": (lambda text: text.replace("\n", "\r"), "utf-8"),
    "paragraphs indented (两个全角空格)": (lambda text: _each_line(text, before="\u3000\u3000"), "utf-8"),
    "lines closed with spaces": (lambda text: _each_line(text, after="\u3000 "), "utf-8"),
    "a blank line between paragraphs": (lambda text: text.replace("\n", "\n\n"), "utf-8"),
    "paragraphs run together": (_run_together, "utf-8"),
    f"lines wrapped at {PAGE_COLUMNS} columns (a PDF's)": (_wrapped, "utf-8"),
    "the same, with a page number every 30 lines": (lambda text: _page_numbers(_wrapped(text)), "utf-8"),
    "a space after 、, an NBSP after ，, a zero-width space after 。": (
        lambda text: text.translate(_AFTER_PUNCTUATION), "utf-8"),
    "the title letter-spaced (法 治 政 府)": (_letter_spaced_title, "utf-8"),
    "traditional script (OpenCC s2t)": (_S2T.convert, "utf-8"),
    "Hong Kong's traditional forms (OpenCC s2hk)": (_S2HK.convert, "utf-8"),
    "a government site's web page (.html, gb2312)": (_web_page, "gb18030", ".html"),
    "a Word file (.docx)": (_word_file, None, ".docx"),
}


def _write_variant(golds: list[Path], folder: Path, rewrite: Callable[[str], str | bytes], encoding: str | None,
                   suffix: str = ".txt") -> list[Path]:
    written = []
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent / gold["text_file"]).read_text(encoding="utf-8")
        name = gold_path.name.removesuffix(".gold.json")
        rewritten = rewrite(text)
        (folder / f"{name}{suffix}").write_bytes(rewritten.encode(encoding) if encoding else rewritten)
        gold |= {"text_file": f"{name}{suffix}", "metrics": [], "metric_ignore": []}
        target = folder / gold_path.name
        target.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        written.append(target)
    return written


def main(part: str = "all") -> None:
    parts = ("dev", "test") if part == "all" else (part,)
    golds = sorted(path for name in parts for path in (REAL / name).glob("*.gold.json"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Pool(2) as pool:
        for number, (variant, how) in enumerate(VARIANTS.items()):
            folder = Path(tmp) / str(number)
            folder.mkdir()
            reports = pool.map(evaluate_one, _write_variant(golds, folder, *how), chunksize=8)
            scores = micro_average(reports)
            scores["entities"] = entities_total(scores)
            right = sum(report.scores["Jurisdiction"].tp for report in reports)
            rows.append((variant, [scores[name].f1 for name in CLASSES], right))
    base, base_right = rows[0][1], rows[0][2]
    print(f"{len(golds)} real reports ({part}); F1, and the difference from the stored text\n")
    print("| file | " + " | ".join(name.removeprefix("Relation.") for name in CLASSES) + " | jurisdiction right |")
    print("|---" * (len(CLASSES) + 2) + "|")
    for variant, f1s, right in rows:
        cells = [f"{f1:.3f}" + (f" ({f1 - b:+.3f})" if round(f1 - b, 3) else "")
                 for f1, b in zip(f1s, base, strict=True)]
        moved = f" ({right - base_right:+d})" if right != base_right else ""
        print(f"| {variant} | " + " | ".join(cells) + f" | {right}{moved} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
