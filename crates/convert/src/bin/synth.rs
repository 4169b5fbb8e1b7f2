//! `sinmun-synth <count> <out-dir> [--seed N]`: a deterministic synthetic Jekyll corpus.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes <out-dir>/_posts/*.md|html and <out-dir>/_config.yml.
#[derive(Parser, Debug)]
#[command(name = "sinmun-synth", version, about)]
struct Cli {
    /// Number of posts.
    count: usize,
    /// Folder to write into (created if missing).
    out_dir: PathBuf,
    /// Seed: the same seed and count give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = std::time::Instant::now();
    match sinmun_convert::synth::generate(cli.count, &cli.out_dir, cli.seed) {
        Ok(()) => {
            eprintln!(
                "wrote {} posts to {} in {:.2} s",
                cli.count,
                cli.out_dir.join("_posts").display(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sinmun-synth: {e}");
            ExitCode::FAILURE
        }
    }
}
