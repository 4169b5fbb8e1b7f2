//! The "sitemap" step: `sitemap.xml` with the home page, every category and
//! every article (newest first), split into parts past the protocol's limit.

use super::safe::SafeOut;
use super::urls::site_url;
use super::xml::{push_fmt, xml_escape};
use crate::catalogue::Catalogue;
use sinmun_model::{article_route, category_route, CategoryInfo, SiteConfig};

/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_MAX_URLS: usize = 50_000;

pub fn write(
    out: &SafeOut,
    catalogue: &Catalogue,
    categories: &[CategoryInfo],
    config: &SiteConfig,
) -> std::io::Result<()> {
    let mut urls = vec![SitemapUrl {
        loc: site_url(config, ""),
        lastmod: catalogue
            .newest_first()
            .next()
            .map(|i| i.article.date.clone()),
    }];
    urls.extend(categories.iter().map(|c| SitemapUrl {
        loc: site_url(config, &category_route(&c.slug)),
        lastmod: None,
    }));
    urls.extend(catalogue.newest_first().map(|item| {
        let a = &item.article;
        SitemapUrl {
            loc: site_url(config, &article_route(&a.slug)),
            lastmod: Some(a.updated.clone().unwrap_or_else(|| a.date.clone())),
        }
    }));
    for (name, data) in sitemaps(config, &urls) {
        out.write(&name, &data)?;
    }
    Ok(())
}

/// One sitemap URL: location and optional last modification date.
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// `sitemap.xml`, or, past 50,000 URLs, a sitemap index plus `sitemap-<n>.xml`
/// parts. Returns (file name, content) pairs.
pub fn sitemaps(config: &SiteConfig, urls: &[SitemapUrl]) -> Vec<(String, Vec<u8>)> {
    let part = |chunk: &[SitemapUrl]| {
        let mut b = Vec::with_capacity(chunk.len() * 120 + 200);
        b.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for u in chunk {
            push_fmt(
                &mut b,
                format_args!("<url><loc>{}</loc>", xml_escape(&u.loc)),
            );
            if let Some(m) = &u.lastmod {
                push_fmt(&mut b, format_args!("<lastmod>{}</lastmod>", xml_escape(m)));
            }
            b.extend_from_slice(b"</url>\n");
        }
        b.extend_from_slice(b"</urlset>\n");
        b
    };
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![("sitemap.xml".into(), part(urls))];
    }
    let mut files = Vec::new();
    let mut index = Vec::new();
    index.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        push_fmt(
            &mut index,
            format_args!(
                "<sitemap><loc>{}</loc></sitemap>\n",
                xml_escape(&site_url(config, &name))
            ),
        );
        files.push((name, part(chunk)));
    }
    index.extend_from_slice(b"</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_sitemaps_are_split() {
        let config = SiteConfig::default();
        let urls: Vec<SitemapUrl> = (0..SITEMAP_MAX_URLS + 1)
            .map(|i| SitemapUrl {
                loc: format!("/posts/{i}/"),
                lastmod: None,
            })
            .collect();
        let files = sitemaps(&config, &urls);
        assert_eq!(files.len(), 3);
        assert_eq!(files.last().map(|f| f.0.as_str()), Some("sitemap.xml"));
    }
}
