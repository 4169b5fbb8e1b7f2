//! Liquid as Jekyll posts use it: variables, Jekyll's tags and filters,
//! includes kept inside the site, and problems that never lose the post.

use super::*;
use std::fs;

struct Site {
    dir: tempfile::TempDir,
    liquid: Liquid,
}

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("_includes/nested")).unwrap();
    fs::create_dir_all(root.join("_posts/rel")).unwrap();
    fs::create_dir_all(root.join("assets")).unwrap();
    fs::write(
        root.join("_includes/params.html"),
        "<span>{{ include.param }}</span>{{ include.missing }}",
    )
    .unwrap();
    fs::write(
        root.join("_includes/nested/note.md"),
        "Note: {{ include.text | upcase }}",
    )
    .unwrap();
    fs::write(root.join("_includes/self.html"), "x{% include self.html %}").unwrap();
    fs::write(
        root.join("_includes/code.html"),
        "{% highlight c++ %}int main() {}{% endhighlight %}",
    )
    .unwrap();
    fs::write(root.join("_posts/rel/part.md"), "relative {{ page.title }}").unwrap();
    fs::write(root.join("assets/file.pdf"), "%PDF").unwrap();
    fs::write(root.join("secret.txt"), "secret").unwrap();
    let config: serde_norway::Mapping = serde_norway::from_str(
        "title: My Blog\nurl: https://blog.example\nbaseurl: /b\nrepository: me/repo\nauthor: { name: Kim }\n",
    )
    .unwrap();
    let posts = HashMap::from([
        ("2010-07-21-hello".to_string(), "/posts/hello/".to_string()),
        ("es/2011-01-01-hola".to_string(), "/posts/hola/".to_string()),
    ]);
    let liquid = Liquid::new(IncludeRoots::new(root), object_from_yaml(&config), posts);
    Site { dir, liquid }
}

fn page() -> Object {
    let front: serde_norway::Mapping = serde_norway::from_str(
        "title: 제목 & more\nrefs: [12, 34]\ndate: 2024-07-29 10:05:00 +0900\ntags: [b, a]\n",
    )
    .unwrap();
    object_from_yaml(&front)
}

impl Site {
    fn render(&self, source: &str) -> Rendered {
        let posts = self.dir.path().join("_posts").canonicalize().unwrap();
        self.liquid.render(source, &page(), &posts)
    }

    fn ok(&self, source: &str) -> String {
        let r = self.render(source);
        assert!(
            r.problems.is_empty(),
            "{source}: {:?} {}",
            r.problems,
            r.text
        );
        r.text
    }
}

#[test]
fn site_and_page_variables_and_undefined_ones_render_empty() {
    let s = site();
    assert_eq!(
        s.ok("{{ site.title }} / {{ site.author.name }} / {{ page.title }}"),
        "My Blog / Kim / 제목 & more"
    );
    assert_eq!(
        s.ok("[{{ page.nothing }}][{{ nothing.at.all }}][{% if page.subtitle %}x{% endif %}]"),
        "[][][]"
    );
    assert_eq!(
        s.ok("{% for n in page.refs %}[#{{ n }}]: {{ site.repository }}/issues/{{ n }}\n{% endfor %}"),
        "[#12]: me/repo/issues/12\n[#34]: me/repo/issues/34\n"
    );
    assert_eq!(s.ok("{{ post.title }}"), "제목 & more");
}

#[test]
fn text_without_liquid_is_returned_as_it_is() {
    let s = site();
    let html = "<p data-ke-size=\"size16\">서울 { not liquid }</p>";
    assert_eq!(s.ok(html), html);
}

#[test]
fn highlight_blocks_become_one_line_of_highlighted_html() {
    let s = site();
    let out = s.ok("{% highlight ruby %}\ndef hello = puts \"hi\"\n\nhello\n{% endhighlight %}");
    assert!(
        out.starts_with(
            "<pre class=\"highlight\"><code class=\"language-ruby\" data-lang=\"ruby\">"
        ),
        "{out}"
    );
    assert!(out.contains("<span class=\"k\">def</span>"), "{out}");
    assert!(!out.contains('\n'), "{out}");
    assert!(out.contains("&#10;&#10;hello"), "{out}");
    let out = s.ok("{%\n  highlight\n  python linenos\n%}\na = 1\nb = 2\n{% endhighlight %}");
    assert!(out.contains("<pre class=\"lineno\">1&#10;2</pre>"), "{out}");
    let out =
        s.ok("{% highlight html %}{% raw %}{{ not liquid }}{% endraw %}<b>{% endhighlight %}");
    assert!(
        out.contains("{{ not liquid }}") && out.contains("&lt;"),
        "{out}"
    );
}

