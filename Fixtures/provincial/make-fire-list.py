#!/usr/bin/env python3
"""Writes fire-list-2022-05.xlsx: a small provincial straw-burning fire-point list (秸秆焚烧火点监测
通报) in the columns such lists are circulated with (时间, 中心经度, 中心纬度, 省, 市, 县), made here
from points of the FIRMS fixture (Fixtures/firms-…-north-china.csv) with Python's standard library
alone: an Excel workbook is a ZIP of XML parts (ECMA-376). Row 3 keeps its time as the serial
number Excel stores a date as; row 4 names the wrong county for its point (it lies in 莘县).

    python3 Fixtures/provincial/make-fire-list.py
"""
import os, zipfile
from xml.sax.saxutils import escape

rows = [
    ["时间", "中心经度", "中心纬度", "省", "市", "县"],
    ["2022-05-29 11:02", 115.92845, 36.50606, "山东省", "聊城市", "东昌府区"],
    [44711.55764, 115.82588, 36.13747, "山东省", "聊城市", "阳谷县"],          # 2022-05-30 13:23 as Excel stores it
    ["2022/5/30 13:23", 115.68627, 36.26258, "山东省", "聊城市", "冠县"],       # the point lies in 莘县
    ["2022-05-30 13:23", 115.70251, 36.48835, "山东省", "聊城市", "冠县"],
]
strings = []
def shared(text):
    if text not in strings: strings.append(text)
    return strings.index(text)

def cell(reference, value):
    if isinstance(value, str):
        return f'<c r="{reference}" t="s"><v>{shared(value)}</v></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'

sheet_rows = "".join(
    f'<row r="{number}">' + "".join(cell(f"{'ABCDEF'[column]}{number}", value) for column, value in enumerate(row)) + "</row>"
    for number, row in enumerate(rows, start=1))
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relationships}">'
        '<sheets><sheet name="火点" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{sheet_rows}</sheetData></worksheet>',
}
parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'
    + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings) + "</sst>")

here = os.path.dirname(os.path.abspath(__file__))
with zipfile.ZipFile(os.path.join(here, "fire-list-2022-05.xlsx"), "w", zipfile.ZIP_DEFLATED) as workbook:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2022, 6, 1, 0, 0, 0))  # fixed, so the file is the same every time
        info.compress_type = zipfile.ZIP_DEFLATED
        workbook.writestr(info, text.encode("utf-8"))
