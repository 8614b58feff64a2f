//! Tasks the leading group assigns at its meetings: the responsible unit (a department or a county),
//! the deadline, dated progress reports, supervision (督办), and the board's overdue marks and
//! completion rate by unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::chart::Table;
use crate::form::{days_between, Checker, FieldError, FormErrors};
use crate::indicator::Ratio;
use crate::lang::Lang;
use crate::region::RegionCode;
use crate::registry::Known;

/// Who carries a task out: a county (whose users may report progress) or a department.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Responsible {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "610302"))]
    County(RegionCode),
    Department(String),
}

impl Responsible {
    pub fn county(&self) -> Option<RegionCode> {
        match self {
            Responsible::County(c) => Some(*c),
            Responsible::Department(_) => None,
        }
    }

    /// The unit's name, with counties named by the caller's registry.
    pub fn name(&self, county_name: &impl Fn(RegionCode) -> String) -> String {
        match self {
            Responsible::County(c) => county_name(*c),
            Responsible::Department(d) => d.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [TaskStatus::NotStarted, TaskStatus::InProgress, TaskStatus::Done];

    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskStatus::NotStarted => lang.pick("未开始", "Not started"),
            TaskStatus::InProgress => lang.pick("推进中", "In progress"),
            TaskStatus::Done => lang.pick("已完成", "Done"),
        }
    }
}

/// A dated progress report from the responsible unit or the bureau.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-20"))]
    pub on: NaiveDate,
    /// Set by the server from the signed-in user.
    #[serde(default)]
    pub by: String,
    pub text: String,
    /// The status the report leaves the task in.
    pub status: TaskStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    /// The meeting that assigned it; set by the server when the meeting is recorded.
    #[serde(default)]
    pub meeting: i64,
    pub description: String,
    pub responsible: Responsible,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-12-31"))]
    pub deadline: NaiveDate,
    #[serde(default)]
    pub status: TaskStatus,
    /// 督办: followed by the leading group's office.
    #[serde(default)]
    pub supervised: bool,
    #[serde(default)]
    pub progress: Vec<Progress>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub illustrative: bool,
}

impl Task {
    /// The findings of a task assigned at a meeting held on `held_on`, named `<prefix>.<field>`.
    pub fn findings(&self, known: &Known, held_on: NaiveDate, prefix: &str) -> Vec<FieldError> {
        let mut c = Checker::nested(prefix);
        c.text("description", ("任务内容", "Task"), &self.description, 500);
        match &self.responsible {
            Responsible::County(code) if !known.counties.contains(code) => {
                c.unknown("responsible", ("责任单位", "Responsible unit"), &code.to_string())
            }
            Responsible::Department(d) => c.text("responsible", ("责任单位", "Responsible unit"), d, 50),
            Responsible::County(_) => {}
        }
        c.not_before("deadline", (("完成时限", "Deadline"), self.deadline), (("会议日期", "meeting date"), held_on));
        c.into_vec()
    }

    pub fn check(&self, known: &Known, held_on: NaiveDate) -> Result<(), FormErrors> {
        let found = self.findings(known, held_on, "");
        if found.is_empty() {
            Ok(())
        } else {
            Err(FormErrors::new(
                found
                    .into_iter()
                    .map(|mut f| {
                        f.field = f.field.trim_start_matches('.').to_string();
                        f
                    })
                    .collect(),
            ))
        }
    }

    /// Past its deadline and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != TaskStatus::Done && today > self.deadline
    }

    /// Days to the deadline (negative once past it).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        days_between(today, self.deadline)
    }

    /// Checks a progress report and applies it: a report may not predate the meeting's assignment or
    /// come from the future, and it sets the status (done on its date).
    pub fn report(&mut self, p: Progress, held_on: NaiveDate, today: NaiveDate) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("text", ("进展情况", "Progress"), &p.text, 1000);
        c.not_future("on", ("报送日期", "Report date"), p.on, today);
        c.not_before("on", (("报送日期", "Report date"), p.on), (("会议日期", "meeting date"), held_on));
        c.finish()?;
        self.done_on = (p.status == TaskStatus::Done).then_some(p.on);
        self.status = p.status;
        self.progress.push(p);
        Ok(())
    }
}

/// One unit's line of the completion chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRate {
    pub unit: Responsible,
    pub total: u32,
    pub done: u32,
    /// Of the done ones, finished by the deadline.
    pub on_time: u32,
    pub overdue: u32,
}

impl UnitRate {
    /// 完成率: done ÷ assigned.
    pub fn rate(&self) -> Option<Ratio> {
        Ratio::new(i128::from(self.done), i128::from(self.total))
    }
}

