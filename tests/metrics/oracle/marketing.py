"""Oracles of the marketing theme (营销), from indicators/marketing.yaml and the campaign-effect
definition (difference in differences against control stations of the same city)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from metrics.periods import Window
from tests.metrics.oracle import frames as F
from tests.metrics.oracle.fixed import oracle_fuel_volume_t
from tests.metrics.oracle.profit import oracle_total_gross_profit

Fr = F.Frames


def oracle_marketing_input_total(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Fuel discounts + recharge bonus + booked marketing expenses."""
    f = F.fuel(fr, level, eid, win)
    discount = (f["liters"] * f["list_price"] - f["paid_amount"]).sum()
    bonus = F.recharges(fr, level, eid, win)["bonus"].sum()
    return float(discount + bonus + F.expense_sum(fr, level, eid, win, "marketing"))


def oracle_marketing_input_per_tonne(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Marketing input ÷ tonnes."""
    return F.ratio(oracle_marketing_input_total(fr, level, eid, win),
                   oracle_fuel_volume_t(fr, level, eid, win))


def oracle_marketing_to_gross_profit(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Marketing input ÷ total gross profit (null when that is not positive)."""
    return F.ratio(oracle_marketing_input_total(fr, level, eid, win),
                   max(oracle_total_gross_profit(fr, level, eid, win), 0.0))


def oracle_discounted_volume_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Tonnes sold with a discount (> 0.005 yuan) ÷ all tonnes."""
    f = F.fuel(fr, level, eid, win)
    disc = f["liters"] * f["list_price"] - f["paid_amount"]
    return F.ratio(f.loc[disc > 0.005, "tonnes"].sum(), f["tonnes"].sum())


def oracle_member_discount_share(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Discounts given to members ÷ all discounts."""
    f = F.fuel(fr, level, eid, win)
    disc = f["liters"] * f["list_price"] - f["paid_amount"]
    return F.ratio(disc[f["customer_id"] != ""].sum(), disc.sum())


# ---- campaign effect ---------------------------------------------------------------------------

def _between(df: pd.DataFrame, sts: set[str], lo, hi) -> pd.DataFrame:  # noqa: ANN001
    day = df["day"]
    return df[df["station_id"].isin(sts) & (day >= pd.Timestamp(lo)) & (day <= pd.Timestamp(hi))]


def _quantities(fr: Fr, sts: set[str], lo, hi) -> dict[str, float]:  # noqa: ANN001
    f, n = _between(fr.fuel, sts, lo, hi), _between(fr.nonfuel, sts, lo, hi)
    return {"t": float(f["tonnes"].sum()),
            "gp": float((f["paid_amount"] - f["liters"] * f["cost_per_liter"]).sum()),
            "nf": float(n["revenue"].sum()),
            "disc": float((f["liters"] * f["list_price"] - f["paid_amount"]).sum())}


def campaign_effect(fr: Fr, level: str, eid: str, win: Window) -> dict[str, float]:
    """Σ over campaigns overlapping the window and their stations in the entity of baseline and
    incremental tonnes, gross profit, non-fuel revenue, and the incremental cost."""
    out = dict.fromkeys(("inc_t", "base_t", "inc_gp", "inc_nf", "base_nf", "inc_cost"), 0.0)
    ent = F.station_ids(fr, level, eid)
    st = fr.stations.set_index("station_id")
    for _, c in fr.campaigns.iterrows():
        start, end = pd.Timestamp(c["start_date"]).date(), pd.Timestamp(c["end_date"]).date()
        if start > win.end or end < win.start:
            continue
        members = set(fr.campaign_stations.loc[fr.campaign_stations["campaign_id"]
                                               == c["campaign_id"], "station_id"])
        length = (end - start).days + 1
        d_lo, d_hi = max(start, win.start), min(end, win.end)
        n = (d_hi - d_lo).days + 1
        p_lo, p_hi = start - timedelta(days=length), start - timedelta(days=1)
        for s in sorted(members & ent):
            city = st.loc[s, "city_id"]
            control = {x for x in st.index if st.loc[x, "city_id"] == city and x not in members
                       and st.loc[x, "opened_on"] <= p_lo}
            cd, cp = _quantities(fr, control, d_lo, d_hi), _quantities(fr, control, p_lo, p_hi)
            sd, sp = _quantities(fr, {s}, d_lo, d_hi), _quantities(fr, {s}, p_lo, p_hi)
            for q, inc, base in (("t", "inc_t", "base_t"), ("gp", "inc_gp", None),
                                 ("nf", "inc_nf", "base_nf")):
                r = (cd[q] / n) / (cp[q] / length) if cp[q] > 0 else 1.0
                baseline = n * sp[q] / length * r
                out[inc] += sd[q] - baseline
                if base:
                    out[base] += baseline
            out["inc_cost"] += (c["cost"] / len(members) * n / length
                                + sd["disc"] - n * sp["disc"] / length)
    return out


def oracle_campaign_volume_uplift(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Incremental tonnes ÷ baseline tonnes."""
    e = campaign_effect(fr, level, eid, win)
    return F.ratio(e["inc_t"], e["base_t"])


def oracle_campaign_incremental_volume(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Incremental tonnes of campaigns."""
    return campaign_effect(fr, level, eid, win)["inc_t"]


def oracle_campaign_cost_per_incremental_tonne(fr: Fr, level: str, eid: str,
                                               win: Window) -> float | None:
    """Incremental cost ÷ incremental tonnes (null when those are not positive)."""
    e = campaign_effect(fr, level, eid, win)
    return F.ratio(e["inc_cost"], max(e["inc_t"], 0.0))


def oracle_campaign_roi(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Incremental gross profit ÷ incremental cost (null when that is not positive)."""
    e = campaign_effect(fr, level, eid, win)
    return F.ratio(e["inc_gp"], max(e["inc_cost"], 0.0))


def oracle_campaign_nonfuel_uplift(fr: Fr, level: str, eid: str, win: Window) -> float | None:
    """Incremental non-fuel revenue ÷ baseline non-fuel revenue."""
    e = campaign_effect(fr, level, eid, win)
    return F.ratio(e["inc_nf"], e["base_nf"])
