// Shared by the reader targets: arbitrary options as well as input, after
// aho-corasick's fuzz targets.

use std::path::Path;
use std::time::Duration;

use arbitrary::Arbitrary;
use tomtat::read::{self, Encoding, Format, ReadOptions};

/// The reader's options, from the first two bytes of the input; the rest
/// is the file, byte for byte, so seeds are real files behind `[0, 0]`.
#[derive(Arbitrary, Debug)]
struct Knobs {
    /// An index into `Encoding::ALL`, or none.
    encoding: Option<u8>,
    /// A small unpacking budget now and then.
    small_budget: bool,
}

/// libfuzzer-sys aborts on every panic, from its panic hook, before
/// `catch_unwind` sees it. The pdf reader catches its parser's panics on
/// the `tomtat-pdf` thread and turns them into an error, as the CLI and
/// the app see them; only those are let through, and only from the
/// parser's crates: a panic in our own code on that thread (the column
/// layout in `src/read/pdf.rs`) is still a finding.
fn let_reader_panics_be_caught() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let ours = info
                .location()
                .is_some_and(|l| l.file().contains("src/read/"));
            if std::thread::current().name() != Some("tomtat-pdf") || ours {
                fuzzer_hook(info);
            }
        }));
    });
}

pub fn check(input: &[u8], format: Format) {
    let_reader_panics_be_caught();
    let (head, data) = input.split_at(input.len().min(2));
    let Ok(knobs) = Knobs::arbitrary(&mut arbitrary::Unstructured::new(head)) else {
        return;
    };
    let opts = ReadOptions {
        encoding: knobs
            .encoding
            .map(|i| Encoding::ALL[i as usize % Encoding::ALL.len()]),
        max_unpacked_size: if knobs.small_budget { 4096 } else { 64 << 20 },
        time_limit: Duration::from_secs(10),
        ..ReadOptions::default()
    };
    let path = Path::new("fuzz.input");
    match read::read_bytes(data, format, path, &opts) {
        Ok(raw) => {
            assert!(!raw.text.contains('\0') || format != Format::Text);
            // The text must go through the rest of the pipeline.
            let engine = engine();
            let doc = engine.document(&raw.text, None);
            for s in &doc.sentences {
                assert!(doc.text.is_char_boundary(s.span.start));
                assert!(doc.text.is_char_boundary(s.span.end));
            }
        }
        Err(e) => {
            // The reader gives up at its time limit and says so, but on
            // inputs this small (FUZZ_MAX_LEN) that is a hang, not an
            // answer: a page tree that sent the parser round for ever
            // was found so.
            assert!(e.kind() != tomtat::ErrorKind::TimedOut, "hang: {e}");
            // One line, naming the file.
            let msg = e.to_string();
            assert!(msg.starts_with("fuzz.input: "), "{msg}");
            assert!(!msg.contains('\n'), "{msg}");
        }
    }
}

pub fn engine() -> &'static tomtat::Engine {
    static ENGINE: std::sync::OnceLock<tomtat::Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(tomtat::Engine::new)
}
