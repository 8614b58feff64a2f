//! The `waimao-server` command: `serve` runs the platform, `demo` writes a demo database and its
//! published files and exits.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use waimao_server::{config::Config, run};

#[derive(Parser)]
#[command(name = "waimao-server", version, about = "waimao: foreign-trade monitoring for a city bureau of commerce")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Common {
    /// SQLite database file (created and migrated when missing).
    #[arg(long, default_value = "waimao.db")]
    db: PathBuf,
    /// Directory of the published data files (the read model), served under /data/.
    #[arg(long, default_value = "data")]
    data_dir: PathBuf,
    /// Directory with the registry files (regions-*.csv, hs-sections.csv, partners.csv); the built-in
    /// Baoji registry when omitted.
    #[arg(long)]
    registry_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app, the published data and the API.
    Serve {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The built web app (trunk's dist directory).
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
        /// Load the illustrative demo data into an empty database before serving.
        #[arg(long)]
        demo: bool,
        /// The site is reached over HTTPS (through a proxy): session cookies get `Secure` and the
        /// `__Host-` prefix.
        #[arg(long)]
        secure_cookies: bool,
        /// The address of the reverse proxy whose `X-Forwarded-For` header names the client; without
        /// it the header is ignored.
        #[arg(long)]
        trusted_proxy: Option<std::net::IpAddr>,
    },
    /// Load the demo data into an empty database, publish it, and exit.
    Demo {
        #[command(flatten)]
        common: Common,
    },
    /// Manage accounts from the command line.
    User {
        #[command(flatten)]
        common: Common,
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create an account and print its one-time password.
    Add {
        #[arg(long)]
        name: String,
        /// admin, viewer, county or enterprise.
        #[arg(long)]
        role: String,
        /// The county code a county user is bound to (e.g. 610302).
        #[arg(long)]
        county: Option<String>,
        /// The enterprise id an enterprise user is bound to.
        #[arg(long)]
        enterprise: Option<i64>,
    },
    /// Give an account a new one-time password and end its sessions.
    ResetPassword {
        #[arg(long)]
        name: String,
    },
    /// Forget an account's failed sign-ins from every address, so it may sign in at once.
    Unlock {
        #[arg(long)]
        name: String,
    },
}

async fn user(common: Common, action: UserAction) -> Result<(), waimao_server::error::AppError> {
    use waimao_server::error::AppError;
    let config = Config {
        db: common.db,
        data_dir: common.data_dir,
        registry_dir: common.registry_dir,
        dist: PathBuf::from("dist"),
    };
    let state = run::open(config)?;
    match action {
        UserAction::Add { name, role, county, enterprise } => {
            let role = waimao_core::account::Role::parse(&role).ok_or_else(|| {
                AppError::BadRequest(format!("unknown role `{role}` (admin, viewer, county, enterprise)"))
            })?;
            let county = county
                .map(|c| waimao_core::RegionCode::parse(&c).map_err(|e| AppError::BadRequest(e.to_string())))
                .transpose()?;
            let pw = waimao_server::accounts_setup::add_user(&state, &name, role, county, enterprise, None).await?;
            println!("created `{name}` ({}); one-time password: {pw}", role.code());
        }
        UserAction::ResetPassword { name } => {
            let pw = waimao_server::accounts_setup::reset_password(&state, &name).await?;
            println!("new one-time password for `{name}`: {pw}");
        }
        UserAction::Unlock { name } => {
            let key = waimao_core::throttle::normalise(&name);
            let n = state.store.call(move |c| waimao_server::store::throttle::unlock(c, &key)).await?;
            println!("`{name}` may sign in again ({n} address(es) forgotten)");
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { common, addr, dist, demo, secure_cookies, trusted_proxy } => {
            let config = Config { db: common.db, data_dir: common.data_dir, registry_dir: common.registry_dir, dist };
            let auth = waimao_server::auth::AuthSettings {
                secure_cookies,
                trusted_proxy,
                ..waimao_server::auth::AuthSettings::default()
            };
            run::serve(config, auth, addr, demo).await
        }
        Command::User { common, action } => user(common, action).await,
        Command::Demo { common } => {
            let config = Config {
                db: common.db,
                data_dir: common.data_dir,
                registry_dir: common.registry_dir,
                dist: PathBuf::from("dist"),
            };
            run::demo_only(config).await
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("waimao-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
