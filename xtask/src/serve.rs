//! `cargo xtask serve`: the sample site, built and served like GitHub Pages.

use std::process::Command;

use crate::build::{build_site, SiteOptions};
use crate::run::run;
use crate::{root, Result};

pub fn serve(args: &[String]) -> Result {
    let mut port = "8080".to_string();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--port" => port = iter.next().ok_or("--port needs a number")?.clone(),
            other => return Err(format!("unknown option {other} (serve takes --port N)")),
        }
    }
    let site = root().join("target/site");
    build_site(&SiteOptions {
        posts: root().join("content/_posts"),
        out: site.clone(),
        base_path: "/".into(),
        report: None,
        keep_going: false,
        bodies_in_data: false,
    })?;
    println!("sinmun is at http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    run(Command::new("node")
        .arg(root().join("tests/support/server.mjs"))
        .args(["--root"])
        .arg(&site)
        .args(["--port", &port, "--mode", "pages"]))
}
