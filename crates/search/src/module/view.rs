//! The results of one search view: `show(query, category)` runs a query
//! (a newer call supersedes an older one still fetching) and renders it;
//! the status line carries `data-state` and `data-ms` (the query's time,
//! fetching included, for tests and the bench).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

use super::engine::{Engine, Found};
use super::render::{self, ResultParts};
use crate::labels::{search_labels, SearchLabels};
use crate::query::Query;
use crate::rank::Hit;
use crate::snippet::{highlight, snippet};
use sinmun_model::Route;

/// Results shown at first, and added by "more results".
const PAGE: usize = 10;

/// The last query: parsed, as typed, its category filter, what it found.
type Last = (Query, String, Option<String>, Found);

struct Inner {
    container: HtmlElement,
    engine: Engine,
    base_path: String,
    lang: String,
    labels: &'static SearchLabels,
    /// Bumped by every `show`: an older run that sees a newer number stops.
    generation: Cell<u32>,
    /// The last query's hits and how many of them are shown.
    last: RefCell<Option<Last>>,
    shown: Cell<usize>,
}

pub struct SearchView {
    inner: Rc<Inner>,
    on_key: Closure<dyn FnMut(KeyboardEvent)>,
    on_click: Closure<dyn FnMut(Event)>,
}

impl Drop for SearchView {
    fn drop(&mut self) {
        self.inner
            .generation
            .set(self.inner.generation.get().wrapping_add(1));
        let c = &self.inner.container;
        let _ =
            c.remove_event_listener_with_callback("keydown", self.on_key.as_ref().unchecked_ref());
        let _ =
            c.remove_event_listener_with_callback("click", self.on_click.as_ref().unchecked_ref());
    }
}

/// A search view rendering into `container`; `index_url` is the site's
/// `search/` folder, `base_path` what result links start with.
pub fn mount_search(
    container: HtmlElement,
    index_url: String,
    base_path: String,
    lang: String,
) -> SearchView {
    let inner = Rc::new(Inner {
        container: container.clone(),
        engine: Engine {
            url: format!("{}/", index_url.trim_end_matches('/')),
            cache: RefCell::default(),
        },
        labels: search_labels(&lang),
        base_path,
        lang,
        generation: Cell::new(0),
        last: RefCell::new(None),
        shown: Cell::new(PAGE),
    });
    let on_key = {
        let container: Element = container.clone().into();
        Closure::<dyn FnMut(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            super::keys::on_key(&container, &e)
        })
    };
    let on_click = {
        let inner = Rc::downgrade(&inner);
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let Some(inner) = inner.upgrade() else { return };
            clicked(&inner, &e);
        })
    };
    let _ = container.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let _ = container.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    SearchView {
        inner,
        on_key,
        on_click,
    }
}

impl SearchView {
    /// Search for `query` in `category` (a slug, or empty for all).
    pub fn show(&self, query: String, category: String) {
        start(&self.inner, query, category);
    }
}

