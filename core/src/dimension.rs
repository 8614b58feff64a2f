//! Breakdown dimensions of trade figures (trade mode, product, partner, enterprise nature) and their members.
//!
//! Members of an *additive* classification partition the total: their values sum to it exactly. Trade
//! modes, HS sections, partner countries and enterprise natures are additive. Product categories
//! (机电产品, 高新技术产品, 劳动密集型产品) overlap and are "of which" figures; partner groups (东盟, 欧盟,
//! RCEP, “一带一路”) are never stored but summed from their member countries, so they cannot disagree.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 贸易方式.
    TradeMode,
    /// 重点商品类别 (overlapping "of which" categories).
    ProductCategory,
    /// HS 类.
    HsSection,
    /// 国别（地区）.
    Partner,
    /// 企业性质.
    Nature,
}

impl Dimension {
    pub const ALL: [Dimension; 5] =
        [Dimension::TradeMode, Dimension::ProductCategory, Dimension::HsSection, Dimension::Partner, Dimension::Nature];

    pub fn code(self) -> &'static str {
        match self {
            Dimension::TradeMode => "trade_mode",
            Dimension::ProductCategory => "product_category",
            Dimension::HsSection => "hs_section",
            Dimension::Partner => "partner",
            Dimension::Nature => "nature",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == s)
    }

    /// Whether the members' values sum to the total.
    pub fn is_additive(self) -> bool {
        !matches!(self, Dimension::ProductCategory)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Dimension::TradeMode => lang.pick("贸易方式", "Trade mode"),
            Dimension::ProductCategory => lang.pick("重点商品", "Key products"),
            Dimension::HsSection => lang.pick("商品类别（HS类）", "HS section"),
            Dimension::Partner => lang.pick("国别（地区）", "Partner"),
            Dimension::Nature => lang.pick("企业性质", "Enterprise nature"),
        }
    }
}

/// One member of a classification, e.g. `general` = 一般贸易.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Groups this member belongs to (partners only), e.g. `["asean", "rcep", "bri"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

impl Member {
    fn fixed(code: &str, zh: &str, en: &str) -> Self {
        Self { code: code.into(), name_zh: zh.into(), name_en: en.into(), groups: Vec::new() }
    }

    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// A named group of partners, e.g. 东盟.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file} line {line}: {message}")]
pub struct ClassificationError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// Every classification's members, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classifications {
    pub trade_modes: Vec<Member>,
    pub product_categories: Vec<Member>,
    pub hs_sections: Vec<Member>,
    pub partners: Vec<Member>,
    pub partner_groups: Vec<Group>,
    pub natures: Vec<Member>,
}

impl Classifications {
    /// Builds the classifications: trade modes, product categories and natures are statistical
    /// conventions fixed here; HS sections and partners come from data files (`code,name_zh,name_en[,groups]`).
    pub fn new(hs_csv: &str, partners_csv: &str) -> Result<Self, ClassificationError> {
        Ok(Self {
            trade_modes: vec![
                Member::fixed("general", "一般贸易", "General trade"),
                Member::fixed("processing", "加工贸易", "Processing trade"),
                Member::fixed("bonded", "保税物流", "Bonded logistics"),
                Member::fixed("other", "其他贸易", "Other"),
            ],
            product_categories: vec![
                Member::fixed("mech_elec", "机电产品", "Mechanical and electrical products"),
                Member::fixed("high_tech", "高新技术产品", "High-tech products"),
                Member::fixed("labour", "劳动密集型产品", "Labour-intensive products"),
            ],
            hs_sections: parse_members(hs_csv, "hs-sections.csv", false)?,
            partners: parse_members(partners_csv, "partners.csv", true)?,
            partner_groups: vec![
                Group { code: "asean".into(), name_zh: "东盟".into(), name_en: "ASEAN".into() },
                Group { code: "eu".into(), name_zh: "欧盟".into(), name_en: "European Union".into() },
                Group { code: "rcep".into(), name_zh: "RCEP成员国".into(), name_en: "RCEP members".into() },
                Group {
                    code: "bri".into(),
                    name_zh: "“一带一路”沿线国家".into(),
                    name_en: "Belt and Road countries".into(),
                },
            ],
            natures: vec![
                Member::fixed("state", "国有企业", "State-owned"),
                Member::fixed("private", "民营企业", "Private"),
                Member::fixed("foreign", "外商投资企业", "Foreign-invested"),
            ],
        })
    }

    pub fn members(&self, dimension: Dimension) -> &[Member] {
        match dimension {
            Dimension::TradeMode => &self.trade_modes,
            Dimension::ProductCategory => &self.product_categories,
            Dimension::HsSection => &self.hs_sections,
            Dimension::Partner => &self.partners,
            Dimension::Nature => &self.natures,
        }
    }

    pub fn member(&self, dimension: Dimension, code: &str) -> Option<&Member> {
        self.members(dimension).iter().find(|m| m.code == code)
    }
}

fn parse_members(text: &str, file: &'static str, with_groups: bool) -> Result<Vec<Member>, ClassificationError> {
    let mut out: Vec<Member> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("code")) {
            continue;
        }
        let err = |message: String| ClassificationError { file, line: i + 1, message };
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let want = if with_groups { 4 } else { 3 };
        if f.len() != want {
            return Err(err(format!("expected {want} fields, found {}", f.len())));
        }
        if f[..3].iter().any(|s| s.is_empty()) {
            return Err(err("code and names must not be empty".into()));
        }
        if out.iter().any(|m| m.code == f[0]) {
            return Err(err(format!("code {} appears twice", f[0])));
        }
        let groups = if with_groups {
            f[3].split(';').map(str::trim).filter(|g| !g.is_empty()).map(String::from).collect()
        } else {
            Vec::new()
        };
        out.push(Member { code: f[0].into(), name_zh: f[1].into(), name_en: f[2].into(), groups });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn baoji() -> Classifications {
        Classifications::new(
            include_str!("../../data/registry/hs-sections.csv"),
            include_str!("../../data/registry/partners.csv"),
        )
        .unwrap()
    }

    #[test]
    fn loads_the_registry_files() {
        let c = baoji();
        assert_eq!(c.hs_sections.len(), 21);
        assert_eq!(c.member(Dimension::HsSection, "hs16").unwrap().name_zh, "机器、机械器具、电气设备");
        let vn = c.member(Dimension::Partner, "VN").unwrap();
        assert_eq!(vn.groups, ["asean", "rcep", "bri"]);
        assert!(!Dimension::ProductCategory.is_additive());
        assert!(Dimension::Partner.is_additive());
    }

    #[test]
    fn reports_the_line_of_a_bad_row() {
        let e = Classifications::new("code,name_zh,name_en\nhs01,only-two", "").unwrap_err();
        assert_eq!((e.file, e.line), ("hs-sections.csv", 2));
    }
}
