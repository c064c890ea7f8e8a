#!/usr/bin/env python3
"""Writes the UK list fixtures of this folder (see README.md) from one table of
rows, so that the FCDO CSV, XML and ODS forms hold the same designations.
Run from this folder: python3 make_fixtures.py"""
import zipfile
from xml.sax.saxutils import escape

SHIP_SANCTIONS = 'Shipping sanctions: (see "Other information")'
DPRK = "Democratic People's Republic of Korea"

# One dict per FCDO row (one row per name).  Names, ids, regimes, types,
# sources, dates and sanctions: the real rows of FCDO_SL_Mon_Aug 11 2025.ods.
# IMO, flag, ship type, tonnage, year built and owner: OFAC sdn.csv 2024-05-03
# for the ship of the same name (README.md says which values are not real).
ROWS = [
    dict(uid="RUS2183", gid="", name6="ANGARA", ntype="Primary Name", regime="Russia", dtype="Ship", src="UK",
         date="31-07-2024", sanctions=SHIP_SANCTIONS, imo="9179842", owner="M Leasing", flag="Russia",
         shiptype="Roll-on Roll-off", tonnage="8811"),
    dict(uid="RUS2331", gid="", name6="GEORGY MASLOV", ntype="Primary Name", regime="Russia", dtype="Ship", src="UK",
         date="25-11-2024", sanctions=SHIP_SANCTIONS, imo="9610793", owner="PUBLIC JOINT STOCK COMPANY SOVCOMFLOT",
         flag="Gabon", prevflags="Liberia", shiptype="Crude Oil Tanker"),
    dict(uid="RUS2213", gid="", name6="SKIF-V", ntype="Primary Name", regime="Russia", dtype="Ship", src="UK",
         date="10-09-2024", sanctions=SHIP_SANCTIONS, imo="8858087",
         owner="LADOGA SHIPPING COMPANY LIMITED LIABILITY COMPANY", flag="Russia", shiptype="General Cargo",
         tonnage="2463", year="1984"),
    dict(uid="RUS2185", gid="", name6="LADY R", ntype="Primary Name", regime="Russia", dtype="Ship", src="UK",
         date="31-07-2024", sanctions=SHIP_SANCTIONS, imo="9161004", flag="Russia", shiptype="Roll-on Roll-off",
         tonnage="7260"),
    dict(uid="DPR0105", gid="13656", name6="Chon Ma San", ntype="Primary Name", regime=DPRK, dtype="Ship", src="UN",
         date="30-03-2018", sanctions="Asset freeze, Prohibition of port entry", imo="8660313",
         owner="KOREA ACHIM SHIPPING CO", flag=DPRK),
    dict(uid="RUS1850", gid="15911", name6="M Leasing", ntype="Primary Name", regime="Russia", dtype="Entity",
         src="UK", date="18-05-2023",
         sanctions='Asset freeze, Director Disqualification Sanction, Transport sanctions: see "Other information", Trust Services Sanctions'),
    dict(uid="RUS1850", gid="15911", name6="M LEASING LLC", ntype="Alias", strength="Good quality", regime="Russia",
         dtype="Entity", src="UK", date="18-05-2023",
         sanctions='Asset freeze, Director Disqualification Sanction, Transport sanctions: see "Other information", Trust Services Sanctions'),
    dict(uid="RUS1097", gid="15040", name6="PUBLIC JOINT STOCK COMPANY SOVCOMFLOT", ntype="Primary Name",
         regime="Russia", dtype="Entity", src="UK", date="24-03-2022",
         sanctions="Asset freeze, Director Disqualification Sanction, Trust Services Sanctions"),
    dict(uid="DPR0144", gid="13632", name6="KOREA ACHIM SHIPPING CO", ntype="Primary Name", regime=DPRK,
         dtype="Entity", src="UN", date="30-03-2018",
         sanctions="Asset freeze, Chartering of Ships, Closure of representative offices, Crew servicing of ships and aircraft, Prevention of business arrangements, Prohibition of port entry"),
    dict(uid="RUS0278", gid="14223", name6="PRUSAKOVA", name1="Maria", name2="Nikolaevna", ntype="Primary Name",
         regime="Russia", dtype="Individual", src="UK", date="11-03-2022",
         sanctions="Asset freeze, Director Disqualification Sanction, Travel Ban, Trust Services Sanctions"),
]

