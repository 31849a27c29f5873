"""Housing and affordability per wijk: the numbers behind the Wonen page.

The letter's question — are there enough cheap rental homes for the lowest incomes, and how are
they spread over the wijken? — plus the stock by tenure and owner, rent classes against low-income
households, WOZ, energy labels and liveability. Pure pandas: frames in, frames out.

Every function takes the city (`municipality`, the gemeente code) separately: the gemeente is more
than the 15 NLA wijken together, so its values are shown next to theirs, never as their sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from domain import format as fmt
from domain.languages import DUTCH
from domain.texts import t
from domain.wijken import with_class

CHEAP = "goedkope_huurwoningen"
LOW_INCOME = "lage_inkomens"
RATIO = "goedkope_huur_per_laag_inkomen"
TENURE = ["aandeel_koop", "aandeel_sociale_huur", "aandeel_particuliere_huur"]
SOCIAL_RENT = "aandeel_sociale_huur"
CORPORATION_PREFIX = "corporatiebezit_"
RENT_CLASSES = ["huur_tot_kwaliteitskortingsgrens", "huur_tot_aftoppingsgrens", "huur_tot_liberalisatiegrens",
                "huur_boven_liberalisatiegrens"]
ENERGY_LABELS = ["energielabel_ab", "energielabel_c", "energielabel_d", "energielabel_efg"]
WOZ = "woz_gemiddeld"
LIVEABILITY = "leefbaarometer"

# Each rent class lies between two limits of the `huurgrenzen` table (None: open-ended). The cheap
# homes are the first two classes: a rent up to the lower aftoppingsgrens.
RENT_CLASS_LIMITS = {
    "huur_tot_kwaliteitskortingsgrens": (None, "kwaliteitskortingsgrens"),
    "huur_tot_aftoppingsgrens": ("kwaliteitskortingsgrens", "aftoppingsgrens_laag"),
    "huur_tot_liberalisatiegrens": ("aftoppingsgrens_laag", "liberalisatiegrens"),
    "huur_boven_liberalisatiegrens": ("liberalisatiegrens", None),
}
CHEAP_CLASSES = RENT_CLASSES[:2]

CITY_CLASS = "stad"  # the `klasse` of the city row, next to the four classes of the wijken


# --- reading values -------------------------------------------------------------------------------


def _values(cijfers: pd.DataFrame, indicators: list[str], year: int, area_kind: str) -> pd.DataFrame:
    """Wide: one row per area (index gebied_id), one column per indicator (float, NaN when missing); one area is
    picked by reindexing (`.reindex([municipality])`: NaN where the package has none)."""
    rows = cijfers[cijfers["indicator"].isin(indicators) & (cijfers["jaar"] == year)
                   & (cijfers["gebied_type"] == area_kind)]
    wide = rows.pivot(index="gebied_id", columns="indicator", values="waarde").astype(float)
    return wide.reindex(columns=indicators)


def _areas(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicators: list[str], year: int, municipality: str,
           city_name: str | None) -> pd.DataFrame:
    """The 15 wijken (ordered by class, then name) and, with a `city_name`, the city as the last row.

    Columns: gebied_id, naam, klasse, and one column per indicator (NaN where there is no value).
    """
    frame = with_class(wijken)[["wijk_id", "naam", "klasse"]].rename(columns={"wijk_id": "gebied_id"})
    frame = frame.astype({"gebied_id": object, "naam": object})
    frame = frame.join(_values(cijfers, indicators, year, "wijk"), on="gebied_id")
    if city_name is not None:
        city = _values(cijfers, indicators, year, "gemeente").reindex([municipality])
        city = city.reset_index(names="gebied_id").assign(naam=city_name, klasse=CITY_CLASS)
        frame = pd.concat([frame, city[frame.columns]], ignore_index=True)
    return frame.reset_index(drop=True)


def illustrative(cijfers: pd.DataFrame, indicators: list[str], year: int) -> bool:
    """Whether any value of these indicators in this year is illustrative (then the chart gets a badge)."""
    rows = cijfers[cijfers["indicator"].isin(indicators) & (cijfers["jaar"] == year)]
    return bool(rows["illustratief"].fillna(False).astype(bool).any())


def years(cijfers: pd.DataFrame) -> list[int]:
    """The years in which the answer (cheap homes per low-income household) is known for the wijken."""
    rows = cijfers[(cijfers["indicator"] == RATIO) & (cijfers["gebied_type"] == "wijk")]
    return sorted(int(y) for y in rows["jaar"].unique())


def city_value(cijfers: pd.DataFrame, indicator: str, year: int, municipality: str) -> float | None:
    value = _values(cijfers, [indicator], year, "gemeente").reindex([municipality])[indicator].iloc[0]
    return None if pd.isna(value) else float(value)


# --- the answer: cheap rental homes per low-income household -------------------------------------


@dataclass(frozen=True)
class Affordability:
    """Cheap rental homes per low-income household, per wijk and for the city."""

    # per wijk, the tightest first: gebied_id, naam, klasse, goedkope_huurwoningen, lage_inkomens, verhouding, rang
    table: pd.DataFrame
    city: float | None
    city_cheap: float | None
    city_low_income: float | None

    @property
    def known(self) -> int:
        """Wijken with a value."""
        return int(self.table["verhouding"].notna().sum())

    @property
    def below_one(self) -> int:
        """Wijken with fewer cheap rental homes than low-income households."""
        return int((self.table["verhouding"] < 1).sum())

    @property
    def below_city(self) -> int:
        if self.city is None:
            return 0
        return int((self.table["verhouding"] < self.city).sum())


def affordability(cijfers: pd.DataFrame, wijken: pd.DataFrame, year: int, municipality: str) -> Affordability:
    """The ratio as the data package gives it; where only the two counts are there, their quotient."""
    frame = _areas(cijfers, wijken, [CHEAP, LOW_INCOME, RATIO], year, municipality, None)
    computed = frame[CHEAP] / frame[LOW_INCOME].where(frame[LOW_INCOME] > 0)
    frame["verhouding"] = frame[RATIO].fillna(computed)
    frame = frame.drop(columns=RATIO).sort_values(["verhouding", "naam"], na_position="last")
    rank = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="Int64")
    frame["rang"] = rank.mask(frame["verhouding"].isna())
    city = _values(cijfers, [CHEAP, LOW_INCOME, RATIO], year, "gemeente").reindex([municipality])
    row = city.iloc[0]
    ratio = row[RATIO]
    if pd.isna(ratio) and pd.notna(row[CHEAP]) and pd.notna(row[LOW_INCOME]) and row[LOW_INCOME] > 0:
        ratio = row[CHEAP] / row[LOW_INCOME]
    return Affordability(frame.reset_index(drop=True), _float(ratio), _float(row[CHEAP]), _float(row[LOW_INCOME]))


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True)
class Spread:
    """How the city's cheap rental homes and low-income households are spread over the wijken."""

    table: pd.DataFrame  # per wijk: aandeel_goedkoop, aandeel_laag_inkomen (% of the city), verschil (points)
    nla_cheap: float | None  # the 15 wijken together, % of the city's cheap rental homes
    nla_low_income: float | None


