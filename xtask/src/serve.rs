//! A small static file server for `dist/` on 127.0.0.1: enough to try the card
//! and to run the browser tests against it, with the headers a real host of
//! the card should send (see README.md, "Hosting and Content-Security-Policy"):
//!
//! - the precompressed `.br` file when the client accepts brotli;
//! - `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
//!   cross-origin`, because the script embed imports the card's modules and
//!   fetches its wasm from host pages on other origins;
//! - on the card's own pages, a strict Content-Security-Policy ([`CARD_CSP`]),
//!   or the page's own policy when it states one (the single-file edition:
//!   its inline script and style, by hash).
//!
//! Robust against odd clients ([`Limits`]): a request's path is checked as
//! text (percent-decoded, one safe character set, no dot segments, no NUL)
//! before any filesystem call, then resolved with symlinks and kept inside
//! the folder, and only regular files up to a size are read; request heads
//! are capped; reads and writes time out; a fixed pool of threads serves
//! connections queued by one acceptor.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::Result;

/// The policy the card's own pages (index.html, embed.html) work under.
pub const CARD_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

/// How much the server gives one client.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Request line and headers together, in bytes (431 beyond).
    pub max_head: usize,
    /// The whole head must arrive within this; each write must finish within it.
    pub timeout: Duration,
    /// Threads that serve connections (a fixed pool).
    pub threads: usize,
    /// Accepted connections waiting for a thread; beyond, new ones are closed.
    pub queue: usize,
    /// The largest file served, in bytes.
    pub max_file: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_head: 16 * 1024,
        timeout: Duration::from_secs(10),
        threads: 32,
        queue: 1024,
        max_file: 64 * 1024 * 1024,
    };
}

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

/// Serves `root` on `listener` until the process ends, with [`Limits::DEFAULT`].
pub fn serve(listener: TcpListener, root: PathBuf) {
    serve_with(listener, root, Limits::DEFAULT)
}

