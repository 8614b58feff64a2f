//! Start-up: open the store, load demo data when asked, publish, and serve until Ctrl-C.

use std::net::SocketAddr;
use std::sync::Arc;

use waimao_core::demo;

use crate::config::Config;
use crate::error::AppError;
use crate::state::AppState;
use crate::{publisher, registry, store};

/// Opens the store and registries into a ready state.
pub fn open(config: Config) -> Result<AppState, AppError> {
    let (regions, classes) = registry::load(config.registry_dir.as_deref()).map_err(AppError::Internal)?;
    let store = store::Store::open(&config.db)?;
    let config_registry = config.registry_dir.clone();
    Ok(AppState {
        config: Arc::new(config),
        store,
        regions: Arc::new(regions),
        classes: Arc::new(classes),
        auth: Arc::default(),
        precedence: Arc::new(registry::load_precedence(config_registry.as_deref()).map_err(AppError::Internal)?),
        publisher: Arc::default(),
        clock: crate::clock::Clock::system(),
        checks: Arc::new(tokio::sync::Semaphore::new(crate::state::CHECKS_AT_ONCE)),
        served: Arc::default(),
        xlsx_limit: Arc::new(crate::rate_limit::PerAddress::xlsx()),
    })
}

/// Loads the illustrative demo data, only into an empty database: demo figures must never mix with real ones.
pub async fn load_demo(state: &AppState) -> Result<bool, AppError> {
    let data = demo::generate(&state.regions, &state.classes, demo::DEFAULT_SEED);
    let now = state.clock.now().to_rfc3339();
    let counties: Vec<_> = state.regions.counties.iter().map(|c| c.code).collect();
    let (today, now_secs) = (state.clock.today(), state.clock.now_secs());
    state
        .store
        .call(move |c| {
            if store::count_observations(c)? > 0 {
                return Ok(false);
            }
            store::insert_enterprises(c, &data.enterprises)?;
            store::insert_targets(c, &data.targets)?;
            store::insert_observations(c, &data.observations, true, "demo", &now)?;
            insert_demo_registries(c, &data.enterprises, &counties, today, now_secs)?;
            Ok(true)
        })
        .await
}

/// The demo registries (experts, activities, members, meetings with tasks, problems), dated from today
/// in China so that reminders and overdue marks have something to show; in one transaction.
fn insert_demo_registries(
    c: &mut rusqlite::Connection,
    enterprises: &[waimao_core::enterprise::Enterprise],
    counties: &[waimao_core::RegionCode],
    today: chrono::NaiveDate,
    now: i64,
) -> Result<(), AppError> {
    use store::records::insert;
    let r = demo::people::registries(enterprises, counties, today);
    let tx = c.transaction()?;
    // Records keep the demo's ids only where others refer to them: experts (named by activities).
    for mut e in r.experts {
        insert(&tx, &mut e, now)?;
    }
    let expert_ids: Vec<i64> = store::records::list::<waimao_core::expert::Expert>(&tx)?.iter().map(|e| e.id).collect();
    for mut a in r.activities {
        a.experts = a.experts.iter().filter_map(|&i| expert_ids.get(i as usize - 1).copied()).collect();
        insert(&tx, &mut a, now)?;
    }
    for mut m in r.members {
        insert(&tx, &mut m, now)?;
    }
    for mut rec in r.meetings {
        let id = insert(&tx, &mut rec.meeting, now)?;
        for mut t in rec.tasks {
            t.meeting = id;
            insert(&tx, &mut t, now)?;
        }
    }
    for mut p in r.problems {
        insert(&tx, &mut p, now)?;
    }
    tx.commit()?;
    Ok(())
}

async fn prepare(config: Config, demo: bool) -> Result<AppState, AppError> {
    let state = open(config)?;
    if demo {
        if load_demo(&state).await? {
            tracing::info!("loaded the illustrative demo data (示例数据)");
        } else {
            tracing::warn!("the database already holds figures; demo data not loaded");
        }
    }
    let given = std::env::var(crate::accounts_setup::ADMIN_PASSWORD_ENV).ok();
    crate::accounts_setup::ensure_admin(&state, given).await?;
    if demo {
        crate::accounts_setup::demo_accounts(&state).await?;
    }
    let has_data = state.store.call(|c| store::count_observations(c)).await? > 0;
    if has_data {
        publisher::publish_all(&state).await?;
        tracing::info!("published data files");
    }
    Ok(state)
}

pub async fn serve(
    config: Config,
    auth: crate::auth::AuthSettings,
    addr: SocketAddr,
    demo: bool,
) -> Result<(), AppError> {
    if !config.dist.join("index.html").exists() {
        tracing::warn!(dist = %config.dist.display(), "no built web app here: run `cargo xtask run`");
    }
    let mut state = prepare(config, demo).await?;
    state.auth = Arc::new(crate::auth::Auth { settings: auth });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    // Small answers go out at once rather than waiting on Nagle's algorithm (as nginx's tcp_nodelay).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    println!("waimao is running: open http://{local}/ (Ctrl-C stops it)");
    // The peer address reaches handlers for sign-in throttling.
    axum::serve(listener, crate::app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

pub async fn demo_only(config: Config) -> Result<(), AppError> {
    prepare(config, true).await.map(|_| ())
}
