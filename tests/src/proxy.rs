//! A TCP proxy in front of the server that a test can cut, as a dropped network or a stopped server
//! looks to the browser: while it is down, open connections are closed and new ones are refused at
//! once. Cutting it while a request is in flight loses the answer after the server may have stored the
//! request, which is exactly the case an idempotent submission must survive.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct Proxy {
    pub addr: SocketAddr,
    up: Arc<AtomicBool>,
    /// Bumped on every cut; connections end when it changes.
    cuts: watch::Sender<u64>,
    /// Connections refused or closed while down.
    pub dropped: Arc<AtomicU64>,
}

impl Proxy {
    pub async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("proxy addr");
        let up = Arc::new(AtomicBool::new(true));
        let (cuts, _) = watch::channel(0u64);
        let dropped = Arc::new(AtomicU64::new(0));
        let (up2, cuts2, dropped2) = (up.clone(), cuts.clone(), dropped.clone());
        tokio::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else { continue };
                if !up2.load(Ordering::SeqCst) {
                    dropped2.fetch_add(1, Ordering::SeqCst);
                    drop(client);
                    continue;
                }
                let mut cut = cuts2.subscribe();
                let dropped = dropped2.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(target).await else { return };
                    let mut client = client;
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => { dropped.fetch_add(1, Ordering::SeqCst); }
                    }
                });
            }
        });
        Proxy { addr, up, cuts, dropped }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Takes the network away: every open connection is closed, new ones are refused.
    pub fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.cuts.send_modify(|n| *n += 1);
    }

    pub fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}
