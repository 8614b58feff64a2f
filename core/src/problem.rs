//! An enterprise's problems and demands (困难诉求) as the bureau follows them up: who handles each, its
//! status, the replies with dates, how long it has been open and whether it is overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::chart::Table;
use crate::form::{days_between, Checker, FormErrors};
use crate::lang::Lang;
use crate::returns::DifficultyCategory;

/// An open problem older than this many days is overdue (the bureau's 30-day 办结时限).
pub const DUE_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProblemStatus {
    #[default]
    Open,
    InProgress,
    Solved,
    Closed,
}

impl ProblemStatus {
    pub const ALL: [ProblemStatus; 4] =
        [ProblemStatus::Open, ProblemStatus::InProgress, ProblemStatus::Solved, ProblemStatus::Closed];

    pub fn code(self) -> &'static str {
        match self {
            ProblemStatus::Open => "open",
            ProblemStatus::InProgress => "in_progress",
            ProblemStatus::Solved => "solved",
            ProblemStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ProblemStatus::Open => lang.pick("待办", "Open"),
            ProblemStatus::InProgress => lang.pick("办理中", "In progress"),
            ProblemStatus::Solved => lang.pick("已解决", "Solved"),
            ProblemStatus::Closed => lang.pick("已关闭", "Closed"),
        }
    }

    /// Solved and closed problems stop the clock.
    pub fn is_finished(self) -> bool {
        matches!(self, ProblemStatus::Solved | ProblemStatus::Closed)
    }
}

/// A dated reply: the bureau's or department's answer, or the enterprise's follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reply {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-20"))]
    pub on: NaiveDate,
    /// Who wrote it: set by the server from the signed-in user.
    #[serde(default)]
    pub by: String,
    pub text: String,
    /// The status the reply leaves the problem in (only the bureau changes it).
    pub status: ProblemStatus,
    /// The responsible department, when the reply assigns or changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    /// Set by the server from the URL and checked against the signed-in user.
    #[serde(default)]
    pub enterprise: i64,
    pub category: DifficultyCategory,
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-02"))]
    pub raised_on: NaiveDate,
    /// 责任部门.
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub status: ProblemStatus,
    #[serde(default)]
    pub replies: Vec<Reply>,
    /// The day it was solved or closed.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default)]
    pub finished_on: Option<NaiveDate>,
    #[serde(default)]
    pub illustrative: bool,
}

impl Problem {
    pub fn check(&self, today: NaiveDate) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("description", ("诉求内容", "Description"), &self.description, 1000);
        c.max_len("department", ("责任部门", "Responsible department"), &self.department, 50);
        c.not_future("raised_on", ("提出日期", "Date raised"), self.raised_on, today);
        c.finish()
    }

    /// Days from raising to finishing, or to today while it is open.
    pub fn days_open(&self, today: NaiveDate) -> i64 {
        days_between(self.raised_on, self.finished_on.unwrap_or(today)).max(0)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_finished() && self.days_open(today) > DUE_DAYS
    }

    /// Checks a reply against the problem and applies it: the status and department it sets, and the
    /// day the problem was finished.
    pub fn apply(&mut self, reply: Reply, today: NaiveDate) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("text", ("答复内容", "Reply"), &reply.text, 1000);
        c.not_future("on", ("答复日期", "Reply date"), reply.on, today);
        c.not_before("on", (("答复日期", "Reply date"), reply.on), (("提出日期", "date raised"), self.raised_on));
        if let Some(d) = &reply.department {
            c.max_len("department", ("责任部门", "Responsible department"), d, 50);
        }
        c.finish()?;
        if let Some(d) = &reply.department {
            self.department = d.trim().to_string();
        }
        self.finished_on = if reply.status.is_finished() { Some(reply.on) } else { None };
        self.status = reply.status;
        self.replies.push(reply);
        Ok(())
    }
}