/// Serves `root` on `listener` until the process ends: one acceptor queues
/// connections for `limits.threads` workers.
pub fn serve_with(listener: TcpListener, root: PathBuf, limits: Limits) {
    let root = Arc::new(root.canonicalize().unwrap_or(root));
    let (queue, waiting) = sync_channel::<TcpStream>(limits.queue);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..limits.threads.max(1) {
        let (root, waiting) = (Arc::clone(&root), Arc::clone(&waiting));
        std::thread::spawn(move || work(&waiting, &root, limits));
    }
    for stream in listener.incoming().flatten() {
        match queue.try_send(stream) {
            Ok(()) => {}
            // Too many waiting: this one is closed at once (dropped).
            Err(TrySendError::Full(_)) => {}
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

/// One worker of the pool: serves queued connections one after another.
fn work(waiting: &Mutex<Receiver<TcpStream>>, root: &Path, limits: Limits) {
    loop {
        let next = waiting.lock().map(|w| w.recv());
        let Ok(Ok(stream)) = next else { return };
        let _ = handle(stream, root, limits);
    }
}

/// What the server needs of a request head.
#[derive(Debug, PartialEq)]
struct Head {
    method: String,
    target: String,
    accepts_brotli: bool,
}

/// Why a request gets no file: the status line and a short body.
type Refusal = (&'static str, &'static str);

const BAD_REQUEST: Refusal = ("400 Bad Request", "bad request");
const NOT_FOUND: Refusal = ("404 Not Found", "not found");

fn handle(mut stream: TcpStream, root: &Path, limits: Limits) -> std::io::Result<()> {
    stream.set_write_timeout(Some(limits.timeout))?;
    let head = match read_head(&mut stream, limits) {
        Ok(head) => head,
        Err(Some(refusal)) => return refuse(&mut stream, refusal),
        Err(None) => return Ok(()), // the client went away or stalled: nothing to answer
    };
    if head.method != "GET" && head.method != "HEAD" {
        return refuse(&mut stream, ("405 Method Not Allowed", "GET or HEAD only"));
    }
    let Some(relative) = safe_relative(&head.target) else {
        return refuse(&mut stream, NOT_FOUND);
    };
    let Some(file) = resolve(root, &relative, limits.max_file) else {
        return refuse(&mut stream, NOT_FOUND);
    };
    let brotli = head
        .accepts_brotli
        .then(|| {
            let mut br = file.clone().into_os_string();
            br.push(".br");
            resolve(root, &PathBuf::from(br), limits.max_file)
        })
        .flatten();
    let body = match std::fs::read(brotli.as_ref().unwrap_or(&file)) {
        Ok(body) => body,
        Err(_) => return refuse(&mut stream, NOT_FOUND),
    };
    let kind = content_type(&file);
    let mut headers = common_headers("200 OK", kind, body.len());
    if brotli.is_some() {
        headers.push_str("Content-Encoding: br\r\n");
    }
    if kind.starts_with("text/html") && !relative.starts_with("demo/") {
        let policy = top_of(&file)
            .and_then(|top| page_policy(&top))
            .unwrap_or_else(|| CARD_CSP.to_string());
        headers.push_str(&format!("Content-Security-Policy: {policy}\r\n"));
    }
    headers.push_str("\r\n");
    stream.write_all(headers.as_bytes())?;
    if head.method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn common_headers(status: &str, kind: &str, length: usize) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nAccess-Control-Allow-Origin: *\r\nCross-Origin-Resource-Policy: cross-origin\r\nVary: Accept-Encoding\r\nConnection: close\r\n"
    )
}

fn refuse(stream: &mut TcpStream, (status, body): Refusal) -> std::io::Result<()> {
    let head = common_headers(status, "text/plain; charset=utf-8", body.len());
    stream.write_all(format!("{head}\r\n{body}").as_bytes())?;
    stream.flush()
}

/// Reads the request head: at most `limits.max_head` bytes, all of it within
/// `limits.timeout`. `Err(Some(_))`: answer with that; `Err(None)`: just close.
fn read_head(stream: &mut TcpStream, limits: Limits) -> std::result::Result<Head, Option<Refusal>> {
    let deadline = Instant::now() + limits.timeout;
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > limits.max_head {
            return Err(Some((
                "431 Request Header Fields Too Large",
                "request head too large",
            )));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(None),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    if end > limits.max_head {
        return Err(Some((
            "431 Request Header Fields Too Large",
            "request head too large",
        )));
    }
    parse_head(&buffer[..end]).ok_or(Some(BAD_REQUEST))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The request line and the one header the server reads.
fn parse_head(head: &[u8]) -> Option<Head> {
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !version.starts_with("HTTP/1.") {
        return None;
    }
    let accepts_brotli = lines.any(|line| {
        let lower = line.to_ascii_lowercase();
        lower
            .strip_prefix("accept-encoding:")
            .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("br")))
    });
    Some(Head {
        method: method.to_string(),
        target: target.to_string(),
        accepts_brotli,
    })
}

/// The file a request target names, relative to the served folder, checked
/// as text only (no filesystem call): origin-form, percent-decoded once,
/// UTF-8, each segment of `A-Z a-z 0-9 . _ ~ -` not starting with a dot (so
/// no `..`, no hidden file), no empty segment but a trailing one (a folder's
/// index.html). `None` for anything else: NUL, `\`, encoded slashes or dots
/// that would make a dot segment, overlong encodings.
fn safe_relative(target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let path = path.strip_prefix('/')?;
    if path.len() > 1024 {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let allowed = segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'));
        let good = !segment.is_empty() && allowed && !segment.starts_with('.');
        let trailing = segment.is_empty() && i == last;
        if !good && !trailing {
            return None;
        }
    }
    let mut relative = PathBuf::from(decoded.trim_end_matches('/'));
    if decoded.is_empty() || decoded.ends_with('/') {
        relative.push("index.html");
    }
    Some(relative)
}

/// `%XX` escapes decoded; `None` for a malformed one.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The checked `relative` path as a regular file inside `root` (symlinks
/// resolved), at most `max_file` bytes; a folder serves its index.html.
fn resolve(root: &Path, relative: &Path, max_file: u64) -> Option<PathBuf> {
    let mut file = root.join(relative).canonicalize().ok()?;
    if !file.starts_with(root) {
        return None;
    }
    if file.is_dir() {
        file = file.join("index.html").canonicalize().ok()?;
        if !file.starts_with(root) {
            return None;
        }
    }
    let meta = std::fs::metadata(&file).ok()?;
    (meta.is_file() && meta.len() <= max_file).then_some(file)
}

/// The policy a page states for itself in `<meta http-equiv=
/// "Content-Security-Policy">` near its top, before any script or style
/// (the single-file edition, whose script and style are inline), sent as
/// the header instead of [`CARD_CSP`].
fn page_policy(html: &[u8]) -> Option<String> {
    const META: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;
    let top = String::from_utf8_lossy(&html[..html.len().min(4096)]);
    let start = top.find(META)?;
    let before = &top[..start];
    if before.contains("<script") || before.contains("<style") || before.contains("<body") {
        return None;
    }
    let policy = &top[start + META.len()..];
    let policy = &policy[..policy.find('"')?];
    policy
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b))
        .then(|| policy.to_string())
}

