//! The language of a Jekyll site whose `_config.yml` names none: Korean when
//! its posts are mostly Hangul, else English. Jekyll itself has no such
//! default; sinmun needs one to choose its interface text and date format
//! ("2014년 3월 27일" or "27 Mar 2014"). A post's own `lang` wins for that
//! post.

use crate::catalogue::Catalogue;

/// How many characters of each post are looked at: enough to tell, cheap
/// on a large site.
const SAMPLE_CHARS: usize = 2000;

/// `ko-KR` or `en` by the letters of the posts' titles and bodies.
pub fn of_posts(catalogue: &Catalogue) -> &'static str {
    let (mut hangul, mut latin) = (0usize, 0usize);
    for item in catalogue.items() {
        let article = &item.article;
        let sample = article
            .title
            .chars()
            .chain(text_chars(&article.body.source));
        for c in sample.take(SAMPLE_CHARS) {
            if is_hangul(c) {
                hangul += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    // Korean prose mixes in Latin words, and a Hangul syllable is a whole
    // syllable where a Latin letter is about a third of one; a site with no
    // letters at all keeps sinmun's Korean default
    if hangul * 3 >= latin {
        "ko-KR"
    } else {
        "en"
    }
}

/// The characters of a body outside its HTML tags.
fn text_chars(body: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_tag = false;
    body.chars().filter(move |&c| match c {
        '<' => {
            in_tag = true;
            false
        }
        '>' => {
            in_tag = false;
            false
        }
        _ => !in_tag,
    })
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}
