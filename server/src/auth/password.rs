//! Password hashing with argon2id at OWASP's recommended cost (19 MiB of memory, 2 passes, 1 lane),
//! in PHC string form so that the parameters travel with each hash.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;

fn hasher() -> Argon2<'static> {
    // The parameters are constants that Params::new accepts; failing here is a programming error.
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
}

/// [`hash`] on the blocking pool: argon2 takes tens of milliseconds of CPU, which must not stall the
/// async workers.
pub async fn hash_off_thread(password: &str) -> Result<String, AppError> {
    let typed = password.to_string();
    tokio::task::spawn_blocking(move || hash(&typed)).await.map_err(|e| AppError::Internal(format!("hashing: {e}")))?
}

/// Whether `password` matches `stored`; a malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of nothing anyone can type, verified when the user name is unknown so that a sign-in
/// attempt takes as long whether or not the name exists.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("\u{0}no such user\u{0}").unwrap_or_default());
    let _ = verify(password, stored);
}

/// A random password for new accounts and resets, from the OS generator: 16 characters from an
/// alphabet without look-alikes (no 0/O, 1/l/I).
pub fn generate() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_carry_their_parameters() {
        let h = hash("宝鸡外贸运行监测平台密码").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("宝鸡外贸运行监测平台密码", &h));
        assert!(!verify("宝鸡外贸运行监测平台密玛", &h));
        assert!(!verify("anything", "not a hash"));
        let p = generate();
        assert_eq!(p.chars().count(), 16);
        assert_ne!(p, generate());
    }
}
