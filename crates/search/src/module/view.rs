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
    engine: Rc<Engine>,
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

/// A search view rendering into `root` (its heading, then the results);
/// `engine` reads the site's index, `base_path` is what result links
/// start with.
pub fn mount_search(
    root: HtmlElement,
    engine: Rc<Engine>,
    base_path: String,
    lang: String,
) -> SearchView {
    let labels = search_labels(&lang);
    root.set_text_content(None);
    if let Some(heading) = render::text_element("h1", "", labels.heading) {
        let _ = root.append_child(&heading);
    }
    let container = render::element("div", "search-output")
        .and_then(|d| d.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| root.clone());
    let _ = root.append_child(&container);
    let inner = Rc::new(Inner {
        container: container.clone(),
        engine,
        labels,
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

/// `route`'s URL below `base_path`, with a search's query.
pub fn link(base_path: &str, route: &Route) -> String {
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
    if target.closest(".search-category").ok().flatten().is_some() {
        // the app's router follows the link (after this listener): then its query
        let later = Closure::once_into_js(show_address);
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        }
    } else if target.closest(".search-more").ok().flatten().is_some() {
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
    /// The page's search views (one per app instance's search route) and
    /// the index each site's views share.
    static VIEWS: RefCell<Vec<(HtmlElement, SearchView)>> = const { RefCell::new(Vec::new()) };
    static ENGINES: RefCell<Vec<Rc<Engine>>> = const { RefCell::new(Vec::new()) };
    static FOLLOWING: Cell<bool> = const { Cell::new(false) };
}

/// The index at `index_url`, fetched once per page whichever view asks.
fn shared_engine(index_url: &str) -> Rc<Engine> {
    let url = format!("{}/", index_url.trim_end_matches('/'));
    ENGINES.with_borrow_mut(|engines| {
        if let Some(engine) = engines.iter().find(|e| e.url == url) {
            return engine.clone();
        }
        let engine = Rc::new(Engine {
            url,
            cache: RefCell::default(),
            memory: None,
        });
        engines.push(engine.clone());
        engine
    })
}

/// Show the query of the address (`search/?q=…&category=…`) in `container`,
/// the app's search view (through browser.js, when the route becomes a
/// search). Searches within the view (typing, the category filter, back and
/// forward) follow the address from here on ([`follow_address`]). Also
/// loads the results' styles, sets the document's title and puts the query
/// in the search box unless the reader is typing there. The site's base
/// path is the page's `<base href>` (the converter sets it). `feed_index`
/// is, for a source that is a feed, its index made in memory (a `Map` of
/// file paths to bytes, from the feed readers' `searchIndex`); otherwise
/// `undefined`, and the site's `search/` files are fetched.
#[wasm_bindgen]
pub fn show(container: HtmlElement, lang: String, feed_index: JsValue) {
    let Some(document) = render::document() else {
        return;
    };
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map_or_else(|| "/".to_string(), |url| url.pathname());
    load_style(&document, &lazy_file("sinmun-search-style"));
    let typing = keep_typing(&container);
    VIEWS.with_borrow_mut(|views| {
        views.retain(|(c, _)| c.is_connected());
        if !views.iter().any(|(c, _)| c.is_same_node(Some(&container))) {
            let engine = match feed_index.dyn_into::<js_sys::Map>() {
                // Made for this view: the feed may have grown since the last.
                Ok(files) => Rc::new(Engine {
                    url: "feed index: ".into(),
                    cache: RefCell::default(),
                    memory: Some(files),
                }),
                Err(_) => shared_engine(&format!("{}/search/", base.trim_end_matches('/'))),
            };
            let view = mount_search(container.clone(), engine, base, lang);
            views.push((container.clone(), view));
        }
    });
    if !typing {
        focus_heading(&container);
    }
    follow_address();
    show_address();
}

/// Run the address's query in every search view on the page.
pub fn show_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let address = sinmun_model::SitePath::new("search/", &search);
    let query = address.query_value("q").unwrap_or("").to_string();
    let category = address.query_value("category").unwrap_or("").to_string();
    VIEWS.with_borrow_mut(|views| {
        views.retain(|(c, _)| c.is_connected());
        for (container, view) in views.iter() {
            retitle(container, &view.inner.lang, &query);
            set_box(container, &query);
            view.show(query.clone(), category.clone());
        }
    });
}

/// Back and forward within the search view run its query again (once per page).
fn follow_address() {
    if FOLLOWING.replace(true) {
        return;
    }
    let on_pop = Closure::<dyn FnMut()>::new(show_address);
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    on_pop.forget(); // for the page's life, like the app's own router
}

/// The search box of the instance `container` is in, and whether it has the focus.
fn search_box_focus(container: &HtmlElement) -> Option<(HtmlElement, bool)> {
    let input = super::keys::search_box(container)?;
    let focused = render::document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| a.is_same_node(Some(&input)));
    Some((input, focused))
}

/// The query in the search box, unless the reader types there.
fn set_box(container: &HtmlElement, query: &str) {
    let Some((input, typing)) = search_box_focus(container) else {
        return;
    };
    if let (false, Ok(input)) = (typing, input.dyn_into::<web_sys::HtmlInputElement>()) {
        input.set_value(query);
    }
}

/// Whether the reader is typing in the search box; if so the focus goes
/// back there after the app moved it to the view's heading.
fn keep_typing(container: &HtmlElement) -> bool {
    let Some((input, typing)) = search_box_focus(container) else {
        return false;
    };
    if typing {
        let back = Closure::once_into_js(move || {
            let _ = input.focus();
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(back.unchecked_ref(), 60);
        }
    }
    typing
}

/// Keyboard and screen-reader focus to the view's heading (a navigation).
fn focus_heading(container: &HtmlElement) {
    if let Some(Ok(heading)) = container
        .query_selector("h1")
        .ok()
        .flatten()
        .map(|h| h.dyn_into::<HtmlElement>())
    {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    }
}

/// `<query> · 검색 · <site>`: the site's title is the masthead's.
fn retitle(container: &HtmlElement, lang: &str, query: &str) {
    let Some(document) = render::document() else {
        return;
    };
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