FCDO_COLS = ["Last Updated", "Unique ID", "OFSI Group ID", "UN Reference Number", "Name 6", "Name 1", "Name 2",
             "Name 3", "Name 4", "Name 5", "Name type", "Alias strength", "Title", "Name non-latin script",
             "Non-latin script type", "Non-latin script language", "Regime Name", "Designation Type",
             "Designation source", "Sanctions Imposed", "Other Information", "UK Statement of Reasons",
             "Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5",
             "Address Line 6", "Address Postal Code", "Address Country", "Phone number", "Website", "Email address",
             "Date Designated", "D.O.B", "Nationality(/ies)", "National Identifier number",
             "National Identifier additional information", "Passport number", "Passport additional information",
             "Position", "Gender", "Town of birth", "Country of birth", "Type of entity", "Subsidiaries",
             "Parent company", "Business registration number (s)", "IMO number", "Current owner/operator (s)",
             "Previous owner/operator (s)", "Current believed flag of ship", "Previous flags", "Type of ship",
             "Tonnage of ship", "Length of ship", "Year Built", "Hull identification number (HIN)"]
KEY = {"Last Updated": "date", "Unique ID": "uid", "OFSI Group ID": "gid", "Name 6": "name6", "Name 1": "name1",
       "Name 2": "name2", "Name type": "ntype", "Alias strength": "strength", "Regime Name": "regime",
       "Designation Type": "dtype", "Designation source": "src", "Sanctions Imposed": "sanctions",
       "Date Designated": "date", "IMO number": "imo", "Current owner/operator (s)": "owner",
       "Current believed flag of ship": "flag", "Previous flags": "prevflags", "Type of ship": "shiptype",
       "Tonnage of ship": "tonnage", "Year Built": "year"}


def cells(row):
    return [row.get(KEY.get(c, ""), "") for c in FCDO_COLS]


def csv_field(v):
    if any(ch in v for ch in ',"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_fcdo_csv():
    with open("fcdo_uk_sanctions_list.csv", "w", newline="") as f:
        f.write("Report Date: 11-Aug-2025\r\n")
        f.write(",".join(csv_field(c) for c in FCDO_COLS) + "\r\n")
        for r in ROWS:
            f.write(",".join(csv_field(c) for c in cells(r)) + "\r\n")


def ods_cell(col, v, header=False):
    if v == "":
        return None
    if header:
        pass
    elif col in ("OFSI Group ID", "IMO number"):
        return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    elif col == "Date Designated":
        d, m, y = v.split("-")
        return (f'<table:table-cell office:value-type="date" office:date-value="{y}-{m}-{d}">'
                f'<text:p>{d}/{m}/{y}</text:p></table:table-cell>')
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def ods_row(cols, values, header=False):
    out, empty = [], 0
    for c, v in zip(cols, values):
        x = ods_cell(c, v, header)
        if x is None:
            empty += 1
            continue
        if empty:
            out.append(f'<table:table-cell table:number-columns-repeated="{empty}"/>')
            empty = 0
        out.append(x)
    out.append('<table:table-cell table:number-columns-repeated="16000"/>')
    return "<table:table-row>" + "".join(out) + "</table:table-row>\n"


def write_fcdo_ods():
    body = ['<table:table-row><table:table-cell office:value-type="string"><text:p>Report Date: 11-Aug-2025</text:p>'
            '</table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>\n',
            '<table:table-header-rows>' + ods_row(FCDO_COLS, FCDO_COLS, True) + '</table:table-header-rows>\n']
    for r in ROWS:
        body.append(ods_row(FCDO_COLS, cells(r)))
    body.append('<table:table-row table:number-rows-repeated="1048000">'
                '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>\n')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               '<office:body><office:spreadsheet><table:table table:name="UK Sanctions List">\n'
               '<table:table-column table:number-columns-repeated="16384"/>\n' + "".join(body) +
               '</table:table></office:spreadsheet></office:body></office:document-content>\n')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>\n')
    with zipfile.ZipFile("fcdo_uk_sanctions_list.ods", "w") as z:
        fixed = (1980, 1, 1, 0, 0, 0)
        z.writestr(zipfile.ZipInfo("mimetype", fixed), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", fixed), manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", fixed), content, compress_type=zipfile.ZIP_DEFLATED)


