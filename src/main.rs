//! The standalone page's wasm binary (built by Trunk with `hydration`).

fn main() {
    #[cfg(all(target_arch = "wasm32", any(feature = "csr", feature = "hydration")))]
    who_backs_whom::entry::start();
}
