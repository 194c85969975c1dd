//! Per-request fault injection, for tests only (the widget never asks for it).
//!
//! A fault is given in the `X-Mock-Fault` header or as a path prefix
//! `/_fault/{spec}/enrollment`, where `spec` is a comma-separated list of
//! `latency=MILLISECONDS`, `status=CODE` and `body=truncated|html|text|empty|json`.

use std::time::Duration;

/// The body to send instead of the real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFault {
    /// The real XML cut in the middle.
    Truncated,
    /// An HTML error page, as a proxy would send.
    Html,
    /// Plain text.
    Text,
    /// Nothing.
    Empty,
    /// A JSON document.
    Json,
}

/// What to do to one response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fault {
    /// Wait this long before answering.
    pub latency: Option<Duration>,
    /// Answer with this status (and the service's error body for it).
    pub status: Option<u16>,
    /// Replace the body.
    pub body: Option<BodyFault>,
}

impl Fault {
    /// Parses a spec such as `latency=2000,status=500`. Unknown parts are an error, so a typo in
    /// a test does not silently test the happy path.
    pub fn parse(spec: &str) -> Result<Fault, String> {
        let mut fault = Fault::default();
        for part in spec.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("fault part {part:?} is not key=value"))?;
            match key {
                "latency" => {
                    let ms = value
                        .parse()
                        .map_err(|_| format!("latency {value:?} is not a number of milliseconds"))?;
                    fault.latency = Some(Duration::from_millis(ms));
                }
                "status" => {
                    let code = value.parse().ok().filter(|c| (100..600).contains(c));
                    fault.status =
                        Some(code.ok_or_else(|| format!("status {value:?} is not an HTTP status"))?);
                }
                "body" => {
                    fault.body = Some(match value {
                        "truncated" => BodyFault::Truncated,
                        "html" => BodyFault::Html,
                        "text" => BodyFault::Text,
                        "empty" => BodyFault::Empty,
                        "json" => BodyFault::Json,
                        other => return Err(format!("unknown body fault {other:?}")),
                    })
                }
                other => return Err(format!("unknown fault {other:?}")),
            }
        }
        Ok(fault)
    }

    /// Applies a body fault to the real body.
    pub fn body(&self, real: String) -> String {
        match self.body {
            None => real,
            Some(BodyFault::Truncated) => {
                let mut cut = real.len() / 2;
                while !real.is_char_boundary(cut) {
                    cut -= 1;
                }
                real[..cut].to_owned()
            }
            Some(BodyFault::Html) => {
                "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n".into()
            }
            Some(BodyFault::Text) => "Not Found\n".into(),
            Some(BodyFault::Empty) => String::new(),
            Some(BodyFault::Json) => "{\"enrollments\": []}\n".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        assert_eq!(
            Fault::parse("latency=250,status=503;body=html"),
            Ok(Fault {
                latency: Some(Duration::from_millis(250)),
                status: Some(503),
                body: Some(BodyFault::Html)
            })
        );
        assert_eq!(Fault::parse(""), Ok(Fault::default()));
        assert!(Fault::parse("latncy=5").is_err());
        assert!(Fault::parse("status=99").is_err());
        assert!(Fault::parse("body=zip").is_err());
    }

    #[test]
    fn truncates_in_the_middle() {
        let fault = Fault::parse("body=truncated").unwrap();
        assert_eq!(fault.body("<response></response>".into()), "<response>");
    }
}
