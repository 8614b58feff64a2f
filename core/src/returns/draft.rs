//! A return as the form holds it: every field as typed ("1,234.5" in 万元), so that a draft saved in the
//! browser restores exactly what the person wrote, mistakes included. Converting a draft to a
//! [`ReturnContent`] is where typed text meets validation.

use serde::{Deserialize, Serialize};

use super::content::{Difficulty, DifficultyCategory, Outlook, Part, ReturnContent};
use super::validate::{validate, Check, Context, Field, Finding, Severity};
use super::Owner;
use crate::amount::{Amount, Unit};
use crate::dimension::Dimension;
use crate::flow::Flow;
use crate::lang::Lang;

/// One breakdown row as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartText {
    pub dimension: Dimension,
    /// Empty until a member is chosen (a row left empty is ignored).
    pub member: String,
    pub flow: Flow,
    pub value: String,
}

/// One difficulty as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DifficultyText {
    pub category: DifficultyCategory,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The stored version this draft edits (0 for a first filing).
    pub base_version: u32,
    pub exports: String,
    pub imports: String,
    pub ytd_exports: String,
    pub ytd_imports: String,
    pub parts: Vec<PartText>,
    pub orders_on_hand: String,
    /// An [`Outlook`] code, or empty.
    pub outlook: String,
    pub difficulties: Vec<DifficultyText>,
    pub comment: String,
    pub explanation: String,
}

