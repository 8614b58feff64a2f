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
    },
    /// Load the demo data into an empty database, publish it, and exit.
    Demo {
        #[command(flatten)]
        common: Common,
    },
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
        Command::Serve { common, addr, dist, demo } => {
            let config = Config { db: common.db, data_dir: common.data_dir, registry_dir: common.registry_dir, dist };
            run::serve(config, addr, demo).await
        }
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
