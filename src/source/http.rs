//! Fetching JSON over HTTP with a time limit, abort on drop, and errors that say what failed.

use std::cell::Cell;
use std::fmt;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use super::early;

/// How long one request may take before it is abandoned, unless `config.json`
/// says otherwise (`timeout_ms`, see docs/format.md).
pub const DEFAULT_TIME_LIMIT_MS: u32 = 15_000;

thread_local! {
    static TIME_LIMIT_MS: Cell<u32> = const { Cell::new(DEFAULT_TIME_LIMIT_MS) };
}

/// Set the time limit of later requests, kept within 100 ms … 10 minutes
/// (`setTimeout` treats anything above `i32::MAX` as 0).
pub fn set_time_limit_ms(ms: u32) {
    TIME_LIMIT_MS.with(|limit| limit.set(ms.clamp(100, 600_000)));
}

fn time_limit_ms() -> u32 {
    TIME_LIMIT_MS.with(Cell::get)
}

/// Why data could not be loaded. Every variant names the URL it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The server answered 404: the thing does not exist.
    NotFound { url: String },
    /// Any other non-success status.
    Status { url: String, status: u16 },
    /// No answer: offline, DNS, CORS, refused connection.
    Network { url: String, detail: String },
    /// No answer within the time limit (in milliseconds).
    Timeout { url: String, limit_ms: u32 },
    /// An answer that is not the JSON we expect.
    Decode { url: String, detail: String },
    /// Valid JSON in a format version this reader does not understand.
    Version { url: String, detail: String },
}

impl LoadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, LoadError::NotFound { .. })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound { url } => write!(f, "{url} was not found (HTTP 404)."),
            LoadError::Status { url, status } => {
                write!(f, "The server answered HTTP {status} for {url}.")
            }
            LoadError::Network { url, detail } => {
                write!(f, "Could not reach {url}: {detail}. Check your connection.")
            }
            // Seconds to one decimal with integer arithmetic: no float formatting.
            LoadError::Timeout { url, limit_ms } if limit_ms % 100 == 0 => {
                let (seconds, tenths) = (limit_ms / 1000, limit_ms % 1000 / 100);
                if tenths == 0 {
                    write!(f, "{url} did not answer within {seconds} seconds.")
                } else {
                    write!(f, "{url} did not answer within {seconds}.{tenths} seconds.")
                }
            }
            LoadError::Timeout { url, limit_ms } => {
                write!(f, "{url} did not answer within {limit_ms} ms.")
            }
            LoadError::Decode { url, detail } => {
                write!(f, "{url} is not valid sinmun data: {detail}.")
            }
            LoadError::Version { url, detail } => write!(f, "{url}: {detail}."),
        }
    }
}

/// Aborts the request when dropped, so a view that is left stops its downloads.
struct AbortOnDrop {
    controller: Option<AbortController>,
    timer: Option<i32>,
    _on_timeout: Option<Closure<dyn FnMut()>>,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// A time limit and abort-on-drop for a request (`controller`: an early
/// request's own, else a new one).
fn abort_guard(controller: Option<AbortController>) -> AbortOnDrop {
    let controller = controller.or_else(|| AbortController::new().ok());
    let mut guard = AbortOnDrop {
        controller,
        timer: None,
        _on_timeout: None,
    };
    if let (Some(controller), Some(window)) = (guard.controller.clone(), web_sys::window()) {
        let on_timeout = Closure::<dyn FnMut()>::new(move || controller.abort());
        guard.timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                i32::try_from(time_limit_ms()).unwrap_or(i32::MAX),
            )
            .ok();
        guard._on_timeout = Some(on_timeout);
    }
    guard
}

/// GET `url` and return its body as JSON parsed by the browser (see `decode`).
pub async fn fetch_json(url: &str) -> Result<JsValue, LoadError> {
    let limit_ms = time_limit_ms();
    let early = early::take(url);
    let guard = abort_guard(early.as_ref().map(|e| e.controller.clone()));
    let signal = guard.controller.as_ref().map(|c| c.signal());
    // A failed send or read is a timeout when our own timer aborted it.
    let aborted = || signal.as_ref().is_some_and(|s| s.aborted());
    let timeout = || LoadError::Timeout {
        url: url.to_string(),
        limit_ms,
    };
    let unreachable = |detail: String| {
        if aborted() {
            timeout()
        } else {
            LoadError::Network {
                url: url.to_string(),
                detail,
            }
        }
    };
    let response: web_sys::Response = match early {
        // Started by the page before the app ran (early.rs).
        Some(early) => JsFuture::from(early.response)
            .await
            .map_err(|error| unreachable(js_message(&error)))?
            .unchecked_into(),
        None => Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|error| unreachable(error.to_string()))?
            .into(),
    };
    match response.status() {
        200..=299 => {}
        404 | 410 => {
            return Err(LoadError::NotFound {
                url: url.to_string(),
            })
        }
        status => {
            return Err(LoadError::Status {
                url: url.to_string(),
                status,
            })
        }
    }
    let parsing = response.json().map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: js_message(&e),
    })?;
    let value = JsFuture::from(parsing).await.map_err(|error| {
        if aborted() {
            timeout()
        } else if error.is_instance_of::<js_sys::SyntaxError>() {
            LoadError::Decode {
                url: url.to_string(),
                detail: ["not JSON (", &js_message(&error), ")"].concat(),
            }
        } else {
            LoadError::Network {
                url: url.to_string(),
                detail: js_message(&error),
            }
        }
    })?;
    drop(guard);
    Ok(value)
}

/// The message of a JavaScript error value.
fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Decode a parsed document, naming its URL when it does not fit.
pub fn decode<T>(
    url: &str,
    value: &JsValue,
    read: fn(&JsValue) -> Result<T, String>,
) -> Result<T, LoadError> {
    read(value).map_err(|detail| LoadError::Decode {
        url: url.to_string(),
        detail,
    })
}
