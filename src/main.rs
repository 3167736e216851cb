//! The wasm binary of the card's pages and of host pages (built by `cargo xtask build` with `hydration`).

fn main() {
    #[cfg(all(target_arch = "wasm32", any(feature = "csr", feature = "hydration")))]
    who_backs_whom::entry::start();
}
