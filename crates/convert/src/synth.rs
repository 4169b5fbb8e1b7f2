//! A deterministic synthetic Jekyll corpus (`sinmun-synth`), for benchmarks and
//! tests: mixed Korean/English, Markdown and Tistory-like HTML bodies of varied
//! length, ~40 categories, some tags, feature texts and images, dates with and
//! without zones, and a few posts with the unquoted-bracket YAML error Jekyll drops.

use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

pub use sinmun_rng::Rng;

const CATEGORIES: &[&str] = &[
    "News",
    "Hotel",
    "스포츠",
    "정치",
    "법률",
    "경제",
    "사회",
    "연예인",
    "국방",
    "환경",
    "고용",
    "부동산",
    "금융",
    "기타",
    "자동차",
    "방송",
    "보건",
    "Tech",
    "Science",
    "World",
    "Culture",
    "Travel",
    "Food",
    "교육",
    "날씨",
    "IT",
    "게임",
    "영화",
    "음악",
    "Health",
    "Business",
    "Opinion",
    "Sports",
    "K-POP",
    "과학",
    "국제",
    "생활",
    "여행",
    "Local News",
    "Markets",
];
const KO_WORDS: &[&str] = &[
    "정부",
    "발표",
    "경제",
    "성장",
    "선수",
    "경기",
    "승리",
    "대통령",
    "회의",
    "개최",
    "지원",
    "계획",
    "시장",
    "변화",
    "기술",
    "규제",
    "대응",
    "전략",
    "설명회",
    "기업",
    "수출",
    "강화",
    "국민",
    "안전",
    "날씨",
    "폭염",
    "주의보",
    "금메달",
    "챔피언",
    "등극",
    "서울",
    "부산",
    "올림픽",
    "영화",
    "흥행",
    "기록",
    "투자",
    "확대",
    "예정",
    "발생",
];
const EN_WORDS: &[&str] = &[
    "government",
    "announces",
    "growth",
    "market",
    "players",
    "win",
    "final",
    "summit",
    "plan",
    "support",
    "technology",
    "rules",
    "export",
    "strategy",
    "weather",
    "heat",
    "warning",
    "record",
    "investment",
    "city",
    "council",
    "report",
    "new",
    "season",
    "champion",
    "league",
    "policy",
    "energy",
    "price",
    "update",
];
const TAGS: &[&str] = &[
    "속보",
    "breaking",
    "analysis",
    "인터뷰",
    "photo",
    "video",
    "단독",
    "opinion",
];

fn words(rng: &mut Rng, n: usize, korean: bool) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(if korean {
            rng.pick(KO_WORDS)
        } else {
            rng.pick(EN_WORDS)
        });
    }
    s
}

fn sentence(rng: &mut Rng, korean: bool) -> String {
    let n = 5 + rng.below(10);
    let mut s = words(rng, n, korean);
    if korean {
        s.push_str("했다.");
    } else {
        s.push('.');
    }
    s
}

fn paragraph(rng: &mut Rng, korean: bool) -> String {
    let n = 2 + rng.below(5);
    (0..n)
        .map(|_| sentence(rng, korean))
        .collect::<Vec<_>>()
        .join(" ")
}

