//! The check of a whole file: every row read through the mapping into a figure, every problem
//! reported with its row and column, and the file-wide rules (required columns, one row per figure,
//! breakdowns that do not exceed their total).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::amount::{Amount, AmountError, Currency};
use crate::dimension::{Classifications, Dimension};
use crate::enterprise::Enterprise;
use crate::flow::Flow;
use crate::lang::Lang;
use crate::observation::{Breakdown, Entity, FigureKey, Status};
use crate::period::Period;
use crate::region::{RegionCode, RegionRegistry};

use super::cell::Grid;
use super::lookup::{self, Lookup, Problem};
use super::mapping::{Field, Mapping};
use super::{Finding, Report};

/// One figure read from the file, with the row it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedFigure {
    pub row: u32,
    /// The county; for an enterprise's row, the enterprise's county.
    pub region: RegionCode,
    /// The key enterprise whose figure an enterprise-level row is (its registry id); `None` for a
    /// county's row. Defaulted so batches checked before enterprise rows existed still read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<u32>,
    pub period: Period,
    pub flow: Flow,
    pub breakdown: Option<Breakdown>,
    pub value: Amount,
    /// As the file says; `None` lets the plan decide (快报 for a first release, 修订 for a change).
    pub status: Option<Status>,
}

impl ImportedFigure {
    pub fn entity(&self) -> Entity {
        self.enterprise.map_or(Entity::Region(self.region), Entity::Enterprise)
    }

    pub fn key(&self) -> FigureKey {
        FigureKey { entity: self.entity(), period: self.period, flow: self.flow, breakdown: self.breakdown.clone() }
    }
}

