//! The site settings Jekyll reads from `_config.yml` that matter to the
//! converter, and how they become sinmun's `config.json`.

use super::frontmatter::{self, get, scalar_text};
use super::permalink::permalink_style;
use chrono_tz::Tz;
use serde_norway::{Mapping, Value};
use sinmun_model::{normalise_base_path, SiteConfig};
use std::path::Path;

/// The fewest articles a category's list page shows (see
/// `SiteSettings::category_page_size`).
pub const CATEGORY_PAGE_SIZE: u32 = 20;

/// Settings read from `_config.yml` (all optional).
#[derive(Debug, Clone)]
pub struct SiteSettings {
    pub title: String,
    pub description: String,
    pub url: String,
    pub baseurl: String,
    pub lang: String,
    pub paginate: Option<u32>,
    /// sinmun's `category_paginate`: jekyll-paginate pages the front page only.
    pub category_paginate: Option<u32>,
    pub timezone: Tz,
    pub excerpt_separator: String,
    /// The site-wide permalink template (Jekyll's `permalink`, styles expanded).
    pub permalink: String,
    /// Front-matter defaults (`defaults:` entries whose scope covers posts).
    pub post_defaults: Mapping,
    /// Whether `_config.yml` names the language (else it is inferred from
    /// the posts, see `input/jekyll/language.rs`).
    pub lang_given: bool,
    /// All of `_config.yml`: Liquid's `site`.
    pub config: Mapping,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            title: "sinmun".into(),
            description: String::new(),
            url: String::new(),
            baseurl: String::new(),
            lang: "ko-KR".into(),
            paginate: None,
            category_paginate: None,
            timezone: Tz::UTC,
            excerpt_separator: "\n\n".into(),
            permalink: permalink_style("date"),
            post_defaults: Mapping::new(),
            lang_given: false,
            config: Mapping::new(),
        }
    }
}

impl SiteSettings {
    /// Reads `_config.yml`; problems become warnings and defaults are kept.
    pub fn load(path: &Path, warnings: &mut Vec<String>) -> SiteSettings {
        let mut s = SiteSettings::default();
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return s,
            Err(e) => {
                warnings.push(format!("{}: cannot read: {e}", path.display()));
                return s;
            }
        };
        let map = match frontmatter::strict(&text) {
            Ok(m) => m,
            Err((line, e)) => {
                warnings.push(format!(
                    "{}:{}: not valid YAML, site settings ignored: {e}",
                    path.display(),
                    line.unwrap_or(0)
                ));
                return s;
            }
        };
        s.apply(&map, &path.display().to_string(), warnings);
        s
    }

    pub fn apply(&mut self, map: &Mapping, origin: &str, warnings: &mut Vec<String>) {
        let text = |k: &str| get(map, k).and_then(scalar_text);
        if let Some(v) = text("title") {
            self.title = v;
        }
        if let Some(v) = text("description") {
            self.description = v.trim().to_string();
        }
        if let Some(v) = text("url") {
            self.url = v.trim_end_matches('/').to_string();
        }
        if let Some(v) = text("baseurl") {
            self.baseurl = v;
        }
        if let Some(v) = text("lang").filter(|v| !v.trim().is_empty()) {
            self.lang = v.trim().to_string();
            self.lang_given = true;
        }
        for (key, slot) in [
            ("paginate", &mut self.paginate),
            ("category_paginate", &mut self.category_paginate),
        ] {
            if let Some(v) = text(key) {
                match v.trim().parse::<u32>() {
                    Ok(n) if n > 0 => *slot = Some(n),
                    _ => warnings.push(format!("{origin}: {key} {v:?} is not a positive number")),
                }
            }
        }
        if let Some(v) = text("timezone") {
            match v.trim().parse::<Tz>() {
                Ok(tz) => self.timezone = tz,
                Err(_) => warnings.push(format!(
                    "{origin}: unknown timezone {v:?}, dates without zone are read as UTC"
                )),
            }
        }
        if let Some(v) = text("excerpt_separator") {
            self.excerpt_separator = v;
        }
        if let Some(v) = text("permalink") {
            self.permalink = permalink_style(v.trim());
        }
        self.post_defaults = post_defaults(map);
        self.config = map.clone();
    }

    /// jekyll-paginate pages only the front page (`paginate`); a theme's
    /// category page lists all of them. sinmun pages categories too, by
    /// `category_paginate`, else by at least [`CATEGORY_PAGE_SIZE`], so a
    /// front page of three big cards does not make every category a pile of
    /// pages of three.
    fn category_page_size(&self) -> u32 {
        let front = self.paginate.unwrap_or(SiteConfig::default().page_size);
        self.category_paginate
            .unwrap_or(front.max(CATEGORY_PAGE_SIZE))
    }

    /// The site's `config.json`; `base_path` (`--base-path`) wins over `baseurl`.
    pub fn site_config(&self, base_path: Option<&str>) -> SiteConfig {
        SiteConfig {
            title: self.title.clone(),
            description: self.description.clone(),
            lang: self.lang.clone(),
            url: self.url.clone(),
            page_size: self.paginate.unwrap_or(SiteConfig::default().page_size),
            category_page_size: Some(self.category_page_size()),
            base_path: normalise_base_path(base_path.unwrap_or(&self.baseurl)),
            source: "data/manifest.json".into(),
        }
    }
}

