"""Writes the Dynamics 365 sample exports (Active Accounts.xlsx, Active Contacts.xlsx) the
way "Export to Excel" lays them out: hidden (Do Not Modify) columns first, shared strings,
dates as Excel serials with a date style. Made-up data. Run: python3 make_samples.py"""
import datetime
import zipfile
from xml.sax.saxutils import escape


def serial(d):
    return (datetime.date.fromisoformat(d) - datetime.date(1899, 12, 30)).days


def workbook(path, sheet, header, rows):
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    def col(i):
        return chr(ord("A") + i)

    xml_rows = []
    for r, values in enumerate([header] + rows, start=1):
        cells = []
        for c, v in enumerate(values):
            ref = f"{col(c)}{r}"
            if v is None or v == "":
                continue
            if isinstance(v, tuple):  # ("date", "2026-03-31")
                cells.append(f'<c r="{ref}" s="1"><v>{serial(v[1])}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/><sheet name="hiddenSheet" sheetId="2" state="veryHidden" r:id="rId2"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{"".join(xml_rows)}</sheetData></worksheet>')
        z.writestr("xl/worksheets/sheet2.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>account:DxYhAZ0...</t></is></c></row></sheetData></worksheet>')
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {ns}>' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        z.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')


workbook(
    "Active Accounts 30-06-2026 10-15-00.xlsx",
    "Active Accounts",
    ["(Do Not Modify) Account", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
     "Account Name", "Account Number", "Industry", "Address 1: Country/Region", "Owner Primary Email",
     "Origin", "Customer Since", "Churn Date", "Main Phone"],
    [
        ["5e1b5c0a-8d1f-ec11-b6e6-000d3a4b1a01", "k3J+...", ("date", "2026-06-01"), "Fabrikam Deutschland GmbH",
         "ACC-1001", "Manufacturing", "Germany", "Key.Accounts@vendor.example", "Referral",
         ("date", "2019-07-01"), None, "+49 89 1234567"],
        ["5e1b5c0a-8d1f-ec11-b6e6-000d3a4b1a02", "p9Q+...", ("date", "2026-05-12"), "Contoso Pharmaceuticals",
         "ACC-1002", "Pharmaceuticals", "Switzerland", "key.accounts@vendor.example", "Advertisement",
         ("date", "2021-02-15"), ("date", "2026-03-31"), "+41 44 5556677"],
        ["5e1b5c0a-8d1f-ec11-b6e6-000d3a4b1a03", "z1X+...", ("date", "2026-06-20"), "Adventure Works Cycles",
         "ACC-1003", "Retail", "Austria", "vienna@vendor.example", None,
         ("date", "2023-10-09"), None, None],
    ],
)
workbook(
    "Active Contacts 30-06-2026 10-16-00.xlsx",
    "Active Contacts",
    ["(Do Not Modify) Contact", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
     "Full Name", "Email", "Role", "Account Number (Company Name) (Account)", "Job Title"],
    [
        ["9a7c1d22-0001", "a1...", ("date", "2026-06-01"), "Katrin Vogel", "katrin.vogel@fabrikam.example",
         "Decision Maker", "ACC-1001", "Leiterin Einkauf"],
        ["9a7c1d22-0002", "a2...", ("date", "2026-06-01"), "Stefan Huber", "stefan.huber@fabrikam.example",
         "Employee", "ACC-1001", "Werksleiter"],
        ["9a7c1d22-0003", "a3...", ("date", "2026-05-03"), "Nina Keller", "Nina.Keller@contoso.example",
         "Influencer", "ACC-1002", "Head of Quality"],
        ["9a7c1d22-0004", "a4...", ("date", "2026-06-21"), "Paul Gruber", "paul.gruber@adventure-works.example",
         None, "ACC-1003", "Filialleiter"],
    ],
)
