//! Prints the compressed size of each file of `dist/` (brotli quality 11 and
//! gzip as a server would send them).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

pub fn brotli_size(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).expect("compressing into memory");
    }
    out.len()
}

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

pub fn print(dist: &Path) -> Result {
    let mut paths = Vec::new();
    files(dist, &mut paths);
    println!("\n{:<48} {:>10} {:>10}", "file", "bytes", "brotli");
    let (mut raw_total, mut br_total) = (0, 0);
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let br = brotli_size(&bytes);
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
