//! Interface text in the site's language (Korean or English for now): the
//! app's views and the converter's prerendered pages say the same words.

pub struct Labels {
    pub latest: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_title: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page: &'static str,
    pub contents: &'static str,
    pub min_read: &'static str,
    pub categories: &'static str,
    pub articles: &'static str,
    pub body_unavailable: &'static str,
    /// The link to a feed item's own page.
    pub original: &'static str,
    /// Before the names of who wrote an article.
    pub by: &'static str,
    /// The search box and the search view's heading.
    pub search: &'static str,
    /// A widget's way back from an article it opened.
    /// A widget's way back to its list (the widget build only: every
    /// string here is in the page's first load).
    #[cfg(feature = "embed")]
    pub back: &'static str,
    /// A widget's link to the whole list on the site.
    #[cfg(feature = "embed")]
    pub more: &'static str,
}

const KO: Labels = Labels {
    latest: "최신 기사",
    loading: "불러오는 중…",
    retry: "다시 시도",
    error_title: "기사를 불러오지 못했습니다",
    not_found_title: "페이지를 찾을 수 없습니다",
    not_found_body: "주소가 바뀌었거나 삭제된 기사입니다.",
    back_home: "첫 화면으로",
    previous: "이전",
    next: "다음",
    page: "페이지",
    contents: "목차",
    min_read: "분 분량",
    categories: "분류",
    articles: "개 기사",
    body_unavailable: "본문을 안전하게 표시할 수 없어 텍스트만 보여 드립니다",
    original: "원문 사이트에서 읽기 →",
    by: "글",
    search: "검색",
    #[cfg(feature = "embed")]
    back: "← 목록으로",
    #[cfg(feature = "embed")]
    more: "기사 더 보기 →",
};

const EN: Labels = Labels {
    latest: "Latest articles",
    loading: "Loading…",
    retry: "Try again",
    error_title: "Could not load this page",
    not_found_title: "Page not found",
    not_found_body: "The address may have changed or the article was removed.",
    back_home: "Back to the front page",
    previous: "Previous",
    next: "Next",
    page: "Page",
    contents: "Contents",
    min_read: " min read",
    categories: "Categories",
    articles: " articles",
    body_unavailable: "The body could not be shown safely; here is its text only",
    original: "Read on the original site →",
    by: "By",
    search: "Search",
    #[cfg(feature = "embed")]
    back: "← Back to the list",
    #[cfg(feature = "embed")]
    more: "More articles →",
};

pub fn labels(lang: &str) -> &'static Labels {
    if lang.to_ascii_lowercase().starts_with("ko") {
        &KO
    } else {
        &EN
    }
}

/// `2024-06-12T09:00:00+09:00` → `2024년 6월 12일` / `12 June 2024`. Falls back to the input.
pub fn format_date(date: &str, lang: &str) -> String {
    let mut parts = date
        .get(..10)
        .unwrap_or("")
        .split('-')
        .map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return date.to_string();
    };
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if lang.to_ascii_lowercase().starts_with("ko") {
        format!("{y}년 {m}월 {d}일")
    } else {
        match MONTHS.get((m as usize).wrapping_sub(1)) {
            Some(month) => format!("{d} {month} {y}"),
            None => date.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            format_date("2024-06-12T09:00:00+09:00", "ko-KR"),
            "2024년 6월 12일"
        );
        assert_eq!(format_date("2024-06-12", "en"), "12 June 2024");
        assert_eq!(format_date("2024-13-12", "en"), "2024-13-12");
        assert_eq!(format_date("garbage", "en"), "garbage");
        assert_eq!(format_date("", "ko"), "");
    }
}
