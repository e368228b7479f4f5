"""The report as data: plain frozen dataclasses (numbers only; sentences come from reports.text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Figure:
    """One headline indicator of the entity: value, comparisons and light."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    value: float | None
    plan: float | None
    completion: float | None
    time_progress: float | None
    mom_value: float | None
    mom_change: float | None
    yoy_change: float | None
    rag: str
    rag_reason_zh: str = ""
    rag_reason_en: str = ""
    # Comparisons the data does not cover (metrics.coverage): (what, basis, first day, last day)
    # with what in value | mom | yoy | plan | rag. Such a change is never written as a finding.
    gaps: tuple[tuple[str, str, date, date], ...] = ()

    @property
    def link(self) -> str:
        """Where the number's definition lives (the dictionary's anchor)."""
        return f"/dictionary#{self.id}"

    def gap(self, what: str) -> tuple[str, date, date] | None:
        """(basis, first day, last day) of the uncovered window behind `what`, or None."""
        return next(((b, s, e) for w, b, s, e in self.gaps if w == what), None)

    @property
    def delta(self) -> float | None:
        """value − value of the previous month (like for like)."""
        if self.value is None or self.mom_value is None:
            return None
        return self.value - self.mom_value


@dataclass(frozen=True)
class Contributor:
    """A part of a change: a child entity, a product kind with its products as `parts`, or a
    product (value now, a month before like for like, the difference, in the figure's unit), or a
    customer (liters this month to date
    against their own expectation: the average of the three months before × time progress)."""

    level: str  # station | team | city | product (a kind) | product_code | customer
    id: str
    name: str
    value: float | None
    mom_value: float | None
    delta: float | None
    unit: str | None = None  # None: the figure's unit; "liters" for customers
    parts: tuple[Contributor, ...] = ()  # a product kind's products (level "product_code")


@dataclass(frozen=True)
class Mover:
    """A headline that moved most (good or bad) with its largest contributors."""

    figure: Figure
    good: bool
    contributors: tuple[Contributor, ...] = ()  # child entities (stations of a team, …)
    products: tuple[Contributor, ...] = ()  # product kinds, when the figure splits by product
    customers: tuple[Contributor, ...] = ()  # customers, for fuel volume (none without access)


@dataclass(frozen=True)
class HeadlineRank:
    """One headline's rank of the entity in its city and in the province (among all peers,
    whatever the viewer's scope; positions only, never a peer's value), with the movement against
    last period like for like (metrics.rankings)."""

    figure_id: str
    name_zh: str
    name_en: str
    city_rank: int | None
    city_prev: int | None
    city_of: int
    province_rank: int | None
    province_prev: int | None
    province_of: int

    @property
    def city_move(self) -> int | None:
        """Places gained in the city (+ up, − down), None when either rank is missing."""
        return _move(self.city_prev, self.city_rank)

    @property
    def province_move(self) -> int | None:
        """Places gained in the province."""
        return _move(self.province_prev, self.province_rank)

    @property
    def link(self) -> str:
        """Where the indicator's definition lives."""
        return f"/dictionary#{self.figure_id}"


def _move(prev: int | None, now: int | None) -> int | None:
    return None if prev is None or now is None else prev - now


@dataclass(frozen=True)
class RankInfo:
    """The entity's place in its city (composite of the headline weights) and each headline's
    rank in the city and the province."""

    rank: int | None
    prev_rank: int | None
    movement: int | None
    of: int
    city_id: str
    by_headline: tuple[HeadlineRank, ...] = ()


@dataclass(frozen=True)
class StatementLine:
    """One line of the operating statement (量本费利) for the month."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    depth: int
    actual: float | None
    plan: float | None
    completion: float | None
    yoy: float | None
    rag: str

    @property
    def link(self) -> str:
        """Where the line's definition lives."""
        return f"/dictionary#{self.id}"


@dataclass(frozen=True)
class ChurnCustomer:
    """A customer on the churn worklist (name already masked unless the scope allows it)."""

    customer_id: str
    name: str | None
    grade: str | None
    liters_month: float
    liters_at_risk: float
    serious: bool


@dataclass(frozen=True)
class Churn:
    """Churn worklist highlights: counts and the customers with most liters at risk."""

    warning: int
    serious: int
    lost: int
    top: tuple[ChurnCustomer, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A suggestion from one named rule, with the numbers that triggered it."""

    rule: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """Everything the report shows, in display order."""

    level: str
    entity_id: str
    entity_name: str
    period: str
    as_of: date | None
    window_label: str
    time_progress: float
    headlines: tuple[Figure, ...]
    best: tuple[Mover, ...]
    worst: tuple[Mover, ...]
    rank: RankInfo | None
    statement: tuple[StatementLine, ...]
    churn: Churn | None
    suggestions: tuple[Suggestion, ...]
    seconds: float = 0.0
    # The store's first and last day with fuel rows, and the statement's YoY window when the
    # data does not cover it (its YoY column is then no finding).
    coverage: tuple[date | None, date | None] = (None, None)
    statement_yoy_gap: tuple[date, date] | None = None

    def headline(self, indicator_id: str) -> Figure:
        """The headline figure of one indicator (KeyError if it is not a headline)."""
        for f in self.headlines:
            if f.id == indicator_id:
                return f
        raise KeyError(indicator_id)
