//! Compressed sizes of `dist/` (as the server sends them), and the
//! precompressed `.br` files it sends: each file at the brotli quality its
//! role and size call for ([`quality`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Above this size a page or data file is precompressed at brotli quality 9,
/// not 11.
const LARGE_FILE: usize = 400_000;

/// Up to this size a file of a kind a build writes many of (parts, focus
/// pages) is compressed at quality 8, not 9: on a small file quality 9 spends
/// most of its time setting up its tables (23 ms for a 42 KB part of the
/// 100,000-claim dataset, against 6 ms at 8) for 0.2 % to 1.4 % less (measured
/// on parts of the 100,000 and 20,000-claim datasets and the shipped focus
/// pages).
const SMALL_BULK_FILE: usize = 256 * 1024;

/// Files worth compressing on the wire.
fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "css" | "wasm" | "json" | "csv" | "txt" | "svg" | "webmanifest")
    )
}

/// What [`precompress`] did: files compressed now, and their bytes; files
/// whose compressed copy came from the cache.
#[derive(Debug, Default)]
pub struct Precompressed {
    pub compressed: usize,
    pub compressed_bytes: usize,
    pub cached: usize,
}

/// Writes `<file>.br` beside each compressible file, for the server to send
/// to clients that accept it. Compressed copies are kept in `cache` by
/// content hash and quality, so what did not change since the last build
/// (the engine, the styles, the sources) is not compressed again; the rest
/// is compressed on two threads that take the files largest first, so that
/// neither is left with the big ones at the end.
pub fn precompress(dist: &Path, cache: &Path) -> Result<Precompressed> {
    let mut paths = Vec::new();
    files(dist, &mut paths);
    paths.retain(|p| compressible(p));
    let mut sized: Vec<(u64, PathBuf)> = paths
        .into_iter()
        .map(|p| (std::fs::metadata(&p).map_or(0, |m| m.len()), p))
        .collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let paths: Vec<PathBuf> = sized.into_iter().map(|(_, p)| p).collect();
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| compress_queue(&paths, &next, cache));
        let here = compress_queue(&paths, &next, cache)?;
        let other = other
            .join()
            .unwrap_or_else(|_| Err("a compression thread failed".into()))?;
        Ok(Precompressed {
            compressed: here.compressed + other.compressed,
            compressed_bytes: here.compressed_bytes + other.compressed_bytes,
            cached: here.cached + other.cached,
        })
    })
}

/// Compresses the files of `paths` that `next` hands out, one at a time,
/// until none is left.
fn compress_queue(paths: &[PathBuf], next: &AtomicUsize, cache: &Path) -> Result<Precompressed> {
    let mut done = Precompressed::default();
    while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let quality = quality(path, bytes.len());
        let hash = crate::dist::content_hash(&bytes);
        let key = cache.join(format!("{hash}-q{quality}.br"));
        let out = match std::fs::read(&key) {
            Ok(hit) => {
                done.cached += 1;
                hit
            }
            Err(_) => {
                let out = compress(&bytes, quality);
                let _ = std::fs::write(&key, &out);
                done.compressed += 1;
                done.compressed_bytes += bytes.len();
                out
            }
        };
        let mut name = path.clone().into_os_string();
        name.push(".br");
        std::fs::write(&name, out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(done)
}

/// The default pages and the compiled dataset the custom element fetches:
/// what a reader's first load is (with the code). At 100,000 claims the
/// inline index is 96 KB brotli at 11 against 116 KB at 9, for about 4 s
/// of compression per page.
fn first_load(name: &str) -> bool {
    let page = name == "index.html"
        || name == "embed.html"
        || who_backs_whom_core::i18n::Lang::all()
            .any(|lang| crate::dist::lang_page_names(lang).iter().any(|p| p == name));
    page || (name.starts_with("dataset-") && name.ends_with(".txt"))
}

/// The quality of a file's `.br` copy, by what it is for:
/// - the code and style every page loads (wasm, JS, CSS), the default pages
///   and the compiled dataset ([`first_load`]): 11, whatever their size (the
///   wasm grew past [`LARGE_FILE`] and was sent at 9, 15 KB (11 %) more than
///   at 11). The code is compressed once per engine (the cache above), so 11
///   costs no edit loop;
/// - the files a build writes many of and a reader waits for (parts, each
///   actor's own pages): 8 up to [`SMALL_BULK_FILE`], 9 above it (at 100,000
///   claims a 3.4 MB focus page is 383 KB at 9, 405 KB at 6);
/// - the source texts (`sources/`, one a source, 5,000 at 100,000 claims,
///   opened one at a time by "Full text"): 6, 0.2 ms a file against 8 ms at
///   11, for 12 % more;
/// - the downloads (`claims.*`, the single-file edition) over
///   [`LARGE_FILE`]: 6, about three times as fast as 9 on them (claims.csv
///   of 100,000 claims, 56 MB: 3.7 s against 10.4 s) for 10 % more on a
///   file a reader saves, not one the card waits for;
/// - everything else (other pages, small downloads): 11, or 9 over
///   [`LARGE_FILE`], about ten times as fast as 11 there for a
///   few per cent more.
fn quality(path: &Path, len: usize) -> u32 {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "css")
    ) || first_load(name)
    {
        return 11;
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|p| p.to_str());
    if folder == Some("sources") {
        return 6;
    }
    let many = name.starts_with("focus-")
        || name.starts_with("embed-focus-")
        || name.starts_with("oembed-focus-")
        || folder == Some("parts");
    let download = name.starts_with("claims.") || name.ends_with("-offline.html");
    match (many, download) {
        (true, _) if len <= SMALL_BULK_FILE => 8,
        (true, _) => 9,
        (false, true) if len > LARGE_FILE => 6,
        (false, _) if len > LARGE_FILE => 9,
        _ => 11,
    }
}

