//! Entry point of the browser bundle: mount sinmun into its host element.
// Talc instead of Rust's default dlmalloc: smaller in the first-load wasm
// (measured in the README's bundle table) and faster.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    sinmun::start();
}
