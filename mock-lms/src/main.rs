//! `mock-lms`: serve a generated LMS account on 127.0.0.1.
//!
//! ```text
//! mock-lms [--port 8081] [--seed 1] [--enrollments 300] [--learners N] [--courses N]
//!          [--today YYYY-MM-DD]
//!          [--token demo-token] [--refreshed-token demo-token-refreshed]
//!          [--restricted-token restricted-token]
//!          [--no-users-token no-users-token] [--no-contents-token no-contents-token]
//!          [--no-results-token no-results-token] [--no-departments-token no-departments-token]
//!          [--enrollments-only-token enrollments-only-token]
//!          [--client-id demo-client] [--client-secret demo-secret] [--static DIR]
//! ```
//!
//! Sizes: `--enrollments` enrollments (at most 2,000,000); by default about a tenth as many
//! learners and `12 + enrollments / 5000` courses (see `Dataset::generate`). `--learners` (at
//! most 200,000) and `--courses` (at most 10,000) set those two instead (the benchmark's
//! accounts: `--enrollments 100000 --learners 10000 --courses 60`, and a million:
//! `--enrollments 1000000 --learners 100000 --courses 200`); learners × courses must be at
//! least the enrollments, since a learner never has the same course twice. Without them the
//! account of a seed is the same as ever.
//!
//! The enrollments are not kept but drawn again a page at a time (`mock_lms::Account`), so a
//! page costs the same at any size. Measured (seed 42, release build, 2 shared cores, client
//! on one keep-alive connection; the unpaged `/enrollment` is written whole per request):
//!
//! | Account (enrollments, learners, courses) | 1,000,000, 100,000, 200 | 100,000, 10,000, 60 |
//! |---|---|---|
//! | start-up (release / debug) | 0.17 s / 1.0 s | 0.02 s |
//! | RSS after start-up | 34 MB | 6 MB |
//! | RSS after every page below (peak) | 41 MB | 13 MB |
//! | `/enrollments?pageSize=1000`, first or last page | 1.3–1.7 ms | 1.2–1.4 ms |
//! | every `/enrollments` page of 1,000 following `nextPageToken` | 1.7 s (1,000 pages) | 0.16 s (100 pages) |
//! | `/learners/results?pageSize=10000` (any page) | 9–11 ms | 9–10 ms |
//! | every `/learners/results` page of 10,000 (`userStatuses=1,3,5`) | 1.1 s (90 pages) | 0.12 s (9 pages) |
//! | `/users/v2?pageSize=10000` | 11 ms | 9 ms |
//! | `/enrollment` (48 MB at 100k) | — | 0.16 s, peak RSS 58 MB |
//!
//! 2,000,000 enrollments with 200,000 learners: 0.35 s start-up, 68 MB. Before, with every
//! enrollment kept and each page filtered out of all of them: 28 MB at 100k; at a million
//! (with the limit raised) 255 MB, 0.54 s start-up, 13 ms a page and 14.3 s for all of them.
//!
//! Tokens (sent bare or as `Bearer …`): `--token` and `--refreshed-token` (a portal's refresh)
//! may call everything; `--restricted-token` gets
//! 403 everywhere; `--no-users-token`, `--no-contents-token`, `--no-results-token` and
//! `--no-departments-token` get 403 on `/users/v2`, `/contents`, `/learners/results` and
//! `/departments` respectively and may call the rest; `--enrollments-only-token` gets 403 on all
//! four and may list enrollments. Any other token gets 401.
//!
//! Request header `X-Target-Locale`: when its primary language subtag is `ru` (`ru`, `ru-RU`,
//! `RU_ru`, …), course titles in `/contents` and `courseTitle` in `/learners/results` are
//! answered in Russian; any other locale, or none, gets the English titles.

use std::process::ExitCode;
use std::sync::Arc;

use mock_lms::server::{serve, AppState, Settings};
use mock_lms::{Account, GeneratorConfig, Sizes};
use time::macros::format_description;
use time::{Date, OffsetDateTime};

/// At most this many enrollments (`--enrollments`).
const MAX_ENROLLMENTS: usize = 2_000_000;
/// At most this many learners (`--learners`).
const MAX_LEARNERS: usize = 200_000;
/// At most this many courses (`--courses`).
const MAX_COURSES: usize = 10_000;

