"""Write the hand-designed oracle dataset as contract CSVs (run: python tests/metrics/fixture_data/generate.py).

The CSVs beside this file are the fixture; this script only spares typing them. Everything is
deterministic arithmetic over small tables below, so a person can recompute any row. The cast of
customers and the reason for each history is in README.md.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST = (2024, 9)  # month index 0; index 25 = 2026-10 (26 months)
N_MONTHS = 26

PRODUCTS = [  # code, name, kind, density
    ("G92", "92#汽油", "gasoline", 0.725),
    ("G95", "95#汽油", "gasoline", 0.737),
    ("G98", "98#汽油", "gasoline", 0.745),
    ("D0", "0#柴油", "diesel", 0.835),
    ("D-10", "-10#柴油", "diesel", 0.840),
]

# station, team, city, opened_on, location, staff, store m², nozzles
STATIONS = [
    ("S01", "T1", "C1", "2015-03-01", "urban", 9, 80.0, 8),
    ("S02", "T1", "C1", "2016-05-10", "suburban", 7, 60.0, 6),
    ("S03", "T1", "C1", "2012-01-01", "rural", 4, 0.0, 4),  # no store
    ("S04", "T2", "C1", "2018-07-01", "urban", 8, 100.0, 8),
    ("S05", "T2", "C1", "2026-06-16", "suburban", 5, 40.0, 4),  # opened mid-year
    ("S06", "T3", "C2", "2014-09-01", "highway", 10, 120.0, 12),
    ("S07", "T3", "C2", "2019-11-20", "highway", 6, 50.0, 6),  # campaign control station
]
TEAM_NAMES = {"T1": "榕东团队", "T2": "榕西团队", "T3": "鹭岛团队"}
CITY_NAMES = {"C1": "榕城", "C2": "鹭城"}


def month_of(i: int) -> tuple[int, int]:
    """(year, month) of month index i."""
    k = FIRST[0] * 12 + FIRST[1] - 1 + i
    return k // 12, k % 12 + 1


def mkey(i: int) -> str:
    y, m = month_of(i)
    return f"{y:04d}-{m:02d}"


def idx(ym: str) -> int:
    y, m = int(ym[:4]), int(ym[5:7])
    return (y * 12 + m - 1) - (FIRST[0] * 12 + FIRST[1] - 1)


def station_open(st: str, i: int, day: int = 1) -> bool:
    """Whether station st is open on day `day` of month index i."""
    opened = next(s[3] for s in STATIONS if s[0] == st)
    y, m = month_of(i)
    return date(y, m, day) >= date.fromisoformat(opened)


def list_price(code: str, i: int) -> float:
    """Posted price: G92 is kept at 8.00 so that preset fills (25 L = 200 yuan) are exact."""
    step = (i // 3) % 3
    return {"G92": 8.00, "G95": 8.50 + 0.10 * step, "G98": 9.30 + 0.20 * step,
            "D0": 7.40 + 0.08 * ((i // 4) % 3), "D-10": 7.70 + 0.05 * step}[code]


def cost_per_liter(code: str, i: int) -> float:
    """Purchase cost: the price less a margin that moves month to month."""
    margin = {"G92": 0.70, "G95": 0.80, "G98": 0.95, "D0": 0.55, "D-10": 0.60}[code]
    return round(list_price(code, i) - margin - 0.02 * (i % 4), 3)


# ---- customers ------------------------------------------------------------------------------
# id, name, phone, kind, grade, manager, home, registered, product, payment,
# history: {month index: {station: liters}} built by the helpers below.
def _flat(station: str, liters: float, first: int, last: int) -> dict[int, dict[str, float]]:
    return {i: {station: liters} for i in range(first, last + 1)}


def _customers() -> list[tuple]:
    h: dict[str, dict[int, dict[str, float]]] = {}
    o = idx("2026-10")  # 25
    h["K01"] = _flat("S01", 200.0, 0, o)  # active every month
    h["K02"] = _flat("S01", 120.0, 0, idx("2026-05"))  # lost: last 2026-05, k = 5 at Oct
    h["K03"] = _flat("S02", 90.0, 0, idx("2026-02"))  # dormant: k = 8 at Oct
    h["K04"] = {**_flat("S02", 300.0, 0, o - 1), o: {"S02": 207.0}}  # 69 % -> warning
    h["K05"] = {**_flat("S02", 300.0, 0, o - 1), o: {"S02": 210.0}}  # exactly 70 % -> none
    k06 = _flat("S03", 300.0, 0, o)  # zero month inside the average
    k06[idx("2026-07")] = {"S03": 0.0}
    k06[idx("2026-08")] = {"S03": 450.0}
    k06[idx("2026-09")] = {"S03": 450.0}
    k06[o] = {"S03": 250.0}  # avg incl. the zero = 300 -> 250 >= 210, no warning
    h["K06"] = k06
    k07 = _flat("S01", 1000.0, 0, idx("2026-08"))  # gold fleet, serious warning
    k07[idx("2026-09")] = {"S01": 500.0}
    k07[o] = {"S01": 400.0}
    h["K07"] = k07
    k08 = {i: {"S01": 80.0, "S04": 60.0} for i in range(0, idx("2026-05") + 1)}
    k08.update({i: {"S04": 140.0} for i in range(idx("2026-06"), o + 1)})
    h["K08"] = k08  # two teams: lost at T1, active at T2, city and province
    k09 = _flat("S04", 100.0, 0, idx("2026-03"))  # lost 2026-07..08, back 2026-09
    k09.update(_flat("S04", 110.0, idx("2026-09"), o))
    h["K09"] = k09
    h["K10"] = _flat("S06", 900.0, 0, o)  # platinum fleet, diesel, steady
    k11 = _flat("S07", 240.0, 0, o - 1)  # diamond individual at the control station
    k11[o] = {"S07": 100.0}  # warning in October
    h["K11"] = k11
    h["K12"] = _flat("S05", 160.0, idx("2026-07"), o)  # customer of the new station
    h["K13"] = {}  # registered in October, never bought
    h["K14"] = _flat("S02", 150.0, 0, o)  # diamond, gets one abnormal discount
    h["K15"] = _flat("S03", 60.0, 0, idx("2026-07"))  # boundary: k = 3 -> active
    h["K16"] = _flat("S03", 70.0, 0, idx("2026-03"))  # boundary: k = 7 -> lost
    h["K17"] = _flat("S06", 50.0, idx("2025-06"), idx("2026-02"))  # k = 8 at Oct: dormant
    h["K18"] = _flat("S01", 100.0, idx("2026-09"), o)  # new in Sep, first buy after 7 days
    h["K19"] = _flat("S02", 80.0, o, o)  # new in Sep, first buy 33 days later: not activated
    h["K20"] = _flat("S06", 200.0, idx("2026-09"), o)  # new in Aug, first buy after 14 days
    h["K21"] = {}  # new in Aug at S04, never bought
    rows = [
        ("K01", "王一", "13800000001", "individual", "normal", "M1", "S01", "2024-01-05", "G92", "card"),
        ("K02", "李二", "13800000002", "individual", "normal", "M1", "S01", "2024-02-11", "G95", "mobile"),
        ("K03", "张三", "", "individual", "normal", "", "S02", "2024-03-02", "G92", "card"),
        ("K04", "刘四", "13800000004", "individual", "gold", "M2", "S02", "2024-01-20", "G95", "card"),
        ("K05", "陈五", "13800000005", "individual", "normal", "M2", "S02", "2024-04-15", "G92", "bankcard"),
        ("K06", "杨六", "13800000006", "individual", "normal", "", "S03", "2024-05-01", "G92", "cash"),
        ("K07", "闽运物流", "059100000007", "fleet", "gold", "M1", "S01", "2023-11-01", "D0", "card"),
        ("K08", "黄八", "13800000008", "individual", "platinum", "M3", "S01", "2024-02-02", "G95", "card"),
        ("K09", "赵九", "13800000009", "individual", "normal", "M3", "S04", "2024-06-06", "G92", "mobile"),
        ("K10", "鹭通车队", "059200000010", "fleet", "platinum", "M4", "S06", "2023-08-08", "D0", "card"),
        ("K11", "周十一", "13800000011", "individual", "diamond", "M4", "S07", "2024-07-07", "G98", "card"),
        ("K12", "吴十二", "13800000012", "individual", "normal", "", "S05", "2026-06-20", "G92", "mobile"),
        ("K13", "郑十三", "13800000013", "individual", "normal", "M3", "S04", "2026-10-03", "G92", "card"),
        ("K14", "孙十四", "13800000014", "individual", "diamond", "M2", "S02", "2024-01-15", "G98", "card"),
        ("K15", "钱十五", "", "individual", "normal", "", "S03", "2024-02-20", "G92", "cash"),
        ("K16", "冯十六", "13800000016", "individual", "gold", "M1", "S03", "2024-03-30", "G95", "card"),
        ("K17", "何十七", "13800000017", "fleet", "normal", "M4", "S06", "2025-05-20", "D-10", "bankcard"),
        ("K18", "林十八", "13800000018", "individual", "normal", "M1", "S01", "2026-09-01", "G92", "mobile"),
        ("K19", "高十九", "13800000019", "individual", "normal", "M2", "S02", "2026-09-05", "G95", "card"),
        ("K20", "厦运物流", "059200000020", "fleet", "gold", "M4", "S06", "2026-08-25", "D0", "card"),
        ("K21", "罗二一", "13800000021", "individual", "normal", "", "S04", "2026-08-10", "G92", "cash"),
    ]
    return [(*r, h[r[0]]) for r in rows]


CUSTOMERS = _customers()
PRODUCT_OF = {p[0]: p for p in PRODUCTS}
# Abnormal discounts (> 8 % of the list amount): (customer or station, month, day) -> rate.
ABNORMAL = {("K14", "2026-10", 8): 0.10, ("K14", "2026-08", 8): 0.09, ("S06", "2026-09", 15): 0.12}
CAMPAIGNS = [
    ("CP1", "满220送洗车", "threshold", "2026-09-10", "2026-09-20", 3000.0, 220.0, ["S01", "S02"]),
    ("CP2", "充值赠送周", "recharge_bonus", "2026-10-05", "2026-10-12", 1500.0, None, ["S06"]),
]
NF_CATEGORIES = ["beverage", "snack", "tobacco_liquor", "lubricant", "car_care", "daily_goods",
                 "own_brand"]
EXPENSE_BASE = {"labour": 150.0, "utilities": 30.0, "repairs": 15.0, "depreciation": 60.0,
                "marketing": 20.0, "rent": 40.0, "other": 12.0}
PLAN_FACTOR = {"S01": 0.95, "S02": 1.00, "S03": 1.15, "S04": 1.05, "S05": 0.90, "S06": 1.02,
               "S07": 1.20}


def _ts(i: int, day: int, hm: str) -> str:
    y, m = month_of(i)
    return f"{y:04d}-{m:02d}-{day:02d}T{hm}"


def _fuel_row(txn: list, st: str, i: int, day: int, hm: str, code: str, liters: float,
              discount: float, cust: str, pay: str, nozzle: int) -> None:
    """Append one fuel row; discount is in yuan, paid is rounded to the cent as a till would."""
    price = list_price(code, i)
    paid = round(liters * price - discount, 2)
    txn.append({"txn_id": f"F{len(txn) + 1:05d}", "ts": _ts(i, day, hm), "station_id": st,
                "nozzle_no": nozzle, "product_code": code, "liters": round(liters, 3),
                "list_price": round(price, 2), "paid_amount": paid, "customer_id": cust,
                "payment_method": pay})


def _not_round(liters: float, code: str, i: int) -> float:
    """Nudge a litre figure so that its list amount is clearly not a whole multiple of 10."""
    amount = liters * list_price(code, i)
    if abs(amount - round(amount / 10) * 10) < 0.05:
        liters += 0.1
    return round(liters, 3)


def anonymous_fuel(txn: list) -> None:
    """Three walk-in sales per open station-month: a preset fill on the 4th, one on the 15th
    late evening (inside a month-to-date as of the 15th) and one just after midnight on the 16th."""
    presets = [200.0, 220.0, 100.0, 300.0, 150.0, 250.0]
    for si, (st, *_rest) in enumerate(STATIONS):
        for i in range(N_MONTHS):
            if station_open(st, i, 4):
                amount = presets[(si + i) % 6]
                _fuel_row(txn, st, i, 4, "08:10:00", "G92", amount / 8.0, 0.0, "",
                          "cash" if (si + i) % 2 else "bankcard", 1)
            if station_open(st, i, 15):
                code = PRODUCTS[(si + i) % 5][0]
                liters = _not_round(20 + 3.137 * ((si * 7 + i * 3) % 11), code, i)
                rate = ABNORMAL.get((st, mkey(i), 15))
                disc = round(liters * list_price(code, i) * rate, 2) if rate else (
                    2.0 if (si + i) % 3 == 0 else 0.0)
                pay = ["mobile", "bankcard", "cash"][(si + i) % 3]
                _fuel_row(txn, st, i, 15, "21:45:00", code, liters, disc, "", pay, 2)
            if station_open(st, i, 16):
                code = ["D0", "D-10", "G95"][(si + i) % 3]
                liters = _not_round(30 + 5.5 * ((si + 2 * i) % 7), code, i)
                _fuel_row(txn, st, i, 16, "00:05:00", code, liters, 0.0, "",
                          "cash" if i % 2 else "mobile", 3)


def member_fuel(txn: list) -> None:
    """Each customer-month at a station is two sales: the 8th and the 22nd, half each."""
    for cust in CUSTOMERS:
        cid, grade, product, pay, hist = cust[0], cust[4], cust[8], cust[9], cust[10]
        per_liter = {"normal": 0.10, "gold": 0.20, "platinum": 0.25, "diamond": 0.30}[grade]
        if cid == "K05":
            per_liter = 0.0
        for i in sorted(hist):
            for st, liters in sorted(hist[i].items()):
                if liters <= 0:
                    continue
                for day, hm in ((8, "09:30:00"), (22, "18:10:00")):
                    part = liters / 2
                    rate = ABNORMAL.get((cid, mkey(i), day))
                    disc = (part * list_price(product, i) * rate) if rate else part * per_liter
                    _fuel_row(txn, st, i, day, hm, product, part, round(disc, 2), cid, pay, 4)


def commuter_fuel(txn: list) -> None:
    """A daily G92 regular at S07 from 2026-09-08 to 2026-10-14, missing 2026-10-09: the product
    sells almost every day, so that day (and the days after the run ends) read as stock-outs."""
    day = date(2026, 9, 8)
    while day <= date(2026, 10, 14):
        if day != date(2026, 10, 9):
            i = idx(f"{day.year:04d}-{day.month:02d}")
            _fuel_row(txn, "S07", i, day.day, "12:00:00", "G92", 21.3, 0.0, "", "mobile", 6)
        day = date.fromordinal(day.toordinal() + 1)


def campaign_fuel(txn: list) -> None:
    """Threshold campaign CP1: two 220-yuan fills at each campaign station on 2026-09-12."""
    i = idx("2026-09")
    for st in ("S01", "S02"):
        for hm in ("10:00:00", "16:30:00"):
            _fuel_row(txn, st, i, 12, hm, "G92", 27.5, 0.0, "", "mobile", 5)


def nonfuel() -> list[dict]:
    """Two baskets per store station-month: 2 lines on the 6th, 3 lines on the 19th."""
    rows: list[dict] = []
    member = {c[6]: c[0] for c in reversed(CUSTOMERS) if c[10]}
    for si, (st, *_r, area, _nz) in enumerate(STATIONS):
        if area <= 0:
            continue
        for i in range(N_MONTHS):
            for day, hm, lines, tag in ((6, "10:20:00", 2, "A"), (19, "17:40:00", 3, "B")):
                if not station_open(st, i, day):
                    continue
                for ln in range(1, lines + 1):
                    k = si + i + ln + (3 if tag == "B" else 0)
                    cat = NF_CATEGORIES[k % 7]
                    qty = float(1 + (k % 3))
                    unit = [4.5, 6.0, 25.0, 48.0, 15.0, 9.9, 12.0][k % 7]
                    revenue = round(qty * unit, 2)
                    cost = round(revenue * (0.62 + 0.03 * (k % 4)), 2)
                    cust = member.get(st, "") if tag == "B" and ln == 1 else ""
                    y, m = month_of(i)
                    rows.append({"basket_id": f"N{st}{y}{m:02d}{tag}", "line_no": ln,
                                 "ts": _ts(i, day, hm), "station_id": st, "category": cat,
                                 "sku": f"{cat[:3].upper()}{k % 7:02d}", "qty": qty,
                                 "revenue": revenue, "cost": cost, "customer_id": cust})
    return rows


def recharges() -> list[dict]:
    """Top-ups at the home station on the 10th, every third month of a buying customer."""
    rows: list[dict] = []
    for n, c in enumerate(CUSTOMERS):
        cid, kind, home, hist = c[0], c[3], c[6], c[10]
        for i in sorted(hist):
            if (i + n) % 3 or not station_open(home, i, 10):
                continue
            amount = 3000.0 if kind == "fleet" else [500.0, 1000.0, 300.0][(i + n) % 9 // 3]
            bonus = round(amount * 0.02, 2) if amount >= 1000 else 0.0
            rows.append({"recharge_id": f"R{len(rows) + 1:04d}", "ts": _ts(i, 10, "14:00:00"),
                         "customer_id": cid, "station_id": home, "amount": amount,
                         "bonus": bonus})
    return rows


def expenses() -> list[dict]:
    """Every category for every station-month the station is open (rent 0 at the owned S03)."""
    rows: list[dict] = []
    for si, (st, *_r) in enumerate(STATIONS):
        for i in range(N_MONTHS):
            y, m = month_of(i)
            last = 28 if m == 2 else 30
            if not station_open(st, i, last):
                continue
            for cat, base in EXPENSE_BASE.items():
                amount = 0.0 if (cat == "rent" and st == "S03") else round(
                    base * (1 + 0.1 * si) * (1 + 0.01 * (i % 5)), 2)
                rows.append({"month": mkey(i), "station_id": st, "category": cat,
                             "amount": amount})
    return rows


def _actuals(fuel: list[dict], nf: list[dict], rc: list[dict], ex: list[dict]) -> dict:
    """Per (station, month): the plan measures' actuals, to size plans around them."""
    acc: dict[tuple[str, str], dict[str, float]] = {}

    def add(st: str, mk: str, key: str, v: float) -> None:
        acc.setdefault((st, mk), {}).setdefault(key, 0.0)
        acc[(st, mk)][key] += v

    for r in fuel:
        mk, code = r["ts"][:7], r["product_code"]
        t = r["liters"] * PRODUCT_OF[code][3] / 1000
        add(r["station_id"], mk, "fuel_volume_t", t)
        add(r["station_id"], mk, f"{PRODUCT_OF[code][2]}_volume_t", t)
        gp = r["paid_amount"] - r["liters"] * cost_per_liter(code, idx(mk))
        add(r["station_id"], mk, "operating_profit", gp)
    for r in nf:
        add(r["station_id"], r["ts"][:7], "nonfuel_revenue", r["revenue"])
        add(r["station_id"], r["ts"][:7], "nonfuel_gross_profit", r["revenue"] - r["cost"])
        add(r["station_id"], r["ts"][:7], "operating_profit", r["revenue"] - r["cost"])
    for r in rc:
        add(r["station_id"], r["ts"][:7], "recharge_amount", r["amount"])
    for r in ex:
        add(r["station_id"], r["month"], "expenses", r["amount"])
        add(r["station_id"], r["month"], "operating_profit", -r["amount"])
    return acc


