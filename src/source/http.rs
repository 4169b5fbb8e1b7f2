//! GET over HTTP for the readers: the instance's time limit, abort on drop,
//! status, headers and body (text or browser-parsed JSON), and errors that
//! say what failed.

use gloo_net::http::Request;
use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use super::early;
use super::LoadError;

/// How long one request may take before it is abandoned, unless `config.json`
/// says otherwise (`timeout_ms`, see docs/format.md).
pub const DEFAULT_TIME_LIMIT_MS: u32 = 15_000;

/// One instance's HTTP settings, held by its `Source`: two instances on one
/// page with different settings do not affect each other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Http {
    time_limit_ms: u32,
}

impl Default for Http {
    fn default() -> Self {
        Http {
            time_limit_ms: DEFAULT_TIME_LIMIT_MS,
        }
    }
}

impl Http {
    /// Settings with this time limit per request, kept within 100 ms …
    /// 10 minutes (`setTimeout` treats anything above `i32::MAX` as 0).
    pub fn with_time_limit_ms(ms: u32) -> Self {
        Http {
            time_limit_ms: ms.clamp(100, 600_000),
        }
    }

    pub fn time_limit_ms(&self) -> u32 {
        self.time_limit_ms
    }

    /// GET `url`. A success status gives the [`Response`], whose body is
    /// read within the same time limit; 404 and 410 are
    /// [`LoadError::NotFound`], any other status [`LoadError::Status`].
    pub async fn get(&self, url: &str) -> Result<Response, LoadError> {
        let early = early::take(url);
        let request = Pending {
            url: url.to_string(),
            limit_ms: self.time_limit_ms,
            guard: abort_guard(
                early.as_ref().map(|e| e.controller.clone()),
                self.time_limit_ms,
            ),
        };
        let signal = request.guard.controller.as_ref().map(|c| c.signal());
        let response: web_sys::Response = match early {
            // Started by the page before the app ran (early.rs).
            Some(early) => JsFuture::from(early.response)
                .await
                .map_err(|error| request.unreachable(js_message(&error)))?
                .unchecked_into(),
            None => Request::get(url)
                .abort_signal(signal.as_ref())
                .send()
                .await
                .map_err(|error| request.unreachable(error.to_string()))?
                .into(),
        };
        match response.status() {
            200..=299 => Ok(Response { request, response }),
            404 | 410 => Err(LoadError::NotFound {
                url: url.to_string(),
            }),
            status => Err(LoadError::Status {
                url: url.to_string(),
                status,
            }),
        }
    }
}

/// A successful answer whose body is still to be read. The time limit runs
/// until the body is read or the response dropped; dropping it aborts.
pub struct Response {
    request: Pending,
    response: web_sys::Response,
}

impl Response {
    /// The URL asked for (as given to [`Http::get`]).
    pub fn url(&self) -> &str {
        &self.request.url
    }

    pub fn status(&self) -> u16 {
        self.response.status()
    }

    /// A response header (`X-WP-TotalPages`), if the server sent it and CORS
    /// exposes it.
    pub fn header(&self, name: &str) -> Option<String> {
        self.response.headers().get(name).ok().flatten()
    }

    pub async fn text(self) -> Result<String, LoadError> {
        let reading = self.response.text();
        let text = self.read(reading, None).await?;
        Ok(text.as_string().unwrap_or_default())
    }

    /// The body as bytes with the headers a feed reader wants: feeds come
    /// in legacy charsets, decoded by the charset they declare.
    #[cfg(feature = "feeds")]
    pub async fn fetched(self) -> Result<Fetched, LoadError> {
        let header = |name: &str| self.header(name).unwrap_or_default();
        let (content_type, total_pages, link) = (
            header("content-type"),
            header("x-wp-totalpages"),
            header("link"),
        );
        let url = self.request.url.clone();
        let reading = self.response.array_buffer();
        let buffer = self.read(reading, None).await?;
        Ok(Fetched {
            url,
            bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
            content_type,
            total_pages,
            link,
        })
    }

