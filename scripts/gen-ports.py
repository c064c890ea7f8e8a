#!/usr/bin/python3
"""Generates data/ports/wpi.csv, the bundled default port list, from the NGA
World Port Index (Pub 150) and the project's Dunai supplement.

Run by hand when the World Port Index is updated (standard library only):
    /usr/bin/python3 scripts/gen-ports.py            # rewrite data/ports/wpi.csv
    /usr/bin/python3 scripts/gen-ports.py --check    # exit 1 if it is stale
    /usr/bin/python3 scripts/gen-ports.py --stats    # the measurement behind the radii

Inputs (default: ../shared/data/ports beside the checkout; --wpi/--dunai override):
  nga-wpi/UpdatedPub150.csv  NGA World Port Index, public domain (US Government work)
  supplement_dunai.csv       one settlement coordinate, facts only

Output columns (the contract's port CSV plus extra columns, which readers of
the contract format ignore):
  name,locode,lat,lon,radius_m,country,wpi,harbor_size,alternate_name,position
  - name, alternate_name: WPI "Main Port Name", "Alternate Port Name"
  - locode: WPI "UN/LOCODE" without spaces ("RU VVO" -> "RUVVO"); empty when
    WPI gives none or the text is not a UN/LOCODE (2 letters + 3 letters/digits)
  - lat, lon: WPI "Latitude", "Longitude" copied as text (WGS 84 degrees)
  - radius_m: from WPI "Harbor Size" (RADIUS_BY_SIZE below, docs/ports.md)
  - country: WPI "Country Code" (a full country name)
  - wpi: WPI "World Port Index Number"; 0 when it is not a whole number
  - position: "wpi" (WPI's port position) or "settlement" (a town's
    coordinate, not a surveyed berth: Dunai)
Rows keep the World Port Index's order; Dunai is last.

tests/ports/wpi_test.cpp reads the original Pub 150 file with the C++ reader
and checks it gives the same ports as this file, so the two cannot drift.
"""
import argparse
import csv
import hashlib
import io
import math
import pathlib
import re
import statistics
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "ports"
TARGET = ROOT / "data" / "ports" / "wpi.csv"

# Entry radius (metres) by WPI "Harbor Size".  [project] The median distance
# between a WPI port position and Global Fishing Watch's named anchorage
# points of the same port (anchorage_overrides.csv; `--stats` recomputes it)
# is 3.3 km for Very Small (240 ports), 4.9 km for Small (180), 6.5 km for
# Medium (105) and 7.3 km for Large (60) harbours.  Very Small (and unknown) keep GFW's own 3 km entry
# distance; the others take the measured median, rounded to 0.5 km.
RADIUS_BY_SIZE = {
    "Very Small": 3000,
    "Small": 5000,
    "Medium": 6500,
    "Large": 7500,
    "": 3000,
}
# Dunai is a settlement coordinate, not a berth: GFW's 3 km entry distance.
DUNAI_RADIUS_M = 3000

COLUMNS = ["name", "locode", "lat", "lon", "radius_m", "country", "wpi",
           "harbor_size", "alternate_name", "position"]
LOCODE = re.compile(r"[A-Z]{2}[A-Z0-9]{3}")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
ISO3_TO_WPI_COUNTRY = {"RUS": "Russia"}


def normalise_locode(text):
    """'RU VVO' -> 'RUVVO'; '' when the text is not a UN/LOCODE."""
    code = text.replace(" ", "").upper()
    return code if LOCODE.fullmatch(code) else ""


def read_wpi(path):
    # utf-8-sig drops a byte-order mark; newline="" lets csv read quoted
    # fields that hold line breaks.
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    return rows


def wpi_rows(path, notes):
    out = []
    for i, r in enumerate(read_wpi(path)):
        where = f"WPI data row {i + 1}"
        lat, lon = r["Latitude"].strip(), r["Longitude"].strip()
        if not NUMBER.fullmatch(lat) or not NUMBER.fullmatch(lon):
            sys.exit(f"gen-ports: {where}: bad position {lat!r}, {lon!r}")
        if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            sys.exit(f"gen-ports: {where}: position out of range {lat}, {lon}")
        number = r["World Port Index Number"].strip()
        if not number.isdigit():
            notes.append(f"{where} ({r['Main Port Name']}): World Port Index Number "
                         f"{number!r} is not a whole number; wpi written as 0")
            number = "0"
        raw_locode = r["UN/LOCODE"].strip()
        locode = normalise_locode(raw_locode)
        if raw_locode and not locode:
            notes.append(f"{where} ({r['Main Port Name']}): UN/LOCODE {raw_locode!r} is not "
                         f"a UN/LOCODE; locode left empty")
        size = r["Harbor Size"].strip()
        if size not in RADIUS_BY_SIZE:
            sys.exit(f"gen-ports: {where}: unknown Harbor Size {size!r}")
        out.append({
            "name": r["Main Port Name"].strip(),
            "locode": locode,
            "lat": lat,
            "lon": lon,
            "radius_m": str(RADIUS_BY_SIZE[size]),
            "country": r["Country Code"].strip(),
            "wpi": str(int(number)),
            "harbor_size": size,
            "alternate_name": r["Alternate Port Name"].strip(),
            "position": "wpi",
        })
    return out


