//! The signed-in pages beside the dashboard, one module per page. Their words sit with them
//! (`Lang::pick`), since no other screen uses them.

pub mod account;
pub mod admin;
pub mod county;
pub mod login;

/// The page a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Login,
    Account,
    Admin,
    County(waimao_core::RegionCode),
    Enterprise(i64),
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [""] => Route::Dashboard,
            ["login"] => Route::Login,
            ["account"] => Route::Account,
            ["admin"] => Route::Admin,
            ["county", code] => waimao_core::RegionCode::parse(code).map_or(Route::NotFound, Route::County),
            ["enterprise", id] => id.parse().map_or(Route::NotFound, Route::Enterprise),
            _ => Route::NotFound,
        }
    }

    pub fn current() -> Route {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        Route::parse(&path)
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn paths_name_pages() {
        assert_eq!(Route::parse("/"), Route::Dashboard);
        assert_eq!(Route::parse("/login"), Route::Login);
        assert_eq!(Route::parse("/county/610302"), Route::County(waimao_core::RegionCode::parse("610302").unwrap()));
        assert_eq!(Route::parse("/county/x"), Route::NotFound);
        assert_eq!(Route::parse("/enterprise/7"), Route::Enterprise(7));
        assert_eq!(Route::parse("/nope"), Route::NotFound);
    }
}
