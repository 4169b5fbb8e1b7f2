//! Entry point of the widget build (`sinmun-widget`, `--features embed`),
//! which `embed.js` loads for `<sinmun-feed>` elements: no page instance,
//! only the crash screen and the `mountEmbedded` API (`src/embed/api.rs`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    sinmun::host::crash::install();
}