/// `bytes` at brotli `quality`, window 4 MB. Through brotli's one-shot C
/// interface, whose code is compiled optimised in the brotli crate: the
/// generic `CompressorWriter` would be compiled in this unoptimised crate,
/// and ran five times as slow (the 100,000-claim build spent 332 s here).
fn compress(bytes: &[u8], quality: u32) -> Vec<u8> {
    use brotli::ffi::compressor::{
        BrotliEncoderCompress, BrotliEncoderMaxCompressedSize, BrotliEncoderMode,
    };
    let mut out = vec![0u8; BrotliEncoderMaxCompressedSize(bytes.len())];
    let mut size = out.len();
    // SAFETY: the input pointer and length are those of `bytes`, and the
    // output's are those of `out`, which holds the largest size brotli can
    // write for this input; brotli writes the size it used into `size`.
    let done = unsafe {
        BrotliEncoderCompress(
            quality as i32,
            22,
            BrotliEncoderMode::BROTLI_MODE_GENERIC,
            bytes.len(),
            bytes.as_ptr(),
            &mut size,
            out.as_mut_ptr(),
        )
    };
    assert_eq!(
        done, 1,
        "brotli could not compress into a buffer of its own maximum size"
    );
    out.truncate(size);
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
        for name in [
            "index.html",
            "embed.html",
            "index-my.html",
            "embed-my.html",
            "dataset-1.txt",
        ] {
            assert_eq!(
                quality(Path::new(name), 2 * super::LARGE_FILE),
                11,
                "{name}"
            );
        }
        assert_eq!(quality(Path::new("demo/index.html"), 1_000), 11);
        assert_eq!(quality(Path::new("embed-focus-china.html"), 1_000), 8);
        assert_eq!(
            quality(Path::new("embedded.html"), 2 * super::LARGE_FILE),
            9
        );
    }

    #[test]
    fn the_many_files_of_a_large_dataset_are_quicker_when_small() {
        let small = super::SMALL_BULK_FILE;
        for name in [
            "parts/part-1.txt",
            "focus-china.html",
            "embed-focus-china.html",
            "oembed-focus-china.json",
        ] {
            assert_eq!(quality(Path::new(name), small), 8, "{name}");
            assert_eq!(quality(Path::new(name), small + 1), 9, "{name}");
        }
        for len in [1_000, 2 * super::LARGE_FILE] {
            assert_eq!(quality(Path::new("sources/s1.txt"), len), 6);
        }
    }

    #[test]
    fn what_is_compressed_reads_back_the_same() {
        use std::io::Read;
        let text: Vec<u8> = (0..50_000u32)
            .flat_map(|i| format!("claim {i} says {} ", i % 97).into_bytes())
            .collect();
        for input in [&text[..], b"", b"x"] {
            for quality in [6, 8, 9, 11] {
                let packed = super::compress(input, quality);
                let mut back = Vec::new();
                brotli::Decompressor::new(&packed[..], 4096)
                    .read_to_end(&mut back)
                    .expect("a valid brotli stream");
                assert_eq!(back, input, "quality {quality}, {} bytes", input.len());
                if input.len() > 1_000 {
                    assert!(
                        packed.len() < input.len() / 4,
                        "quality {quality} compresses"
                    );
                }
            }
        }
    }

    #[test]
    fn large_downloads_are_quick_and_small_ones_small() {
        for name in [
            "claims.json",
            "claims.csv",
            "claims.ftm.json",
            "who-backs-x-offline.html",
        ] {
            assert_eq!(quality(Path::new(name), 2 * super::LARGE_FILE), 6, "{name}");
            assert_eq!(quality(Path::new(name), 1_000), 11, "{name}");
        }
    }
}
