#!/usr/bin/env bash
# Builds a Jekyll blog's posts into a deployable sinmun site: the one build
# step that deploy/github-pages.yml and deploy/netlify.toml run (and that
# xtask/src/deploy_check.rs runs in the tests), usable by hand too.
#
#   build-site.sh POSTS_DIR OUT_DIR [BASE_PATH]
#
# Run it from the blog's repository. POSTS_DIR (a Jekyll `_posts` folder, or
# a feed file or URL) and OUT_DIR are relative to where it is run. BASE_PATH
# is where the site is served: "" or "/" for a domain's root, "/repo" for a
# GitHub project site (configure-pages' `base_path`); it becomes "/" or
# "/repo/". Without it, `baseurl` of `_config.yml` is used, else "/".
# sinmun is the checkout this script is in (its own `..`), else `.sinmun` in
# the working directory, or SINMUN_DIR when set.
set -euo pipefail

say() { printf 'build-site: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# A path as seen from the working directory, made absolute (cargo runs in
# the sinmun checkout); URLs are left as they are.
absolute() {
  case $1 in
    /* | *://*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

# "" → "/", "/repo" → "/repo/", "a//b" → "/a/b/".
normalise_base_path() {
  local segments segment path=""
  IFS=/ read -ra segments <<<"$1"
  for segment in "${segments[@]}"; do
    if [[ -n "$segment" ]]; then path+="/$segment"; fi
  done
  printf '%s/\n' "$path"
}

find_sinmun() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  if [[ -n "${SINMUN_DIR:-}" ]]; then
    printf '%s\n' "$SINMUN_DIR"
  elif [[ -f "$here/../xtask/Cargo.toml" ]]; then
    printf '%s\n' "$here/.."
  elif [[ -f .sinmun/xtask/Cargo.toml ]]; then
    printf '%s\n' .sinmun
  else
    die "cannot find sinmun: check it out into .sinmun (or set SINMUN_DIR)"
  fi
}

# Rust from rustup and Node.js with npm must be there (GitHub's and
# Netlify's images have both); the rest is installed by `cargo xtask`.
check_tools() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  command -v cargo >/dev/null || die "needs Rust: install rustup (https://rustup.rs)"
  command -v npm >/dev/null || die "needs Node.js with npm"
  if ! cargo --version >/dev/null 2>&1 && command -v rustup >/dev/null; then
    say "rustup has no default toolchain (as on Netlify): installing stable"
    rustup toolchain install stable --profile minimal
    rustup default stable
  fi
  if ! command -v trunk >/dev/null || ! command -v wasm-bindgen >/dev/null; then
    say "first build on this machine: cargo compiles Trunk and wasm-bindgen-cli" \
      "from source once, about 20 minutes on 2 cores (keep ~/.cargo/bin" \
      "in the build cache and later builds skip it)"
  fi
}

main() {
  if [[ $# -lt 2 || $# -gt 3 ]]; then
    die "usage: build-site.sh POSTS_DIR OUT_DIR [BASE_PATH]"
  fi
  local posts out sinmun
  posts=$(absolute "$1")
  out=$(absolute "$2")
  sinmun=$(find_sinmun)
  sinmun=$(cd "$sinmun" && pwd)
  # --keep-going: a post that cannot be used at all (no front matter that
  # can be recovered, unreadable bytes) is left out and named in the
  # summary, and the rest of the blog is still published; posts with broken
  # YAML are recovered either way, with a warning naming file and line.
  local args=("$posts" "$out" --keep-going)
  local where="the base path of _config.yml (baseurl), else /"
  if [[ $# -eq 3 ]]; then
    where=$(normalise_base_path "$3")
    args+=(--base-path "$where")
  fi
  check_tools
  say "building $1 into $2, served under $where, with sinmun in $sinmun"
  cd "$sinmun"
  # The app bundle in target/ is reused only if its inputs are unchanged,
  # DOMPurify from npm among them: install it first on a fresh checkout.
  if [[ ! -d node_modules/dompurify ]]; then
    npm ci --no-audit --no-fund
  fi
  cargo xtask site "${args[@]}"
  say "done: the site is $2"
}

main "$@"