def spread(cijfers: pd.DataFrame, wijken: pd.DataFrame, year: int, municipality: str) -> Spread:
    """Each wijk's share of the city's cheap rental homes next to its share of the low-income households.

    A wijk with a larger share of the households than of the homes leans on cheap homes elsewhere.
    Ordered by the difference: the wijken that lean most on the rest of the city first.
    """
    frame = _areas(cijfers, wijken, [CHEAP, LOW_INCOME], year, municipality, None)
    city = _values(cijfers, [CHEAP, LOW_INCOME], year, "gemeente").reindex([municipality]).iloc[0]
    cheap_total = city[CHEAP] if pd.notna(city[CHEAP]) and city[CHEAP] > 0 else float("nan")
    low_total = city[LOW_INCOME] if pd.notna(city[LOW_INCOME]) and city[LOW_INCOME] > 0 else float("nan")
    frame["aandeel_goedkoop"] = 100 * frame[CHEAP] / cheap_total
    frame["aandeel_laag_inkomen"] = 100 * frame[LOW_INCOME] / low_total
    frame["verschil"] = frame["aandeel_goedkoop"] - frame["aandeel_laag_inkomen"]
    frame = frame.sort_values(["verschil", "naam"], na_position="last").reset_index(drop=True)
    together = frame.dropna(subset=["verschil"])
    return Spread(frame,
                  _float(together["aandeel_goedkoop"].sum()) if len(together) else None,
                  _float(together["aandeel_laag_inkomen"].sum()) if len(together) else None)