    /// The body parsed as JSON by the browser (see `json.rs`). A body that is
    /// not JSON is a [`LoadError::Decode`] naming `format`, the format the
    /// caller expected ("sinmun data").
    pub async fn json(self, format: &'static str) -> Result<JsValue, LoadError> {
        let reading = self.response.json();
        self.read(reading, Some(format)).await
    }

    /// Await a body reading; `json_format` is set when a parse error is the
    /// body's fault.
    async fn read(
        self,
        reading: Result<Promise, JsValue>,
        json_format: Option<&'static str>,
    ) -> Result<JsValue, LoadError> {
        let request = &self.request;
        let reading = reading.map_err(|e| request.unreachable(js_message(&e)))?;
        JsFuture::from(reading)
            .await
            .map_err(|error| match json_format {
                _ if request.guard.aborted() => request.timeout(),
                Some(format) if is_syntax_error(&error) => LoadError::Decode {
                    url: request.url.clone(),
                    format,
                    detail: ["not JSON (", &js_message(&error), ")"].concat(),
                },
                _ => request.unreachable(js_message(&error)),
            })
    }
}

/// A body that is not JSON: a JavaScript `SyntaxError`, or in WebKit a
/// `DOMException` named so ("The string did not match the expected pattern").
fn is_syntax_error(error: &JsValue) -> bool {
    js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
        .is_some_and(|name| name == "SyntaxError")
}

/// A document fetched whole, for a reader that tells its format itself.
#[cfg(feature = "feeds")]
pub struct Fetched {
    pub url: String,
    pub bytes: Vec<u8>,
    /// `Content-Type`, `X-WP-TotalPages` and `Link` (empty when absent).
    pub content_type: String,
    pub total_pages: String,
    pub link: String,
}

/// A request under way: what its errors need to name it.
struct Pending {
    url: String,
    limit_ms: u32,
    guard: AbortOnDrop,
}

impl Pending {
    fn timeout(&self) -> LoadError {
        LoadError::Timeout {
            url: self.url.clone(),
            limit_ms: self.limit_ms,
        }
    }

    /// A failed send or read is a timeout when our own timer aborted it.
    fn unreachable(&self, detail: String) -> LoadError {
        if self.guard.aborted() {
            self.timeout()
        } else {
            LoadError::Network {
                url: self.url.clone(),
                detail,
                cross_origin: is_cross_origin(&self.url),
            }
        }
    }
}

/// Aborts the request when dropped, so a view that is left stops its downloads.
struct AbortOnDrop {
    controller: Option<AbortController>,
    timer: Option<i32>,
    _on_timeout: Option<Closure<dyn FnMut()>>,
}

impl AbortOnDrop {
    fn aborted(&self) -> bool {
        self.controller
            .as_ref()
            .is_some_and(|c| c.signal().aborted())
    }
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

/// A time limit of `limit_ms` and abort-on-drop for a request (`controller`:
/// an early request's own, else a new one).
fn abort_guard(controller: Option<AbortController>, limit_ms: u32) -> AbortOnDrop {
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
                i32::try_from(limit_ms).unwrap_or(i32::MAX),
            )
            .ok();
        guard._on_timeout = Some(on_timeout);
    }
    guard
}

/// Whether `url` is on another origin than the page.
#[cfg(feature = "feeds")]
fn is_cross_origin(url: &str) -> bool {
    let page = web_sys::window().and_then(|w| w.location().origin().ok());
    let target = web_sys::Url::new(url).ok().map(|u| u.origin());
    matches!((page, target), (Some(page), Some(target)) if page != target)
}

/// The page build reads its own site's data (see error.rs).
#[cfg(not(feature = "feeds"))]
fn is_cross_origin(_url: &str) -> bool {
    false
}

/// The message of a JavaScript error value.
fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_are_kept_within_bounds() {
        assert_eq!(Http::default().time_limit_ms(), DEFAULT_TIME_LIMIT_MS);
        assert_eq!(Http::with_time_limit_ms(0).time_limit_ms(), 100);
        assert_eq!(Http::with_time_limit_ms(1_500).time_limit_ms(), 1_500);
        assert_eq!(Http::with_time_limit_ms(u32::MAX).time_limit_ms(), 600_000);
    }
}
