//! The serving bench: requests per second for `/data/overview.json` and `/` with `Accept-Encoding: br`
//! from the release server, against Debian's nginx serving the same files precompressed
//! (`brotli_static`), back to back in one run with `wrk -t2 -c50`. Lines: `serve_data_rps`,
//! `serve_data_nginx_rps`, `serve_data_vs_nginx`, and the same for `serve_index`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use crate::cmd::{self, Context, Error, Result};
use crate::graders::{free_local_addr, ChildGuard, Server};
use crate::tools;

/// How long each peer is loaded per URL.
const SECONDS: &str = "8s";

/// The server built as it is deployed (`--profile server`: optimised, unwinding).
fn release_server() -> Result<PathBuf> {
    let mut build = cmd::cargo();
    build.args(["build", "-p", "waimao-server", "--profile", "server"]);
    cmd::step(format!("building the release server ({})", cmd::display(&build)));
    cmd::run(&mut build)?;
    Ok(cmd::target_dir().join("server").join("waimao-server"))
}

/// `wrk`'s requests per second for `url`.
fn rps(url: &str) -> Result<f64> {
    let mut wrk = cmd::command("wrk");
    wrk.args(["-t2", "-c50", "-d", SECONDS, "-H", "Accept-Encoding: br", url]);
    let out = wrk.output().context(format!("running `{}`", cmd::display(&wrk)))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        return Err(Error::new(format!("{url} answered errors under load:\n{text}")));
    }
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:").and_then(|v| v.trim().parse().ok()))
        .ok_or_else(|| Error::new(format!("no Requests/sec in wrk's output for {url}:\n{text}")))
}

/// The published overview's file name in `data_dir` (`overview.<hash>.json`), from the manifest.
pub fn published_overview(data_dir: &Path) -> Result<String> {
    // The manifest's entries are `{"file":"overview.json","path":"overview.<hash>.json",…}`; a string
    // search is enough here and keeps JSON parsing out of xtask.
    let manifest = fs::read_to_string(data_dir.join("manifest.json")).context("reading the manifest")?;
    let key = "\"file\":\"overview.json\",\"path\":\"";
    manifest
        .split_once(key)
        .and_then(|(_, rest)| rest.split('"').next())
        .map(str::to_string)
        .ok_or_else(|| Error::new("the manifest names no overview"))
}

/// nginx serving `dist` at `/` and the published overview at `/data/overview.json`, both from their
/// precompressed `.br` files, in the foreground of a child process.
fn start_nginx(dir: &Path, dist: &Path, data_dir: &Path) -> Result<(ChildGuard, String)> {
    let overview = published_overview(data_dir)?;
    let overview = overview.as_str();
    let addr = free_local_addr()?;
    let conf = format!(
        "load_module {module};\n\
         daemon off; worker_processes 2; pid {dir}/nginx.pid; error_log {dir}/error.log warn;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;\n\
           client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir}; uwsgi_temp_path {dir}; scgi_temp_path {dir};\n\
           types {{ application/json json; text/html html; }}\n\
           server {{\n    listen {addr};\n    brotli_static on; gzip_static on;\n\
             location = /data/overview.json {{ alias {data}/{overview}; default_type application/json; }}\n\
             location / {{ root {dist}; index index.html; }}\n  }}\n}}\n",
        module = tools::NGINX_BROTLI_MODULE,
        dir = dir.display(),
        data = data_dir.display(),
        dist = dist.display(),
    );
    let path = dir.join("nginx.conf");
    fs::write(&path, conf).context("writing nginx.conf")?;
    let mut nginx = Command::new("nginx");
    nginx.arg("-c").arg(&path).arg("-p").arg(dir).stdin(Stdio::null()).stdout(Stdio::null());
    let child = ChildGuard(nginx.spawn().context("starting nginx")?);
    thread::sleep(Duration::from_millis(500));
    Ok((child, format!("http://{addr}")))
}

/// The bench lines of the serving comparison.
pub fn lines(db: &Path, data_dir: &Path, dist: &Path, tmp: &Path) -> Result<Vec<String>> {
    tools::ensure_serving_peers()?;
    let binary = release_server()?;
    // Both peers serve the built app from its precompressed files, as a deployment does.
    crate::web::precompress(dist)?;
    let server = Server::start(&binary, db, data_dir, dist)?;
    let ours = format!("http://{}", server.addr);
    let (_nginx, theirs) = start_nginx(tmp, dist, data_dir)?;
    let mut out = Vec::new();
    // What `/` weighs with the server's first view in it, as a browser receives it.
    let page = first_view_br(server.addr)?;
    out.push(format!("bench first_view_br {:.1} KB", page as f64 / 1000.0));
    for (name, path) in [("serve_data", "/data/overview.json"), ("serve_index", "/")] {
        cmd::step(format!("loading {path} on the server and on nginx (wrk -t2 -c50, {SECONDS} each)"));
        let (a, b) = (rps(&format!("{ours}{path}"))?, rps(&format!("{theirs}{path}"))?);
        out.push(format!("bench {name}_rps {a:.0} req/s"));
        out.push(format!("bench {name}_nginx_rps {b:.0} req/s"));
        out.push(format!("bench {name}_vs_nginx {:.3} ratio", a / b));
    }
    Ok(out)
}

/// `cargo xtask bench-serve`: the serving lines alone, on the `dist/` already built and a fresh demo.
pub fn standalone() -> Result<()> {
    let binary = release_server()?;
    let tmp = cmd::TempDir::create("waimao-bench-serve")?;
    let (db, data_dir) = (tmp.path().join("bench.db"), tmp.path().join("data"));
    let mut demo = cmd::command(&binary);
    demo.arg("demo").arg("--db").arg(&db).arg("--data-dir").arg(&data_dir);
    cmd::run(&mut demo)?;
    for line in lines(&db, &data_dir, &cmd::root().join("dist"), tmp.path())? {
        println!("{line}");
    }
    Ok(())
}

/// The brotli size of `/` (the index page with the first view rendered into it), over a hand-written
/// HTTP/1.1 request, as `api_schema` signs in: xtask carries no HTTP client.
fn first_view_br(addr: std::net::SocketAddr) -> Result<usize> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).context("connecting to the server")?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).context("setting a timeout")?;
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).context("asking for /")?;
    let mut response = Vec::new();
    let _ = stream.take(8 * 1024 * 1024).read_to_end(&mut response);
    let head_end =
        response.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| Error::new("no answer to GET /"))?;
    let head = String::from_utf8_lossy(&response[..head_end]).to_lowercase();
    if !head.contains("content-encoding: br") {
        return Err(Error::new(format!("GET / was not sent brotli-compressed: {}", head.lines().next().unwrap_or(""))));
    }
    Ok(response.len() - head_end - 4)
}
