//! The one error type every command returns: a kind the UI branches on and
//! a message it may show.

use serde::Serialize;

/// A command's failure, serialized as `{ "kind": "...", "message": "..." }`.
#[derive(Debug, Serialize)]
pub struct CommandError {
    kind: &'static str,
    message: String,
}

impl CommandError {
    /// An error of the app itself (not of the core).
    pub fn new(kind: &'static str, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

/// The message of `e` followed by its causes, `a: b: c`.
fn chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

impl From<tomtat::Error> for CommandError {
    fn from(e: tomtat::Error) -> CommandError {
        CommandError::new(e.kind().as_str(), chain(&e))
    }
}

impl From<tauri::Error> for CommandError {
    fn from(e: tauri::Error) -> CommandError {
        CommandError::new("app", chain(&e))
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> CommandError {
        CommandError::new("io", chain(&e))
    }
}

impl From<serde_json::Error> for CommandError {
    fn from(e: serde_json::Error) -> CommandError {
        CommandError::new("app", chain(&e))
    }
}

impl From<crate::export::ExportError> for CommandError {
    fn from(e: crate::export::ExportError) -> CommandError {
        CommandError::new("app", chain(&e))
    }
}