/// Completion by responsible unit, highest rate first (then most tasks, then the unit).
pub fn completion_by_unit(tasks: &[Task], today: NaiveDate) -> Vec<UnitRate> {
    let mut out: Vec<UnitRate> = Vec::new();
    for t in tasks {
        let i = match out.iter().position(|u| u.unit == t.responsible) {
            Some(i) => i,
            None => {
                out.push(UnitRate { unit: t.responsible.clone(), total: 0, done: 0, on_time: 0, overdue: 0 });
                out.len() - 1
            }
        };
        let u = &mut out[i];
        u.total += 1;
        if t.status == TaskStatus::Done {
            u.done += 1;
            if t.done_on.is_some_and(|d| d <= t.deadline) {
                u.on_time += 1;
            }
        }
        if t.is_overdue(today) {
            u.overdue += 1;
        }
    }
    out.sort_by(|a, b| {
        let (ra, rb) = (a.rate(), b.rate());
        match (ra, rb) {
            (Some(x), Some(y)) => y.cmp_value(x),
            _ => std::cmp::Ordering::Equal,
        }
        .then(b.total.cmp(&a.total))
        .then(a.unit.cmp(&b.unit))
    });
    out
}

pub fn table(
    tasks: &[Task],
    meeting_title: impl Fn(i64) -> String,
    county_name: impl Fn(RegionCode) -> String,
    today: NaiveDate,
    lang: Lang,
) -> Table {
    let h = [
        ("会议", "Meeting"),
        ("任务内容", "Task"),
        ("责任单位", "Responsible unit"),
        ("完成时限", "Deadline"),
        ("状态", "Status"),
        ("督办", "Supervised"),
        ("超期", "Overdue"),
        ("最新进展", "Latest progress"),
        ("完成日期", "Done on"),
    ];
    let yes_no = |b: bool| lang.pick(if b { "是" } else { "否" }, if b { "yes" } else { "no" }).to_string();
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: tasks
            .iter()
            .map(|t| {
                vec![
                    meeting_title(t.meeting),
                    t.description.clone(),
                    t.responsible.name(&county_name),
                    t.deadline.to_string(),
                    t.status.label(lang).into(),
                    yes_no(t.supervised),
                    yes_no(t.is_overdue(today)),
                    t.progress.last().map_or(String::new(), |p| format!("{} {}", p.on, p.text)),
                    t.done_on.map_or(String::new(), |d| d.to_string()),
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

    fn known() -> Known {
        Known { counties: vec![RegionCode::parse("610302").unwrap()], today: d("2026-11-27"), ..Known::default() }
    }

    fn task(unit: Responsible, deadline: &str) -> Task {
        Task {
            id: 0,
            version: 0,
            meeting: 1,
            description: "开展外贸企业走访".into(),
            responsible: unit,
            deadline: d(deadline),
            status: TaskStatus::NotStarted,
            supervised: false,
            progress: vec![],
            done_on: None,
            illustrative: false,
        }
    }

    #[test]
    fn deadlines_and_units_are_checked() {
        let weibin = Responsible::County(RegionCode::parse("610302").unwrap());
        let other = Responsible::County(RegionCode::parse("610303").unwrap());
        assert!(task(weibin.clone(), "2026-12-31").check(&known(), d("2026-10-20")).is_ok());
        let e = task(other, "2026-10-19").check(&known(), d("2026-10-20")).unwrap_err();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["responsible", "deadline"]);
        let blank =
            task(Responsible::Department(" ".into()), "2026-10-20").findings(&known(), d("2026-10-20"), "tasks.1");
        assert_eq!(blank[0].field, "tasks.1.responsible");
        assert_eq!(blank.len(), 1, "a deadline on the meeting day is allowed");
    }

    #[test]
    fn progress_overdue_and_completion_rate() {
        let weibin = Responsible::County(RegionCode::parse("610302").unwrap());
        let finance = Responsible::Department("市财政局".into());
        let held = d("2026-10-20");
        let today = d("2026-11-27");
        let mut a = task(weibin.clone(), "2026-11-30");
        let mut b = task(weibin.clone(), "2026-11-15");
        let c = task(finance.clone(), "2026-11-01");
        assert!(!a.is_overdue(today) && b.is_overdue(today) && c.is_overdue(today));
        assert_eq!(b.days_left(today), -12);
        let p = |on: &str, status| Progress {
            on: d(on), by: "渭滨区商务局".into(), text: "已走访12家".into(), status
        };
        assert!(a.report(p("2026-10-19", TaskStatus::InProgress), held, today).is_err(), "before the meeting");
        assert!(a.report(p("2026-11-28", TaskStatus::InProgress), held, today).is_err(), "in the future");
        assert_eq!(a.status, TaskStatus::NotStarted);
        a.report(p("2026-11-20", TaskStatus::Done), held, today).unwrap();
        b.report(p("2026-11-25", TaskStatus::Done), held, today).unwrap();
        assert!(!b.is_overdue(today), "done late is no longer overdue, but not on time");
        let rates = completion_by_unit(&[a, b, c], today);
        assert_eq!(rates[0].unit, weibin);
        assert_eq!((rates[0].total, rates[0].done, rates[0].on_time, rates[0].overdue), (2, 2, 1, 0));
        assert_eq!(rates[0].rate().unwrap().percent(1).to_string(), "100.0");
        assert_eq!((rates[1].total, rates[1].done, rates[1].overdue), (1, 0, 1));
        assert_eq!(rates[1].rate().unwrap().percent(1).to_string(), "0.0");
    }
}