#[test]
fn includes_with_parameters_variable_names_and_relative_paths() {
    let s = site();
    assert_eq!(
        s.ok("{% include params.html param=\"value\" %}"),
        "<span>value</span>"
    );
    assert_eq!(
        s.ok("{% include params.html param=page.title %}"),
        "<span>제목 & more</span>"
    );
    assert_eq!(
        s.ok("{% assign f = 'note' %}{% include nested/{{ f | append: '.md' }} text='hi' %}"),
        "Note: HI"
    );
    assert_eq!(
        s.ok("{% include_relative rel/part.md %}"),
        "relative 제목 & more"
    );
    assert!(s.ok("{% include code.html %}").contains("language-c++"));
}

#[test]
fn includes_never_read_outside_the_site() {
    let s = site();
    for bad in [
        "{% include ../secret.txt %}",
        "{% include /etc/passwd %}",
        "{% include_relative ../../secret.txt %}",
    ] {
        let r = s.render(&format!("before\n{bad}\nafter"));
        assert!(
            !r.text.contains("secret") || r.text.contains("{%"),
            "{bad}: {}",
            r.text
        );
        assert!(!r.text.contains("root:"), "{bad}");
        assert_eq!(r.problems.len(), 1, "{bad}: {:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(2), "{bad}");
        assert!(
            r.problems[0].message.contains("refused"),
            "{:?}",
            r.problems
        );
        assert!(
            r.text.starts_with("before\n") && r.text.ends_with("\nafter"),
            "{}",
            r.text
        );
    }
}

#[test]
fn an_include_of_itself_stops_with_a_message() {
    let s = site();
    let r = s.render("a {% include self.html %} b");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(
        r.problems[0].message.contains("nested more than"),
        "{:?}",
        r.problems
    );
    assert_eq!(r.text, "a {% include \"self.html\" %} b");
}

#[test]
fn unknown_tags_and_filters_are_reported_by_line_and_shown_as_text() {
    let s = site();
    let r = s.render("# Title\n\n{% do_nothing %}\n{{ page.title | shout }}\n{{ site.title }}\n{% enddo_nothing %}");
    let lines: Vec<_> = r.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(6)], "{:?}", r.problems);
    assert!(
        r.problems[0]
            .message
            .contains("unknown Liquid tag `do_nothing`"),
        "{:?}",
        r.problems
    );
    assert!(
        r.problems[1]
            .message
            .contains("unknown Liquid filter `shout`"),
        "{:?}",
        r.problems
    );
    assert_eq!(
        r.text,
        "# Title\n\n{% do_nothing %}\n{{ page.title | shout }}\nMy Blog\n{% enddo_nothing %}"
    );
}

#[test]
fn syntax_and_render_errors_keep_the_rest_of_the_post() {
    let s = site();
    let r = s.render("one\n{% if page.title %}\ntwo {{ site.title }}");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].line, Some(2));
    assert!(
        r.text.contains("{% if page.title %}") && r.text.contains("two My Blog"),
        "{}",
        r.text
    );
    let r = s.render(
        "x {{ 'a' | plus: 'b' | times: 'c' }} {% post_url 1999-01-01-nope %} {{ site.title }}",
    );
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert!(r.text.ends_with("My Blog"), "{}", r.text);
    assert!(
        r.problems[1].message.contains("no such post"),
        "{:?}",
        r.problems
    );
}

#[test]
fn post_url_and_link_name_sinmun_routes() {
    let s = site();
    assert_eq!(s.ok("{% post_url 2010-07-21-hello %}"), "/posts/hello/");
    assert_eq!(s.ok("{% post_url es/2011-01-01-hola %}"), "/posts/hola/");
    assert_eq!(
        s.ok("{% link _posts/2010-07-21-hello.md %}"),
        "/posts/hello/"
    );
    assert_eq!(s.ok("{% link assets/file.pdf %}"), "/assets/file.pdf");
}

