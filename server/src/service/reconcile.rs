//! Reconciliation: a month's figures with each source's value side by side (flagged beyond the
//! threshold), the bureau's choice of a source or its explanation (audited, republished), and any
//! figure's history of versions. The rules are `waimao_core::reconcile`'s.

use waimao_core::enterprise::Enterprise;
use waimao_core::observation::{Breakdown, Entity, FigureKey};
use waimao_core::reconcile::{self, Choice, ChoiceRequest, FigureHistory, Line, Reconciliation};
use waimao_core::{Period, YearMonth};

use super::{require, Env, Error, Work};
use crate::store;

/// `WAIMAO_RECONCILE_PCT`: the difference in % beyond which a line is flagged (core's default otherwise).
pub fn threshold_pct() -> i64 {
    std::env::var("WAIMAO_RECONCILE_PCT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|v| (0..=100).contains(v))
        .unwrap_or(reconcile::DEFAULT_THRESHOLD_PCT)
}

/// The names (zh, en) of a line's entity: a county of the registry or a key enterprise.
fn names(env: &Env, firms: &[Enterprise]) -> impl Fn(Entity) -> (String, String) {
    let regions = env.regions.clone();
    let firms: Vec<(i64, String, String)> =
        firms.iter().map(|e| (e.id, e.name_zh.clone(), e.name_en.clone())).collect();
    move |e| match e {
        Entity::Region(code) => regions
            .county(code)
            .map_or((code.to_string(), code.to_string()), |r| (r.name_zh.clone(), r.name_en.clone())),
        Entity::Enterprise(id) => firms
            .iter()
            .find(|f| f.0 == i64::from(id))
            .map_or((id.to_string(), id.to_string()), |f| (f.1.clone(), f.2.clone())),
    }
}

/// The stored periods a month's lines read: the month, and the 1—2月 holding January or February.
fn periods_of(month: YearMonth) -> Vec<Period> {
    let mut out = vec![Period::Month(month)];
    if month.month() <= 2 {
        out.push(Period::JanFeb(month.year()));
    }
    out
}

fn lines(w: &Work, month: YearMonth, which: store::Which) -> Result<Vec<Line>, Error> {
    let figures = store::load_sourced(&w.tx, which)?;
    let (choices, firms) = (store::load_choices(&w.tx)?, store::load_enterprises(&w.tx)?);
    Ok(reconcile::lines(&figures, month, &w.env.precedence, &choices, threshold_pct(), names(&w.env, &firms)))
}

/// Month `month`'s figures, every source's value side by side.
pub fn month(w: &mut Work, month: YearMonth) -> Result<Reconciliation, Error> {
    require(w.who.can_read_all_returns())?;
    let lines = lines(w, month, store::Which { periods: periods_of(month), ..Default::default() })?;
    Ok(Reconciliation { month, threshold_pct: threshold_pct(), precedence: w.env.precedence.order().to_vec(), lines })
}

/// The bureau accepts a source for a figure, corrects it with a value of its own (局修正), or records
/// why the rule's choice stands; audited, then published. Answers the figure's line as it now stands.
pub fn choose(w: &mut Work, body: ChoiceRequest) -> Result<Line, Error> {
    require(w.who.can_reconcile())?;
    let key = body.key().ok_or(Error::NotFound)?;
    let month = match key.period {
        Period::Month(m) => m,
        Period::JanFeb(y) => YearMonth::new(y, 2).map_err(|_| Error::NotFound)?,
        _ => return Err(Error::NotFound),
    };
    let which = || store::Which { entity: Some(key.entity), totals_only: false, periods: vec![key.period] };
    let figures = store::load_sourced(&w.tx, which())?;
    let candidates: Vec<_> = waimao_core::source::latest_by_source(&figures)
        .get(&key)
        .map(|v| v.iter().map(|f| f.source).collect())
        .unwrap_or_default();
    if candidates.is_empty() {
        return Err(Error::NotFound);
    }
    body.check(&candidates).map_err(|(zh, en)| Error::refused(&zh, &en))?;
    let before = store::load_choices(&w.tx)?.remove(&key);
    let choice = Choice {
        source: body.accepted(),
        explanation: body.explanation.trim().to_string(),
        by: w.who.name.clone(),
        at: w.at.stamp.clone(),
    };
    let id = store::insert_choice(&w.tx, &key, &choice)?;
    // A correction is the bureau's own value: a new version from the source `correction`, approved as
    // it is stored, named after the decision that made it.
    let (version, _) = store::next_version(&w.tx, &key, "correction:")?;
    if let Some(o) = body.corrected(&key, version) {
        store::insert_in(&w.tx, &[o], true, &format!("correction:{id}"), &w.at.stamp)?;
    }
    let corrected = body.correction.map(|v| format!(" {v} 元")).unwrap_or_default();
    let describe = |c: Option<&Choice>, value: &str| {
        c.map(|c| format!("{}{value}: {}", c.source.map_or("rule", |s| s.code()), c.explanation))
    };
    let object = format!("figure/{}/{}/{}{}", body.entity, key.period, key.flow.code(), member_path(&key.breakdown));
    w.audit("reconcile_choose", object, describe(before.as_ref(), ""), describe(Some(&choice), &corrected))?;
    w.publish_after();
    lines(w, month, which())?.into_iter().find(|l| l.key().as_ref() == Some(&key)).ok_or(Error::NotFound)
}

fn member_path(b: &Option<Breakdown>) -> String {
    b.as_ref().map_or(String::new(), |b| format!("/{}/{}", b.dimension.code(), b.member))
}

/// Every version of figure `key` from every source, newest first, with who approved it and which is
/// in force: the bureau and viewers for any figure, a county or enterprise for its own.
pub fn figure(w: &mut Work, key: FigureKey) -> Result<FigureHistory, Error> {
    require(w.who.can_read_figure(key.entity))?;
    let which = store::Which { entity: Some(key.entity), totals_only: false, periods: vec![key.period] };
    let figures = store::load_sourced(&w.tx, which)?;
    let choice = store::load_choices(&w.tx)?.remove(&key);
    Ok(reconcile::history(&figures, &key, &w.env.precedence, choice.as_ref()))
}
