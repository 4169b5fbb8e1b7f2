//! The XML feeds (RSS, RDF, Atom) read through one small view of an XML
//! element, so the same readers run on the browser's own parser (`dom.rs`:
//! `DOMParser`, no XML parser in the bundle) and natively (`tree.rs`:
//! roxmltree, for the converter and the tests).

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(not(target_arch = "wasm32"))]
pub mod tree;

/// Namespaces the readers look for.
pub mod ns {
    pub const ATOM: &str = "http://www.w3.org/2005/Atom";
    pub const RSS1: &str = "http://purl.org/rss/1.0/";
    pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    pub const DC: &str = "http://purl.org/dc/elements/1.1/";
    pub const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
    /// Media RSS, under both names feeds bind it to.
    pub const MEDIA: [&str; 2] = [
        "http://search.yahoo.com/mrss/",
        "http://www.rssboard.org/media-rss",
    ];
    pub const XML: &str = "http://www.w3.org/XML/1998/namespace";
    pub const XHTML: &str = "http://www.w3.org/1999/xhtml";
    pub const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
}

/// One element of a parsed XML document.
pub trait Element: Sized {
    fn local_name(&self) -> String;
    /// The namespace URI, `None` for none.
    fn namespace(&self) -> Option<String>;
    /// An attribute without a namespace (`href`, `type`).
    fn attribute(&self, name: &str) -> Option<String>;
    /// An attribute in a namespace (`xml:base`, `rdf:about`).
    fn attribute_ns(&self, namespace: &str, name: &str) -> Option<String>;
    /// The child elements, in order.
    fn children(&self) -> Vec<Self>;
    fn parent(&self) -> Option<Self>;
    /// All text inside, CDATA included, entities decoded.
    fn text(&self) -> String;
    /// The markup of its children (Atom's `type="xhtml"` content).
    fn inner_markup(&self) -> String;

    /// Whether this is `name` in `namespace` (`None`: no namespace).
    fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        self.local_name() == name && self.namespace().as_deref() == namespace
    }

    /// Whether this is `name` in any of `namespaces`.
    fn is_in(&self, namespaces: &[&str], name: &str) -> bool {
        self.local_name() == name
            && self
                .namespace()
                .is_some_and(|n| namespaces.contains(&n.as_str()))
    }

    /// The first child `name` in `namespace`.
    fn child(&self, namespace: Option<&str>, name: &str) -> Option<Self> {
        self.children().into_iter().find(|c| c.is(namespace, name))
    }

    /// The trimmed text of the first child `name` with any text, if any.
    fn child_text(&self, namespace: Option<&str>, name: &str) -> Option<String> {
        self.children()
            .into_iter()
            .filter(|c| c.is(namespace, name))
            .map(|c| c.text().trim().to_string())
            .find(|t| !t.is_empty())
    }

    /// The trimmed texts of every child `name`.
    fn child_texts(&self, namespace: Option<&str>, name: &str) -> Vec<String> {
        self.children()
            .into_iter()
            .filter(|c| c.is(namespace, name))
            .map(|c| c.text().trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The `xml:base` in effect here, resolved outwards against `document_url`.
    fn base(&self, document_url: &str) -> String {
        let outer = match self.parent() {
            Some(parent) => parent.base(document_url),
            None => document_url.to_string(),
        };
        match self.attribute_ns(ns::XML, "base") {
            Some(base) => crate::url::resolve(&outer, base.trim()).unwrap_or(outer),
            None => outer,
        }
    }
}

/// Parses `text` and hands its root element to `read`; an error names what
/// is wrong with the XML (with its line, where the parser says).
pub fn with_root<T>(text: &str, read: impl FnOnce(Root<'_>) -> T) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    return dom::with_root(text, read);
    #[cfg(not(target_arch = "wasm32"))]
    return tree::with_root(text, read);
}

/// The root element of whichever parser this build has.
#[cfg(target_arch = "wasm32")]
pub type Root<'a> = dom::DomElement<'a>;
#[cfg(not(target_arch = "wasm32"))]
pub type Root<'a> = tree::TreeElement<'a>;