/// Run a query; a run still fetching for an older one stops.
fn start(inner: &Rc<Inner>, query: String, category: String) {
    let inner = inner.clone();
    let generation = inner.generation.get().wrapping_add(1);
    inner.generation.set(generation);
    inner.shown.set(PAGE);
    let category = Some(category).filter(|c| !c.is_empty());
    wasm_bindgen_futures::spawn_local(async move {
        run(&inner, generation, query, category).await;
    });
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

async fn run(inner: &Rc<Inner>, generation: u32, text: String, category: Option<String>) {
    let started = now();
    let query = Query::parse(&text);
    if query.is_empty() {
        let state = if text.trim().is_empty() {
            "idle"
        } else {
            "empty"
        };
        let message = if state == "idle" {
            inner.labels.empty_query.to_string()
        } else {
            (inner.labels.none)(text.trim())
        };
        replace(inner, &[render::status(state, &text, &message)]);
        return;
    }
    if inner.container.child_element_count() == 0 {
        replace(
            inner,
            &[render::status("loading", &text, inner.labels.loading)],
        );
    }
    match inner.engine.find(&query, category.as_deref()).await {
        Ok(found) => {
            if inner.generation.get() != generation {
                return;
            }
            *inner.last.borrow_mut() = Some((query, text, category, found));
            draw(inner, generation, started).await;
        }
        Err(why) => {
            if inner.generation.get() == generation {
                failed(inner, &text, &why);
            }
        }
    }
}

/// Render the last query's results (the first `shown` of them).
async fn draw(inner: &Rc<Inner>, generation: u32, started: f64) {
    let (docs, stamp) = {
        let last = inner.last.borrow();
        let Some((_, _, _, found)) = last.as_ref() else {
            return;
        };
        let docs: Vec<u32> = found
            .hits
            .iter()
            .take(inner.shown.get())
            .map(|h: &Hit| h.doc)
            .collect();
        (docs, found.meta.records_stamp.clone())
    };
    let records = inner.engine.records(&docs, &stamp).await;
    if inner.generation.get() != generation {
        return;
    }
    let last = inner.last.borrow();
    let Some((query, text, category, found)) = last.as_ref() else {
        return;
    };
    let total = found.hits.len();
    let (state, message) = if total == 0 {
        ("empty", (inner.labels.none)(text.trim()))
    } else {
        ("done", (inner.labels.results)(total))
    };
    let status = render::status(state, text, &message);
    if let Some(s) = &status {
        // whole milliseconds: float formatting would cost the module 16 KB
        let _ = s.set_attribute("data-ms", &((now() - started).max(0.0) as u32).to_string());
    }
    let all = found.all;
    let filter = (found.per_category.len() > 1 || category.is_some()).then(|| {
        render::category_filter(
            inner.labels,
            &found.meta,
            &found.per_category,
            all,
            category.as_deref(),
            |slug| link(&inner.base_path, &Route::search(text, slug)),
        )
    });
    let mut parts = vec![status, filter.flatten()];
    if total == 0 {
        parts.push(render::empty_state(inner.labels, text.trim()));
    } else {
        parts.push(results_list(inner, query, &found.meta, &records));
        if total > inner.shown.get() {
            parts.push(render::button("search-more", inner.labels.more).map(Into::into));
        }
    }
    drop(last);
    replace(inner, &parts);
}

fn results_list(
    inner: &Inner,
    query: &Query,
    meta: &crate::index::Meta,
    records: &[(u32, Option<Rc<crate::index::Record>>)],
) -> Option<Element> {
    let list = render::element("ol", "search-results")?;
    for record in records.iter().filter_map(|(_, r)| r.as_ref()) {
        let title = highlight(&record.title, query);
        let excerpt = snippet(&record.text, query);
        let href = link(&inner.base_path, &Route::article(&record.slug));
        let date = sinmun_model::labels::format_date(&record.date, &inner.lang);
        let item = render::result_item(&ResultParts {
            href: &href,
            title: &title,
            date: &date,
            categories: render::category_names(meta, record),
            snippet: &excerpt,
        });
        if let Some(item) = item {
            let _ = list.append_child(&item);
        }
    }
    Some(list)
}

fn link(base_path: &str, route: &Route) -> String {
    format!(
        "{}/{}",
        base_path.trim_end_matches('/'),
        route.href_query().unwrap_or_default()
    )
}

fn failed(inner: &Rc<Inner>, text: &str, why: &str) {
    let status = render::status("error", text, inner.labels.failed);
    let detail = render::text_element("p", "search-error-detail", why);
    let retry = render::button("search-retry", inner.labels.retry).map(Into::into);
    replace(inner, &[status, detail, retry]);
}

/// Replace the container's content with `parts` (keeping focus on the
/// page: the box the reader types in is outside the container).
fn replace(inner: &Inner, parts: &[Option<Element>]) {
    inner.container.set_text_content(None);
    for part in parts.iter().flatten() {
        let _ = inner.container.append_child(part);
    }
}

/// "More results" and "try again".
fn clicked(inner: &Rc<Inner>, event: &Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let generation = inner.generation.get();
    if target.closest(".search-more").ok().flatten().is_some() {
        inner.shown.set(inner.shown.get() + PAGE);
        let inner = inner.clone();
        wasm_bindgen_futures::spawn_local(async move { draw(&inner, generation, now()).await });
    } else if target.closest(".search-retry").ok().flatten().is_some() {
        let text = inner.last.borrow().as_ref().map(|l| l.1.clone());
        let status = inner
            .container
            .query_selector(".search-status")
            .ok()
            .flatten();
        let query = text
            .or_else(|| status.and_then(|s| s.get_attribute("data-query")))
            .unwrap_or_default();
        let category = inner
            .last
            .borrow()
            .as_ref()
            .and_then(|l| l.2.clone())
            .unwrap_or_default();
        start(inner, query, category);
    }
}

thread_local! {
    /// The views of the page's search containers (one per app instance).
    static VIEWS: RefCell<Vec<(HtmlElement, SearchView)>> = const { RefCell::new(Vec::new()) };
}

/// Show `query` in `container` (its view made on first use): what the
/// app's search view calls (through browser.js) on every search URL. Also
/// loads the results' styles, sets the document's title and puts the query
/// in the search box unless the reader is typing there. The site's base
/// path is the page's `<base href>` (the converter sets it).
#[wasm_bindgen]
pub fn show(container: HtmlElement, lang: String, query: String, category: String) {
    let Some(document) = render::document() else {
        return;
    };
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map_or_else(|| "/".to_string(), |url| url.pathname());
    retitle(&document, &container, &lang, &query);
    load_style(&document, &lazy_file("sinmun-search-style"));
    if let Some(input) = super::keys::search_box(&container) {
        let typing = document
            .active_element()
            .is_some_and(|a| a.is_same_node(Some(&input)));
        if let (false, Ok(input)) = (typing, input.dyn_into::<web_sys::HtmlInputElement>()) {
            input.set_value(&query);
        }
    }
    VIEWS.with_borrow_mut(|views| {
        if !views.iter().any(|(c, _)| c.is_same_node(Some(&container))) {
            let index = format!("{}/search/", base.trim_end_matches('/'));
            let view = mount_search(container.clone(), index, base, lang);
            views.push((container.clone(), view));
        }
        if let Some((_, view)) = views.iter().find(|(c, _)| c.is_same_node(Some(&container))) {
            view.show(query, category);
        }
    });
}

/// `<query> · 검색 · <site>`: the site's title is the masthead's.
fn retitle(document: &web_sys::Document, container: &HtmlElement, lang: &str, query: &str) {
    let site = container
        .closest(".sinmun")
        .ok()
        .flatten()
        .and_then(|root| root.query_selector(".site-title").ok().flatten())
        .and_then(|title| title.text_content())
        .unwrap_or_default();
    let heading = search_labels(lang).heading;
    document.set_title(&match query.trim() {
        "" => [heading, " · ", &site].concat(),
        q => [q, " · ", heading, " · ", &site].concat(),
    });
}

/// A lazily loaded file's URL, as the app's start script names it
/// (`globalThis.sinmunFiles`, relative to the page's base).
fn lazy_file(name: &str) -> String {
    let files = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("sinmunFiles"));
    let file = files
        .ok()
        .filter(JsValue::is_object)
        .and_then(|f| js_sys::Reflect::get(&f, &JsValue::from_str(name)).ok())
        .and_then(|f| f.as_string())
        .unwrap_or_default();
    let base = render::document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(&file, &base)
        .map(|u| u.href())
        .unwrap_or(file)
}

/// The app's search view is gone: drop its view (and listeners).
#[wasm_bindgen]
pub fn hide(container: HtmlElement) {
    let gone = VIEWS.with_borrow_mut(|views| {
        let at = views
            .iter()
            .position(|(c, _)| c.is_same_node(Some(&container)))?;
        Some(views.remove(at))
    });
    drop(gone);
}

/// `<link rel="stylesheet">` for `url` in the head, once.
fn load_style(document: &web_sys::Document, url: &str) {
    if url.is_empty() {
        return;
    }
    let Some(head) = document.head() else { return };
    let selector = format!("link[href=\"{}\"]", url.replace('"', ""));
    if head.query_selector(&selector).ok().flatten().is_some() {
        return;
    }
    if let Some(link) = render::element("link", "") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", url);
        let _ = head.append_child(&link);
    }
}