fn wan_text(v: i64) -> String {
    Amount::cny(v).in_unit(Unit::Wan, 4).to_string().trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Draft {
    /// A county's blank form: one row for each trade mode and flow, three product and three partner rows.
    pub fn blank(owner: Owner, trade_modes: &[String]) -> Draft {
        let mut parts = Vec::new();
        if let Owner::County(_) = owner {
            for flow in Flow::ALL {
                for m in trade_modes {
                    parts.push(PartText {
                        dimension: Dimension::TradeMode,
                        member: m.clone(),
                        flow,
                        value: String::new(),
                    });
                }
            }
            for dimension in [Dimension::HsSection, Dimension::Partner] {
                for _ in 0..3 {
                    let value = String::new();
                    parts.push(PartText { dimension, member: String::new(), flow: Flow::Export, value });
                }
            }
        }
        Draft { parts, ..Draft::default() }
    }

    /// The form filled with a submission as it was sent (figures and explanation), to edit it from
    /// `base_version`: after a reload while it waits, or to correct a refused one.
    pub fn from_submission(s: &super::Submission, base_version: u32, blank: Draft) -> Draft {
        let mut d = Draft::from_content(&s.content, base_version, blank);
        d.explanation = s.explanation.clone();
        d
    }

    /// The form filled from a stored version, as 万元 text, to edit it.
    pub fn from_content(c: &ReturnContent, base_version: u32, blank: Draft) -> Draft {
        let mut parts = blank.parts;
        for p in &c.parts {
            let slot =
                parts.iter_mut().find(|t| t.dimension == p.dimension && t.flow == p.flow && t.member == p.member);
            let slot = match slot {
                Some(s) => Some(s),
                None => {
                    parts.iter_mut().find(|t| t.dimension == p.dimension && t.flow == p.flow && t.member.is_empty())
                }
            };
            match slot {
                Some(s) => {
                    s.member = p.member.clone();
                    s.value = wan_text(p.value);
                }
                None => parts.push(PartText {
                    dimension: p.dimension,
                    member: p.member.clone(),
                    flow: p.flow,
                    value: wan_text(p.value),
                }),
            }
        }
        Draft {
            base_version,
            exports: wan_text(c.exports),
            imports: wan_text(c.imports),
            ytd_exports: c.ytd_exports.map(wan_text).unwrap_or_default(),
            ytd_imports: c.ytd_imports.map(wan_text).unwrap_or_default(),
            parts,
            orders_on_hand: c.orders_on_hand.map(wan_text).unwrap_or_default(),
            outlook: c.outlook.map(|o| o.code().to_string()).unwrap_or_default(),
            difficulties: c
                .difficulties
                .iter()
                .map(|d| DifficultyText { category: d.category, text: d.text.clone() })
                .collect(),
            comment: c.comment.clone(),
            explanation: String::new(),
        }
    }

    /// The content the draft describes and the findings of its typing (not a number, empty required
    /// field). Parts left empty are dropped; a part with a value but no member is a finding.
    pub fn to_content(&self, owner: Owner) -> (ReturnContent, Vec<Finding>) {
        let mut findings = Vec::new();
        let mut amount = |field: Field, text: &str, required: bool| match Finding::parse_wan(field, text) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                if required {
                    findings.push(Finding::new(field, Check::Required));
                }
                None
            }
            Err(f) => {
                findings.push(f);
                None
            }
        };
        let exports = amount(Field::Exports, &self.exports, true).unwrap_or(0);
        let imports = amount(Field::Imports, &self.imports, true).unwrap_or(0);
        let ytd_exports = amount(Field::YtdExports, &self.ytd_exports, false);
        let ytd_imports = amount(Field::YtdImports, &self.ytd_imports, false);
        let is_firm = matches!(owner, Owner::Enterprise(_));
        let orders_on_hand = if is_firm { amount(Field::OrdersOnHand, &self.orders_on_hand, false) } else { None };
        let mut parts = Vec::new();
        let mut difficulties = Vec::new();
        if !is_firm {
            for (index, p) in self.parts.iter().enumerate() {
                let field = Field::Part { index };
                let value = match Finding::parse_wan(field, &p.value) {
                    Ok(v) => v,
                    Err(f) => {
                        findings.push(f);
                        continue;
                    }
                };
                match (p.member.is_empty(), value) {
                    (_, None) => {}
                    (true, Some(_)) => findings.push(Finding::new(field, Check::Required)),
                    (false, Some(value)) => {
                        parts.push(Part { dimension: p.dimension, member: p.member.clone(), flow: p.flow, value })
                    }
                }
            }
        } else {
            difficulties = self
                .difficulties
                .iter()
                .map(|d| Difficulty { category: d.category, text: d.text.trim().to_string() })
                .collect();
        }
        let content = ReturnContent {
            exports,
            imports,
            ytd_exports,
            ytd_imports,
            parts,
            orders_on_hand,
            outlook: if is_firm { Outlook::parse(&self.outlook) } else { None },
            difficulties,
            comment: self.comment.trim().to_string(),
            ..ReturnContent::empty()
        };
        (content, findings)
    }

    /// Everything the form shows: the typing findings, then what validation says of the rest. A field
    /// typed wrong or left empty gets only its typing finding (its value is unknown, so a 同比 of -100%
    /// would be noise); errors come first.
    pub fn check(&self, owner: Owner, ctx: &Context<'_>) -> Vec<Finding> {
        let (content, mut out) = self.to_content(owner);
        let typed_wrong: Vec<Field> = out.iter().map(|f| f.field).collect();
        let mut rest: Vec<Finding> = validate(&content, &self.explanation, ctx)
            .findings
            .into_iter()
            .filter(|f| !typed_wrong.contains(&f.field))
            .collect();
        if !rest.iter().any(|f| f.severity() == Severity::Warning) {
            rest.retain(|f| f.check != Check::ExplanationRequired);
        }
        out.extend(rest);
        out.sort_by_key(|f| f.severity() != Severity::Error);
        out
    }

    /// A value as the form shows it beside the field: "= 0.12亿元".
    pub fn in_yi(text: &str, lang: Lang) -> Option<String> {
        let v = Finding::parse_wan(Field::Exports, text).ok().flatten()?;
        Some(format!("= {}", Amount::cny(v).display(Unit::Yi, 4, lang)))
    }
}