struct Args {
    port: u16,
    static_dir: Option<std::path::PathBuf>,
    generator: GeneratorConfig,
    sizes: Sizes,
    settings: Settings,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        port: 8081,
        static_dir: None,
        generator: GeneratorConfig {
            seed: 1,
            enrollments: 300,
            today: OffsetDateTime::now_utc().date(),
        },
        sizes: Sizes::default(),
        settings: Settings::default(),
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => parsed.port = value()?.parse().map_err(|_| "--port takes a port number")?,
            "--seed" => parsed.generator.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--enrollments" => {
                let n: usize = value()?.parse().map_err(|_| "--enrollments takes a number")?;
                if n > MAX_ENROLLMENTS {
                    return Err(format!("--enrollments is at most {MAX_ENROLLMENTS}"));
                }
                parsed.generator.enrollments = n;
            }
            "--learners" => parsed.sizes.learners = Some(count(&flag, &value()?, MAX_LEARNERS)?),
            "--courses" => parsed.sizes.courses = Some(count(&flag, &value()?, MAX_COURSES)?),
            "--today" => {
                let text = value()?;
                parsed.generator.today = Date::parse(&text, format_description!("[year]-[month]-[day]"))
                    .map_err(|_| format!("--today takes a date like 2026-11-26, not {text:?}"))?;
            }
            "--static" => parsed.static_dir = Some(value()?.into()),
            "--token" => parsed.settings.token = value()?,
            "--restricted-token" => parsed.settings.restricted_token = value()?,
            "--refreshed-token" => parsed.settings.refreshed_token = value()?,
            "--no-users-token" => parsed.settings.no_users_token = value()?,
            "--no-contents-token" => parsed.settings.no_contents_token = value()?,
            "--no-results-token" => parsed.settings.no_results_token = value()?,
            "--no-departments-token" => parsed.settings.no_departments_token = value()?,
            "--enrollments-only-token" => parsed.settings.enrollments_only_token = value()?,
            "--client-id" => parsed.settings.client_id = value()?,
            "--client-secret" => parsed.settings.client_secret = value()?,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if let (Some(learners), Some(courses)) = (parsed.sizes.learners, parsed.sizes.courses) {
        if learners * courses < parsed.generator.enrollments {
            return Err(format!(
                "--learners {learners} × --courses {courses} is less than --enrollments {} \
                 (a learner never has the same course twice)",
                parsed.generator.enrollments
            ));
        }
    }
    Ok(parsed)
}

/// A `flag`'s value: a whole number from 1 to `max`.
fn count(flag: &str, text: &str, max: usize) -> Result<usize, String> {
    text.parse()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| format!("{flag} takes a number from 1 to {max}, not {text:?}"))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("mock-lms: {message}");
            }
            eprintln!(
                "usage: mock-lms [--port N] [--seed N] [--enrollments N] [--learners N] [--courses N] \
                 [--today YYYY-MM-DD] [--token T] \
                 [--refreshed-token T] [--restricted-token T] [--no-users-token T] [--no-contents-token T] [--no-results-token T] \
                 [--no-departments-token T] [--enrollments-only-token T] [--client-id ID] [--client-secret S] \
                 [--static DIR]\n\
                 request header X-Target-Locale: ru, ru-RU, … → Russian course titles in /contents and \
                 /learners/results (courseTitle); anything else or none → English"
            );
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("mock-lms: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    let data = Account::generate_with(args.generator, args.sizes);
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    println!(
        "mock-lms: http://127.0.0.1:{port} ({} enrollments, {} learners, {} courses, {} departments; seed {}, today {})",
        data.enrollment_count(),
        data.learners.len(),
        data.courses.len(),
        data.departments.len(),
        data.config.seed,
        mock_lms::xml::date(data.config.today)
    );
    let state = Arc::new(AppState::new(data, args.settings));
    match serve(listener, state, args.static_dir).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mock-lms: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn sizes_are_derived_unless_given() {
        let args = parse(&["--enrollments", "1000"]).unwrap();
        assert_eq!(args.sizes, Sizes::default());
        let args = parse(&[
            "--enrollments",
            "100000",
            "--learners",
            "10000",
            "--courses",
            "60",
        ])
        .unwrap();
        assert_eq!(
            args.sizes,
            Sizes {
                learners: Some(10_000),
                courses: Some(60)
            }
        );
        let args = parse(&["--courses", "60"]).unwrap();
        assert_eq!((args.sizes.learners, args.sizes.courses), (None, Some(60)));
    }

    #[test]
    fn sizes_out_of_range_are_refused() {
        for bad in [
            &["--learners", "0"][..],
            &["--courses", "0"],
            &["--courses", "many"],
            &["--learners", "200001"],
            &["--courses"],
            &["--enrollments", "1000", "--learners", "10", "--courses", "60"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
