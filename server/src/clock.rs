//! The server's one clock. Every handler and background task asks it for the time; the running server
//! reads the system's, and tests set their own, so no test depends on today's date. China's date, which
//! the bureau's days and months follow, is `waimao_core::period::china_time` of this clock's instant.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

#[derive(Clone, Default)]
pub struct Clock(Arc<Source>);

#[derive(Default)]
enum Source {
    #[default]
    System,
    /// Milliseconds since the Unix epoch, moved only by the test that owns the clock.
    Set(AtomicI64),
}

impl Clock {
    pub fn system() -> Self {
        Clock(Arc::new(Source::System))
    }

    /// A clock that stands at `at` until it is set or advanced.
    pub fn set_at(at: DateTime<Utc>) -> Self {
        Clock(Arc::new(Source::Set(AtomicI64::new(at.timestamp_millis()))))
    }

    /// Moves a set clock (a system clock ignores it).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Source::Set(ms) = &*self.0 {
            ms.store(at.timestamp_millis(), Ordering::SeqCst);
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        if let Source::Set(ms) = &*self.0 {
            ms.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &*self.0 {
            Source::System => Utc::now(),
            Source::Set(ms) => DateTime::from_timestamp_millis(ms.load(Ordering::SeqCst)).unwrap_or_default(),
        }
    }

    /// Unix seconds: what sessions, throttling and the audit log store.
    pub fn now_secs(&self) -> i64 {
        self.now().timestamp()
    }

    /// The instant as stored beside returns and imports (RFC 3339, milliseconds, UTC).
    pub fn stamp(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// The time in China.
    pub fn china_now(&self) -> NaiveDateTime {
        waimao_core::period::china_time(self.now_secs())
    }

    /// Today in China: the day days open and deadlines count from, and whose month may not yet be filed.
    pub fn today(&self) -> NaiveDate {
        self.china_now().date()
    }
}
