//! The key-enterprise registry: the rows a principal may see with each enterprise's standing, one
//! enterprise's page, adding and editing records, raising a problem, and the briefing's series.

use waimao_core::briefing::enterprises::EnterpriseSeries;
use waimao_core::enterprise::{Enterprise, EnterpriseRow, Standing};
use waimao_core::form::{FieldError, FormErrors};
use waimao_core::problem::{Problem, ProblemStatus};
use waimao_core::registry::{EnterpriseDetail, Listing};
use waimao_core::returns::Owner;

use super::{hidden, require, Error, Work};
use crate::store::{self, records, returns};

/// The rows the caller may see, each with its year-to-date standing at the latest approved month of
/// any of them (so that every row is read at the same month).
pub fn rows(w: &Work) -> Result<Vec<EnterpriseRow>, Error> {
    let problems: Vec<Problem> = records::list(&w.tx)?;
    let mut histories = Vec::new();
    for e in store::load_enterprises(&w.tx)?.into_iter().filter(|e| w.who.can_see_enterprise(e.id, e.county)) {
        let h = returns::history(&w.tx, Owner::Enterprise(e.id), &w.env.precedence)?;
        histories.push((e, h));
    }
    let latest = histories.iter().flat_map(|(_, h)| h.entries.iter().map(|x| x.period.last_month())).max();
    let today = w.at.today;
    let rows = histories
        .into_iter()
        .map(|(e, h)| {
            let mine = problems.iter().filter(|x| x.enterprise == e.id && !x.status.is_finished());
            let (open, overdue) = mine.fold((0, 0), |(o, d), x| (o + 1, d + u32::from(x.is_overdue(today))));
            let standing = latest.map(|m| Standing::at(&h, m)).unwrap_or_default();
            EnterpriseRow { enterprise: e, month: latest, standing, open_problems: open, overdue_problems: overdue }
        })
        .collect();
    Ok(rows)
}

/// The key enterprises the caller may see, with their standing and open problems.
pub fn list(w: &mut Work) -> Result<Listing<EnterpriseRow>, Error> {
    Ok(Listing { today: w.at.today, items: rows(w)? })
}

/// Core's checks of a record, and that no other enterprise holds its credit code: both inside the
/// command's transaction, so no concurrent edit can take the code between the check and the write.
fn check(w: &Work, e: &Enterprise) -> Result<(), Error> {
    let mut fields = match e.check(&w.known()?) {
        Ok(()) => Vec::new(),
        Err(f) => f.fields,
    };
    if !e.uscc.is_empty() && store::uscc_taken(&w.tx, &e.uscc, e.id)? {
        fields.push(FieldError {
            field: "uscc".into(),
            zh: "该统一社会信用代码已登记为另一家企业".into(),
            en: "Another enterprise is registered with this code".into(),
        });
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(FormErrors::new(fields).into())
    }
}

fn normalise(e: &mut Enterprise) {
    e.uscc = e.uscc.trim().to_ascii_uppercase();
    e.name_zh = e.name_zh.trim().to_string();
}

/// Adds a key enterprise.
pub fn create(w: &mut Work, mut e: Enterprise) -> Result<Enterprise, Error> {
    require(w.who.can_edit_registries())?;
    normalise(&mut e);
    check(w, &e)?;
    store::create_enterprise(&w.tx, &mut e)?;
    w.audit_record("create_enterprise", format!("enterprise/{}", e.id), None, &e)?;
    Ok(e)
}

/// Edits a key enterprise; `e.version` names the version the edit was based on (stale otherwise).
pub fn update(w: &mut Work, id: i64, mut e: Enterprise) -> Result<Enterprise, Error> {
    require(w.who.can_edit_registries())?;
    e.id = id;
    normalise(&mut e);
    store::get_enterprise(&w.tx, id)?.ok_or(Error::NotFound)?;
    check(w, &e)?;
    let base = e.version;
    let old = store::update_enterprise(&w.tx, &mut e, base)?;
    w.audit_record("update_enterprise", format!("enterprise/{id}"), serde_json::to_string(&old).ok(), &e)?;
    Ok(e)
}

/// One enterprise's page: the record, its approved months, its returns and its problems.
pub fn detail(w: &mut Work, id: i64) -> Result<EnterpriseDetail, Error> {
    // An enterprise user's binding decides before anything is looked up.
    require(w.who.may_ask_for_enterprise(id))?;
    let e = store::get_enterprise(&w.tx, id)?
        .filter(|e| w.who.can_see_enterprise(e.id, e.county))
        .ok_or_else(|| hidden(&w.who))?;
    Ok(EnterpriseDetail {
        can_raise: w.who.can_raise_problem(id),
        enterprise: e,
        history: returns::history(&w.tx, Owner::Enterprise(id), &w.env.precedence)?,
        returns: returns::briefs(&w.tx, Owner::Enterprise(id))?,
        problems: records::list::<Problem>(&w.tx)?.into_iter().filter(|x| x.enterprise == id).collect(),
        today: w.at.today,
    })
}

/// Raises a problem or demand (困难诉求) for enterprise `id`: it starts open, with no replies; only
/// the bureau assigns a department.
pub fn raise(w: &mut Work, id: i64, mut problem: Problem) -> Result<Problem, Error> {
    require(w.who.can_raise_problem(id))?;
    problem.enterprise = id;
    problem.status = ProblemStatus::Open;
    problem.replies.clear();
    problem.finished_on = None;
    problem.illustrative = false;
    problem.description = problem.description.trim().to_string();
    if !w.who.can_assign_department() {
        problem.department.clear();
    }
    problem.check(w.at.today)?;
    store::get_enterprise(&w.tx, id)?.ok_or(Error::NotFound)?;
    let pid = records::insert(&w.tx, &mut problem, w.at.secs)?;
    w.audit_record("raise_problem", format!("problem/{pid}"), None, &problem)?;
    Ok(problem)
}

/// Every key enterprise's monthly exports and imports (approved figures), for the briefing's part on
/// the key enterprises: the bureau and viewers only, since enterprise figures are never published.
pub fn briefing_series(w: &mut Work) -> Result<Vec<EnterpriseSeries>, Error> {
    require(w.who.can_read_registries())?;
    let mut out = Vec::new();
    for e in store::load_enterprises(&w.tx)? {
        let h = returns::history(&w.tx, Owner::Enterprise(e.id), &w.env.precedence)?;
        if let Some((exports, imports)) = waimao_core::enterprise::series(&h) {
            out.push(EnterpriseSeries {
                id: e.id,
                name_zh: e.name_zh.clone(),
                name_en: e.name_en.clone(),
                county: e.county,
                exports,
                imports,
            });
        }
    }
    Ok(out)
}
