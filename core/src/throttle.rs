//! Sign-in throttling, the rule: wrong passwords slow down the address that types them, never the
//! account's owner elsewhere. Failures are counted per (account, address) pair and per address across
//! accounts, in a window; a pair that keeps failing waits longer each time (backoff), an address that
//! guesses at many accounts waits out the window. A correct password from an address with no failures
//! always signs in, so no stranger can lock anyone out; the operator clears a pair from the server's
//! machine (`waimao-server user unlock`). An account guessed at from many addresses at once (each
//! staying under the pair's limit) is *under attack*: then every address that has failed at it once
//! waits as a pair at its limit would, so a spread-out guesser gets one try per address while the
//! owner, at an address with no failures, still signs in. The server stores the counts; the times come from its clock.

/// Failures of one pair within the window before it must wait.
pub const PAIR_FAILURES: u32 = 5;
/// Failures from one address, across accounts, within the window before it must wait.
pub const ADDRESS_FAILURES: u32 = 20;
/// Failures at one account, across addresses, within the window that put it under attack.
pub const ACCOUNT_FAILURES: u32 = 50;
/// The window failures are counted in, and the longest wait, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// The first wait of a pair that reached [`PAIR_FAILURES`]; each further failure doubles it.
pub const FIRST_WAIT_SECS: i64 = 30;
/// The characters of a typed name that are kept (with what was typed, the server stores nothing more).
pub const NAME_CHARS: usize = 64;

/// How a name typed at sign-in is counted and recorded: trimmed, lower-cased, without control
/// characters, at most [`NAME_CHARS`] characters. A 1 MB name is stored as 64 characters.
pub fn normalise(name: &str) -> String {
    name.trim().chars().filter(|c| !c.is_control()).flat_map(char::to_lowercase).take(NAME_CHARS).collect()
}

/// Failures counted for a pair or an address: how many within the window, and the latest (unix
/// seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last_at: i64,
}

impl Failures {
    fn in_window(self, now: i64) -> bool {
        now - self.last_at < WINDOW_SECS
    }
}

/// The wait after `count` failures of one pair: none below [`PAIR_FAILURES`], then 30 s, 60 s,
/// 120 s … up to the window.
pub fn pair_wait_secs(count: u32) -> i64 {
    if count < PAIR_FAILURES {
        return 0;
    }
    let doublings = (count - PAIR_FAILURES).min(16);
    (FIRST_WAIT_SECS << doublings).min(WINDOW_SECS)
}

/// Seconds the caller must wait before trying `pair` again from its address, if at all, at `now`,
/// given the address's failures across accounts and the account's across addresses.
pub fn wait_secs(
    pair: Option<Failures>,
    address: Option<Failures>,
    account: Option<Failures>,
    now: i64,
) -> Option<i64> {
    let under_attack = account.is_some_and(|f| f.in_window(now) && f.count >= ACCOUNT_FAILURES);
    let counted = |f: Failures| if under_attack { f.count + PAIR_FAILURES - 1 } else { f.count };
    let by_pair = pair.filter(|f| f.in_window(now)).map(|f| pair_wait_secs(counted(f)) - (now - f.last_at));
    let by_address =
        address.filter(|f| f.in_window(now) && f.count >= ADDRESS_FAILURES).map(|f| WINDOW_SECS - (now - f.last_at));
    by_pair.into_iter().chain(by_address).filter(|s| *s > 0).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_per_pair_and_per_address_and_never_elsewhere() {
        let f = |count, last_at| Some(Failures { count, last_at });
        let now = 10_000;
        let cases: [(Option<Failures>, Option<Failures>, Option<i64>); 9] = [
            (None, None, None),
            (f(4, now), f(4, now), None),
            (f(5, now), f(5, now), Some(30)),
            (f(5, now - 10), f(5, now - 10), Some(20)),
            (f(7, now), f(7, now), Some(120)),
            (f(40, now), f(40, now), Some(WINDOW_SECS)),
            (f(9, now - WINDOW_SECS), None, None),
            // An address guessing at many accounts waits out the window, whatever account it names.
            (None, f(20, now - 60), Some(WINDOW_SECS - 60)),
            (None, f(19, now), None),
        ];
        for (pair, address, want) in cases {
            assert_eq!(wait_secs(pair, address, pair, now), want, "{pair:?} {address:?}");
        }
    }

    #[test]
    fn an_account_guessed_at_from_many_addresses_gives_each_one_try_and_its_owner_all() {
        let f = |count, last_at| Some(Failures { count, last_at });
        let now = 10_000;
        // pair, address, account, wait
        type Case = (Option<Failures>, Option<Failures>, Option<Failures>, Option<i64>);
        let cases: [Case; 6] = [
            // 49 failures spread over addresses: each address keeps its own four tries.
            (f(1, now), f(1, now), f(49, now), None),
            // Under attack: an address that failed once waits as a pair at its limit.
            (f(1, now), f(1, now), f(50, now), Some(FIRST_WAIT_SECS)),
            (f(2, now - 10), f(2, now - 10), f(80, now), Some(2 * FIRST_WAIT_SECS - 10)),
            // The owner, at an address with no failures, is never slowed.
            (None, None, f(500, now), None),
            // The attack is over once its failures leave the window.
            (f(1, now - WINDOW_SECS), None, f(60, now - WINDOW_SECS), None),
            (f(1, now - 60), f(1, now - 60), f(60, now - 60), None),
        ];
        for (pair, address, account, want) in cases {
            assert_eq!(wait_secs(pair, address, account, now), want, "{pair:?} {account:?}");
        }
    }

    #[test]
    fn typed_names_are_bounded_and_normalised() {
        assert_eq!(normalise("  Alice\u{0}\n "), "alice");
        assert_eq!(normalise(&"名".repeat(1_000_000)).chars().count(), NAME_CHARS);
        assert_eq!(normalise("ADMIN"), normalise("admin"));
    }
}
