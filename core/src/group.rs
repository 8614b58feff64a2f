//! The foreign-trade development promotion leading group (外贸发展促进领导小组): its members with their
//! roles and terms, and its meetings (date, type, who presided, attendance, agenda, minutes, decisions).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::chart::Table;
use crate::form::{Checker, FormErrors};
use crate::lang::Lang;
use crate::task::Task;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum GroupRole {
    /// 组长.
    Leader,
    /// 副组长.
    Deputy,
    /// 成员 (a member unit's representative).
    #[default]
    Member,
}

impl GroupRole {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GroupRole::Leader => lang.pick("组长", "Leader"),
            GroupRole::Deputy => lang.pick("副组长", "Deputy leader"),
            GroupRole::Member => lang.pick("成员", "Member"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    pub name: String,
    pub role: GroupRole,
    /// The member unit (成员单位), e.g. 市商务局.
    pub unit: String,
    /// The person's post in that unit, e.g. 副市长, 局长.
    #[serde(default)]
    pub position: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2024-01-01"))]
    pub term_start: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default)]
    pub term_end: Option<NaiveDate>,
    #[serde(default)]
    pub illustrative: bool,
}

impl Member {
    pub fn check(&self) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("name", ("姓名", "Name"), &self.name, 30);
        c.text("unit", ("成员单位", "Member unit"), &self.unit, 50);
        c.max_len("position", ("职务", "Position"), &self.position, 50);
        if let Some(end) = self.term_end {
            c.not_before("term_end", (("任期截止", "Term end"), end), (("任期开始", "term start"), self.term_start));
        }
        c.finish()
    }

    pub fn is_serving(&self, today: NaiveDate) -> bool {
        self.term_start <= today && self.term_end.is_none_or(|e| e >= today)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MeetingKind {
    /// 全体会议.
    #[default]
    Plenary,
    /// 专题会议.
    Thematic,
    /// 办公室会议.
    Office,
}

impl MeetingKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeetingKind::Plenary => lang.pick("全体会议", "Plenary meeting"),
            MeetingKind::Thematic => lang.pick("专题会议", "Thematic meeting"),
            MeetingKind::Office => lang.pick("办公室会议", "Office meeting"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-10-20"))]
    pub held_on: NaiveDate,
    pub kind: MeetingKind,
    pub title: String,
    pub presided_by: String,
    pub attendance: i64,
    pub agenda: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub illustrative: bool,
}

impl Meeting {
    pub fn check(&self, today: NaiveDate) -> Result<(), FormErrors> {
        let mut c = Checker::new();
        c.text("title", ("会议名称", "Title"), &self.title, 100);
        c.not_future("held_on", ("会议日期", "Meeting date"), self.held_on, today);
        c.text("presided_by", ("主持人", "Presided by"), &self.presided_by, 30);
        c.at_least("attendance", ("参会人数", "Attendance"), self.attendance, 1);
        c.text("agenda", ("议题", "Agenda"), &self.agenda, 2000);
        c.max_len("minutes", ("会议纪要", "Minutes"), &self.minutes, 10_000);
        c.max_len("decisions", ("议定事项", "Decisions"), &self.decisions, 5000);
        c.finish()
    }
}

/// A meeting as recorded, with the tasks it assigned: stored together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingRecord {
    pub meeting: Meeting,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

impl MeetingRecord {
    /// The meeting's checks and each task's, the latter named `tasks.<i>.<field>`.
    pub fn check(&self, known: &crate::registry::Known) -> Result<(), FormErrors> {
        let mut all = match self.meeting.check(known.today) {
            Ok(()) => Vec::new(),
            Err(e) => e
                .fields
                .into_iter()
                .map(|mut f| {
                    f.field = format!("meeting.{}", f.field);
                    f
                })
                .collect(),
        };
        for (i, t) in self.tasks.iter().enumerate() {
            all.extend(t.findings(known, self.meeting.held_on, &format!("tasks.{i}")));
        }
        if all.is_empty() {
            Ok(())
        } else {
            Err(FormErrors::new(all))
        }
    }
}

pub fn members_table(members: &[Member], today: NaiveDate, lang: Lang) -> Table {
    let h = [
        ("姓名", "Name"),
        ("职务（领导小组）", "Role"),
        ("成员单位", "Member unit"),
        ("职务", "Position"),
        ("任期开始", "Term start"),
        ("任期截止", "Term end"),
        ("状态", "Status"),
    ];
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: members
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    m.role.label(lang).into(),
                    m.unit.clone(),
                    m.position.clone(),
                    m.term_start.to_string(),
                    m.term_end.map_or(String::new(), |d| d.to_string()),
                    lang.pick(
                        if m.is_serving(today) { "在任" } else { "离任" },
                        if m.is_serving(today) { "Serving" } else { "Former" },
                    )
                    .into(),
                ]
            })
            .collect(),
    }
}

pub fn meetings_table(meetings: &[Meeting], lang: Lang) -> Table {
    let h = [
        ("会议日期", "Date"),
        ("会议名称", "Title"),
        ("类型", "Kind"),
        ("主持人", "Presided by"),
        ("参会人数", "Attendance"),
        ("议题", "Agenda"),
        ("议定事项", "Decisions"),
    ];
    Table {
        headers: h.iter().map(|x| lang.pick(x.0, x.1).to_string()).collect(),
        rows: meetings
            .iter()
            .map(|m| {
                vec![
                    m.held_on.to_string(),
                    m.title.clone(),
                    m.kind.label(lang).into(),
                    m.presided_by.clone(),
                    m.attendance.to_string(),
                    m.agenda.clone(),
                    m.decisions.clone(),
                ]
            })
            .collect(),
    }
}