# --- the stock: tenure and owner ------------------------------------------------------------------


def tenure(cijfers: pd.DataFrame, wijken: pd.DataFrame, year: int, municipality: str, city_name: str) -> pd.DataFrame:
    """Owner-occupied, social rent and private rent (% of the dwellings) per wijk and the city, long form.

    Columns: gebied_id, naam, klasse, indicator, waarde. Wijken by share of social rent, highest first;
    the city last.
    """
    wide = _areas(cijfers, wijken, TENURE, year, municipality, city_name)
    wide = _wijken_by(wide, SOCIAL_RENT)
    return _long(wide, TENURE)


def tenure_over_time(cijfers: pd.DataFrame, wijken: pd.DataFrame, municipality: str, city_name: str) -> pd.DataFrame:
    """`tenure` for every year it has values, with a `jaar` column."""
    found = sorted(int(y) for y in cijfers.loc[cijfers["indicator"].isin(TENURE), "jaar"].unique())
    frames = [tenure(cijfers, wijken, year, municipality, city_name).assign(jaar=year) for year in found]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["gebied_id", "naam", "klasse", "indicator", "waarde", "jaar"])


def corporations(indicatoren: pd.DataFrame, lang: str = DUTCH) -> dict[str, str]:
    """indicator -> corporation name, in the package's order. The data names them, not the code:
    `Corporatiebezit: Nijestee` -> `Nijestee`."""
    rows = indicatoren[indicatoren["indicator"].str.startswith(CORPORATION_PREFIX)].sort_values("volgorde")
    return {row["indicator"]: str(row[f"label_{lang}"]).split(": ")[-1] for _, row in rows.iterrows()}


def corporation_stock(cijfers: pd.DataFrame, indicatoren: pd.DataFrame, wijken: pd.DataFrame, year: int,
                      municipality: str, city_name: str, lang: str = DUTCH) -> pd.DataFrame:
    """Social rental homes per corporation, per wijk and the city, long form.

    Columns: gebied_id, naam, klasse, indicator, corporatie, woningen, aandeel (% of the area's social
    rental homes). Wijken by their number of social rental homes, most first; the city last.
    """
    names = corporations(indicatoren, lang)
    wide = _areas(cijfers, wijken, list(names), year, municipality, city_name)
    wide["totaal"] = wide[list(names)].sum(axis=1, min_count=1)
    wide = _wijken_by(wide, "totaal")
    long = _long(wide, list(names), value="woningen")
    totals = long.groupby("gebied_id", sort=False)["woningen"].transform(lambda s: s.sum(min_count=1))
    long["aandeel"] = 100 * long["woningen"] / totals.where(totals > 0)
    long.insert(long.columns.get_loc("woningen"), "corporatie", long["indicator"].map(names))
    return long


# --- rent classes against low-income households ---------------------------------------------------


def rent_limits(huurgrenzen: pd.DataFrame, year: int) -> pd.DataFrame:
    """The limits of one year (grens, bedrag, bron, opmerking), lowest first; empty when the year has none."""
    rows = huurgrenzen[huurgrenzen["jaar"] == year]
    return rows.sort_values("bedrag")[["grens", "bedrag", "bron", "opmerking"]].reset_index(drop=True)


def rent_class_labels(huurgrenzen: pd.DataFrame, year: int, lang: str = DUTCH) -> dict[str, str]:
    """indicator -> label with the year's amounts: `tot € 389,05`, `€ 389,05 – € 556,82`, `boven € 699,48`.

    Without an amount for a limit (a year the table lacks), the limit is named instead of priced.
    """
    amounts = dict(zip(rent_limits(huurgrenzen, year)["grens"], rent_limits(huurgrenzen, year)["bedrag"]))

    def limit(name: str) -> str:
        amount = amounts.get(name)
        return fmt.money(float(amount), lang, cents=True) if amount is not None and pd.notna(amount) \
            else t(f"won.limit.{name}", lang)

    labels = {}
    for indicator, (lower, upper) in RENT_CLASS_LIMITS.items():
        if lower is None:
            labels[indicator] = t("won.rent.upto", lang, upper=limit(upper))
        elif upper is None:
            labels[indicator] = t("won.rent.above", lang, lower=limit(lower))
        else:
            labels[indicator] = t("won.rent.between", lang, lower=limit(lower), upper=limit(upper))
    return labels


