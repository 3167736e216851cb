//! Times `codec::decode` of a compiled dataset natively:
//! `cargo run --release -p who-backs-whom-core --example decode_time -- dist/dataset-<hash>.txt`.
fn main() {
    let path = std::env::args().nth(1).expect("a compiled dataset");
    let text = std::fs::read_to_string(path).expect("readable");
    let n = 50;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(who_backs_whom_core::codec::decode(&text).expect("decodes"));
    }
    println!(
        "{:.3} ms per decode of {} bytes",
        t.elapsed().as_secs_f64() * 1000.0 / f64::from(n),
        text.len()
    );
}
