#!/usr/bin/env python3
"""report -f html: the page is inert, well-formed, agrees with -f json, and
is the same for every -j and after merging partial reports.

1. Hostile input: comments and a --by segment column holding <script>,
   "><img onerror=...>, </svg>, </style>, javascript: URLs, entities, bidi
   overrides (U+202A-202E, U+2066-2069) and 10 kB words.  The page, read
   with python's html.parser, must hold only the elements and attributes
   the writer emits, no on* attribute, no <script>, no URL in any
   attribute, every non-void element closed in order, no bidi control
   anywhere and no text run longer than the writer's caps.  Some hostile
   comments match no theme and come from detractors, so they reach the
   candidate terms for untagged detractors, with their examples.
2. Numbers: NPS, its margin and every theme's impact and shares in the
   page's tables are the JSON's, rounded as the page writes them; the
   candidate terms for untagged detractors are `suggest --group
   detractor`'s, with its figures.
3. The same page, byte for byte, for -j 1, 2 and 8, and after `merge -f
   html` of partial reports of two halves of the input.

Usage: check.py VERBATIM SAMPLE_CSV"""
import csv
import html.parser
import json
import os
import subprocess
import sys
import tempfile

vb, sample = (os.path.abspath(a) for a in sys.argv[1:3])
work = tempfile.mkdtemp(prefix="vb_html_check.")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(*args):
    p = subprocess.run([vb, *args], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        sys.exit(f"FAIL: verbatim {' '.join(args)}: exit {p.returncode}\n"
                 f"{p.stderr.decode()}")
    return p.stdout


# ---- 1. hostile input ----------------------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = [
    "<script>alert(1)</script> the delivery was late",
    '"><img src=x onerror=alert(1)> refund please',
    "</svg><script>alert(2)</script> app crashes",
    "</style><style>body{display:none}</style> support never answered",
    "\u202egnippihs\u202c late delivery \u2066isolated\u2069 too expensive",
    "A" * 10240 + " the price is too high",
    "late delivery " + "W" * 10240,
    "&lt;script&gt; &amp; javascript:alert(1) crash",
    "'onmouseover='alert(1)' slow app",
    "<!-- comment --> <![CDATA[ x ]]> login failed",
    # no theme: from detractors, the candidate terms' examples
    "<script>alert(3)</script> zorblax frobnitz",
    '"></li></ol><img src=x onerror=alert(4)> zorblax frobnitz',
    "\u202ezorblax\u202c frobnitz </mark><mark> " + "Z" * 10240,
]
SEGMENTS = ['<b>EU</b>', '"><svg onload=alert(1)>', "\u202eNA", "X" * 5000]

rows = [("id", "date", "region", "score", "comment")]
for i in range(400):
    text = HOSTILE[i % len(HOSTILE)]
    rows.append((f"h{i}", f"2025-{1 + i % 6:02d}-1{i % 10}",
                 SEGMENTS[i % len(SEGMENTS)], str(i % 11), text))
hostile = os.path.join(work, "hostile.csv")
with open(hostile, "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(rows)

# What the writer emits, and nothing else.
ELEMENTS = {"html", "head", "meta", "title", "style", "body", "main",
            "header", "h1", "h2", "h3", "p", "div", "section", "svg", "desc",
            "g", "text", "line", "rect", "circle", "polyline", "details",
            "summary", "table", "caption", "thead", "tbody", "tr", "th",
            "td", "article", "code", "ul", "ol", "li", "span", "b", "footer",
            "blockquote", "mark", "q", "small"}
ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "name", "class",
              "id", "viewbox", "width", "height", "role", "aria-labelledby",
              "xmlns", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
              "fill", "fill-opacity", "stroke", "stroke-width", "points",
              "scope", "transform", "open", "text-anchor", "title"}
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base",
        "embed", "source", "track", "wbr"}
SVG_SELF_CLOSING = {"line", "rect", "circle", "polyline"}
TEXT_CAP = 2000  # no run of text between tags is longer than this