/// Reads every data row of `grid` through `mapping`. Returns all the figures, or every finding (the
/// first [`super::MAX_FINDINGS`] listed) and no figure at all.
pub fn read_figures(
    grid: &Grid,
    mapping: &Mapping,
    regions: &RegionRegistry,
    classes: &Classifications,
    enterprises: &[Enterprise],
) -> Result<Vec<ImportedFigure>, Report> {
    let mut report = Report::default();
    let columns = match columns(grid, mapping) {
        Ok(c) => c,
        Err(findings) => {
            findings.into_iter().for_each(|f| report.push(f));
            return Err(report);
        }
    };
    if let Some((unit, currency)) = mapping.unit_mismatch() {
        let header = mapping.columns.get(&Field::Value).map(String::as_str).unwrap_or_default();
        let (stated, chosen) = (unit.label(currency, Lang::Zh), mapping.unit.label(mapping.currency, Lang::Zh));
        let (stated_en, chosen_en) = (unit.label(currency, Lang::En), mapping.unit.label(mapping.currency, Lang::En));
        report.push(Finding::file(
            format!("“{header}”列的表头写明单位为{stated}，但所选单位为{chosen}：请把单位改为{stated}"),
            format!(
                "The column {header:?} states its unit as {stated_en}, but {chosen_en} is chosen: choose {stated_en}"
            ),
        ));
        return Err(report);
    }
    if mapping.currency != Currency::Cny {
        report.push(Finding::file(
            "本市的外贸数以人民币计：请把美元数换算为人民币后再导入",
            "The city's figures are kept in CNY: convert USD figures to CNY before importing",
        ));
        return Err(report);
    }
    let lookup = Lookup::new(regions, classes, enterprises);
    let mut figures = Vec::new();
    let mut seen: HashMap<FigureKey, u32> = HashMap::new();
    for (i, cells) in grid.rows.iter().enumerate() {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let row = grid.row_number(i);
        if let Some(extra) = cells.iter().skip(grid.headers.len()).position(|c| !c.is_empty()) {
            // Typically an unquoted thousands separator ("1,234.5" → "1" and "234.5"): reading only the
            // cells under a header would store 1 元 without a word.
            let column = grid.headers.len() + extra;
            report.push(Finding {
                row: Some(row),
                column: Some(super::cell::column_letter(column)),
                zh: format!(
                    "本行有{}个单元格，多于表头的{}列：多出的“{}”可能是未加引号的千位分隔符（如 1,234.5 应写作 \"1,234.5\"）",
                    cells.len(),
                    grid.headers.len(),
                    cells[column].text()
                ),
                en: format!(
                    "this row has {} cells, more than the header's {} columns: the extra {:?} may come from an unquoted thousands separator (write \"1,234.5\")",
                    cells.len(),
                    grid.headers.len(),
                    cells[column].text()
                ),
            });
            continue;
        }
        let mut at = |field: Field, (zh, en): Problem| {
            let column = columns.get(&field).map(|&c| grid.column_name(c));
            report.push(Finding { row: Some(row), column, zh, en });
        };
        let cell = |field: Field| columns.get(&field).map_or(&super::Cell::Empty, |&c| grid.cell(i, c));
        let period = lookup::period(cell(Field::Period)).map_err(|p| at(Field::Period, p)).ok();
        // An enterprise's row names its enterprise; the county, when the file gives one too, must be the
        // enterprise's own (a mismatch means the row or the registry is wrong).
        let (region, enterprise) = if cell(Field::Enterprise).is_empty() {
            (lookup.region(cell(Field::Region)).map_err(|p| at(Field::Region, p)).ok(), Some(None))
        } else {
            match lookup.enterprise(cell(Field::Enterprise)) {
                Err(p) => {
                    at(Field::Enterprise, p);
                    (None, None)
                }
                Ok(e) if cell(Field::Region).is_empty() => (Some(e.county), Some(Some(e.id))),
                Ok(e) => match lookup.region(cell(Field::Region)) {
                    Ok(code) if code == e.county => (Some(code), Some(Some(e.id))),
                    Ok(_) => {
                        at(Field::Region, lookup.not_the_enterprises_county(cell(Field::Region), e));
                        (None, None)
                    }
                    Err(p) => {
                        at(Field::Region, p);
                        (None, None)
                    }
                },
            }
        };
        let flow = lookup.flow(cell(Field::Flow)).map_err(|p| at(Field::Flow, p)).ok();
        let breakdown =
            lookup.breakdown(cell(Field::Dimension), cell(Field::Member)).map_err(|p| at(Field::Member, p)).ok();
        let value = amount(cell(Field::Value), mapping).map_err(|p| at(Field::Value, p)).ok();
        let status = lookup::status(cell(Field::Status)).map_err(|p| at(Field::Status, p)).ok();
        let (Some(period), Some(region), Some(enterprise), Some(flow), Some(breakdown), Some(value), Some(status)) =
            (period, region, enterprise, flow, breakdown, value, status)
        else {
            continue;
        };
        let breakdown = breakdown.map(|(dimension, member)| Breakdown { dimension, member });
        let figure = ImportedFigure { row, region, enterprise, period, flow, breakdown, value, status };
        if let Some(first) = seen.insert(figure.key(), row) {
            report.push(Finding {
                row: Some(row),
                column: None,
                zh: format!("与第{first}行重复：同一县区（或企业）、期间、进出口和项目只能有一行"),
                en: format!("duplicates row {first}: one row per county (or enterprise), period, flow and item"),
            });
            continue;
        }
        figures.push(figure);
    }
    if report.is_empty() && figures.is_empty() {
        report.push(Finding::file("文件中没有数据行", "The file has no data rows"));
    }
    if report.is_empty() {
        check_parts(&figures, mapping, &mut report);
    }
    if report.is_empty() {
        Ok(figures)
    } else {
        Err(report)
    }
}

