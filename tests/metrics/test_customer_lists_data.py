"""Hand-built customer data for the customer-list, segment and page tests, and a pandas oracle.

Team T1 = S1 and S2 (S2 opened 2026-06-15, mid-year), T2 = S3 (same city C1), T3 = S4 (city
C2). Liters per month; purchases on the 5th unless a day is given; density 0.75; price 7.

id   name / phone          grade    purchases                                   at T1, 2026-10
a1   张三丰 13800001111    gold     S1 Jun–Aug 1000, Sep 600, Oct 300           serious, escalated
a2   李四 13900002222      normal   S1 Jul–Sep 2000, Oct 15th 1000              warning
a3   王五 13700003333      fleet    S1 Jul–Oct 1000, Oct 31st 500               active, today
a4   赵六 13600004444      normal   S1 Jul–Sep 1000, S3 Oct 1000                warning, moved to S3
a5   钱七 13500005555      normal   S1 May 1000                                 lost
a6   孙八 13400006666      normal   S1 Jan 1000                                 dormant
a7   周九 13300007777      normal   S2 Jul–Sep 1000, Oct 500                    warning (S2)
a8   吴十 13200008888      diamond  S1 Aug, Sep 3000, Oct 20th 500              warning
a9   郑十一 13100009999    normal   S4 Jul–Oct 1000                             not at T1
a10  冯十二 13000001010    normal   S1 Jul–Sep 3100, Oct 10th 1040 + 25th 2000  MTD (10-15) warning
Discounts (paid < list × liters): a2 and a3 in October only. Card recharges: a8 5000 at S1 on
Oct 1, a9 1000 at S4 on Sep 1.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from tests.metrics.special_fixture import customer, sale, station

NAMES = {
    "a1": ("张三丰", "13800001111"), "a2": ("李四", "13900002222"),
    "a3": ("王五", "13700003333"), "a4": ("赵六", "13600004444"),
    "a5": ("钱七", "13500005555"), "a6": ("孙八", "13400006666"),
    "a7": ("周九", "13300007777"), "a8": ("吴十", "13200008888"),
    "a9": ("郑十一", "13100009999"), "a10": ("冯十二", "13000001010"),
}  # fmt: skip
GRADES = {"a1": "gold", "a8": "diamond"}
MANAGERS = {"a1": "m1", "a2": "m1", "a8": "m2"}
KINDS = {"a3": "fleet"}


def d(month: int, day: int = 5) -> date:
    """A day of 2026."""
    return date(2026, month, day)


def _monthly(cid: str, sid: str, by_month: dict[int, float]) -> list[dict]:
    return [sale(sid, d(m), v, cust=cid) for m, v in by_month.items()]


def fuel() -> list[dict]:
    """The fuel rows of the table in the module docstring."""
    rows = _monthly("a1", "S1", {6: 1000, 7: 1000, 8: 1000, 9: 600, 10: 300})
    rows += _monthly("a2", "S1", {7: 2000, 8: 2000, 9: 2000})
    rows += [sale("S1", d(10, 15), 1000, cust="a2", paid=6500.0)]
    rows += _monthly("a3", "S1", {7: 1000, 8: 1000, 9: 1000})
    rows += [sale("S1", d(10), 1000, cust="a3", paid=6800.0), sale("S1", d(10, 31), 500, cust="a3")]
    rows += _monthly("a4", "S1", {7: 1000, 8: 1000, 9: 1000}) + _monthly("a4", "S3", {10: 1000})
    rows += _monthly("a5", "S1", {5: 1000}) + _monthly("a6", "S1", {1: 1000})
    rows += _monthly("a7", "S2", {7: 1000, 8: 1000, 9: 1000, 10: 500})
    rows += _monthly("a8", "S1", {8: 3000, 9: 3000}) + [sale("S1", d(10, 20), 500, cust="a8")]
    rows += _monthly("a9", "S4", {7: 1000, 8: 1000, 9: 1000, 10: 1000})
    rows += _monthly("a10", "S1", {7: 3100, 8: 3100, 9: 3100})
    rows += [sale("S1", d(10, 10), 1040, cust="a10"), sale("S1", d(10, 25), 2000, cust="a10")]
    rows += [sale("S1", d(10, 6), 700), sale("S3", d(10, 6), 700)]  # anonymous: ignored
    return rows


def customers() -> list[dict]:
    """Customers with planted names and phones (the pii scan looks for them)."""
    out = []
    for cid, (name, phone) in NAMES.items():
        row = customer(cid, "S4" if cid == "a9" else "S1", grade=GRADES.get(cid, "normal"),
                       kind=KINDS.get(cid, "individual"), manager=MANAGERS.get(cid))
        out.append({**row, "name": name, "phone": phone})
    return out


TABLES = {
    "products": [
        {"product_code": "G92", "product_name": "92#", "kind": "gasoline", "density_kg_per_l": 0.75}
    ],
    "stations": [
        station("S1", "T1", "C1"), station("S2", "T1", "C1", opened=d(6, 15)),
        station("S3", "T2", "C1"), station("S4", "T3", "C2"),
    ],
    "customers": customers(),
    "fuel_sales": fuel(),
    "card_recharges": [
        {"recharge_id": "R1", "ts": datetime(2026, 10, 1, 9), "customer_id": "a8", "station_id": "S1",
         "amount": 5000.0, "bonus": 100.0},
        {"recharge_id": "R2", "ts": datetime(2026, 9, 1, 9), "customer_id": "a9", "station_id": "S4",
         "amount": 1000.0, "bonus": 0.0},
    ],
}  # fmt: skip
TEAM_OF = {"S1": "T1", "S2": "T1", "S3": "T2", "S4": "T3"}


# ---- an independent oracle: the contract's rules over plain pandas ------------------------------


def monthly(stations: set[str], end: date) -> pd.DataFrame:
    """Liters per customer (rows) and month start (columns) at `stations` up to day `end`."""
    f = pd.DataFrame(TABLES["fuel_sales"])
    f = f[f.customer_id.notna() & f.station_id.isin(stations) & (f.ts.dt.date <= end)]
    f = f.assign(month=f.ts.dt.to_period("M"))
    return f.pivot_table(index="customer_id", columns="month", values="liters", aggfunc="sum",
                         fill_value=0.0)  # fmt: skip


def oracle(stations: set[str], end: date) -> dict[str, set[str]]:
    """Customer ids per list at `stations` with the as-of day `end` (k, 70 % rule, like for like)."""
    tab = monthly(stations, end)
    m = pd.Period(end, "M")
    days = m.days_in_month
    p = end.day / days if end.day < days else 1.0

    def liters(cid: str, month: pd.Period) -> float:
        return float(tab.loc[cid, month]) if month in tab.columns else 0.0

    def warns(cid: str, month: pd.Period, prog: float) -> bool:
        avg = sum(liters(cid, month - i) for i in (1, 2, 3)) / 3
        return avg > 0 and liters(cid, month) < 0.7 * avg * prog

    out: dict[str, set[str]] = {k: set() for k in ("active", "lost", "dormant", "warning",
                                                   "serious", "escalated", "month")}  # fmt: skip
    grade = {c["customer_id"]: c["grade"] for c in TABLES["customers"]}
    for cid in tab.index:
        bought = [mo for mo in tab.columns if tab.loc[cid, mo] > 0]
        k = (m - max(bought)).n
        out["active" if k <= 3 else "lost" if k <= 7 else "dormant"].add(cid)
        if warns(cid, m, p):
            out["warning"].add(cid)
            if warns(cid, m - 1, 1.0):
                out["serious"].add(cid)
                if grade[cid] in ("gold", "platinum", "diamond"):
                    out["escalated"].add(cid)
        if liters(cid, m) > 0:
            out["month"].add(cid)
    return out