class Inert(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)
        if tag not in SVG_SELF_CLOSING and tag not in VOID:
            self.problems.append(f"<{tag}/> is not one we write")

    def check(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag not in ELEMENTS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name not in ATTRIBUTES:
                self.problems.append(f"attribute {name} on <{tag}>")
            if value and ("javascript:" in value.lower() or "url(" in value):
                self.problems.append(f"a URL in {name} on <{tag}>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1:]}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        if any(c in data for c in BIDI):
            self.problems.append("a bidi control in the text")
        if len(data) > TEXT_CAP and self.stack[-1:] != ["style"]:
            self.problems.append(f"a text run of {len(data)} characters")

    def handle_comment(self, data):
        self.problems.append("a comment")

    def unknown_decl(self, data):
        self.problems.append(f"a declaration {data[:20]}")


def inert(page, what):
    p = Inert()
    p.feed(page)
    p.close()
    if p.stack:
        p.problems.append(f"unclosed {p.stack}")
    if p.scripts:
        p.problems.append(f"{p.scripts} <script>")
    for problem in sorted(set(p.problems))[:10]:
        fail(f"{what}: {problem}")
    return not p.problems


page = run("report", "-q", "-f", "html", "--by", "region", "--period",
           "month", hostile).decode("utf-8")
if inert(page, "hostile page"):
    print("hostile input: the page is inert and well-formed")
if page.count("<blockquote") < 10 or "<mark>" not in page:
    fail("hostile page: the hostile comments are not shown as examples")
for raw in ("<script", "<img", "<svg onload", "</style><style>"):
    if raw in page.lower():
        fail(f"hostile page: a raw {raw} in the bytes")
if "script-src 'none'" not in page:
    fail("hostile page: the Content-Security-Policy does not forbid scripts")


def candidates(page):
    """The candidate terms for untagged detractors: the list's HTML."""
    at = page.find('<ol class="cands">')
    return page[at:page.find("</ol>", at)] if at >= 0 else ""


cands = candidates(page)
if "<b>zorblax</b>" not in cands or "&lt;script&gt;alert(3)" not in cands \
        or "onerror=alert(4)" not in cands or "<mark>" not in cands:
    fail("hostile page: the hostile untagged comments are not among the "
         "candidate terms' examples")

# ---- 2. numbers agree with -f json ---------------------------------------


class Tables(html.parser.HTMLParser):
    """The first table with each caption: its body rows as lists of cell
    texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cur, self.caption, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.caption = ""
        elif tag == "tbody" and self.caption not in self.tables:
            self.cur = self.tables.setdefault(self.caption, [])
        elif tag == "tr" and self.cur is not None:
            self.cur.append([])
        elif tag in ("td", "th") and self.cur is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cur[-1].append(self.cell.strip())
            self.cell = None
        elif tag == "tbody":
            self.cur = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        elif self.caption == "":
            self.caption = data


def pts(v):
    return "–" if v is None else f"{v:+.1f}"


def pct(v):
    return "–" if v is None else f"{100 * v:.1f}%"


args = ["--by", "region", "--period", "quarter", sample]
report = json.loads(run("report", "-q", "-f", "json", *args))
page = run("report", "-q", "-f", "html", *args).decode("utf-8")
inert(page, "sample page")
t = Tables()
t.feed(page)
overall = report["overall"]
want = f"NPS</div><div class=\"v\">{pts(overall['nps'])}</div>"
if want not in page:
    fail(f"NPS {pts(overall['nps'])} not in the header")
if f"± {overall['nps_margin']:.1f} points" not in page:
    fail("the NPS margin is not in the header")
impact = {r[1]: r for r in t.tables.get("impact", [])}
shares = {r[0].lstrip("↳ "): r for r in t.tables.get("shares", [])}
checked = 0
for th in overall["themes"]:
    row = impact.get(th["id"])
    if not row:
        fail(f"theme {th['id']} has no row in the impact table")
        continue
    if row[2] != pts(th["impact"]) or row[3] != pts(th["theme_nps"]) or \
            row[4] != str(th["mentions"]["all"]):
        fail(f"{th['id']}: page {row[2:]} vs json {th['impact']} "
             f"{th['theme_nps']} {th['mentions']['all']}")
    s = shares.get(th["label"])
    d, p = th["share"]["detractor"], th["share"]["promoter"]
    if not s or s[1] != pct(d["value"]) or s[3] != pct(p["value"]) or \
            s[2] != f"{pct(d['low'])}–{pct(d['high'])}":
        fail(f"{th['id']}: shares {s} vs json {d} {p}")
    checked += 1
if len(impact) != len(overall["themes"]):
    fail(f"{len(impact)} impact rows for {len(overall['themes'])} themes")
print(f"numbers: NPS, margin and {checked} themes' impact, theme NPS, "
      "mentions and shares agree with -f json")


class Candidates(html.parser.HTMLParser):
    """The candidate list's items: term, z, untagged, tagged, and how many
    example quotes each has."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self.bold = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.items.append([])
        elif tag == "b":
            self.bold = ""
        elif tag == "blockquote":
            self.items[-1].append("quote")

    def handle_endtag(self, tag):
        if tag == "b":
            self.items[-1].append(self.bold)
            self.bold = None

    def handle_data(self, data):
        if self.bold is not None:
            self.bold += data


sug = json.loads(run("suggest", "-q", "--group", "detractor", "-f", "json",
                     sample))["sets"][0]["candidates"]
c = Candidates()
c.feed(candidates(page))
got = [(i[0], i[1], i[2], i[3]) for i in c.items]
want = [(x["term"], f"{x['z']:.2f}", str(x["in_target"]),
         str(x["elsewhere"])) for x in sug]
if not got or got != want:
    fail(f"candidate terms {got} vs suggest --group detractor {want}")
elif any(i.count("quote") != len(x["examples"])
         for i, x in zip(c.items, sug)):
    fail("the candidate terms do not show suggest's number of examples")
else:
    print(f"candidates: {len(got)} terms, their z and counts agree with "
          "suggest --group detractor")

# The budget: 2 MB for 40 themes x 24 periods x 3 examples; the
# sample has 24 months and the default lexicon shows some 30 themes.
size = len(run("report", "-q", "-f", "html", "--period", "month", sample))
if size > 2_000_000 * len(overall["themes"]) / 40:
    fail(f"the page for 24 months is {size} bytes")

# ---- 3. every -j, and merged partials ------------------------------------

base = run("report", "-q", "-f", "html", "-j", "1", *args)
if candidates(base.decode("utf-8")).count("<blockquote") < 10:
    fail("the page compared has too few candidate terms with examples")
for j in ("2", "8"):
    if run("report", "-q", "-f", "html", "-j", j, *args) != base:
        fail(f"-j {j} writes another page than -j 1")
with open(sample, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
half = len(rows) // 2
for name, part in (("a.csv", rows[:half]), ("b.csv", rows[:1] + rows[half:])):
    with open(os.path.join(work, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(part)
for name in ("a", "b"):
    run("report", "-q", "--partial", "--examples", "3", "--by", "region",
        "--period", "quarter", "-o", f"{name}.vbp", f"{name}.csv")
merged = run("merge", "-q", "-f", "html", "a.vbp", "b.vbp")
if merged != base:
    fail("merge -f html of two partial reports writes another page")
else:
    print("the same page (candidate terms included) for -j 1, 2, 8 and "
          "after merging two partials")

if failures:
    sys.exit(f"{len(failures)} failures (files in {work})")
print("ok")