/// YAML double-quoted string (JSON strings are valid YAML double-quoted scalars).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One post: (file name, content).
pub fn post(seed: u64, i: usize) -> (String, String) {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let korean = rng.chance(70);
    let html = rng.chance(20);
    // ~ 30 posts a day, newest first: post i is the same in every corpus size,
    // so the first list page of a 1,000-post and a 100,000-post site holds the
    // same articles and only the counts differ (benchmark P5).
    let day = chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
        .and_then(|d| d.checked_sub_days(chrono::Days::new((i / 30) as u64)))
        .unwrap_or_default();
    let slug = if rng.chance(50) {
        format!("{i}")
    } else if korean {
        format!("{}-{i}", words(&mut rng, 2, true).replace(' ', "-"))
    } else {
        format!("{}-{i}", words(&mut rng, 3, false).replace(' ', "-"))
    };
    let name = format!(
        "{}-{slug}.{}",
        day.format("%Y-%m-%d"),
        if html { "html" } else { "md" }
    );
    let title_words = 3 + rng.below(6);
    let title = words(&mut rng, title_words, korean);
    let mut fm = String::from("---\n");
    if i % 997 == 13 {
        // the YAML error Jekyll drops: an unquoted flow sequence start
        let _ = writeln!(fm, "title: [{}] {title}!", rng.pick(KO_WORDS));
    } else {
        let _ = writeln!(fm, "title: {}", q(&title));
    }
    let ncat = 1 + rng.below(2);
    let cats: Vec<&str> = (0..ncat).map(|_| rng.pick(CATEGORIES)).collect();
    if rng.chance(80) || cats.iter().any(|c| c.contains(' ')) {
        fm.push_str("categories:\n");
        for c in &cats {
            let _ = writeln!(fm, "  - {}", q(c));
        }
    } else {
        let _ = writeln!(fm, "categories: {}", cats.join(" "));
    }
    if rng.chance(30) {
        let n = 1 + rng.below(3);
        let tags: Vec<String> = (0..n).map(|_| q(rng.pick(TAGS))).collect();
        let _ = writeln!(fm, "tags: [{}]", tags.join(", "));
    }
    if rng.chance(30) {
        let _ = writeln!(
            fm,
            "date: {} {:02}:{:02}:00 +0900",
            day.format("%Y-%m-%d"),
            rng.below(24),
            rng.below(60)
        );
    }
    let lead = paragraph(&mut rng, korean);
    if rng.chance(60) {
        let _ = writeln!(fm, "excerpt: >\n  {lead}");
    }
    if rng.chance(40) {
        let _ = writeln!(
            fm,
            "feature_text: |\n  ## {}\n\n  {}",
            words(&mut rng, 4, korean),
            sentence(&mut rng, korean)
        );
    }
    if rng.chance(20) {
        let _ = writeln!(
            fm,
            "feature_image: \"https://picsum.photos/2560/600?image={}\"",
            rng.below(1000)
        );
    }
    match rng.below(3) {
        0 => {
            let _ = writeln!(fm, "image: '/assets/img/{}.png'", rng.below(50));
        }
        1 => {
            let _ = writeln!(fm, "image:\n  path: /assets/img/{}.jpg", rng.below(50));
        }
        _ => {}
    }
    fm.push_str("---\n\n");
    let paras = 1 + rng.below(12);
    let mut body = String::new();
    if html {
        let _ = writeln!(
            body,
            "<p><img src=\"/assets/img/news.png\" alt=\"{}\" /></p>\n",
            words(&mut rng, 2, korean)
        );
        let _ = writeln!(body, "<p>{lead}</p>\n");
        for _ in 0..paras {
            if rng.chance(30) {
                let _ = writeln!(
                    body,
                    "<h2 data-ke-size=\"size26\">{}</h2>\n",
                    words(&mut rng, 4, korean)
                );
            }
            let _ = writeln!(body, "<p>{}</p>\n", paragraph(&mut rng, korean));
            if rng.chance(20) {
                body.push_str("<p data-ke-size=\"size16;\">&nbsp;</p>\n\n");
            }
        }
    } else {
        let _ = writeln!(body, "{lead}\n");
        for _ in 0..paras {
            match rng.below(8) {
                0 => {
                    let _ = writeln!(body, "## {}\n", words(&mut rng, 4, korean));
                }
                1 => {
                    body.push_str("| 항목 | value |\n|---|---|\n| a | 1 |\n\n");
                }
                2 => {
                    let _ = writeln!(
                        body,
                        "- {}\n- ~~{}~~\n- [x] {}\n",
                        words(&mut rng, 3, korean),
                        words(&mut rng, 2, korean),
                        words(&mut rng, 2, korean)
                    );
                }
                _ => {}
            }
            let _ = writeln!(body, "{}\n", paragraph(&mut rng, korean));
        }
    }
    (name, fm + &body)
}

pub const CONFIG: &str = "title: \"Synthetic News\"\ndescription: \"sinmun-synth 합성 코퍼스\"\nurl: \"https://example.org\"\nbaseurl: \"\"\nlang: ko-KR\npaginate: 10\npermalink: pretty\ntimezone: Asia/Seoul\n";

/// Writes `count` posts to `<out>/_posts` and a `_config.yml` to `<out>`.
pub fn generate(count: usize, out: &Path, seed: u64) -> io::Result<()> {
    let posts = out.join("_posts");
    fs::create_dir_all(&posts)?;
    fs::write(out.join("_config.yml"), CONFIG)?;
    (0..count).into_par_iter().try_for_each(|i| {
        let (name, content) = post(seed, i);
        fs::write(posts.join(name), content)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(post(7, 123), post(7, 123));
        assert_ne!(post(7, 123), post(8, 123));
    }
}