PLAN_MEASURES = ["fuel_volume_t", "gasoline_volume_t", "diesel_volume_t", "nonfuel_revenue",
                 "nonfuel_gross_profit", "expenses", "operating_profit", "recharge_amount"]


def plans(actual: dict) -> list[dict]:
    """Plans for 2025-01..2026-12: last year's actual (or this month's) × the station's factor.

    Months after the data end (2026-11, 2026-12) reuse 2026-10's actuals, so a year plan is whole.
    """
    rows: list[dict] = []
    for st, *_r in STATIONS:
        for i in range(idx("2025-01"), idx("2026-12") + 1):
            src = min(i, idx("2026-10"))
            a = actual.get((st, mkey(src)))
            if a is None or not station_open(st, src, 28):
                continue
            f = PLAN_FACTOR[st]
            for meas in PLAN_MEASURES:
                v = a.get(meas, 0.0)
                target = v * (2 - f) if meas == "expenses" else v * f
                nd = 3 if meas.endswith("_t") else 2
                rows.append({"month": mkey(i), "station_id": st, "measure": meas,
                             "target": round(target, nd)})
    return rows


def _write(name: str, rows: list[dict], cols: list[str]) -> None:
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r[k] is None else r[k]) for k in cols})


OUT = HERE


def main(out: Path = HERE) -> None:
    """Write all contract files into `out` (the fixture folder by default)."""
    global OUT
    OUT = out
    fuel: list[dict] = []
    anonymous_fuel(fuel)
    member_fuel(fuel)
    campaign_fuel(fuel)
    commuter_fuel(fuel)
    fuel.sort(key=lambda r: (r["ts"], r["station_id"], r["txn_id"]))
    for n, r in enumerate(fuel, 1):
        r["txn_id"] = f"F{n:05d}"
    nf, rc, ex = nonfuel(), recharges(), expenses()
    _write("products.csv", [dict(zip(["product_code", "product_name", "kind", "density_kg_per_l"],
                                     p, strict=True)) for p in PRODUCTS],
           ["product_code", "product_name", "kind", "density_kg_per_l"])
    st_cols = ["station_id", "station_name", "team_id", "team_name", "city_id", "city_name",
               "province_id", "province_name", "opened_on", "location_type", "staff_count",
               "store_area_m2", "nozzle_count", "lat", "lon"]
    _write("stations.csv", [
        {"station_id": s, "station_name": f"{CITY_NAMES[c]}{s[1:]}站", "team_id": t,
         "team_name": TEAM_NAMES[t], "city_id": c, "city_name": CITY_NAMES[c],
         "province_id": "P1", "province_name": "闽省", "opened_on": o, "location_type": lt,
         "staff_count": sc, "store_area_m2": a, "nozzle_count": nz,
         "lat": round(26.0 + 0.01 * k, 4), "lon": round(119.3 + 0.01 * k, 4) if k % 2 else None}
        for k, (s, t, c, o, lt, sc, a, nz) in enumerate(STATIONS)], st_cols)
    cu_cols = ["customer_id", "name", "phone", "kind", "grade", "manager_id", "home_station_id",
               "registered_on"]
    _write("customers.csv", [dict(zip(cu_cols, c[:8], strict=True)) for c in CUSTOMERS], cu_cols)
    _write("fuel_sales.csv", fuel, ["txn_id", "ts", "station_id", "nozzle_no", "product_code",
                                    "liters", "list_price", "paid_amount", "customer_id",
                                    "payment_method"])
    _write("nonfuel_sales.csv", nf, ["basket_id", "line_no", "ts", "station_id", "category",
                                     "sku", "qty", "revenue", "cost", "customer_id"])
    _write("card_recharges.csv", rc, ["recharge_id", "ts", "customer_id", "station_id",
                                      "amount", "bonus"])
    _write("expenses.csv", ex, ["month", "station_id", "category", "amount"])
    _write("purchase_costs.csv", [
        {"month": mkey(i), "product_code": p[0], "cost_per_liter": cost_per_liter(p[0], i)}
        for i in range(N_MONTHS) for p in PRODUCTS], ["month", "product_code", "cost_per_liter"])
    _write("plans.csv", plans(_actuals(fuel, nf, rc, ex)), ["month", "station_id", "measure",
                                                           "target"])
    _write("campaigns.csv", [
        {"campaign_id": c[0], "name": c[1], "kind": c[2], "start_date": c[3], "end_date": c[4],
         "cost": c[5], "threshold_amount": c[6]} for c in CAMPAIGNS],
        ["campaign_id", "name", "kind", "start_date", "end_date", "cost", "threshold_amount"])
    _write("campaign_stations.csv", [{"campaign_id": c[0], "station_id": s}
                                     for c in CAMPAIGNS for s in c[7]],
           ["campaign_id", "station_id"])


if __name__ == "__main__":
    main()