@dataclass(frozen=True)
class RentClasses:
    homes: pd.DataFrame  # long: gebied_id, naam, klasse, indicator, huurklasse, woningen
    households: pd.DataFrame  # per area: gebied_id, naam, klasse, goedkoop (first two classes), lage_inkomens, tekort
    labels: dict[str, str]  # indicator -> label with the year's limits
    limits: pd.DataFrame  # the year's limits (rent_limits)


def rent_classes(cijfers: pd.DataFrame, wijken: pd.DataFrame, huurgrenzen: pd.DataFrame, year: int,
                 municipality: str, city_name: str, lang: str = DUTCH) -> RentClasses:
    """Rental homes by rent class next to the number of low-income households, per wijk and the city.

    `tekort` = low-income households minus cheap homes (the first two classes): positive where there
    are fewer cheap homes than households. Wijken with the largest shortage first; the city last.
    """
    labels = rent_class_labels(huurgrenzen, year, lang)
    wide = _areas(cijfers, wijken, RENT_CLASSES + [LOW_INCOME], year, municipality, city_name)
    wide["goedkoop"] = wide[CHEAP_CLASSES].sum(axis=1, min_count=len(CHEAP_CLASSES))
    wide["tekort"] = wide[LOW_INCOME] - wide["goedkoop"]
    wide = _wijken_by(wide, "tekort")
    homes = _long(wide, RENT_CLASSES, value="woningen")
    homes.insert(homes.columns.get_loc("woningen"), "huurklasse", homes["indicator"].map(labels))
    households = wide[["gebied_id", "naam", "klasse", "goedkoop", LOW_INCOME, "tekort"]].reset_index(drop=True)
    return RentClasses(homes, households, labels, rent_limits(huurgrenzen, year))


# --- quality: WOZ, energy labels, liveability -----------------------------------------------------


def ranked(cijfers: pd.DataFrame, wijken: pd.DataFrame, indicator: str, year: int, municipality: str,
           ascending: bool = False) -> tuple[pd.DataFrame, float | None]:
    """One indicator per wijk (gebied_id, naam, klasse, waarde), ranked (highest first by default),
    wijken without a value last; and the city's value."""
    frame = _areas(cijfers, wijken, [indicator], year, municipality, None).rename(columns={indicator: "waarde"})
    frame = frame.sort_values(["waarde", "naam"], ascending=[ascending, True], na_position="last")
    return frame.reset_index(drop=True), city_value(cijfers, indicator, year, municipality)


def energy_labels(cijfers: pd.DataFrame, wijken: pd.DataFrame, year: int, municipality: str,
                  city_name: str) -> pd.DataFrame:
    """Share of dwellings per energy-label group (A/B, C, D, E/F/G), per wijk and the city, long form.

    Wijken with the largest share of E, F or G first (the highest energy costs); the city last.
    """
    wide = _areas(cijfers, wijken, ENERGY_LABELS, year, municipality, city_name)
    return _long(_wijken_by(wide, ENERGY_LABELS[-1]), ENERGY_LABELS)


# --- shared shaping -------------------------------------------------------------------------------


def _wijken_by(wide: pd.DataFrame, column: str) -> pd.DataFrame:
    """Wijken by `column`, highest first (missing last), the city row (if any) after them."""
    is_city = wide["klasse"] == CITY_CLASS
    wijken = wide[~is_city].sort_values([column, "naam"], ascending=[False, True], na_position="last")
    return pd.concat([wijken, wide[is_city]], ignore_index=True)


def _long(wide: pd.DataFrame, indicators: list[str], value: str = "waarde") -> pd.DataFrame:
    """Wide area rows -> long (gebied_id, naam, klasse, indicator, value), areas in their order."""
    long = wide.melt(id_vars=["gebied_id", "naam", "klasse"], value_vars=indicators, var_name="indicator",
                     value_name=value)
    order = {area: i for i, area in enumerate(wide["gebied_id"])}
    position = {name: i for i, name in enumerate(indicators)}
    long = long.assign(_area=long["gebied_id"].map(order), _ind=long["indicator"].map(position))
    return long.sort_values(["_area", "_ind"]).drop(columns=["_area", "_ind"]).reset_index(drop=True)
