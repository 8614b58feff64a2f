//! The registries' tables as the pages show them, for download: exactly the rows the caller may see.

use waimao_core::chart::Table;
use waimao_core::lang::Lang;
use waimao_core::{activity, enterprise, expert, group, task, Dimension};

use super::{require, Error, Work};
use crate::store::{self, records};

/// The tables that can be downloaded: each one's name and its title in each language.
pub const TABLES: [(&str, &str, &str); 7] = [
    ("enterprises", "重点外贸企业", "Key enterprises"),
    ("problems", "困难诉求", "Problems"),
    ("experts", "专家智库", "Experts"),
    ("activities", "智库活动", "Activities"),
    ("members", "领导小组成员", "Members"),
    ("meetings", "领导小组会议", "Meetings"),
    ("tasks", "议定任务", "Tasks"),
];

/// Registry table `name` (one of [`TABLES`]) in `lang`. Enterprises, problems and tasks are filtered
/// to what the caller may see; the think tank's and the group's tables are the bureau's and viewers'.
pub fn table(w: &mut Work, name: &str, lang: Lang) -> Result<Table, Error> {
    if !matches!(name, "enterprises" | "problems" | "tasks") {
        require(w.who.can_read_registries())?;
    }
    let today = w.at.today;
    let regions = w.env.regions.clone();
    let county_name = |code| regions.county(code).map_or(code.to_string(), |r| r.name(lang).to_string());
    let firms = store::load_enterprises(&w.tx)?;
    let firm_name = |id: i64| firms.iter().find(|e| e.id == id).map_or(id.to_string(), |e| e.name(lang).to_string());
    Ok(match name {
        "enterprises" => {
            let rows = super::enterprises::rows(w)?;
            let classes = w.env.classes.clone();
            let hs = |code: &str| {
                classes.member(Dimension::HsSection, code).map_or(code.to_string(), |m| m.name(lang).to_string())
            };
            enterprise::list_table(&rows, county_name, hs, lang)
        }
        "problems" => waimao_core::problem::table(&super::problems::visible(w)?, firm_name, today, lang),
        "experts" => expert::table(&records::list(&w.tx)?, today, lang),
        "activities" => {
            let experts: Vec<expert::Expert> = records::list(&w.tx)?;
            let expert_name = |id: i64| experts.iter().find(|e| e.id == id).map_or(id.to_string(), |e| e.name.clone());
            activity::table(&records::list(&w.tx)?, expert_name, firm_name, lang)
        }
        "members" => group::members_table(&records::list(&w.tx)?, today, lang),
        "meetings" => group::meetings_table(&records::list(&w.tx)?, lang),
        "tasks" => {
            let meetings: Vec<group::Meeting> = records::list(&w.tx)?;
            let title = |id: i64| meetings.iter().find(|m| m.id == id).map_or(String::new(), |m| m.title.clone());
            let list: Vec<task::Task> = records::list::<task::Task>(&w.tx)?
                .into_iter()
                .filter(|t| w.who.can_read_task(t.responsible.county()))
                .collect();
            task::table(&list, title, county_name, today, lang)
        }
        _ => return Err(Error::NotFound),
    })
}