def x(tag, v):
    return f"<{tag}>{escape(v)}</{tag}>" if v else ""


def write_fcdo_xml():
    groups = {}
    for r in ROWS:
        groups.setdefault(r["uid"], []).append(r)
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<Designations>\n  <DateGenerated>2025-08-11T00:00:00</DateGenerated>\n']
    for uid, rows in groups.items():
        r = rows[0]
        d, m, y = r["date"].split("-")
        out.append("  <Designation>\n")
        out.append(f"    <LastUpdated>{y}-{m}-{d}T00:00:00</LastUpdated>\n    <DateDesignated>{y}-{m}-{d}T00:00:00</DateDesignated>\n")
        out.append(f"    {x('UniqueID', uid)}\n    {x('OFSIGroupID', r.get('gid', ''))}\n    <Names>\n")
        for n in rows:
            out.append("      <Name>" + x("Name1", n.get("name1", "")) + x("Name2", n.get("name2", "")) +
                       x("Name6", n["name6"]) + x("NameType", n["ntype"]) + x("AliasStrength", n.get("strength", "")) +
                       "</Name>\n")
        out.append("    </Names>\n")
        out.append(f"    {x('RegimeName', r['regime'])}\n    {x('IndividualEntityShip', r['dtype'])}\n")
        out.append(f"    {x('DesignationSource', r['src'])}\n    {x('SanctionsImposed', r['sanctions'])}\n")
        if r["dtype"] == "Ship":
            out.append("    <ShipDetails>\n      <Ship>\n")
            out.append(f"        <IMONumbers>{x('IMONumber', r['imo'])}</IMONumbers>\n")
            if r.get("owner"):
                out.append(f"        <CurrentOwnerOperators>{x('CurrentOwnerOperator', r['owner'])}</CurrentOwnerOperators>\n")
            if r.get("flag"):
                out.append(f"        <CurrentBelievedFlagOfShips>{x('CurrentBelievedFlagOfShip', r['flag'])}</CurrentBelievedFlagOfShips>\n")
            if r.get("prevflags"):
                out.append(f"        <PreviousFlags>{x('PreviousFlag', r['prevflags'])}</PreviousFlags>\n")
            if r.get("shiptype"):
                out.append(f"        <TypeOfShipDetails>{x('TypeOfShip', r['shiptype'])}</TypeOfShipDetails>\n")
            if r.get("tonnage"):
                out.append(f"        <TonnageOfShipDetails>{x('TonnageOfShip', r['tonnage'])}</TonnageOfShipDetails>\n")
            if r.get("year"):
                out.append(f"        <YearBuiltDetails>{x('YearBuilt', r['year'])}</YearBuiltDetails>\n")
            out.append("      </Ship>\n    </ShipDetails>\n")
        out.append("  </Designation>\n")
    out.append("</Designations>\n")
    with open("fcdo_uk_sanctions_list.xml", "w") as f:
        f.write("".join(out))


# OFSI: only the designations with an OFSI Group ID (asset-freeze targets);
# ships designated only for "Shipping sanctions" (ANGARA ...) are not on it.
OFSI_COLS = ["Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "Name Non-Latin Script",
             "Non-Latin Script Type", "Non-Latin Script Language", "DOB", "Town of Birth", "Country of Birth",
             "Nationality", "Passport Number", "Passport Details", "National Identification Number",
             "National Identification Details", "Position", "Address 1", "Address 2", "Address 3", "Address 4",
             "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
             "Alias Quality", "Regime", "Listed On", "UK Sanctions List Date Designated", "Last Updated", "Group ID"]
OFSI_ALIAS = {"Primary Name": "Primary name", "Alias": "AKA"}


def ofsi_rows():
    return [r for r in ROWS if r.get("gid")]


def ofsi_date(v):
    return v.replace("-", "/")