/// Default values from `_config.yml` `defaults` that apply to posts.
pub fn post_defaults(config: &Mapping) -> Mapping {
    let mut out = Mapping::new();
    let Some(Value::Sequence(list)) = get(config, "defaults") else {
        return out;
    };
    for entry in list {
        let Value::Mapping(entry) = entry else {
            continue;
        };
        let scope = get(entry, "scope");
        let path = scope
            .and_then(|s| s.get("path"))
            .and_then(scalar_text)
            .unwrap_or_default();
        let kind = scope.and_then(|s| s.get("type")).and_then(scalar_text);
        let path_ok = path.is_empty() || path.trim_matches('/') == "_posts";
        let kind_ok = kind.as_deref().is_none_or(|k| k == "posts");
        if !(path_ok && kind_ok) {
            continue;
        }
        if let Some(Value::Mapping(values)) = get(entry, "values") {
            for (k, v) in values {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> (SiteSettings, Vec<String>) {
        let map = frontmatter::strict(yaml).unwrap();
        let mut warnings = Vec::new();
        let mut s = SiteSettings::default();
        s.apply(&map, "_config.yml", &mut warnings);
        (s, warnings)
    }

    #[test]
    fn base_path_option_wins_over_baseurl() {
        let (s, _) = settings("title: T\nbaseurl: /news\npaginate: 5\n");
        let config = s.site_config(None);
        assert_eq!(config.base_path, "/news/");
        assert_eq!(config.page_size, 5);
        assert_eq!(config.category_page_size, Some(CATEGORY_PAGE_SIZE));
        let (s, _) = settings("paginate: 3\ncategory_paginate: 7\n");
        assert_eq!(s.site_config(None).category_page_size, Some(7));
        assert_eq!(config.title, "T");
        assert_eq!(s.site_config(Some("blog")).base_path, "/blog/");
        assert_eq!(SiteSettings::default().site_config(None).base_path, "/");
    }

    #[test]
    fn bad_values_are_warned_about_and_ignored() {
        let (s, warnings) = settings("paginate: 0\ntimezone: Mars/Olympus\n");
        assert_eq!(s.paginate, None);
        assert_eq!(s.timezone, Tz::UTC);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn defaults_for_posts_only() {
        let (s, _) = settings(
            "defaults:\n  - scope: { path: '', type: posts }\n    values: { layout: post }\n  - scope: { type: pages }\n    values: { layout: page }\n",
        );
        assert_eq!(
            get(&s.post_defaults, "layout")
                .and_then(scalar_text)
                .as_deref(),
            Some("post")
        );
    }
}
