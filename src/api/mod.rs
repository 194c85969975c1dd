//! Talking to the LMS from the browser: configuration, URLs, typed errors and the fetch client.
//!
//! [`config`], [`url`], [`retry`] and [`error`] are plain Rust (tested natively); [`client`] runs the
//! requests with gloo-net in the browser.

pub mod client;
pub mod config;
pub mod error;
pub mod retry;
pub mod url;

pub use client::{AnswerRead, Client};
pub use config::{AccessToken, ClientConfig, EnrollmentQuery, RetryPolicy, TokenError, TokenProvider};
pub use error::{ApiError, ServiceMessage, TokenTrouble};
