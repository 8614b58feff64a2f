//! The think tank's activities: trainings and consultations, with the experts who led them, the
//! audience, the number of participants, the materials and the enterprises served.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::chart::Table;
use crate::form::{Checker, FormErrors};
use crate::lang::Lang;
use crate::registry::Known;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    #[default]
    Training,
    Consultation,
}

impl ActivityKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ActivityKind::Training => lang.pick("培训", "Training"),
            ActivityKind::Consultation => lang.pick("咨询服务", "Consultation"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub kind: ActivityKind,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-10-15"))]
    pub on: NaiveDate,
    pub topic: String,
    /// Expert ids.
    pub experts: Vec<i64>,
    #[serde(default)]
    pub audience: String,
    pub participants: i64,
    #[serde(default)]
    pub materials: String,
    /// Ids of the key enterprises served.
    #[serde(default)]
    pub enterprises: Vec<i64>,
    #[serde(default)]
    pub illustrative: bool,
}

impl Activity {
    pub fn check(&self, known: &Known) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("topic", ("主题", "Topic"), &self.topic, 100);
        if self.experts.is_empty() {
            c.push("experts", "请至少选择一位专家".into(), "Choose at least one expert".into());
        }
        for (i, id) in self.experts.iter().enumerate() {
            if !known.experts.contains(id) {
                c.unknown(&format!("experts.{i}"), ("专家", "Expert"), &id.to_string());
            }
        }
        for (i, id) in self.enterprises.iter().enumerate() {
            if !known.enterprises.contains(id) {
                c.unknown(&format!("enterprises.{i}"), ("服务企业", "Enterprise served"), &id.to_string());
            }
        }
        c.max_len("audience", ("对象", "Audience"), &self.audience, 100);
        c.at_least("participants", ("参加人数", "Participants"), self.participants, 1);
        c.max_len("materials", ("材料", "Materials"), &self.materials, 500);
        c.finish()
    }
}

pub fn table(
    activities: &[Activity],
    expert_name: impl Fn(i64) -> String,
    enterprise_name: impl Fn(i64) -> String,
    lang: Lang,
) -> Table {
    let h = [
        ("日期", "Date"),
        ("类型", "Kind"),
        ("主题", "Topic"),
        ("专家", "Experts"),
        ("对象", "Audience"),
        ("参加人数", "Participants"),
        ("材料", "Materials"),
        ("服务企业", "Enterprises served"),
    ];
    let sep = lang.pick("、", "; ");
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: activities
            .iter()
            .map(|a| {
                vec![
                    a.on.to_string(),
                    a.kind.label(lang).into(),
                    a.topic.clone(),
                    a.experts.iter().map(|&i| expert_name(i)).collect::<Vec<_>>().join(sep),
                    a.audience.clone(),
                    a.participants.to_string(),
                    a.materials.clone(),
                    a.enterprises.iter().map(|&i| enterprise_name(i)).collect::<Vec<_>>().join(sep),
                ]
            })
            .collect(),
    }
}