/// The first 4 KiB of `file`, where a page states its own policy.
fn top_of(file: &Path) -> Option<Vec<u8>> {
    let mut top = Vec::with_capacity(4096);
    std::fs::File::open(file)
        .ok()?
        .take(4096)
        .read_to_end(&mut top)
        .ok()?;
    Some(top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use std::sync::Barrier;

    #[test]
    fn odd_paths_are_refused_as_text() {
        for target in [
            "/../../dev/zero",
            "/sources/../../../../dev/zero",
            "/%2e%2e/%2e%2e/dev/zero",
            "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/.%2e/etc/passwd",
            "/..%5c..%5cdev%5czero",
            "/index.html%00.png",
            "/index.html\0",
            "/%c0%ae%c0%ae/dev/zero",
            "/%ZZ",
            "/%2",
            "//etc/passwd",
            "/demo//index.html",
            "/.contract-ready",
            "/sources/.hidden",
            "/a b",
            "/ünïcode.txt",
            "dev/zero",
            "http://127.0.0.1/index.html",
            "*",
        ] {
            assert_eq!(safe_relative(target), None, "{target:?}");
        }
        for (target, file) in [
            ("/", "index.html"),
            ("/?x=1#y", "index.html"),
            ("/index.html?from=share", "index.html"),
            ("/demo/", "demo/index.html"),
            ("/demo", "demo"),
            ("/sources/dmd-2025-03-14.txt", "sources/dmd-2025-03-14.txt"),
            ("/parts/part-0a1b.txt", "parts/part-0a1b.txt"),
            ("/who-backs-x%2Doffline.html", "who-backs-x-offline.html"),
        ] {
            assert_eq!(
                safe_relative(target),
                Some(PathBuf::from(file)),
                "{target:?}"
            );
        }
    }

    /// A served folder with a page, a file, a folder and links that lead out.
    fn site(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("wbw-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("demo")).unwrap();
        std::fs::write(
            root.join("index.html"),
            "<!doctype html><title>card</title>",
        )
        .unwrap();
        std::fs::write(root.join("claims.csv"), "id,quote\n".repeat(100)).unwrap();
        std::fs::write(root.join("demo/index.html"), "demo").unwrap();
        std::fs::write(root.join(".secret"), "hidden").unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        root
    }

    fn start(root: &Path, limits: Limits) -> SocketAddr {
        let listener = bind(0).unwrap();
        let address = listener.local_addr().unwrap();
        let root = root.to_path_buf();
        std::thread::spawn(move || serve_with(listener, root, limits));
        address
    }

    /// Sends `request` (in pieces of `step` bytes, `pause` apart) and reads the whole response.
    fn exchange(address: SocketAddr, request: &[u8], step: usize, pause: Duration) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        for piece in request.chunks(step.max(1)) {
            if stream.write_all(piece).is_err() {
                break;
            }
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
        }
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }

    fn get(address: SocketAddr, target: &str) -> String {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        exchange(address, request.as_bytes(), usize::MAX, Duration::ZERO)
    }

    #[test]
    fn nothing_outside_the_folder_is_read() {
        let root = site("outside");
        let address = start(&root, Limits::DEFAULT);
        for target in [
            "/../../dev/zero",
            "/%2e%2e/%2e%2e/dev/zero",
            "/zero",
            "/etc/passwd",
            "/.secret",
            "/index.html%00",
            "/nothing-here.txt",
        ] {
            let response = get(address, target);
            assert!(
                response.starts_with("HTTP/1.1 404 "),
                "{target}: {response}"
            );
            assert!(response.len() < 1024, "{target}: {} bytes", response.len());
        }
        let page = get(address, "/");
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains(&format!("Content-Security-Policy: {CARD_CSP}\r\n")));
        assert!(page.ends_with("<title>card</title>"));
        assert!(get(address, "/demo/").ends_with("\r\n\r\ndemo"));
        let post = exchange(
            address,
            b"POST / HTTP/1.1\r\n\r\n",
            usize::MAX,
            Duration::ZERO,
        );
        assert!(post.starts_with("HTTP/1.1 405 "), "{post}");
        let garbage = exchange(address, b"\x00\x01\x02\r\n\r\n", usize::MAX, Duration::ZERO);
        assert!(garbage.starts_with("HTTP/1.1 400 "), "{garbage}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn heads_are_capped_and_stalled_clients_dropped() {
        let root = site("limits");
        let limits = Limits {
            timeout: Duration::from_millis(500),
            threads: 2,
            ..Limits::DEFAULT
        };
        let address = start(&root, limits);
        let huge = format!("GET / HTTP/1.1\r\nX-Pad: {}\r\n\r\n", "a".repeat(64 * 1024));
        let response = exchange(address, huge.as_bytes(), usize::MAX, Duration::ZERO);
        assert!(
            response.starts_with("HTTP/1.1 431 "),
            "{}",
            &response[..response.len().min(200)]
        );
        // Two clients that never finish their heads take both threads, for at
        // most the timeout; a third client is still served after them.
        let stalled: Vec<_> = (0..2)
            .map(|_| {
                let mut s = TcpStream::connect(address).unwrap();
                s.write_all(b"GET / HTTP/1.1\r\nHost:").unwrap();
                s
            })
            .collect();
        let started = Instant::now();
        assert!(get(address, "/claims.csv").starts_with("HTTP/1.1 200 OK"));
        assert!(started.elapsed() < Duration::from_secs(5));
        for mut s in stalled {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut rest = Vec::new();
            assert_eq!(
                s.read_to_end(&mut rest).unwrap(),
                0,
                "a stalled client gets closed, unanswered"
            );
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// 200 clients at once and 20 slow ones (their heads a byte every 5 ms)
    /// against a pool of 16 threads: every one gets its whole response.
    #[test]
    fn serves_200_concurrent_and_slow_clients_without_losing_a_response() {
        let root = site("load");
        let limits = Limits {
            threads: 16,
            ..Limits::DEFAULT
        };
        let address = start(&root, limits);
        let expected = std::fs::read_to_string(root.join("claims.csv")).unwrap();
        let (fast, slow) = (200, 20);
        let barrier = Arc::new(Barrier::new(fast + slow));
        let clients: Vec<_> = (0..fast + slow)
            .map(|i| {
                let barrier = Arc::clone(&barrier);
                std::thread::spawn(move || {
                    let request = format!("GET /claims.csv?client={i} HTTP/1.1\r\nHost: x\r\n\r\n");
                    barrier.wait();
                    let (step, pause) = if i < fast {
                        (usize::MAX, Duration::ZERO)
                    } else {
                        (1, Duration::from_millis(5))
                    };
                    exchange(address, request.as_bytes(), step, pause)
                })
            })
            .collect();
        let mut served = 0;
        for client in clients {
            let response = client.join().unwrap();
            assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
            assert!(response.ends_with(&expected), "the whole body");
            served += 1;
        }
        assert_eq!(served, fast + slow);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_page_with_its_own_policy_is_served_under_it() {
        let own = r#"<!doctype html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-abc='"></head>"#;
        assert_eq!(
            page_policy(own.as_bytes()).as_deref(),
            Some("default-src 'none'; script-src 'sha256-abc='")
        );
        for (page, why) in [
            (r#"<head></head><body><meta http-equiv="Content-Security-Policy" content="x">"#, "in the body"),
            (r#"<head><script>x</script><meta http-equiv="Content-Security-Policy" content="x">"#, "after a script"),
            ("<head><meta http-equiv=\"Content-Security-Policy\" content=\"a\r\nX-Injected: 1\">", "a header injection"),
        ] {
            assert_eq!(page_policy(page.as_bytes()), None, "{why}");
        }
        assert_eq!(page_policy(b"<head>\r\n</head>"), None);
    }
}
