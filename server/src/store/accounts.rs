//! Users and their sessions. Sessions are stored by the SHA-256 of their token, so a copy of the
//! database does not let anyone sign in.

use rusqlite::{params, Connection, OptionalExtension, Row};
use waimao_core::account::{Principal, Role};
use waimao_core::region::RegionCode;

use super::StoreError;

/// A user as the store keeps it and the bureau's account pages see it; the password hash never leaves
/// the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The county of a county user; null for every other role.
    pub county: Option<RegionCode>,
    /// The enterprise id of an enterprise user; null for every other role.
    pub enterprise: Option<i64>,
    /// A disabled user cannot sign in and has no sessions.
    pub disabled: bool,
}

impl User {
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.id,
            name: self.name.clone(),
            role: self.role,
            county: self.county,
            enterprise: self.enterprise,
        }
    }
}

/// What creating a user needs; the hash is made by `auth::password`.
pub struct NewUser<'a> {
    pub name: &'a str,
    pub role: Role,
    pub county: Option<RegionCode>,
    pub enterprise: Option<i64>,
    pub password_hash: &'a str,
}

const USER_COLUMNS: &str = "id, name, role, county, enterprise, disabled";

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    let county: Option<String> = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        county: county.and_then(|c| RegionCode::parse(&c).ok()),
        enterprise: r.get(4)?,
        disabled: r.get(5)?,
    })
}

pub fn create_user(conn: &Connection, u: &NewUser<'_>, now: i64) -> Result<User, StoreError> {
    let inserted = conn.execute(
        "INSERT INTO user (name, role, county, enterprise, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![u.name, u.role.code(), u.county.map(|c| c.to_string()), u.enterprise, u.password_hash, now],
    );
    match inserted {
        Ok(_) => user_by_id(conn, conn.last_insert_rowid())?.ok_or(StoreError::NotFound),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(StoreError::Refused("用户名已存在或绑定无效 / The name is taken or the binding is invalid".into()))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn user_by_id(conn: &Connection, id: i64) -> Result<Option<User>, StoreError> {
    Ok(conn.query_row(&format!("SELECT {USER_COLUMNS} FROM user WHERE id = ?1"), [id], user_from_row).optional()?)
}

/// The user and password hash for a sign-in attempt.
pub fn user_for_login(conn: &Connection, name: &str) -> Result<Option<(User, String)>, StoreError> {
    Ok(conn
        .query_row(&format!("SELECT {USER_COLUMNS}, password_hash FROM user WHERE name = ?1"), [name], |r| {
            Ok((user_from_row(r)?, r.get(6)?))
        })
        .optional()?)
}

pub fn password_hash(conn: &Connection, id: i64) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT password_hash FROM user WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

pub fn list_users(conn: &Connection) -> Result<Vec<User>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {USER_COLUMNS} FROM user ORDER BY id"))?;
    let rows = stmt.query_map([], user_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_admins(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0", [], |r| r.get(0))?)
}

/// Changes role, binding and the disabled flag together; disabling ends the user's sessions.
pub fn update_user(conn: &Connection, u: &User) -> Result<(), StoreError> {
    let changed = conn.execute(
        "UPDATE user SET role = ?2, county = ?3, enterprise = ?4, disabled = ?5 WHERE id = ?1",
        params![u.id, u.role.code(), u.county.map(|c| c.to_string()), u.enterprise, u.disabled],
    );
    match changed {
        Ok(0) => Err(StoreError::NotFound),
        Ok(_) => {
            // Checked after the change, inside the caller's transaction: demoting or disabling the
            // last active admin would leave nobody who can administer, so the change is refused.
            let admins: i64 =
                conn.query_row("SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0", [], |r| r.get(0))?;
            if admins == 0 {
                return Err(StoreError::Refused(
                    "至少要保留一个可用的管理员账号 / At least one active admin account must remain".into(),
                ));
            }
            if u.disabled {
                conn.execute("DELETE FROM session WHERE user_id = ?1", [u.id])?;
            }
            Ok(())
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(StoreError::Refused("绑定与角色不符 / The binding does not fit the role".into()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Sets a new password hash and ends every session of the user except `keep`.
pub fn set_password(conn: &Connection, id: i64, hash: &str, keep: Option<&[u8]>) -> Result<(), StoreError> {
    if conn.execute("UPDATE user SET password_hash = ?2 WHERE id = ?1", params![id, hash])? == 0 {
        return Err(StoreError::NotFound);
    }
    conn.execute(
        "DELETE FROM session WHERE user_id = ?1 AND token_hash IS NOT ?2",
        params![id, keep.map(<[u8]>::to_vec)],
    )?;
    Ok(())
}

pub fn create_session(conn: &Connection, token_hash: &[u8], user_id: i64, now: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO session (token_hash, user_id, created_at, last_seen) VALUES (?1, ?2, ?3, ?3)",
        params![token_hash, user_id, now],
    )?;
    Ok(())
}

/// The user of a live session, refreshing its idle clock; expired sessions are deleted on sight.
pub fn session_user(
    conn: &Connection,
    token_hash: &[u8],
    now: i64,
    idle_secs: i64,
    absolute_secs: i64,
) -> Result<Option<User>, StoreError> {
    let found: Option<(i64, i64, i64)> = conn
        .query_row("SELECT user_id, created_at, last_seen FROM session WHERE token_hash = ?1", [token_hash], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((user_id, created, seen)) = found else { return Ok(None) };
    if now - seen >= idle_secs || now - created >= absolute_secs {
        delete_session(conn, token_hash)?;
        return Ok(None);
    }
    let user = user_by_id(conn, user_id)?.filter(|u| !u.disabled);
    if user.is_some() {
        conn.execute("UPDATE session SET last_seen = ?2 WHERE token_hash = ?1", params![token_hash, now])?;
    }
    Ok(user)
}

pub fn delete_session(conn: &Connection, token_hash: &[u8]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM session WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

pub fn count_sessions(conn: &Connection, user_id: i64) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM session WHERE user_id = ?1", [user_id], |r| r.get(0))?)
}
