#!/usr/bin/env python3
"""Prints what an .xlsx workbook holds, read with the standard library only
(zipfile + xml.etree), so a golden test can check Verbatim's workbooks
without trusting the library that wrote them.

Usage: xlsx_cells.py BOOK.xlsx [MAX_ROWS]

For each sheet: its name, whether its first row is frozen, then each row
(at most MAX_ROWS, default all) as cells `REF=TYPE:VALUE`, TYPE being
`n` (a number cell), `s` (a string, shared or inline) or `b`; a number cell with a
percentage format is `n%`.  Exits 1 when a column below the header holds
only numbers yet stores them as strings, or a number cell does not hold a
number.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def percent_styles(book):
    """Indices of cell formats (styles.xml cellXfs) that show a percentage."""
    styles = ET.fromstring(book.read("xl/styles.xml"))
    custom = {f.get("numFmtId"): f.get("formatCode")
              for f in styles.iter("{%s}numFmt" % NS["m"])}
    found = set()
    xfs = styles.find("m:cellXfs", NS)
    for i, xf in enumerate(xfs.findall("m:xf", NS)):
        fmt_id = xf.get("numFmtId", "0")
        if fmt_id in ("9", "10") or "%" in (custom.get(fmt_id) or ""):
            found.add(str(i))
    return found


def main():
    path = sys.argv[1]
    max_rows = int(sys.argv[2]) if len(sys.argv) > 2 else None
    book = zipfile.ZipFile(path)
    strings = [
        "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
        for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS)
    ] if "xl/sharedStrings.xml" in book.namelist() else []
    percent = percent_styles(book)
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
    bad = 0
    for sheet in workbook.find("m:sheets", NS):
        target = targets[sheet.get("{%s}id" % NS["r"])]
        ws = ET.fromstring(book.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = pane is not None and pane.get("state") == "frozen" \
            and pane.get("ySplit") == "1"
        rows = ws.find("m:sheetData", NS).findall("m:row", NS)
        print("sheet %s: %d rows, header frozen: %s" %
              (sheet.get("name"), len(rows), "yes" if frozen else "no"))
        strings_seen = {}  # column -> its string values below the header
        for row in rows:
            cells = []
            for c in row.findall("m:c", NS):
                v = c.find("m:v", NS)
                value = v.text if v is not None else ""
                kind = c.get("t", "n")
                if kind in ("s", "inlineStr"):
                    if kind == "s":
                        value = strings[int(value)]
                    else:
                        value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
                        kind = "s"
                    col = re.match(r"[A-Z]+", c.get("r")).group(0)
                    if row.get("r") != "1":
                        strings_seen.setdefault(col, []).append(value)
                elif kind == "n":
                    try:
                        float(value)
                    except ValueError:
                        print("BAD: %s is a number cell holding %r" %
                              (c.get("r"), value))
                        bad = 1
                    if c.get("s") in percent:
                        kind = "n%"
                cells.append("%s=%s:%s" % (c.get("r"), kind, value))
            if max_rows is None or int(row.get("r")) <= max_rows:
                print("  " + " ".join(cells))
        for col, values in sorted(strings_seen.items()):
            if all(NUMBER.fullmatch(v) for v in values):
                print("BAD: column %s holds only numbers, stored as strings" % col)
                bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
