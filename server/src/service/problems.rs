//! Enterprises' problems and demands (困难诉求) across the registry: the ones a principal may see, and
//! replies (the bureau's, which may change the status and department; the enterprise's follow-ups).

use waimao_core::problem::{Problem, Reply};
use waimao_core::registry::Listing;

use super::{hidden, require, Error, Work};
use crate::store::{self, records};

/// Every problem of an enterprise the caller may see, oldest first.
pub fn visible(w: &Work) -> Result<Vec<Problem>, Error> {
    let firms = store::load_enterprises(&w.tx)?;
    let seen = |id: i64| firms.iter().any(|e| e.id == id && w.who.can_see_enterprise(e.id, e.county));
    Ok(records::list::<Problem>(&w.tx)?.into_iter().filter(|x| seen(x.enterprise)).collect())
}

/// [`visible`] with the date the overdue marks are read at.
pub fn list(w: &mut Work) -> Result<Listing<Problem>, Error> {
    Ok(Listing { today: w.at.today, items: visible(w)? })
}

/// Replies to problem `id`, signed by the caller. Only the bureau settles (status, department); an
/// enterprise's follow-up must leave both as they are.
pub fn reply(w: &mut Work, id: i64, mut r: Reply) -> Result<Problem, Error> {
    // Viewers and counties never reply; that needs no lookup.
    require(w.who.may_reply_to_problems())?;
    r.by = w.who.name.clone();
    r.text = r.text.trim().to_string();
    let mut problem = records::get::<Problem>(&w.tx, id)?.ok_or_else(|| hidden(&w.who))?;
    require(w.who.can_raise_problem(problem.enterprise))?;
    if !w.who.can_settle_problem() {
        require(r.status == problem.status && r.department.is_none())?;
    }
    let old = serde_json::to_string(&problem).ok();
    problem.apply(r, w.at.today)?;
    let base = problem.version;
    records::update(&w.tx, &mut problem, base, w.at.secs)?;
    w.audit_record("reply_problem", format!("problem/{id}"), old, &problem)?;
    Ok(problem)
}
