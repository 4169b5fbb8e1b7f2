#!/usr/bin/env python3
"""Checks the search bench's query set against the real corpus (issue 16).

Why: the bench counts a query as found when its expected articles are in the
top 10, so the expected lists must be true. This reads every Jekyll post
(title from the front matter, body = the HTML after it with tags replaced by
spaces and entities decoded), applies the matching rule the bench assumes
(NFKC, lowercase; a Hangul/CJK run of a query word matches as a substring; a
Latin or digit run matches the start of a word of the text), and checks for
each query of tests/fixtures/search-queries.json that:

- every expected article (its source `files`) contains every query word;
- no other article does (the lists are complete: every article that matches
  is expected), unless the query says `"partial": true`;
- an "in-word" query never starts a word in its first expected article (a
  prefix matcher cannot find it there), and a "particle" query never stands
  alone in its first expected article (it is always glued to a particle);
- `expected` holds the URL slugs the converter gives those files
  (`posts/<slug>/`, from `sinmun-convert --report`; without a report, the
  Jekyll slug: the file name without its date and extension).

    python3 tests/bench/search/check_queries.py [--posts DIR] [--queries FILE]
            [--report target/bench/search/report.json] [--try "query" ...]

`--try` prints the articles a query matches (for writing new queries). Exit
status 1 when a check fails.
"""
import argparse
import html
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
CJK = r"\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
RUN = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
CJK_RUN = re.compile(rf"[{CJK}]+")
WORD_CHAR = re.compile(r"[^\W_]")


def norm(text):
    return unicodedata.normalize("NFKC", text).lower()


def read_posts(posts_dir):
    """{file name: (title, text)}: text is title + body, normalised."""
    docs = {}
    for name in sorted(os.listdir(posts_dir)):
        if not re.match(r"\d{4}-\d{2}-\d{2}-.+\.(md|markdown|html)$", name):
            continue
        with open(os.path.join(posts_dir, name), encoding="utf-8", errors="replace") as f:
            source = f.read()
        m = re.match(r"---\s*\n(.*?)\n---\s*\n(.*)", source, re.S)
        front, body = m.groups() if m else ("", source)
        t = re.search(r"^title:\s*(.*)$", front, re.M)
        title = t.group(1).strip().strip("\"'") if t else ""
        body = html.unescape(re.sub(r"<[^>]*>", " ", body))
        docs[name] = (norm(title), norm(title) + " \n " + norm(body))
    return docs


def run_matches(run, text):
    """A Hangul/CJK run anywhere; a Latin/digit run at the start of a word."""
    if CJK_RUN.fullmatch(run):
        return run in text
    return re.search(rf"(?<![^\W_{CJK}]){re.escape(run)}", text) is not None


def matches(query, text):
    return all(run_matches(run, text) for run in RUN.findall(norm(query)))


def occurrences(word, text):
    """(char before, char after) of each occurrence of `word` in `text`."""
    return [(text[m.start() - 1] if m.start() else " ", text[m.end()] if m.end() < len(text) else " ")
            for m in re.finditer(re.escape(word), text)]


def shape_problem(entry, text):
    """Why an in-word / particle query is not one in its first article, or None."""
    kind, q = entry["kind"], norm(entry["query"])
    occ = occurrences(q, text)
    if kind == "in-word" and any(not WORD_CHAR.match(before) for before, _ in occ):
        return "starts a word"
    if kind == "particle" and any(not CJK_RUN.match(after) for _, after in occ):
        return "stands alone"
    return None


def jekyll_slug(name):
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", os.path.splitext(name)[0])


def slug_map(report_path):
    if not report_path or not os.path.exists(report_path):
        return None
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    return {os.path.basename(r["file"]): r["path"].strip("/").split("/", 1)[1]
            for r in report if r.get("path", "") and r["path"].startswith("posts/")}


def check(entry, docs, slugs):
    """(row for the table, list of problems)."""
    problems = []
    hits = [name for name, (_, text) in docs.items() if matches(entry["query"], text)]
    files = entry.get("files", [])
    missing = [f for f in files if f not in docs or not matches(entry["query"], docs[f][1])]
    if missing:
        problems.append(f"expected but not matching: {missing}")
    extra = [h for h in hits if h not in files]
    if extra and not entry.get("partial"):
        problems.append(f"also matching, not expected: {extra[:8]}{' …' if len(extra) > 8 else ''}")
    if len(files) > 5:
        problems.append("more than 5 expected articles")
    if files and files[0] in docs:
        why = shape_problem(entry, docs[files[0]][1])
        if why:
            problems.append(f"{entry['kind']} query {why} in {files[0]}")
    want = [slugs.get(f) if slugs else jekyll_slug(f) for f in files]
    if want != entry.get("expected"):
        problems.append(f"expected slugs {entry.get('expected')} but the files map to {want}")
    in_title = sum(1 for f in files if f in docs and matches(entry["query"], docs[f][0]))
    row = (entry["kind"], entry["query"], len(hits), len(files), in_title, "ok" if not problems else "FAIL")
    return row, problems


def try_queries(queries, docs):
    for q in queries:
        hits = [name for name, (_, text) in docs.items() if matches(q, text)]
        print(f"{q!r}: {len(hits)} articles")
        for name in hits[:12]:
            title, text = docs[name]
            words = sorted({m.group(0) for r in RUN.findall(norm(q))
                            for m in re.finditer(rf"[^\W_]*{re.escape(r)}[^\W_]*", text)})
            print(f"  {name:24} {title[:40]:40} {' '.join(words[:6])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", default=os.path.join(ROOT, "../shared/corpus/koreanews/_posts"))
    parser.add_argument("--queries", default=os.path.join(ROOT, "tests/fixtures/search-queries.json"))
    parser.add_argument("--report", default=os.path.join(ROOT, "target/bench/search/report.json"))
    parser.add_argument("--try", dest="tries", nargs="+")
    args = parser.parse_args()
    docs = read_posts(args.posts)
    if args.tries:
        try_queries(args.tries, docs)
        return 0
    with open(args.queries, encoding="utf-8") as f:
        queries = json.load(f)
    slugs = slug_map(args.report)
    print(f"{len(docs)} posts; slugs from {args.report if slugs else 'file names (no converter report)'}")
    print(f"{'kind':9} {'query':28} {'match':>5} {'exp':>3} {'title':>5}  status")
    failures = 0
    for entry in queries:
        row, problems = check(entry, docs, slugs)
        kind, q, hits, exp, in_title, status = row
        print(f"{kind:9} {q[:28]:28} {hits:>5} {exp:>3} {in_title:>5}  {status}")
        for p in problems:
            print(f"          - {p}")
        failures += bool(problems)
    kinds = {}
    for e in queries:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    print(f"{len(queries)} queries ({', '.join(f'{k} {n}' for k, n in kinds.items())}); {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
