"""The catalogue's machine form: frozen pydantic models and the closed vocabularies (StrEnums).

`docs/catalogue-format.md` is the human description of the same format. Every model forbids
unknown keys, so a typo in the YAML is a load problem with file and line, never silently ignored.
`python -m metrics schema` exports the JSON Schema of a catalogue file for editors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from metrics.periods import Level


class Fact(StrEnum):
    """Logical facts a base measure aggregates over (see metrics/facts.py)."""

    FUEL = "fuel"
    NONFUEL = "nonfuel"
    RECHARGE = "recharge"
    EXPENSE = "expense"
    PLAN = "plan"
    STATION = "station"
    SPECIAL = "special"


class Agg(StrEnum):
    """Aggregations of a base measure."""

    SUM = "sum"
    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"


class Direction(StrEnum):
    """Which side of a value is good."""

    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"


class RagKind(StrEnum):
    """Kinds of red/yellow/green rule (metrics/rag.py implements each)."""

    PLAN_PROGRESS = "plan_progress"
    TARGET = "target"
    THRESHOLD = "threshold"
    GROWTH = "growth"
    CHANGE = "change"
    BENCHMARK = "benchmark"
    GROWTH_VS = "growth_vs"
    RELATIVE = "relative"
    RANK = "rank"


class Basis(StrEnum):
    """Comparison basis of `growth` and `change` rules."""

    YOY = "yoy"
    MOM = "mom"


class Theme(StrEnum):
    """The 11 themes; names and order live in themes.yaml."""

    VOLUME = "volume"
    PRICE_MARGIN = "price_margin"
    NONFUEL = "nonfuel"
    CUSTOMERS = "customers"
    CARDS = "cards"
    MARKETING = "marketing"
    EXPENSES = "expenses"
    PROFIT = "profit"
    PEOPLE = "people"
    STATIONS = "stations"
    PLAN = "plan"


class UnitInfo(NamedTuple):
    """How a unit is shown: Chinese and English label, default decimals."""

    zh: str
    en: str
    decimals: int


class Unit(StrEnum):
    """Units of measures and indicators (display in UNITS)."""

    T = "t"
    LITERS = "liters"
    YUAN = "yuan"
    YUAN_PER_T = "yuan_per_t"
    YUAN_PER_LITER = "yuan_per_liter"
    YUAN_PER_TXN = "yuan_per_txn"
    YUAN_PER_ITEM = "yuan_per_item"
    YUAN_PER_M2 = "yuan_per_m2"
    YUAN_PER_PERSON = "yuan_per_person"
    YUAN_PER_STATION = "yuan_per_station"
    YUAN_PER_STORE_DAY = "yuan_per_store_day"
    YUAN_PER_STATION_DAY = "yuan_per_station_day"
    RATIO = "ratio"
    COUNT = "count"
    TXN = "txn"
    STATION = "station"
    RANK = "rank"
    MULTIPLE = "multiple"
    DAYS = "days"
    ITEMS_PER_TXN = "items_per_txn"
    LITERS_PER_TXN = "liters_per_txn"
    T_PER_STATION = "t_per_station"
    T_PER_STATION_DAY = "t_per_station_day"
    T_PER_PERSON = "t_per_person"
    T_PER_NOZZLE_DAY = "t_per_nozzle_day"
    TXN_PER_STATION_DAY = "txn_per_station_day"
    TXN_PER_NOZZLE_DAY = "txn_per_nozzle_day"
    VISITS_PER_MEMBER = "visits_per_member"
    LITERS_PER_MEMBER = "liters_per_member"
    CUSTOMERS_PER_MANAGER = "customers_per_manager"
    PERSON = "person"


UNITS: dict[Unit, UnitInfo] = {
    Unit.T: UnitInfo("吨", "t", 2),
    Unit.LITERS: UnitInfo("升", "L", 0),
    Unit.YUAN: UnitInfo("元", "yuan", 0),
    Unit.YUAN_PER_T: UnitInfo("元/吨", "yuan/t", 1),
    Unit.YUAN_PER_LITER: UnitInfo("元/升", "yuan/L", 3),
    Unit.YUAN_PER_TXN: UnitInfo("元/笔", "yuan/txn", 1),
    Unit.YUAN_PER_ITEM: UnitInfo("元/件", "yuan/item", 2),
    Unit.YUAN_PER_M2: UnitInfo("元/平方米", "yuan/m²", 1),
    Unit.YUAN_PER_PERSON: UnitInfo("元/人", "yuan/person", 0),
    Unit.YUAN_PER_STATION: UnitInfo("元/站", "yuan/station", 0),
    Unit.YUAN_PER_STORE_DAY: UnitInfo("元/店·日", "yuan/store-day", 1),
    Unit.YUAN_PER_STATION_DAY: UnitInfo("元/站·日", "yuan/station-day", 1),
    Unit.RATIO: UnitInfo("%", "%", 1),
    Unit.COUNT: UnitInfo("个", "", 0),
    Unit.TXN: UnitInfo("笔", "txn", 0),
    Unit.STATION: UnitInfo("座", "stations", 0),
    Unit.RANK: UnitInfo("名", "rank", 0),
    Unit.MULTIPLE: UnitInfo("倍", "×", 2),
    Unit.DAYS: UnitInfo("天", "days", 1),
    Unit.ITEMS_PER_TXN: UnitInfo("件/笔", "items/txn", 2),
    Unit.LITERS_PER_TXN: UnitInfo("升/笔", "L/txn", 1),
    Unit.T_PER_STATION: UnitInfo("吨/站", "t/station", 2),
    Unit.T_PER_STATION_DAY: UnitInfo("吨/站·日", "t/station-day", 2),
    Unit.T_PER_PERSON: UnitInfo("吨/人", "t/person", 2),
    Unit.T_PER_NOZZLE_DAY: UnitInfo("吨/枪·日", "t/nozzle-day", 3),
    Unit.TXN_PER_STATION_DAY: UnitInfo("笔/站·日", "txn/station-day", 1),
    Unit.TXN_PER_NOZZLE_DAY: UnitInfo("笔/枪·日", "txn/nozzle-day", 1),
    Unit.VISITS_PER_MEMBER: UnitInfo("次/人·月", "visits/member-month", 2),
    Unit.LITERS_PER_MEMBER: UnitInfo("升/人·月", "L/member-month", 1),
    Unit.CUSTOMERS_PER_MANAGER: UnitInfo("个/人", "customers/manager", 1),
    Unit.PERSON: UnitInfo("人", "persons", 0),
}

FilterValue = str | int | float | bool | list[str | int | float | bool]


class _Frozen(BaseModel):
    """Base: immutable, rejects unknown keys, validates enum values."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class ThemeDef(_Frozen):
    """One theme of the board (themes.yaml)."""

    id: Theme
    name_zh: str
    name_en: str
    order: int


