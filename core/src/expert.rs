//! The expert think tank (外经贸专家智库): experts, their expertise, their appointment terms, and the
//! reminder list of terms ending soon.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::chart::Table;
use crate::form::{days_between, Checker, FormErrors};
use crate::lang::Lang;

/// Terms ending within this many days are on the reminder list.
pub const REMINDER_DAYS: i64 = 60;
/// The longest term a decision may give (聘期不超过5年).
pub const MAX_TERM_YEARS: u32 = 5;

/// Expertise areas: code, Chinese, English.
pub const EXPERTISE: [(&str, &str, &str); 8] = [
    ("trade_rules", "国际贸易规则", "International trade rules"),
    ("cross_border_ecommerce", "跨境电商", "Cross-border e-commerce"),
    ("trade_remedies", "贸易救济", "Trade remedies"),
    ("fx_finance", "外汇与金融", "Foreign exchange and finance"),
    ("logistics", "国际物流", "Logistics"),
    ("customs", "海关合规", "Customs compliance"),
    ("market_access", "市场开拓", "Market development"),
    ("legal", "涉外法律", "Foreign-related law"),
];

pub fn expertise_label(code: &str, lang: Lang) -> &str {
    EXPERTISE.iter().find(|e| e.0 == code).map_or(code, |e| lang.pick(e.1, e.2))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExpertStatus {
    #[default]
    Active,
    /// Dismissed or resigned before the term ended.
    Withdrawn,
}

/// The appointment decision (聘任文件).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    /// The decision's document number, e.g. 宝商发〔2025〕12号.
    pub document: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2025-03-01"))]
    pub appointed_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2028-02-29"))]
    pub term_end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expert {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub name: String,
    /// 职称/职务, e.g. 教授.
    #[serde(default)]
    pub title: String,
    pub organisation: String,
    /// Codes from [`EXPERTISE`].
    pub expertise: Vec<String>,
    #[serde(default)]
    pub contact: String,
    pub appointment: Appointment,
    #[serde(default)]
    pub status: ExpertStatus,
    #[serde(default)]
    pub illustrative: bool,
}

/// Where an expert's term stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Current {
        days_left: i64,
    },
    /// Ends within [`REMINDER_DAYS`]: time to renew or replace.
    EndingSoon {
        days_left: i64,
    },
    Ended,
    Withdrawn,
}

impl Expert {
    pub fn check(&self) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("name", ("姓名", "Name"), &self.name, 30);
        c.max_len("title", ("职称职务", "Title"), &self.title, 50);
        c.text("organisation", ("工作单位", "Organisation"), &self.organisation, 100);
        if self.expertise.is_empty() {
            c.push("expertise", "请至少选择一个专业领域".into(), "Choose at least one area of expertise".into());
        }
        for (i, tag) in self.expertise.iter().enumerate() {
            if !EXPERTISE.iter().any(|e| e.0 == tag) {
                c.unknown(&format!("expertise.{i}"), ("专业领域", "Expertise"), tag);
            }
        }
        c.max_len("contact", ("联系方式", "Contact"), &self.contact, 100);
        let a = &self.appointment;
        c.text("appointment.document", ("聘任文号", "Decision number"), &a.document, 50);
        if a.term_end <= a.appointed_on {
            c.push(
                "appointment.term_end",
                format!("聘期截止日（{}）须晚于聘任日期（{}）", a.term_end, a.appointed_on),
                format!("The term end ({}) must be after the appointment date ({})", a.term_end, a.appointed_on),
            );
        } else if a
            .appointed_on
            .checked_add_months(Months::new(12 * MAX_TERM_YEARS))
            .is_some_and(|max| a.term_end > max)
        {
            c.push(
                "appointment.term_end",
                format!("聘期不超过{MAX_TERM_YEARS}年，截止日最晚为聘任日期后{MAX_TERM_YEARS}年"),
                format!("A term lasts at most {MAX_TERM_YEARS} years from the appointment date"),
            );
        }
        c.finish()
    }

    pub fn term(&self, today: NaiveDate) -> Term {
        if self.status == ExpertStatus::Withdrawn {
            return Term::Withdrawn;
        }
        let days_left = days_between(today, self.appointment.term_end);
        match days_left {
            d if d < 0 => Term::Ended,
            d if d <= REMINDER_DAYS => Term::EndingSoon { days_left: d },
            d => Term::Current { days_left: d },
        }
    }

    pub fn term_label(&self, today: NaiveDate, lang: Lang) -> String {
        match (self.term(today), lang) {
            (Term::Current { .. }, _) => lang.pick("在聘", "Serving").into(),
            (Term::EndingSoon { days_left }, Lang::Zh) => format!("{days_left}天后期满"),
            (Term::EndingSoon { days_left }, Lang::En) => format!("Term ends in {days_left} days"),
            (Term::Ended, _) => lang.pick("聘期已满", "Term ended").into(),
            (Term::Withdrawn, _) => lang.pick("已解聘", "Withdrawn").into(),
        }
    }
}

