//! Accounts made outside the web pages: the first admin on first start, the demo accounts of
//! `cargo xtask run`, and the `waimao-server user …` commands.

use waimao_core::account::{check_password, Role};
use waimao_core::RegionCode;

use crate::auth::password;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{accounts, audit};

/// The environment variable that sets the first admin's password instead of a generated one.
pub const ADMIN_PASSWORD_ENV: &str = "WAIMAO_ADMIN_PASSWORD";

/// Creates an account and returns its password: `given` when set (checked against the policy),
/// otherwise a generated one-time password.
pub async fn add_user(
    state: &AppState,
    name: &str,
    role: Role,
    county: Option<RegionCode>,
    enterprise: Option<i64>,
    given: Option<String>,
) -> Result<String, AppError> {
    let env = crate::service::Env::of(state);
    state.store.call(move |c| crate::service::users::check_binding(c, &env, role, county, enterprise)).await?;
    let pw = match given {
        Some(p) => {
            check_password(&p, name).map_err(|e| AppError::BadRequest(e.message()))?;
            p
        }
        None => password::generate(),
    };
    let hash = password::hash_off_thread(&pw).await?;
    let name = name.to_string();
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let new = accounts::NewUser { name: &name, role, county, enterprise, password_hash: &hash };
                let user = accounts::create_user(tx, &new, now_secs)?;
                let entry = audit::Entry {
                    user_id: None,
                    user_name: "(command line)".into(),
                    action: "create_user",
                    object: format!("user/{}", user.id),
                    old_value: None,
                    new_value: Some(format!("{} {}", user.name, role.code())),
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(pw)
}

/// Sets a new generated password for `name` and ends their sessions.
pub async fn reset_password(state: &AppState, name: &str) -> Result<String, AppError> {
    let lookup = name.to_string();
    let (user, _) = state.store.call(move |c| accounts::user_for_login(c, &lookup)).await?.ok_or(AppError::NotFound)?;
    let pw = password::generate();
    let hash = password::hash_off_thread(&pw).await?;
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                accounts::set_password(tx, user.id, &hash, None)?;
                let entry = audit::Entry {
                    user_id: None,
                    user_name: "(command line)".into(),
                    action: "reset_password",
                    object: format!("user/{}", user.id),
                    old_value: None,
                    new_value: None,
                };
                Ok(((), entry))
            })
        })
        .await?;
    Ok(pw)
}

/// On a server with no active admin, creates `admin` with the `given` password (from
/// [`ADMIN_PASSWORD_ENV`]) or a generated one, prints how to sign in once, and returns the password;
/// `None` when an admin exists already.
pub async fn ensure_admin(state: &AppState, given: Option<String>) -> Result<Option<String>, AppError> {
    if state.store.call(|c| accounts::count_admins(c)).await? > 0 {
        return Ok(None);
    }
    let given = given.filter(|p| !p.is_empty());
    let from_env = given.is_some();
    let pw = add_user(state, "admin", Role::Admin, None, None, given).await?;
    if from_env {
        println!("created the first admin account: name `admin`, password from {ADMIN_PASSWORD_ENV}");
    } else {
        println!("created the first admin account: name `admin`, one-time password `{pw}` (shown only now)");
    }
    Ok(Some(pw))
}

/// Demo accounts for every role, printed with their passwords; only ever beside demo data.
pub async fn demo_accounts(state: &AppState) -> Result<(), AppError> {
    let county = state.regions.counties.first().map(|r| r.code);
    let enterprise = Some(1);
    let wanted = [
        ("demo-viewer", Role::Viewer, None, None),
        ("demo-county", Role::County, county, None),
        ("demo-enterprise", Role::Enterprise, None, enterprise),
    ];
    println!("demo accounts (illustrative data only):");
    for (name, role, county, enterprise) in wanted {
        let lookup = name.to_string();
        if state.store.call(move |c| accounts::user_for_login(c, &lookup)).await?.is_some() {
            let pw = reset_password(state, name).await?;
            println!("  {name:<16} {:<10} password `{pw}`", role.code());
        } else {
            let pw = add_user(state, name, role, county, enterprise, None).await?;
            println!("  {name:<16} {:<10} password `{pw}`", role.code());
        }
    }
    Ok(())
}