#[test]
fn jekyll_filters() {
    let s = site();
    assert_eq!(
        s.ok("{{ '/about/' | relative_url }} {{ 'x.png' | absolute_url }}"),
        "/b/about/ https://blog.example/b/x.png"
    );
    assert_eq!(s.ok("{{ '<a & b>' | xml_escape }}"), "&lt;a &amp; b&gt;");
    assert_eq!(s.ok("{{ page.refs | jsonify }}"), "[12,34]");
    assert_eq!(
        s.ok("{{ 'Hello, World! 서울' | slugify }}"),
        "hello-world-서울"
    );
    assert_eq!(s.ok("{{ page.tags | sort | join: ',' }}"), "a,b");
    assert_eq!(s.ok("{{ 'a b c' | split: ' ' | size }}"), "3");
    assert_eq!(
        s.ok("{{ page.date | date: '%Y/%m/%d' }} {{ page.date | date_to_string }}"),
        "2024/07/29 29 Jul 2024"
    );
    assert_eq!(
        s.ok("{{ page.date | date_to_xmlschema }}"),
        "2024-07-29T10:05:00+09:00"
    );
    assert_eq!(
        s.ok("{{ '**b**' | markdownify }}"),
        "<p><strong>b</strong></p>\n"
    );
    assert_eq!(s.ok("{{ 'one two  three' | number_of_words }}"), "3");
    assert_eq!(
        s.ok("{% assign items = site.list | default: page.refs %}{{ items | size }}"),
        "2"
    );
}

#[test]
fn filters_over_lists_of_objects() {
    let s = site();
    let front: serde_norway::Mapping = serde_norway::from_str(
        "min: 2019\nlinks:\n  - { title: A, year: 2018, kind: talk, tags: [rust] }\n  - { title: B, year: 2020, kind: post, tags: [go, rust] }\n  - { title: C, year: 2021, kind: talk }\n",
    )
    .unwrap();
    let posts = s.dir.path().join("_posts").canonicalize().unwrap();
    let render = |source: &str| {
        let r = s.liquid.render(source, &object_from_yaml(&front), &posts);
        assert!(r.problems.is_empty(), "{source}: {:?}", r.problems);
        r.text
    };
    let titles = |filter: &str| {
        render(&format!("{{% assign l = page.links | {filter} %}}{{% for x in l %}}{{{{ x.title }}}}{{% endfor %}}"))
    };
    assert_eq!(titles("where_exp: 'x', 'x.year >= 2020'"), "BC");
    assert_eq!(
        titles("where_exp: 'x', \"x.kind == 'talk' and x.year > page.min\""),
        "C"
    );
    assert_eq!(
        titles("where_exp: 'x', \"x.year < 2019 or x.kind == 'post'\""),
        "AB"
    );
    assert_eq!(titles("where_exp: 'x', \"x.tags contains 'rust'\""), "AB");
    assert_eq!(titles("where_exp: 'x', 'x.tags'"), "AB");
    assert_eq!(titles("where_exp: 'x', 'x.tags == empty'"), "C");
    assert_eq!(titles("where_exp: 'x', 'x.tags.size == 2'"), "B");
    assert_eq!(titles("where_exp: 'x', ''"), "");
    assert_eq!(
        render("{% assign g = page.links | group_by: 'kind' %}{% for k in g %}{{ k.name }}:{{ k.size }}:{% for x in k.items %}{{ x.title }}{% endfor %} {% endfor %}"),
        "talk:2:AC post:1:B "
    );
    assert_eq!(
        render("{% assign f = page.links | find: 'year', '2020' %}{{ f.title }}"),
        "B"
    );
    assert_eq!(
        render("{% assign f = page.links | find: 'year', 1999 %}[{{ f.title }}]"),
        "[]"
    );
    assert_eq!(
        render("{% assign f = page.links | find_exp: 'x', 'x.year > 2018' %}{{ f.title }}"),
        "B"
    );
    // not a list: nothing to filter, no error
    assert_eq!(
        render("{{ page.missing | where_exp: 'x', 'x' | size }}"),
        "0"
    );
}

#[test]
fn raw_blocks_are_kept_as_written() {
    let s = site();
    assert_eq!(
        s.ok("{% raw %}{{ site.title }} {% include x %}{% endraw %}"),
        "{{ site.title }} {% include x %}"
    );
}

#[test]
fn hostile_templates_end_with_a_message() {
    let s = site();
    let r = s.render(
        "{% for i in (1..100000000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}",
    );
    assert!(!r.problems.is_empty());
    for t in [
        "{{",
        "{%",
        "{% %}",
        "{{ }}",
        "}}{{",
        "{% raw %}",
        "{% if %}{% endif",
        "{{ x | }}",
        "{%- -%}",
    ] {
        let r = s.render(t);
        assert!(r.problems.len() <= MAX_REPAIRS, "{t}");
    }
}
