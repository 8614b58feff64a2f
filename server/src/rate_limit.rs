//! Per-address rate limits for what anyone may call without a session: `POST /api/xlsx` writes a
//! workbook from the cells it is sent, which costs CPU, so one address gets a burst and then a steady
//! rate (GCRA, by `governor`). The table of addresses is bounded: past [`MAX_ADDRESSES`] entries,
//! those whose limit has recovered are dropped before a new one is added.

use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU32;

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Addresses remembered at most before the recovered ones are dropped.
pub const MAX_ADDRESSES: usize = 10_000;
/// Workbooks one address may ask for at once, and then per minute.
pub const XLSX_BURST: u32 = 10;
pub const XLSX_PER_MINUTE: u32 = 30;

pub struct PerAddress {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

impl PerAddress {
    pub fn new(burst: u32, per_minute: u32) -> Self {
        let one = NonZeroU32::MIN;
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(one))
            .allow_burst(NonZeroU32::new(burst).unwrap_or(one));
        Self { limiter: RateLimiter::keyed(quota) }
    }

    /// The limit of `POST /api/xlsx`.
    pub fn xlsx() -> Self {
        Self::new(XLSX_BURST, XLSX_PER_MINUTE)
    }

    /// Counts a request from `addr` (an unknown address counts as one): `Err` with the whole seconds
    /// to wait when it is over the limit.
    pub fn check(&self, addr: Option<IpAddr>) -> Result<(), u64> {
        if self.limiter.len() >= MAX_ADDRESSES {
            self.limiter.retain_recent();
        }
        let key = addr.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        self.limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_a_wait_per_address_and_other_addresses_unaffected() {
        let limit = PerAddress::new(3, 6);
        let a = Some("203.0.113.1".parse().unwrap());
        let b = Some("203.0.113.2".parse().unwrap());
        for _ in 0..3 {
            assert_eq!(limit.check(a), Ok(()));
        }
        let wait = limit.check(a).unwrap_err();
        assert!((1..=10).contains(&wait), "one request per 10 s after the burst, waited {wait}");
        assert_eq!(limit.check(b), Ok(()));
    }

    #[test]
    fn the_table_of_addresses_stays_bounded() {
        let limit = PerAddress::new(1, 60_000);
        for i in 0..(MAX_ADDRESSES as u32 + 500) {
            let _ = limit.check(Some(IpAddr::V4(Ipv4Addr::from(i))));
        }
        assert!(limit.limiter.len() <= MAX_ADDRESSES + 1, "{}", limit.limiter.len());
    }
}