/// Problems as a table for export, with days open and overdue marked.
pub fn table(problems: &[Problem], enterprise_name: impl Fn(i64) -> String, today: NaiveDate, lang: Lang) -> Table {
    let h = [
        ("企业", "Enterprise"),
        ("类别", "Category"),
        ("诉求内容", "Description"),
        ("提出日期", "Raised"),
        ("责任部门", "Department"),
        ("状态", "Status"),
        ("已用天数", "Days open"),
        ("超期", "Overdue"),
        ("答复次数", "Replies"),
        ("最新答复", "Latest reply"),
    ];
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: problems
            .iter()
            .map(|p| {
                vec![
                    enterprise_name(p.enterprise),
                    p.category.label(lang).to_string(),
                    p.description.clone(),
                    p.raised_on.to_string(),
                    p.department.clone(),
                    p.status.label(lang).to_string(),
                    p.days_open(today).to_string(),
                    lang.pick(
                        if p.is_overdue(today) { "是" } else { "否" },
                        if p.is_overdue(today) { "yes" } else { "no" },
                    )
                    .to_string(),
                    p.replies.len().to_string(),
                    p.replies.last().map_or(String::new(), |r| format!("{} {}", r.on, r.text)),
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

    fn problem() -> Problem {
        Problem {
            id: 1,
            version: 1,
            enterprise: 7,
            category: DifficultyCategory::Logistics,
            description: "海运舱位紧张".into(),
            raised_on: d("2026-10-01"),
            department: String::new(),
            status: ProblemStatus::Open,
            replies: vec![],
            finished_on: None,
            illustrative: false,
        }
    }

    #[test]
    fn days_open_and_overdue_follow_the_status() {
        let mut p = problem();
        // 30 days after raising it is due, the 31st day it is overdue.
        assert_eq!(p.days_open(d("2026-10-31")), 30);
        assert!(!p.is_overdue(d("2026-10-31")));
        assert!(p.is_overdue(d("2026-11-01")));
        let reply = |on: &str, status| Reply {
            on: d(on),
            by: "市商务局".into(),
            text: "已协调".into(),
            status,
            department: Some("市交通局".into()),
        };
        p.apply(reply("2026-10-05", ProblemStatus::InProgress), d("2026-11-27")).unwrap();
        assert_eq!(p.department, "市交通局");
        assert!(p.is_overdue(d("2026-11-27")), "in progress still counts");
        p.apply(reply("2026-11-10", ProblemStatus::Solved), d("2026-11-27")).unwrap();
        assert_eq!(p.finished_on, Some(d("2026-11-10")));
        assert_eq!(p.days_open(d("2026-12-31")), 40, "the clock stopped when it was solved");
        assert!(!p.is_overdue(d("2026-12-31")));
        // Reopening restarts the clock.
        p.apply(reply("2026-11-20", ProblemStatus::Open), d("2026-11-27")).unwrap();
        assert_eq!(p.finished_on, None);
        assert_eq!(p.replies.len(), 3);
    }

    #[test]
    fn replies_cannot_predate_the_problem_or_be_in_the_future() {
        let mut p = problem();
        let bad = Reply {
            on: d("2026-09-30"),
            by: String::new(),
            text: " ".into(),
            status: ProblemStatus::Solved,
            department: None,
        };
        let e = p.apply(bad, d("2026-11-27")).unwrap_err();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["text", "on"]);
        assert_eq!(p.status, ProblemStatus::Open, "a refused reply changes nothing");
        let future = Reply {
            on: d("2026-11-28"),
            by: String::new(),
            text: "x".into(),
            status: ProblemStatus::Solved,
            department: None,
        };
        assert!(p.apply(future, d("2026-11-27")).is_err());
        let mut raised_tomorrow = problem();
        raised_tomorrow.raised_on = d("2026-11-28");
        assert_eq!(raised_tomorrow.check(d("2026-11-27")).unwrap_err().fields[0].field, "raised_on");
    }
}