/// The column of each mapped field; every required field mapped to a header the file has.
fn columns(grid: &Grid, mapping: &Mapping) -> Result<BTreeMap<Field, usize>, Vec<Finding>> {
    if grid.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![Finding::file(
            "文件是空的：第一行应为表头",
            "The file is empty: the first row should be the headers",
        )]);
    }
    let mut out = BTreeMap::new();
    let mut missing = Vec::new();
    for field in Field::ALL {
        match (mapping.columns.get(&field), mapping.column(field, &grid.headers)) {
            (_, Some(c)) => {
                out.insert(field, c);
            }
            (Some(h), None) => missing.push(Finding::file(
                format!("文件中没有“{h}”列（{}）：现有列为{}", field.label(Lang::Zh), grid.headers.join("、")),
                format!(
                    "The file has no column {h:?} ({}); its columns are {}",
                    field.label(Lang::En),
                    grid.headers.join(", ")
                ),
            )),
            (None, None) if field == Field::Region && mapping.columns.contains_key(&Field::Enterprise) => {}
            (None, None) if field.is_required() => missing.push(Finding::file(
                format!("请指定“{}”所在的列（现有列为{}）", field.label(Lang::Zh), grid.headers.join("、")),
                format!(
                    "Choose the column holding {} (the file's columns are {})",
                    field.label(Lang::En),
                    grid.headers.join(", ")
                ),
            )),
            (None, None) => {}
        }
    }
    if out.contains_key(&Field::Member) != out.contains_key(&Field::Dimension) && missing.is_empty() {
        missing.push(Finding::file(
            "“分类维度”和“项目”要么都指定，要么都不指定",
            "Map both the breakdown and the item columns, or neither",
        ));
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

fn amount(cell: &super::Cell, mapping: &Mapping) -> Result<Amount, Problem> {
    let text = cell.text();
    let unit = mapping.unit.label(mapping.currency, Lang::Zh);
    let unit_en = mapping.unit.label(mapping.currency, Lang::En);
    let value = Amount::parse_in(&text, mapping.unit, mapping.currency).map_err(|e| match e {
        AmountError::Empty => {
            ("金额为空：没有贸易额请填0".to_string(), "the amount is empty: write 0 for no trade".to_string())
        }
        AmountError::TooPrecise { max } => (
            format!("“{text}”的小数位多于{max}位：以{unit}为单位时最小到1元"),
            format!("{text:?} has more than {max} decimals: in {unit_en} the smallest step is one yuan"),
        ),
        AmountError::TooLarge => {
            (format!("“{text}”{unit}超出可能的范围"), format!("{text:?} {unit_en} is out of range"))
        }
        _ => (format!("“{text}”不是数字"), format!("{text:?} is not a number")),
    })?;
    if value.units < 0 {
        return Err((format!("金额“{text}”为负数：贸易额不能为负"), format!("the amount {text:?} is negative")));
    }
    Ok(value)
}

/// Members of an additive breakdown may not sum to more than the file's total for the same county,
/// month and flow, and no "of which" member may exceed it: either means a row was misread.
fn check_parts(figures: &[ImportedFigure], mapping: &Mapping, report: &mut Report) {
    type Group = (Entity, Period, Flow, Dimension);
    let totals: HashMap<(Entity, Period, Flow), &ImportedFigure> =
        figures.iter().filter(|f| f.breakdown.is_none()).map(|f| ((f.entity(), f.period, f.flow), f)).collect();
    let mut sums: BTreeMap<Group, i64> = BTreeMap::new();
    for f in figures {
        let Some(b) = &f.breakdown else { continue };
        let Some(total) = totals.get(&(f.entity(), f.period, f.flow)) else { continue };
        if b.dimension.is_additive() {
            *sums.entry((f.entity(), f.period, f.flow, b.dimension)).or_default() += f.value.units;
        } else if f.value.units > total.value.units {
            report.push(Finding {
                row: Some(f.row),
                column: None,
                zh: format!("{}大于第{}行的总值", b.member, total.row),
                en: format!("{} exceeds the total in row {}", b.member, total.row),
            });
        }
    }
    for ((entity, period, flow, dimension), sum) in sums {
        let total = totals[&(entity, period, flow)];
        if sum > total.value.units {
            let show = |units: i64, lang| exact(Amount::cny(units), mapping, lang);
            report.push(Finding {
                row: Some(total.row),
                column: None,
                zh: format!(
                    "各{}合计{}，大于本行总值{}",
                    dimension.label(Lang::Zh),
                    show(sum, Lang::Zh),
                    show(total.value.units, Lang::Zh)
                ),
                en: format!(
                    "the {} items sum to {}, more than this row's total {}",
                    dimension.label(Lang::En).to_lowercase(),
                    show(sum, Lang::En),
                    show(total.value.units, Lang::En)
                ),
            });
        }
    }
}

/// An amount in the file's unit with every decimal it needs and no trailing zeros: "1,234.5万元".
fn exact(a: Amount, mapping: &Mapping, lang: Lang) -> String {
    let digits = a.in_unit(mapping.unit, mapping.unit.exact_decimals()).grouped();
    let digits = if digits.contains('.') { digits.trim_end_matches('0').trim_end_matches('.') } else { &digits };
    match lang {
        Lang::Zh => format!("{digits}{}", mapping.unit.label(mapping.currency, lang)),
        Lang::En => format!("{digits} {}", mapping.unit.label(mapping.currency, lang)),
    }
}
