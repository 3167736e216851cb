//! A small static file server for `dist/` on 127.0.0.1: enough to try the card
//! and to run the browser tests against it, with the headers a real host of
//! the card should send (see README.md, "Hosting the card"):
//!
//! - the precompressed `.br` file when the client accepts brotli;
//! - `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
//!   cross-origin`, because the script embed imports the card's modules and
//!   fetches its wasm from host pages on other origins;
//! - on the card's own pages, a strict Content-Security-Policy ([`CARD_CSP`]),
//!   so every test proves the card needs nothing more.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use crate::Result;

/// The policy the card's own pages (index.html, embed.html) work under.
pub const CARD_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Binds `127.0.0.1:port` (0 = any free port) and returns the listener.
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try another --port)"))
}

/// Serves `root` on `listener` until the process ends.
pub fn serve(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accepts_brotli = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("accept-encoding:") {
            accepts_brotli = value.split(',').any(|e| e.trim().starts_with("br"));
        }
    }
    let head_only = request_line.starts_with("HEAD ");
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let safe = !relative.split('/').any(|part| part == "..");
    let mut file = root.join(if relative.is_empty() {
        "index.html"
    } else {
        relative
    });
    if file.is_dir() {
        file = file.join("index.html");
    }
    let mut precompressed = file.clone().into_os_string();
    precompressed.push(".br");
    let precompressed = PathBuf::from(precompressed);
    let (status, body, kind, brotli) = match std::fs::read(&file) {
        Ok(_) if safe && accepts_brotli && precompressed.is_file() => (
            "200 OK",
            std::fs::read(&precompressed)?,
            content_type(&file),
            true,
        ),
        Ok(body) if safe => ("200 OK", body, content_type(&file), false),
        _ => (
            "404 Not Found",
            b"not found".to_vec(),
            "text/plain; charset=utf-8",
            false,
        ),
    };
    let mut headers = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\nCross-Origin-Resource-Policy: cross-origin\r\nVary: Accept-Encoding\r\nConnection: close\r\n",
        body.len()
    );
    if brotli {
        headers.push_str("Content-Encoding: br\r\n");
    }
    if kind.starts_with("text/html") && !relative.starts_with("demo/") {
        headers.push_str(&format!("Content-Security-Policy: {CARD_CSP}\r\n"));
    }
    headers.push_str("\r\n");
    stream.write_all(headers.as_bytes())?;
    if !head_only {
        stream.write_all(&body)?;
    }
    Ok(())
}
