//! The search view's words, in Korean and English. They live here, in the
//! lazily loaded module, not in the app's labels: only a reader who
//! searches downloads them.

pub struct SearchLabels {
    pub heading: &'static str,
    /// Before the count: `결과 12건` / `12 results`.
    pub results: fn(usize) -> String,
    pub none: fn(&str) -> String,
    pub suggestions: &'static [&'static str],
    pub empty_query: &'static str,
    pub all_categories: &'static str,
    pub category: &'static str,
    pub more: &'static str,
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry: &'static str,
}

const KO: SearchLabels = SearchLabels {
    heading: "검색",
    results: |n| format!("결과 {n}건"),
    none: |q| format!("‘{q}’에 대한 결과가 없습니다"),
    suggestions: &[
        "낱말 수를 줄여 보세요.",
        "맞춤법을 확인해 보세요.",
        "더 일반적인 낱말로 찾아 보세요.",
    ],
    empty_query: "찾을 낱말을 입력하세요.",
    all_categories: "모든 분류",
    category: "분류별 결과",
    more: "결과 더 보기",
    loading: "찾는 중…",
    failed: "검색 색인을 불러오지 못했습니다",
    retry: "다시 시도",
};

const EN: SearchLabels = SearchLabels {
    heading: "Search",
    results: |n| match n {
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    },
    none: |q| format!("No results for “{q}”"),
    suggestions: &[
        "Try fewer words.",
        "Check the spelling.",
        "Try a more general word.",
    ],
    empty_query: "Type a word to search for.",
    all_categories: "All categories",
    category: "Results by category",
    more: "More results",
    loading: "Searching…",
    failed: "Could not load the search index",
    retry: "Try again",
};

pub fn search_labels(lang: &str) -> &'static SearchLabels {
    if lang.to_ascii_lowercase().starts_with("ko") {
        &KO
    } else {
        &EN
    }
}