/// Experts whose terms end within [`REMINDER_DAYS`] of `today`, soonest first.
pub fn reminders(experts: &[Expert], today: NaiveDate) -> Vec<&Expert> {
    let mut out: Vec<&Expert> = experts.iter().filter(|e| matches!(e.term(today), Term::EndingSoon { .. })).collect();
    out.sort_by_key(|e| e.appointment.term_end);
    out
}

/// Experts with the expertise `tag` (all when `None`) whose name, organisation or title contains `text`.
pub fn search<'a>(experts: &'a [Expert], tag: Option<&str>, text: &str) -> Vec<&'a Expert> {
    let text = text.trim();
    experts
        .iter()
        .filter(|e| tag.is_none_or(|t| e.expertise.iter().any(|x| x == t)))
        .filter(|e| text.is_empty() || e.name.contains(text) || e.organisation.contains(text) || e.title.contains(text))
        .collect()
}

pub fn table(experts: &[Expert], today: NaiveDate, lang: Lang) -> Table {
    let h = [
        ("姓名", "Name"),
        ("职称职务", "Title"),
        ("工作单位", "Organisation"),
        ("专业领域", "Expertise"),
        ("联系方式", "Contact"),
        ("聘任文号", "Decision"),
        ("聘任日期", "Appointed"),
        ("聘期截止", "Term ends"),
        ("状态", "Status"),
        ("示例数据", "Example data"),
    ];
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: experts
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.title.clone(),
                    e.organisation.clone(),
                    e.expertise
                        .iter()
                        .map(|t| expertise_label(t, lang))
                        .collect::<Vec<_>>()
                        .join(lang.pick("、", "; ")),
                    e.contact.clone(),
                    e.appointment.document.clone(),
                    e.appointment.appointed_on.to_string(),
                    e.appointment.term_end.to_string(),
                    e.term_label(today, lang),
                    lang.pick(if e.illustrative { "是" } else { "否" }, if e.illustrative { "yes" } else { "no" })
                        .into(),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn expert(name: &str, appointed: &str, end: &str) -> Expert {
        Expert {
            id: 0,
            version: 0,
            name: name.into(),
            title: "教授".into(),
            organisation: "某大学".into(),
            expertise: vec!["trade_rules".into()],
            contact: String::new(),
            appointment: Appointment {
                document: "宝商发〔2024〕1号".into(),
                appointed_on: d(appointed),
                term_end: d(end),
            },
            status: ExpertStatus::Active,
            illustrative: true,
        }
    }

    #[test]
    fn term_rules() {
        assert!(expert("甲", "2024-03-01", "2027-02-28").check().is_ok());
        // Five years to the day is allowed, one day more is not (the leap day is handled by chrono).
        assert!(expert("甲", "2024-02-29", "2029-02-28").check().is_ok());
        let long = expert("甲", "2024-02-29", "2029-03-01").check().unwrap_err();
        assert_eq!(long.fields[0].field, "appointment.term_end");
        assert!(long.fields[0].zh.contains("不超过5年"));
        let backwards = expert("甲", "2024-03-01", "2024-03-01").check().unwrap_err();
        assert!(backwards.fields[0].zh.contains("须晚于聘任日期"));
        let mut no_tags = expert("", "2024-03-01", "2025-03-01");
        no_tags.expertise = vec!["astrology".into()];
        let fields: Vec<String> = no_tags.check().unwrap_err().fields.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "expertise.0"]);
    }

    #[test]
    fn reminders_list_terms_ending_within_sixty_days() {
        let today = d("2026-11-27");
        let experts = vec![
            expert("期满", "2023-11-01", "2026-11-26"),
            expert("今天", "2023-11-27", "2026-11-27"),
            expert("六十天", "2024-01-26", "2027-01-26"),
            expert("六十一天", "2024-01-27", "2027-01-27"),
            expert("三十天", "2023-12-27", "2026-12-27"),
        ];
        let names: Vec<&str> = reminders(&experts, today).iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["今天", "三十天", "六十天"]);
        assert_eq!(experts[0].term(today), Term::Ended);
        assert_eq!(experts[2].term_label(today, Lang::Zh), "60天后期满");
        let mut withdrawn = expert("解聘", "2024-01-26", "2027-01-26");
        withdrawn.status = ExpertStatus::Withdrawn;
        assert!(reminders(std::slice::from_ref(&withdrawn), today).is_empty());
        assert_eq!(search(&experts, Some("trade_rules"), "三十").len(), 1);
        assert!(search(&experts, Some("logistics"), "").is_empty());
    }
}
