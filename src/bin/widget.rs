//! Entry point of the widget build (`sinmun-widget`, `--features embed`),
//! which `embed.js` loads for `<sinmun-feed>` elements: no page instance of
//! its own, only the crash screen and the API (`src/embed/api.rs`):
//! `mountEmbedded`, and `startPage` for a page the page build hands over
//! (`src/handover.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    sinmun::host::crash::install();
}
