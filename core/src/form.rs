//! Validation of the registries' forms (enterprises, problems, experts, meetings, tasks): one finding
//! per field, in both languages, saying what is wrong and what to do. The form shows them as the user
//! types and the server answers 422 with the same list, so a rule is written once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name in the record's JSON, e.g. `uscc` or `tasks.1.deadline`.
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl FieldError {
    pub fn message(&self, lang: crate::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The server's 422 body for a registry form: every finding, in field order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormErrors {
    /// The first finding in both languages, for clients that show one line.
    pub error: String,
    pub fields: Vec<FieldError>,
}

impl FormErrors {
    pub fn new(fields: Vec<FieldError>) -> Self {
        let error = fields.first().map(|f| format!("{} / {}", f.zh, f.en)).unwrap_or_default();
        Self { error, fields }
    }
}

/// Collects the findings of one form. `label` arguments are the field's name as the form shows it,
/// `(zh, en)`, so each message names the field in the reader's language.
#[derive(Debug, Default)]
pub struct Checker {
    prefix: String,
    found: Vec<FieldError>,
}

pub type Label = (&'static str, &'static str);

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks of a nested record (a meeting's second task) name their fields `tasks.1.…`.
    pub fn nested(prefix: impl Into<String>) -> Self {
        Self { prefix: prefix.into(), found: Vec::new() }
    }

    pub fn push(&mut self, field: &str, zh: String, en: String) {
        let field = if self.prefix.is_empty() { field.to_string() } else { format!("{}.{field}", self.prefix) };
        self.found.push(FieldError { field, zh, en });
    }

    /// A required text: not empty after trimming, and at most `max` characters.
    pub fn text(&mut self, field: &str, label: Label, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, format!("请填写{}", label.0), format!("Enter the {}", label.1.to_lowercase()));
        } else {
            self.max_len(field, label, value, max);
        }
    }

    /// An optional text of at most `max` characters (counted as people see them, not in bytes), without
    /// control characters other than new lines and tabs.
    pub fn max_len(&mut self, field: &str, label: Label, value: &str, max: usize) {
        if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
            self.push(
                field,
                format!("{}含有不可见的控制字符（可能来自复制粘贴），请删除后重新输入", label.0),
                format!(
                    "The {} holds invisible control characters (often from copy and paste); remove them",
                    label.1.to_lowercase()
                ),
            );
        }
        let n = value.chars().count();
        if n > max {
            self.push(
                field,
                format!("{}最多{max}个字，现有{n}个，请精简", label.0),
                format!("{} may have at most {max} characters (now {n}); shorten it", label.1),
            );
        }
    }

    /// A date that must not be after `today` (a meeting held, a problem raised, progress reported).
    pub fn not_future(&mut self, field: &str, label: Label, date: NaiveDate, today: NaiveDate) {
        if date > today {
            self.push(
                field,
                format!("{}（{date}）晚于今天（{today}），请填写已发生的日期", label.0),
                format!(
                    "The {} ({date}) is after today ({today}); enter a date that has passed",
                    label.1.to_lowercase()
                ),
            );
        }
    }

    /// `later` must not be before `earlier`: a deadline after its meeting, a term's end after its start.
    pub fn not_before(&mut self, field: &str, later: (Label, NaiveDate), earlier: (Label, NaiveDate)) {
        let ((l_label, l), (e_label, e)) = (later, earlier);
        if l < e {
            self.push(
                field,
                format!("{}（{l}）早于{}（{e}），请核对日期", l_label.0, e_label.0),
                format!(
                    "The {} ({l}) is before the {} ({e}); check the dates",
                    l_label.1.to_lowercase(),
                    e_label.1.to_lowercase()
                ),
            );
        }
    }

    /// A choice from a list that is not in it (an unknown county, HS section, market or tag).
    pub fn unknown(&mut self, field: &str, label: Label, value: &str) {
        self.push(
            field,
            format!("{}“{value}”不在登记的选项中，请从列表中选择", label.0),
            format!(
                "The {} “{value}” is not one of the registered choices; pick one from the list",
                label.1.to_lowercase()
            ),
        );
    }

    /// Whole counts such as attendance: at least `min`.
    pub fn at_least(&mut self, field: &str, label: Label, value: i64, min: i64) {
        if value < min {
            self.push(
                field,
                format!("{}不能小于{min}", label.0),
                format!("The {} cannot be less than {min}", label.1.to_lowercase()),
            );
        }
    }

    /// A required date as the form's date field gives it ("2026-11-27"): the date, or a finding.
    pub fn date(&mut self, field: &str, label: Label, text: &str) -> Option<NaiveDate> {
        if text.trim().is_empty() {
            self.push(field, format!("请填写{}", label.0), format!("Enter the {}", label.1.to_lowercase()));
            return None;
        }
        self.optional_date(field, label, text).flatten()
    }

    /// An optional date: `Some(None)` when empty, `None` (with a finding) when it is not a date.
    pub fn optional_date(&mut self, field: &str, label: Label, text: &str) -> Option<Option<NaiveDate>> {
        let t = text.trim();
        if t.is_empty() {
            return Some(None);
        }
        match t.parse::<NaiveDate>() {
            Ok(d) => Some(Some(d)),
            Err(_) => {
                self.push(
                    field,
                    format!("{}“{t}”不是日期（请写成2026-11-27）", label.0),
                    format!("The {} “{t}” is not a date (write 2026-11-27)", label.1.to_lowercase()),
                );
                None
            }
        }
    }

    /// A required choice from a list (a select left on "请选择"): the value, or a finding.
    pub fn choice(&mut self, field: &str, label: Label, value: &str) -> Option<String> {
        if value.trim().is_empty() {
            self.push(field, format!("请选择{}", label.0), format!("Choose the {}", label.1.to_lowercase()));
            return None;
        }
        Some(value.trim().to_string())
    }

    /// A required county from the form's county list: the code, or a finding.
    pub fn county(&mut self, field: &str, label: Label, value: &str) -> Option<crate::region::RegionCode> {
        let chosen = self.choice(field, label, value)?;
        match crate::region::RegionCode::parse(&chosen) {
            Ok(code) => Some(code),
            Err(_) => {
                self.unknown(field, label, &chosen);
                None
            }
        }
    }

    /// A required whole number (attendance, a count): the number, or a finding.
    pub fn whole(&mut self, field: &str, label: Label, text: &str) -> Option<i64> {
        match text.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.push(
                    field,
                    format!("请填写{}（整数）", label.0),
                    format!("Enter the {} (a whole number)", label.1.to_lowercase()),
                );
                None
            }
        }
    }

    pub fn append(&mut self, other: Checker) {
        self.found.extend(other.found);
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    pub fn finish(self) -> Result<(), FormErrors> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(FormErrors::new(self.found))
        }
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.found
    }

    /// The first finding in `lang`, for forms that show one line.
    pub fn first_message(&self, lang: crate::Lang) -> Option<String> {
        self.found.first().map(|f| f.message(lang).to_string())
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn messages_name_the_field_in_both_languages() {
        let mut c = Checker::nested("tasks.1");
        c.text("description", ("任务内容", "Task"), "  ", 200);
        c.max_len("note", ("备注", "Note"), "字".repeat(5).as_str(), 4);
        c.not_future("date", ("会议日期", "Meeting date"), d("2026-12-01"), d("2026-11-27"));
        c.not_before(
            "deadline",
            (("完成时限", "Deadline"), d("2026-01-01")),
            (("会议日期", "Meeting date"), d("2026-02-01")),
        );
        c.not_before(
            "same",
            (("完成时限", "Deadline"), d("2026-02-01")),
            (("会议日期", "Meeting date"), d("2026-02-01")),
        );
        let e = c.finish().unwrap_err();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["tasks.1.description", "tasks.1.note", "tasks.1.date", "tasks.1.deadline"]);
        assert_eq!(e.fields[0].zh, "请填写任务内容");
        assert!(e.fields[1].zh.contains("最多4个字，现有5个"), "{}", e.fields[1].zh);
        assert!(e.fields[3].en.contains("deadline (2026-01-01) is before the meeting date (2026-02-01)"));
        assert!(e.error.starts_with("请填写任务内容 / Enter the task"));
        assert_eq!(days_between(d("2026-02-27"), d("2026-03-01")), 2);
        let mut c = Checker::new();
        c.text("minutes", ("会议纪要", "Minutes"), "第一项\n\t第二项", 100);
        assert!(c.is_empty(), "new lines and tabs are text");
        c.text("minutes", ("会议纪要", "Minutes"), "a\u{0}b", 100);
        assert!(c.first_message(crate::Lang::Zh).unwrap().contains("控制字符"));
    }

    /// What a form's typed fields parse to, case by case: the value, or the one finding it gives.
    #[test]
    fn typed_fields_parse_or_say_what_to_do() {
        let date = ("列入日期", "Date added");
        let cases: [(&str, Option<NaiveDate>, Option<&str>); 4] = [
            ("2024-01-15", Some(d("2024-01-15")), None),
            (" 2024-01-15 ", Some(d("2024-01-15")), None),
            ("", None, Some("请填写列入日期")),
            ("2024-13-01", None, Some("“2024-13-01”不是日期")),
        ];
        for (text, want, says) in cases {
            let mut c = Checker::new();
            assert_eq!(c.date("added_on", date, text), want, "{text:?}");
            let found = c.into_vec();
            assert_eq!(
                found.first().map(|f| f.zh.contains(says.unwrap_or("∅"))),
                says.map(|_| true),
                "{text:?}: {found:?}"
            );
        }
        let mut c = Checker::new();
        assert_eq!(c.optional_date("term_end", ("聘期截止日", "End of term"), " "), Some(None));
        assert_eq!(c.choice("nature", ("企业性质", "Nature"), ""), None);
        assert_eq!(c.county("county", ("所属区县", "County"), "610302").map(|r| r.to_string()), Some("610302".into()));
        assert_eq!(c.county("county", ("所属区县", "County"), "宝鸡"), None);
        assert_eq!(
            (c.whole("n", ("参会人数", "Attendance"), "12"), c.whole("n", ("参会人数", "Attendance"), "十二")),
            (Some(12), None)
        );
        let zh: Vec<String> = c.into_vec().into_iter().map(|f| f.zh).collect();
        assert_eq!(zh, ["请选择企业性质", "所属区县“宝鸡”不在登记的选项中，请从列表中选择", "请填写参会人数（整数）"]);
    }
}
