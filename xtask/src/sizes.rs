//! Compressed sizes of `dist/` (brotli quality 11, or 9 for large files and
//! for the many pages and parts of a large dataset, as the server sends
//! them), and the precompressed `.br` files it sends.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Above this size a file is precompressed at brotli quality 9, not 11.
const LARGE_FILE: usize = 400_000;

/// Files worth compressing on the wire.
fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "css" | "wasm" | "json" | "csv" | "txt" | "svg" | "webmanifest")
    )
}

/// Writes `<file>.br` (brotli, quality 11) beside each compressible file, for
/// the server to send to clients that accept it. Compressed copies are kept
/// in `cache` by content hash, so what did not change since the last build
/// (the engine, the styles, the sources) is not compressed again; the rest is
/// compressed on two threads.
pub fn precompress(dist: &Path, cache: &Path) -> Result {
    let mut paths = Vec::new();
    files(dist, &mut paths);
    paths.retain(|p| compressible(p));
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let (first, second) = paths.split_at(paths.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| compress_all(second, cache));
        let here = compress_all(first, cache);
        other
            .join()
            .unwrap_or_else(|_| Err("a compression thread failed".into()))?;
        here
    })
}

fn compress_all(paths: &[PathBuf], cache: &Path) -> Result {
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let quality = quality(path, bytes.len());
        let hash = crate::dist::content_hash(&bytes);
        let key = cache.join(format!("{hash}-q{quality}.br"));
        let out = match std::fs::read(&key) {
            Ok(hit) => hit,
            Err(_) => {
                let out = compress(&bytes, quality);
                let _ = std::fs::write(&key, &out);
                out
            }
        };
        let mut name = path.clone().into_os_string();
        name.push(".br");
        std::fs::write(&name, out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Quality 11 is slow on large files (the single-file edition, the exports,
/// a 20,000-claim build's pages) and on many (each actor's own pages and
/// parts); 9 is about ten times faster for a few per cent more. The main
/// pages and the code they load get 11, whatever their size: the wasm grew
/// past [`LARGE_FILE`] and was sent at 9, 15 KB (11 %) more than at 11. It is
/// compressed once per engine (the cache above), so 11 costs no edit loop.
fn quality(path: &Path, len: usize) -> u32 {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "css")
    ) {
        return 11;
    }
    let many = name.starts_with("focus-")
        || name.starts_with("embed-focus-")
        || name.starts_with("oembed-focus-")
        || path
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|p| p == "parts");
    if len > LARGE_FILE || many {
        9
    } else {
        11
    }
}

fn compress(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        writer.write_all(bytes).expect("compressing into memory");
    }
    out
}

pub fn print(dist: &Path) -> Result {
    let mut paths = Vec::new();
    files(dist, &mut paths);
    paths.retain(|p| p.extension().is_none_or(|e| e != "br"));
    println!("\n{:<48} {:>10} {:>10}", "file", "bytes", "brotli");
    let (mut raw_total, mut br_total) = (0, 0);
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut precompressed = path.clone().into_os_string();
        precompressed.push(".br");
        // What the server sends: the `.br` copy, or the file itself (images
        // are already compressed and are sent as they are).
        let br = std::fs::metadata(&precompressed)
            .map(|m| m.len() as usize)
            .unwrap_or(bytes.len());
        raw_total += bytes.len();
        br_total += br;
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .display()
            .to_string();
        println!("{name:<48} {:>10} {:>10}", bytes.len(), br);
    }
    println!("{:<48} {raw_total:>10} {br_total:>10}\n", "total");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::quality;
    use std::path::Path;

    #[test]
    fn the_code_pages_load_is_compressed_at_11_whatever_its_size() {
        for name in ["card_bg.wasm", "element.js", "card.css"] {
            assert_eq!(
                quality(Path::new(name), 2 * super::LARGE_FILE),
                11,
                "{name}"
            );
        }
        assert_eq!(quality(Path::new("offline.html"), 2 * super::LARGE_FILE), 9);
        assert_eq!(quality(Path::new("index.html"), 1_000), 11);
        assert_eq!(quality(Path::new("parts/part-1.txt"), 1_000), 9);
        assert_eq!(quality(Path::new("focus-china.html"), 1_000), 9);
    }
}