def dunai_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        m = re.fullmatch(r"(.*?) \((.*)\)", r["name"].strip())
        name, alt = (m.group(1), m.group(2)) if m else (r["name"].strip(), "")
        out.append({
            "name": name,
            "locode": "",
            "lat": r["latitude"].strip(),
            "lon": r["longitude"].strip(),
            "radius_m": str(DUNAI_RADIUS_M),
            "country": ISO3_TO_WPI_COUNTRY.get(r["country_iso3"].strip(), r["country_iso3"].strip()),
            "wpi": "0",
            "harbor_size": "",
            "alternate_name": alt,
            "position": "settlement",
        })
    return out


def render(rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def haversine_m(lat1, lon1, lat2, lon2):
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def stats(wpi_path, anchorages_path):
    """For every GFW named anchorage point: the nearest WPI port within 50 km
    whose main or alternate name starts with the same 5 letters as the GFW
    label is "its" port.  Per port: the median distance of its anchorage
    points; per Harbor Size: the median of those medians."""
    def key(s):
        return re.sub(r"[^a-z]", "", s.lower())[:5]
    ports = read_wpi(wpi_path)
    grid = {}
    for i, p in enumerate(ports):
        grid.setdefault((math.floor(float(p["Latitude"])), math.floor(float(p["Longitude"]))), []).append(i)
    per_port = {}
    with open(anchorages_path, encoding="utf-8", newline="") as f:
        for a in csv.DictReader(f):
            lat, lon, label = float(a["latitude"]), float(a["longitude"]), key(a["label"])
            if len(label) < 4:
                continue
            best = None
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for i in grid.get((math.floor(lat) + di, math.floor(lon) + dj), []):
                        d = haversine_m(lat, lon, float(ports[i]["Latitude"]), float(ports[i]["Longitude"]))
                        if best is None or d < best[0]:
                            best = (d, i)
            if best is None or best[0] > 50000:
                continue
            p = ports[best[1]]
            if label in (key(p["Main Port Name"]), key(p["Alternate Port Name"])):
                per_port.setdefault(best[1], []).append(best[0])
    by_size = {}
    for i, ds in per_port.items():
        by_size.setdefault(ports[i]["Harbor Size"].strip(), []).append(statistics.median(ds))
    print("harbor size | ports | median of per-port median distance (km) | quartiles (km)")
    for size in ["Very Small", "Small", "Medium", "Large", ""]:
        m = sorted(by_size.get(size, []))
        if not m:
            continue
        q = statistics.quantiles(m, n=4) if len(m) > 1 else [m[0]] * 3
        print(f"{size or '(blank)'} | {len(m)} | {statistics.median(m) / 1000:.1f} | "
              f"{q[0] / 1000:.1f} .. {q[2] / 1000:.1f}")


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wpi", default=str(SHARED / "nga-wpi" / "UpdatedPub150.csv"))
    ap.add_argument("--dunai", default=str(SHARED / "supplement_dunai.csv"))
    ap.add_argument("--anchorages", default=str(SHARED / "gfw-anchorages" / "anchorage_overrides.csv"))
    ap.add_argument("--out", default=str(TARGET))
    ap.add_argument("--check", action="store_true", help="exit 1 if --out is stale")
    ap.add_argument("--stats", action="store_true", help="print the radius measurement")
    args = ap.parse_args()

    if args.stats:
        stats(args.wpi, args.anchorages)
        return 0
    notes = []
    rows = wpi_rows(args.wpi, notes) + dunai_rows(args.dunai)
    text = render(rows)
    out = pathlib.Path(args.out)
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"gen-ports: {out} is stale; rerun scripts/gen-ports.py", file=sys.stderr)
            return 1
        print(f"gen-ports: {out} is up to date ({len(rows)} ports)")
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"gen-ports: wrote {out}: {len(rows)} ports "
          f"({len(rows) - 1} from the World Port Index + Dunai)")
    print(f"  sha256 {sha256(args.wpi)}  {args.wpi}")
    print(f"  sha256 {sha256(args.dunai)}  {args.dunai}")
    print(f"  sha256 {sha256(out)}  {out}")
    for n in notes:
        print("  note:", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