def write_ofsi_csv():
    with open("ofsi_conlist.csv", "w", newline="") as f:
        f.write("Last Updated,11/08/2025\r\n")
        f.write(",".join(OFSI_COLS) + "\r\n")
        for r in ofsi_rows():
            v = {"Name 6": r["name6"], "Name 1": r.get("name1", ""), "Name 2": r.get("name2", ""),
                 "Group Type": r["dtype"], "Alias Type": OFSI_ALIAS[r["ntype"]],
                 "Alias Quality": "Good" if r["ntype"] == "Alias" else "", "Regime": r["regime"],
                 "Listed On": ofsi_date(r["date"]), "UK Sanctions List Date Designated": ofsi_date(r["date"]),
                 "Last Updated": ofsi_date(r["date"]), "Group ID": r["gid"],
                 "Other Information": f"(UK Sanctions List Ref):{r['uid']}" +
                                      (f". IMO: {r['imo']}." if r.get("imo") else "")}
            f.write(",".join(csv_field(v.get(c, "")) for c in OFSI_COLS) + "\r\n")


def write_ofsi_xml():
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfFinancialSanctionsTarget '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n']
    for r in ofsi_rows():
        d, m, y = r["date"].split("-")
        out.append("  <FinancialSanctionsTarget>\n")
        out.append("    " + x("Name6", r["name6"]) + x("Name1", r.get("name1", "")) + x("Name2", r.get("name2", "")) + "\n")
        out.append("    " + x("OtherInformation", f"(UK Sanctions List Ref):{r['uid']}") + "\n")
        out.append("    " + x("GroupTypeDescription", r["dtype"]) + x("AliasType", OFSI_ALIAS[r["ntype"]]) +
                   x("AliasQuality", "Good" if r["ntype"] == "Alias" else "") + "\n")
        out.append("    " + x("RegimeName", r["regime"]) + x("DateListed", f"{y}-{m}-{d}T00:00:00") +
                   x("UKSanctionsListDateDesignated", f"{y}-{m}-{d}T00:00:00") + x("GroupID", r["gid"]) + "\n")
        if r["dtype"] == "Ship":
            out.append("    " + x("Ship_IMONumber", r.get("imo", "")) + x("Ship_Flag", r.get("flag", "")) +
                       x("Ship_Type", r.get("shiptype", "")) + x("Ship_CurrentOwners", r.get("owner", "")) + "\n")
        out.append("  </FinancialSanctionsTarget>\n")
    out.append("</ArrayOfFinancialSanctionsTarget>\n")
    with open("ofsi_conlist.xml", "w") as f:
        f.write("".join(out))


# The <= 2020 ConList.csv: ships were "Entity" rows with the IMO in Other
# Information.  JI SONG 6 (FCDO DPR0104, OFSI Group ID 13655, listed 30-03-2018;
# IMO 8898740 from OFAC) and its owner PHYONGCHON SHIPPING & MARINE (DPR0185, 13641).
OLD_COLS = ["Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB", "Town of Birth",
            "Country of Birth", "Nationality", "Passport Details", "NI Number", "Position", "Address 1", "Address 2",
            "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information",
            "Group Type", "Alias Type", "Regime", "Listed On", "Last Updated", "Group ID"]


def write_ofsi_old_csv():
    rows = [
        {"Name 6": "JI SONG 6", "Other Information": "IMO: 8898740.", "Group Type": "Entity",
         "Alias Type": "Primary name", "Regime": "Democratic People's Republic of Korea", "Listed On": "30/03/2018",
         "Last Updated": "30/03/2018", "Group ID": "13655"},
        {"Name 6": "PHYONGCHON SHIPPING & MARINE", "Group Type": "Entity", "Alias Type": "Primary name",
         "Regime": "Democratic People's Republic of Korea", "Listed On": "30/03/2018", "Last Updated": "30/03/2018",
         "Group ID": "13641"},
    ]
    with open("ofsi_conlist_2020.csv", "w", newline="") as f:
        f.write("Last Updated,30/11/2020\r\n")
        f.write(",".join(OLD_COLS) + "\r\n")
        for v in rows:
            f.write(",".join(csv_field(v.get(c, "")) for c in OLD_COLS) + "\r\n")


if __name__ == "__main__":
    write_fcdo_csv()
    write_fcdo_ods()
    write_fcdo_xml()
    write_ofsi_csv()
    write_ofsi_xml()
    write_ofsi_old_csv()
