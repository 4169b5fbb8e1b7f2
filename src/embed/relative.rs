//! A widget's recent dates as relative times ("3시간 전" / "3 hours ago")
//! in its language, through the browser's `Intl.RelativeTimeFormat`: a
//! widget's list is mostly the last few days' items. A page gets the same
//! from the reader's script (`src/reader.js`); the page build carries none
//! of this.

use wasm_bindgen::prelude::*;

/// Older than this (seconds), a date is shown as a date.
const WEEK: f64 = 7.0 * 24.0 * 3600.0;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl)]
    type RelativeTimeFormat;
    /// Throws for a language tag it cannot read (a widget's `lang` is the
    /// host's or the feed's): caught, and the date stays a date.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl)]
    fn new(locales: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<JsValue, JsValue>;
}

/// `date` (RFC 3339) as a relative time in `lang` when it is within the
/// last week; `None` otherwise, or when it cannot be read.
pub fn recent(date: &str, lang: &str) -> Option<String> {
    let then = js_sys::Date::parse(date);
    let seconds = (js_sys::Date::now() - then) / 1000.0;
    if !(0.0..WEEK).contains(&seconds) {
        return None;
    }
    let (value, unit) = [(86_400.0, "day"), (3_600.0, "hour"), (60.0, "minute")]
        .into_iter()
        .find(|(size, _)| seconds >= *size)
        .map_or((0.0, "minute"), |(size, unit)| {
            (-(seconds / size).floor(), unit)
        });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into()).ok()?;
    let format = RelativeTimeFormat::new(lang, &options).ok()?;
    format.format(value, unit).ok()?.as_string()
}
