//! Which column holds which field, and in which unit the amounts are written. A mapping names columns
//! by their header, not their position, so the mapping remembered from last month's file still fits
//! when customs add or reorder a column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::{Currency, Unit};
use crate::lang::Lang;

/// A field of an imported figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The month (or the combined 1—2月) the figure is for.
    Period,
    /// The county-level division, by code or name.
    Region,
    /// A key enterprise, by 统一社会信用代码 or registered name: the row is that enterprise's figure
    /// (customs' enterprise-level data), not its county's.
    Enterprise,
    /// 出口 or 进口.
    Flow,
    /// The breakdown (贸易方式, 国别…); empty for the flow's total.
    Dimension,
    /// The breakdown's member (一般贸易, 美国…).
    Member,
    /// The amount, in the mapping's unit.
    Value,
    /// 快报 or 修订; when absent, a first release is 快报 and a changed figure 修订.
    Status,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Period,
        Field::Enterprise,
        Field::Region,
        Field::Flow,
        Field::Dimension,
        Field::Member,
        Field::Value,
        Field::Status,
    ];

    /// Fields every file must map (the county may be left out of a file of enterprise rows: each
    /// enterprise's county is in the registry).
    pub fn is_required(self) -> bool {
        matches!(self, Field::Period | Field::Region | Field::Flow | Field::Value)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Field::Period => lang.pick("期间", "Period"),
            Field::Region => lang.pick("县区", "County"),
            Field::Enterprise => lang.pick("企业", "Enterprise"),
            Field::Flow => lang.pick("进出口", "Flow"),
            Field::Dimension => lang.pick("分类维度", "Breakdown"),
            Field::Member => lang.pick("项目", "Item"),
            Field::Value => lang.pick("金额", "Amount"),
            Field::Status => lang.pick("数据状态", "Status"),
        }
    }

    /// Header words that suggest the field, compared after removing spaces and case.
    fn hints(self) -> &'static [&'static str] {
        match self {
            Field::Period => &["期间", "月份", "年月", "日期", "时间", "统计期", "period", "month"],
            Field::Region => &["县区", "县（区）", "县(区)", "区县", "地区", "区划", "region", "county", "district"],
            Field::Enterprise => {
                &["统一社会信用代码", "信用代码", "企业", "经营单位", "收发货人", "uscc", "enterprise", "company"]
            }
            Field::Flow => &["进出口", "流向", "flow", "direction"],
            Field::Dimension => &["维度", "分类", "口径", "dimension", "breakdown"],
            Field::Member => &["项目", "类别", "分项", "商品", "国别", "member", "item", "category"],
            Field::Value => &["金额", "数值", "当月", "value", "amount"],
            Field::Status => &["状态", "快报", "status"],
        }
    }
}

/// The columns of each field (by header) and the unit and currency of the amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mapping {
    pub columns: BTreeMap<Field, String>,
    pub unit: Unit,
    pub currency: Currency,
}

impl Default for Mapping {
    fn default() -> Self {
        Self { columns: BTreeMap::new(), unit: Unit::Wan, currency: Currency::Cny }
    }
}

fn normal(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

impl Mapping {
    /// The mapping to start from for a file with `headers`: the remembered mapping's columns where
    /// the file has them, otherwise a header that names the field. A unit written in the value's header
    /// ("金额（亿元）") is taken over.
    pub fn suggest(headers: &[String], remembered: Option<&Mapping>) -> Mapping {
        let mut out = Mapping { columns: BTreeMap::new(), ..remembered.cloned().unwrap_or_default() };
        let mut taken: Vec<&str> = Vec::new();
        for field in Field::ALL {
            let kept = remembered.and_then(|m| m.columns.get(&field)).filter(|h| headers.contains(h));
            if let Some(h) = kept {
                out.columns.insert(field, h.clone());
                taken.push(h);
            }
        }
        for field in Field::ALL {
            if out.columns.contains_key(&field) {
                continue;
            }
            let found = headers.iter().find(|h| {
                !taken.contains(&h.as_str()) && field.hints().iter().any(|hint| normal(h).contains(&normal(hint)))
            });
            if let Some(h) = found {
                out.columns.insert(field, h.clone());
                taken.push(h);
            }
        }
        // A unit (or currency) the value's header states wins over the remembered one: last month's
        // file in 亿元 must never make this month's 万元 column read ×10,000.
        if let Some(h) = out.columns.get(&Field::Value) {
            let (unit, currency) = stated_unit(h);
            out.unit = unit.unwrap_or(out.unit);
            out.currency = currency.unwrap_or(out.currency);
        }
        out
    }

    /// The unit the value column's header states when it differs from the mapping's: a mismatch the
    /// check must stop on rather than guess.
    pub fn unit_mismatch(&self) -> Option<(Unit, Currency)> {
        let (unit, currency) = stated_unit(self.columns.get(&Field::Value)?);
        let stated = (unit.unwrap_or(self.unit), currency.unwrap_or(self.currency));
        (stated != (self.unit, self.currency)).then_some(stated)
    }

    /// The zero-based column of `field` in `headers`, if mapped and present.
    pub fn column(&self, field: Field, headers: &[String]) -> Option<usize> {
        let h = self.columns.get(&field)?;
        headers.iter().position(|x| x == h)
    }
}

/// What a header states of the amounts' unit and currency: "金额（亿元）" → (亿, CNY), "金额(万美元)" →
/// (万, USD), "Value (CNY 10k)" → (万, CNY), "金额" → (none, none).
pub fn stated_unit(header: &str) -> (Option<Unit>, Option<Currency>) {
    let h = normal(header);
    let currency = if h.contains("美元") || h.contains("usd") || h.contains("us$") {
        Some(Currency::Usd)
    } else if h.contains("人民币") || h.contains('元') || h.contains("cny") || h.contains("rmb") {
        Some(Currency::Cny)
    } else {
        None
    };
    let unit = if h.contains('亿') || h.contains("100m") {
        Some(Unit::Yi)
    } else if h.contains('万') || h.contains("10k") {
        Some(Unit::Wan)
    } else if h.contains('元') {
        Some(Unit::One)
    } else {
        None
    };
    (unit, currency)
}