class Measure(_Frozen):
    """A base measure: one aggregation over a logical fact (measures.yaml)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    fact: Fact
    agg: Agg = Agg.SUM
    expr: str | None = None
    filter: dict[str, FilterValue] = Field(default_factory=dict)
    unit: Unit
    provider: str | None = None
    output: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class RagRule(_Frozen):
    """A RAG rule: its kind and the parameters that kind takes (see rag.py, the format doc)."""

    kind: RagKind
    plan: str | None = None
    plan_expr: str | None = None
    target: float | str | None = None
    tolerance: float | None = None
    relative: bool = False
    green: float | None = None
    yellow: float | None = None
    basis: Basis | None = None
    ref: str | None = None
    progress: str | None = None  # "year" judges a YTD completion by year progress


# Which RagRule fields each kind needs (checked by checks.rag_params_complete).
RAG_REQUIRED: dict[RagKind, tuple[str, ...]] = {
    RagKind.PLAN_PROGRESS: (),  # plan or plan_expr, checked separately
    RagKind.TARGET: ("target",),
    RagKind.THRESHOLD: ("green", "yellow"),
    RagKind.GROWTH: ("basis", "green", "yellow"),
    RagKind.CHANGE: ("basis", "green", "yellow"),
    RagKind.BENCHMARK: ("yellow",),
    RagKind.GROWTH_VS: ("ref",),
    RagKind.RELATIVE: ("ref", "green", "yellow"),
    RagKind.RANK: (),
}


class Indicator(_Frozen):
    """One indicator of the board (indicators/<theme>.yaml); keys in this order."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str
    name_en: str
    theme: Theme
    unit: Unit
    decimals: int | None = None
    description: str = ""
    description_en: str | None = None
    formula: str
    value: str
    sources: tuple[str, ...] = ()
    direction: Direction
    rag: RagRule
    headline: bool = False
    levels: tuple[Level, ...] = (Level.PROVINCE, Level.CITY, Level.TEAM, Level.STATION)
    plan_measure: str | None = None
    owner: str | None = None
    notes: str | None = None

    @property
    def display_decimals(self) -> int:
        """Decimals to show: the indicator's own, else the unit's default."""
        return self.decimals if self.decimals is not None else UNITS[self.unit].decimals


INDICATOR_KEY_ORDER: tuple[str, ...] = tuple(Indicator.model_fields)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the catalogue files (indicators, measures, themes)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Amoeba Board indicator catalogue",
        "oneOf": [
            {"type": "array", "items": {"$ref": "#/$defs/Indicator"}},
            {"type": "array", "items": {"$ref": "#/$defs/Measure"}},
            {"type": "array", "items": {"$ref": "#/$defs/ThemeDef"}},
        ],
        "$defs": _defs(),
    }


def _defs() -> dict[str, Any]:
    """Collect the pydantic definitions of the three file kinds into one $defs table."""
    defs: dict[str, Any] = {}
    for model in (Indicator, Measure, ThemeDef):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
    return defs
