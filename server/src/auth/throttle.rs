//! Sign-in throttling: after a few wrong passwords an account is locked for a while, and so is a
//! source address that tries many. The client address is the TCP peer; `X-Forwarded-For` counts only
//! when the peer is the configured trusted proxy, so a client cannot rotate it to escape the limit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wrong passwords allowed on one account before it is locked.
pub const ACCOUNT_FAILURES: u32 = 5;
/// Wrong passwords allowed from one address, across accounts.
pub const ADDRESS_FAILURES: u32 = 20;
/// How long a lock lasts, and the window failures are counted in.
pub const LOCK: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
struct Counter {
    failures: u32,
    first: Option<Instant>,
}

impl Counter {
    fn locked_for(&self, limit: u32, now: Instant) -> Option<Duration> {
        let first = self.first?;
        let elapsed = now.duration_since(first);
        (self.failures >= limit && elapsed < LOCK).then(|| LOCK - elapsed)
    }

    fn fail(&mut self, now: Instant) {
        if self.first.is_none_or(|f| now.duration_since(f) >= LOCK) {
            *self = Counter { failures: 0, first: Some(now) };
        }
        self.failures += 1;
    }
}

#[derive(Default)]
pub struct Throttle {
    accounts: Mutex<HashMap<String, Counter>>,
    addresses: Mutex<HashMap<IpAddr, Counter>>,
}

impl Throttle {
    /// How long the caller must wait before another attempt on `account` from `address`, if at all.
    pub fn wait(&self, account: &str, address: Option<IpAddr>) -> Option<Duration> {
        let now = Instant::now();
        let by_account =
            self.accounts.lock().ok()?.get(&account.to_lowercase()).and_then(|c| c.locked_for(ACCOUNT_FAILURES, now));
        let by_address =
            address.and_then(|a| self.addresses.lock().ok()?.get(&a).and_then(|c| c.locked_for(ADDRESS_FAILURES, now)));
        by_account.max(by_address)
    }

    pub fn failed(&self, account: &str, address: Option<IpAddr>) {
        let now = Instant::now();
        if let Ok(mut map) = self.accounts.lock() {
            map.entry(account.to_lowercase()).or_default().fail(now);
        }
        if let (Some(a), Ok(mut map)) = (address, self.addresses.lock()) {
            map.entry(a).or_default().fail(now);
        }
    }

    /// A correct password clears the account's count (not the address's: one good account must not
    /// launder guesses at others).
    pub fn succeeded(&self, account: &str) {
        if let Ok(mut map) = self.accounts.lock() {
            map.remove(&account.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_an_account_after_repeated_failures() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..ACCOUNT_FAILURES {
            assert!(t.wait("Alice", Some(a)).is_none());
            t.failed("alice", Some(a));
        }
        assert!(t.wait("ALICE", None).is_some(), "names are compared without case");
        assert!(t.wait("bob", Some("192.0.2.2".parse().unwrap())).is_none());
        t.succeeded("alice");
        assert!(t.wait("alice", None).is_none());
    }

    #[test]
    fn locks_an_address_that_tries_many_accounts() {
        let t = Throttle::default();
        let a: IpAddr = "192.0.2.9".parse().unwrap();
        for i in 0..ADDRESS_FAILURES {
            t.failed(&format!("user{i}"), Some(a));
        }
        assert!(t.wait("someone-else", Some(a)).is_some());
        assert!(t.wait("someone-else", Some("192.0.2.10".parse().unwrap())).is_none());
    }
}
