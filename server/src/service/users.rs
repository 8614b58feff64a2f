//! The bureau's account administration: list, create, change role, binding or disabled flag, and
//! reset a password. Passwords are hashed before a command runs (hashing is slow and needs no
//! transaction); the commands store the hash.

use rusqlite::Connection;
use waimao_core::account::Role;
use waimao_core::api::{NewUser, UserChange};
use waimao_core::RegionCode;

use super::{require, Env, Error, Work};
use crate::store::accounts::{self, User};
use crate::store::returns::enterprise_exists;

/// The longest account name, in characters.
pub const NAME_MAX_CHARS: usize = 64;

/// That a role's binding fits it (core's rule) and is real: a county of the registry, an enterprise
/// of the store. Also used by the `waimao-server user add` command.
pub fn check_binding(
    conn: &Connection,
    env: &Env,
    role: Role,
    county: Option<RegionCode>,
    enterprise: Option<i64>,
) -> Result<(), Error> {
    let real = county.is_none_or(|c| env.regions.county(c).is_some())
        && match enterprise {
            Some(e) => enterprise_exists(conn, e)?,
            None => true,
        };
    if role.fits_binding(county, enterprise) && real {
        Ok(())
    } else {
        let (zh, en) = Role::BINDING_MESSAGE;
        Err(Error::refused(zh, en))
    }
}

/// How an account reads in the audit log.
fn describe(u: &User) -> String {
    format!(
        "{} {}{}{}",
        u.name,
        u.role.code(),
        u.county.map(|c| format!(" county={c}")).unwrap_or_default(),
        u.enterprise.map(|e| format!(" enterprise={e}")).unwrap_or_default()
    ) + if u.disabled { " disabled" } else { "" }
}

/// Every account, in order of creation.
pub fn list(w: &mut Work) -> Result<Vec<User>, Error> {
    require(w.who.can_manage_users())?;
    Ok(accounts::list_users(&w.tx)?)
}

/// Creates an account with the hash of its one-time password.
pub fn create(w: &mut Work, body: NewUser, password_hash: String) -> Result<User, Error> {
    require(w.who.can_manage_users())?;
    check_binding(&w.tx, &w.env, body.role, body.county, body.enterprise)?;
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
        return Err(Error::refused("用户名须为1至64个字符", "A name has 1 to 64 characters"));
    }
    let new = accounts::NewUser {
        name,
        role: body.role,
        county: body.county,
        enterprise: body.enterprise,
        password_hash: &password_hash,
    };
    let user = accounts::create_user(&w.tx, &new, w.at.secs)?;
    w.audit("create_user", format!("user/{}", user.id), None, Some(describe(&user)))?;
    Ok(user)
}

/// Changes user `id`'s role with its binding (always together), or the disabled flag. Nobody
/// disables their own account, and the store refuses to leave no active admin.
pub fn update(w: &mut Work, id: i64, body: UserChange) -> Result<User, Error> {
    require(w.who.can_manage_users())?;
    let before = accounts::user_by_id(&w.tx, id)?.ok_or(Error::NotFound)?;
    let mut after = before.clone();
    if let Some(role) = body.role {
        after.role = role;
        after.county = body.county;
        after.enterprise = body.enterprise;
        check_binding(&w.tx, &w.env, after.role, after.county, after.enterprise)?;
    }
    if let Some(disabled) = body.disabled {
        if disabled && id == w.who.user_id {
            return Err(Error::refused("不能停用自己的账号", "You cannot disable your own account"));
        }
        after.disabled = disabled;
    }
    accounts::update_user(&w.tx, &after)?;
    w.audit("update_user", format!("user/{id}"), Some(describe(&before)), Some(describe(&after)))?;
    Ok(after)
}

/// The user a password reset is for, looked up before the new password is hashed.
pub fn get(w: &mut Work, id: i64) -> Result<User, Error> {
    require(w.who.can_manage_users())?;
    accounts::user_by_id(&w.tx, id)?.ok_or(Error::NotFound)
}

/// Sets user `id`'s password to `password_hash` (a one-time password); every session of theirs ends.
pub fn reset_password(w: &mut Work, id: i64, password_hash: String) -> Result<User, Error> {
    let user = get(w, id)?;
    accounts::set_password(&w.tx, id, &password_hash, None)?;
    w.audit("reset_password", format!("user/{id}"), None, None)?;
    Ok(user)
}
