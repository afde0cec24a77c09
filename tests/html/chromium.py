#!/usr/bin/env python3
"""The demo report (corpora/sample.csv, default lexicon, --by region
--period quarter, as `make demo` writes it) in a real browser: headless
Chromium (Debian `chromium`, installed by `make check` through
.ci/install-deps).

- --dump-dom: the page Chromium built holds a row for every theme the
  JSON report lists (impact table and theme card), every chart's <svg>
  (as many as the file has, each with its <title> and <desc>) and the
  example verbatims;
- --screenshot writes a PNG and --print-to-pdf a PDF;
- Chromium's log (--enable-logging=stderr --v=0) has no console message:
  the page runs nothing, so any message is an error or a Content Security
  Policy violation.  A copy of the page with an inline script and a remote
  image is checked first: if its violations were not found in the log,
  the check itself would be blind, and the test fails.

Skipped (exit 77) when chromium is not installed.
Usage: chromium.py VERBATIM SAMPLE_CSV [OUT_DIR]"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

vb, sample = (os.path.abspath(a) for a in sys.argv[1:3])
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("SKIP: chromium is not installed (apt-get install chromium, or "
          "`make check`, which installs it)")
    sys.exit(77)
work = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(
    prefix="vb_chromium.")
os.makedirs(work, exist_ok=True)
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def verbatim(*args):
    p = subprocess.run([vb, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit(f"FAIL: verbatim {' '.join(args)}: exit {p.returncode}\n"
                 f"{p.stderr.decode()}")
    return p.stdout


def chromium(page, *args):
    """Runs headless Chromium on the page; returns (stdout, log lines)."""
    profile = tempfile.mkdtemp(prefix="profile.", dir=work)
    p = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--disable-extensions", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--window-size=1100,1600", *args, "file://" + page],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180,
        check=False)
    shutil.rmtree(profile, ignore_errors=True)
    log = p.stderr.decode("utf-8", "replace").splitlines()
    if p.returncode != 0:
        fail(f"chromium {' '.join(args)} exited {p.returncode}")
    return p.stdout.decode("utf-8", "replace"), log


def magic(path, n):
    """The first n bytes of a file (b"" when there is none)."""
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError:
        return b""


def console_errors(log):
    return [line for line in log
            if ":CONSOLE" in line or "Content Security Policy" in line
            or "Refused to" in line]


args = ["--by", "region", "--period", "quarter", "--examples", "3", sample]
if b"--examples" not in verbatim("report", "--help"):
    args.remove("--examples")
    args.remove("3")
page = os.path.join(work, "report.html")
with open(page, "wb") as f:
    f.write(verbatim("report", "-q", "-f", "html", *args))
report = json.loads(verbatim("report", "-q", "-f", "json", *args))
source = open(page, encoding="utf-8").read()

# The log check must see violations: a copy with a script and an image.
bad = os.path.join(work, "violations.html")
with open(bad, "w", encoding="utf-8") as f:
    f.write(source.replace(
        "</main>", '<script>console.error("x")</script>'
        '<img src="http://example.invalid/x.png" alt=""></main>'))
_, log = chromium(bad, "--dump-dom")
if len(console_errors(log)) < 2:
    fail("the log check is blind: a page with an inline script and a remote "
         "image gave no CSP violation in Chromium's log:\n" + "\n".join(log))

dom, log = chromium(page, "--dump-dom")
for line in console_errors(log):
    fail(f"console: {line}")
themes = report["overall"]["themes"]
for th in themes:
    if f'id="theme-{th["id"]}"' not in dom:
        fail(f"no card for theme {th['id']} in the DOM")
    if f"<td>{th['id']}</td>" not in dom:
        fail(f"no impact row for theme {th['id']} in the DOM")
svgs = source.count("<svg ")
if svgs < 5 or dom.count("<svg ") != svgs:
    fail(f"{dom.count('<svg ')} <svg> in the DOM, {svgs} in the file")
if dom.count("<title id=") != svgs or dom.count("<desc id=") != svgs:
    fail("a chart without its <title> or <desc>")
if "--examples" in args:
    quotes = len(re.findall(r"<blockquote", dom))
    if quotes < len(themes):
        fail(f"{quotes} example verbatims in the DOM for {len(themes)} themes")
    if "<mark>" not in dom:
        fail("no matched words highlighted (<mark>) in the examples")
print(f"dump-dom: {len(themes)} themes, {svgs} charts"
      + (", examples" if "--examples" in args else "")
      + ", no console message")

shot = os.path.join(work, "report.png")
_, log = chromium(page, f"--screenshot={shot}")
for line in console_errors(log):
    fail(f"console (screenshot): {line}")
if magic(shot, 8) != b"\x89PNG\r\n\x1a\n":
    fail("--screenshot did not write a PNG")

pdf = os.path.join(work, "report.pdf")
_, log = chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
for line in console_errors(log):
    fail(f"console (print): {line}")
if magic(pdf, 5) != b"%PDF-":
    fail("--print-to-pdf did not write a PDF")
print(f"screenshot and PDF written: {shot}, {pdf}")

if failures:
    sys.exit(f"{len(failures)} failures (files in {work})")
shutil.rmtree(work, ignore_errors=True) if len(sys.argv) <= 3 else None
print("ok")
