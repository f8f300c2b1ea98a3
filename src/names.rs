//! Names of people, organizations and places, each with its kind and how
//! often the documents say it.
//!
//! **Input**: the documents' words (the segmenter joins a run of
//! capitalized syllables into one word: `Nguyễn Văn Tú`, `Bình Dương`).
//! **Output**: [`Name`]s, most frequent first.
//!
//! A name is a word whose syllables all start with a capital, not opening
//! its sentence (where any word has a capital) and not an abbreviation in
//! capitals (`UBND`). Its kind comes from the word before it, the cue:
//!
//! - a person after a form of address or a title (`ông`, `bà`, `anh`,
//!   `Chủ tịch`, `Trung tướng`, `bị can`), or, without a cue, a name of
//!   two to four syllables that opens with a common surname;
//! - an organization after the noun that heads it (`Bộ`, `Sở`, `Công ty`,
//!   `Ngân hàng`, `Trường`, `Bệnh viện`, `Quân khu`), which is then part of
//!   the name (`Công ty Becamex`);
//! - a place after an administrative unit or a place noun (`tỉnh`,
//!   `huyện`, `xã`, `thành phố`, `sông`) or `tại`, `ở`.
//!
//! A name's kind is the one most of its cues say; a name never cued and
//! not a surname's is left out. Counts include the occurrences that open
//! a sentence. An organization's name goes on past `và`, a dash or a
//! list's commas when the part after each is written like a name's
//! (`Bộ Giáo dục và Đào tạo`, `Bộ Lao động - Thương binh và Xã hội`). A
//! name only ever written in capitals is a heading's words and left out,
//! and so is one word of another language the text also writes in lower
//! case (`tập Train` beside `train`). An organization's name takes the
//! lower-case nouns after it that every mention has (`Trung tâm Quản lý
//! chất lượng`, `Sở Nông nghiệp và Phát triển nông thôn`). A company's
//! legal form goes with its head noun (`Công ty TNHH Quang Khải`), and a
//! head noun in lower case before a country or a city speaks of firms
//! there in general (`doanh nghiệp Việt Nam` names a place). Known limits:
//! names written in lower case, names the segmenter cut, and an
//! organization named once with lower-case words after its capitals.

use crate::analysis::{Analysis, NONE};
use crate::document::{Document, Span};
use crate::hash::{FxHashMap, FxHashSet};
use crate::vi::{canonical, canonical_into, is_alphabetic, is_lowercase, is_uppercase};

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum NameKind {
    /// A person (`Nguyễn Văn Tú`).
    Person,
    /// An organization (`Bộ Quốc phòng`, `Công ty Becamex`).
    Organization,
    /// A place (`Nghệ An`, `Hưng Đông`).
    Place,
}

/// A name found in the documents.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Name {
    /// As the text most often writes it.
    pub text: String,
    /// What it names.
    pub kind: NameKind,
    /// How many times the documents say it.
    pub count: usize,
}

/// The most names reported.
pub const MAX_NAMES: usize = 30;

/// Forms of address and titles before a person's name; the forms of
/// address come first ([`ADDRESS_CUES`]).
const PERSON_CUES: &[&str] = &[
    "ông",
    "bà",
    "anh",
    "chị",
    "cô",
    "chú",
    "bác",
    "cụ",
    "em",
    "cháu",
    "thầy",
    "đồng chí",
    "vợ",
    "chồng",
    "mẹ",
    "bố",
    "cha",
    "con",
    "bạn",
    "chủ tịch",
    "phó chủ tịch",
    "bộ trưởng",
    "thứ trưởng",
    "thủ tướng",
    "phó thủ tướng",
    "tổng bí thư",
    "tổng thanh tra",
    "bí thư",
    "phó bí thư",
    "giám đốc",
    "phó giám đốc",
    "tổng giám đốc",
    "trưởng phòng",
    "trưởng ban",
    "chánh án",
    "viện trưởng",
    "hiệu trưởng",
    "chủ nhiệm",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "đại úy",
    "thượng úy",
    "trung úy",
    "thiếu úy",
    "tổng thống",
    "chủ tịch nước",
    "nhà báo",
    "nhà văn",
    "nhà thơ",
    "nghệ sĩ",
    "ca sĩ",
    "cầu thủ",
    "huấn luyện viên",
    "hlv",
    "bác sĩ",
    "bs",
    "tiến sĩ",
    "ts",
    "thạc sĩ",
    "ths",
    "giáo sư",
    "gs",
    "pgs",
    "luật sư",
    "bị can",
    "bị cáo",
    "nghi phạm",
    "đối tượng",
    "nạn nhân",
    "phóng viên",
    "tác giả",
    "sinh viên",
    "học sinh",
    "nông dân",
    "kỹ sư",
    "trung sĩ",
    "thượng sĩ",
    "binh nhất",
    "thẩm phán",
    "kiểm sát viên",
    "điều tra viên",
    "chiến sĩ",
    "đại biểu",
    "chủ doanh nghiệp",
    "ngoại trưởng",
    "đại sứ",
];

/// Nouns that head an organization's name.
const ORGANIZATION_CUES: &[&str] = &[
    "bộ",
    "sở",
    "ủy ban",
    "ubnd",
    "công ty",
    "tập đoàn",
    "ngân hàng",
    "trường",
    "đại học",
    "học viện",
    "viện",
    "cục",
    "tổng cục",
    "chi cục",
    "ban",
    "hội",
    "hiệp hội",
    "đảng",
    "quân khu",
    "quân đoàn",
    "sư đoàn",
    "bộ tư lệnh",
    "công an",
    "tòa án",
    "viện kiểm sát",
    "bệnh viện",
    "hội đồng",
    "văn phòng",
    "báo",
    "đài",
    "tổng công ty",
    "liên đoàn",
    "câu lạc bộ",
    "clb",
    "nhà máy",
    "trung tâm",
    "quỹ",
    "hãng",
    "tạp chí",
    "thông tấn xã",
    "mặt trận",
    "liên minh",
    "kho bạc",
    "doanh nghiệp",
    "hợp tác xã",
    "htx",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "đài truyền hình",
    "nhà xuất bản",
    "trường đại học",
    "công ty cổ phần",
];

/// A company's legal form, written between its head noun and its name
/// (`Công ty TNHH Quang Khải`, `Ngân hàng TMCP Ngoại thương`): part of
/// the head, never a name, and no name without one after it.
const LEGAL_FORMS: &[&str] = &["tnhh", "mtv", "cp", "ctcp", "tmcp", "jsc", "cổ phần"];

/// Head nouns that, written in lower case before a province or a country,
/// say which firms or bodies in general (`doanh nghiệp Việt Nam`,
/// `trung tâm TPHCM`, `ngân hàng Ecuador`): the place is named, not an
/// organization. Not the bodies a place has one of (`công an`, `sở`,
/// `bệnh viện`, `đại học`: `công an Đà Nẵng`).
const GENERIC_HEADS: &[&str] = &[
    "doanh nghiệp",
    "trung tâm",
    "công ty",
    "tập đoàn",
    "ngân hàng",
    "hãng",
    "nhà máy",
    "trường",
    "trường đại học",
    "văn phòng",
    "quỹ",
    "hội",
    "hiệp hội",
    "hợp tác xã",
    "htx",
];

/// The points of the compass that, after `miền`, name a region with it
/// (`miền Trung`, `miền Đông`): alone they are no place's name.
const COMPASS: &[&str] = &["bắc", "nam", "đông", "tây", "trung"];

/// Administrative units and place nouns before a place's name.
const PLACE_CUES: &[&str] = &[
    "tỉnh",
    "thành phố",
    "tp",
    "tp.",
    "huyện",
    "quận",
    "xã",
    "phường",
    "thị xã",
    "thị trấn",
    "thôn",
    "ấp",
    "bản",
    "làng",
    "xóm",
    "khu phố",
    "đường",
    "phố",
    "sông",
    "núi",
    "đảo",
    "vịnh",
    "biển",
    "hồ",
    "đèo",
    "nước",
    "thủ đô",
    "miền",
    "vùng",
    "châu",
    "tại",
    "ở",
    "xã đảo",
    "quần đảo",
    "bãi biển",
    "cảng",
    "sân bay",
    "khu công nghiệp",
    "kcn",
    "chợ",
];

/// Place nouns that may name a place after a person (`đường Nguyễn
/// Huệ`, `thành phố Hồ Chí Minh`).
const NAMED_AFTER: &[&str] = &[
    "đường",
    "phố",
    "thành phố",
    "tp",
    "tp.",
    "khu phố",
    "cầu",
    "chợ",
    "sân bay",
    "cảng",
];

/// Common surnames that open no common place name (not `Hà`, `Lâm`,
/// `Cao`, `Thái`): a name opening with one is a person's.
const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "trịnh", "đoàn", "trương", "lưu", "tạ", "quách", "tô",
    "chu", "lương", "vương", "kiều", "đào", "triệu", "tăng", "lại", "khúc", "mạc", "thân", "lò",
    "giàng", "hứa",
];

/// Words that label a part of a text or a document, never a name
/// though written with a capital after a cue (`tại Điều 5`, `theo Luật
/// này`, `ở Bảng 3`, `tại Mục 2`).
const LABELS: &[&str] = &[
    "điều",
    "khoản",
    "điểm",
    "mục",
    "chương",
    "phần",
    "tiết",
    "luật",
    "bộ luật",
    "hiến pháp",
    "nghị định",
    "nghị quyết",
    "thông tư",
    "quyết định",
    "chỉ thị",
    "công văn",
    "pháp lệnh",
    "phụ lục",
    "bảng",
    "hình",
    "biểu",
    "mẫu",
    "bước",
    "ví dụ",
];

/// Provinces and countries that a person's cue can stand before
/// (`nông dân Nghệ An`, `bạn Lào`): named, they are places. Not `Hồ Chí
/// Minh`, a person as often as a city, nor the names that are also given
/// names (`Nga`, `Mỹ`, `Huế`, `Đức`).
const KNOWN_PLACES: &[&str] = &[
    "hà nội",
    "hải phòng",
    "đà nẵng",
    "cần thơ",
    "an giang",
    "bà rịa",
    "vũng tàu",
    "bắc giang",
    "bắc kạn",
    "bạc liêu",
    "bắc ninh",
    "bến tre",
    "bình định",
    "bình dương",
    "bình phước",
    "bình thuận",
    "cà mau",
    "cao bằng",
    "đắk lắk",
    "đắk nông",
    "điện biên",
    "đồng nai",
    "đồng tháp",
    "gia lai",
    "hà giang",
    "hà nam",
    "hà tĩnh",
    "hải dương",
    "hậu giang",
    "hòa bình",
    "hưng yên",
    "khánh hòa",
    "kiên giang",
    "kon tum",
    "lai châu",
    "lâm đồng",
    "lạng sơn",
    "lào cai",
    "long an",
    "nam định",
    "nghệ an",
    "ninh bình",
    "ninh thuận",
    "phú thọ",
    "phú yên",
    "quảng bình",
    "quảng nam",
    "quảng ngãi",
    "quảng ninh",
    "quảng trị",
    "sóc trăng",
    "sơn la",
    "tây ninh",
    "thái bình",
    "thái nguyên",
    "thanh hóa",
    "thừa thiên huế",
    "tiền giang",
    "trà vinh",
    "tuyên quang",
    "vĩnh long",
    "vĩnh phúc",
    "yên bái",
    "việt nam",
    "lào",
    "campuchia",
    "căm-pu-chi-a",
    "cam-pu-chia",
    "trung quốc",
    "thái lan",
    "nhật bản",
    "hàn quốc",
    "triều tiên",
    "ấn độ",
    "singapore",
    "malaysia",
    "indonesia",
    "philippines",
    "myanmar",
    "canada",
    "ukraine",
    "tphcm",
    "tp.hcm",
    "vn",
];

/// Countries whose names are also given names (`Mỹ`, `Nga`): after a
/// title or a calling (`Tổng thống Mỹ`, `nhà báo Nga`) the country, after
/// a form of address (`chị Mỹ`, `cô Nga`) a person.
const GIVEN_NAME_COUNTRIES: &[&str] = &["mỹ", "nga", "đức", "pháp", "ý", "úc", "nhật", "hàn"];

/// Forms of address, the first entries of [`PERSON_CUES`]: only they go
/// before a given name alone.
const ADDRESS_CUES: &[&str] = PERSON_CUES.split_at(19).0;

/// What the counting keeps of one name.
#[derive(Default)]
struct Seen {
    /// Written forms and their counts, in order of first sight.
    forms: Vec<(String, usize)>,
    /// Cues for each kind: person, organization, place.
    votes: [usize; 3],
    /// The place votes of a country that is also a given name, cast by a
    /// title before it (see [`GIVEN_NAME_COUNTRIES`]).
    countries: usize,
    /// Times seen between a title and another name (`Tổng thống Iran |
    /// Masoud Pezeshkian`): a country, whose title alone (`Tổng thống
    /// Iran`) is its leader's, not a name of a person.
    between: usize,
    count: usize,
    /// Where it was first seen, for a stable order.
    first: usize,
    /// For an organization named after its head noun, each occurrence's
    /// lower-case words after it that may go on its name (see
    /// [`tail_of`]), empty where none may; nothing for other names.
    tails: Vec<String>,
}

/// The word lists as one table, built once: what each cue or surname is,
/// as bits. A capitalized word looks the words before it up once each,
/// not once a list (a linear search of the lists cost more than the
/// tagger; a set a list, several lookups a word).
struct Sets {
    kinds: FxHashMap<&'static str, u16>,
}

/// The lists a word is in, as bits of [`Sets::of`].
mod list {
    /// A person's cue ([`PERSON_CUES`](super::PERSON_CUES)).
    pub(super) const PERSON: u16 = 1;
    /// An organization's cue ([`ORGANIZATION_CUES`](super::ORGANIZATION_CUES)).
    pub(super) const ORGANIZATION: u16 = 1 << 1;
    /// A place's cue ([`PLACE_CUES`](super::PLACE_CUES)).
    pub(super) const PLACE: u16 = 1 << 2;
    /// A place named after people ([`NAMED_AFTER`](super::NAMED_AFTER)).
    pub(super) const NAMED_AFTER: u16 = 1 << 3;
    /// A surname ([`SURNAMES`](super::SURNAMES)).
    pub(super) const SURNAME: u16 = 1 << 4;
    /// Any cue of a person, an organization or a place.
    pub(super) const CUE: u16 = PERSON | ORGANIZATION | PLACE;
    /// What follows a space in an entry of the lists (`chủ tịch` and
    /// `tịch` of `phó chủ tịch`): only after such a word can the two words
    /// before a name be an entry.
    pub(super) const ENDS_ENTRY: u16 = 1 << 5;
    /// A label of a text's part ([`LABELS`](super::LABELS)).
    pub(super) const LABEL: u16 = 1 << 6;
    /// A province or a country ([`KNOWN_PLACES`](super::KNOWN_PLACES)).
    pub(super) const KNOWN_PLACE: u16 = 1 << 7;
    /// A country that is also a given name ([`GIVEN_NAME_COUNTRIES`](super::GIVEN_NAME_COUNTRIES)).
    pub(super) const GIVEN_NAME_COUNTRY: u16 = 1 << 8;
    /// A form of address ([`ADDRESS_CUES`](super::ADDRESS_CUES)).
    pub(super) const ADDRESS: u16 = 1 << 9;
    /// A company's legal form ([`LEGAL_FORMS`](super::LEGAL_FORMS)).
    pub(super) const LEGAL: u16 = 1 << 10;
    /// A head noun of firms in general ([`GENERIC_HEADS`](super::GENERIC_HEADS)).
    pub(super) const GENERIC_HEAD: u16 = 1 << 11;
}

impl Sets {
    /// The bits of `key`: 0 when no list holds it.
    fn of(&self, key: &str) -> u16 {
        self.kinds.get(key).copied().unwrap_or(0)
    }
}

fn sets() -> &'static Sets {
    static SETS: std::sync::OnceLock<Sets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let mut kinds = FxHashMap::default();
        for (list, bit) in [
            (PERSON_CUES, list::PERSON),
            (ORGANIZATION_CUES, list::ORGANIZATION),
            (PLACE_CUES, list::PLACE),
            (NAMED_AFTER, list::NAMED_AFTER),
            (SURNAMES, list::SURNAME),
            (LABELS, list::LABEL),
            (KNOWN_PLACES, list::KNOWN_PLACE),
            (GIVEN_NAME_COUNTRIES, list::GIVEN_NAME_COUNTRY),
            (ADDRESS_CUES, list::ADDRESS),
            (LEGAL_FORMS, list::LEGAL),
            (GENERIC_HEADS, list::GENERIC_HEAD),
        ] {
            for &w in list {
                *kinds.entry(w).or_insert(0) |= bit;
                // Only a cue is looked up from the words before a name.
                if bit
                    & (list::LABEL
                        | list::KNOWN_PLACE
                        | list::GIVEN_NAME_COUNTRY
                        | list::ADDRESS
                        | list::LEGAL
                        | list::GENERIC_HEAD)
                    != 0
                {
                    continue;
                }
                for (at, _) in w.match_indices(' ') {
                    *kinds.entry(&w[at + 1..]).or_insert(0) |= list::ENDS_ENTRY;
                }
            }
        }
        Sets { kinds }
    })
}

/// Does every syllable of `w` start with a capital, with letters in it,
/// and is it no abbreviation in capitals of one syllable?
fn is_name_word(w: &str) -> bool {
    // One pass: syllables, letters, capitals, and any other character.
    let (mut syllables, mut letters, mut upper) = (0, 0, 0);
    let mut at_start = true;
    for c in w.chars() {
        if c == ' ' {
            // An empty syllable (two spaces, or one at an end) opens with
            // no capital.
            if at_start {
                return false;
            }
            at_start = true;
            continue;
        }
        let up = is_uppercase(c);
        if at_start {
            if !up {
                return false;
            }
            syllables += 1;
            at_start = false;
        }
        if is_alphabetic(c) {
            letters += 1;
        } else if c != '\'' && c != '-' {
            return false;
        }
        upper += usize::from(up);
    }
    !at_start && letters >= 2 && !(syllables == 1 && upper > 1)
}

/// The keys a sentence's words need, in buffers reused from word to word.
#[derive(Default)]
struct Keys {
    key: String,
    one: String,
    two: String,
    form: String,
}

/// The names of `docs`, most frequent first (then in order of first
/// sight), at most [`MAX_NAMES`].
pub fn find(docs: &[Document]) -> Vec<Name> {
    find_with(docs, None)
}

/// [`find`], taking the keys of the body's words from `a`, the analysis
/// of `docs`, where it has them (see [`Words`]).
pub(crate) fn find_with(docs: &[Document], a: Option<&Analysis>) -> Vec<Name> {
    let mut seen: FxHashMap<String, Seen> = FxHashMap::default();
    let mut order = 0;
    let mut keys = Keys::default();
    // The terms of the body's words, document after document.
    let mut ids = a.map_or(&[][..], |a| a.words.as_slice());
    for doc in docs {
        let text = doc.text.as_str();
        let title = Words {
            text,
            spans: &doc.title_words,
            terms: None,
        };
        sentence(&title, &mut seen, &mut order, &mut keys);
        for s in &doc.sentences {
            let terms = a.map(|a| {
                let (mine, rest) = ids.split_at(s.words.len());
                ids = rest;
                (a, mine)
            });
            let words = Words {
                text,
                spans: &s.words,
                terms,
            };
            sentence(&words, &mut seen, &mut order, &mut keys);
        }
    }
    // A country the documents also call a person by, whose whole name
    // they write (`luật sư Đức` beside `Nguyễn Văn Đức`), is the person.
    let given: FxHashSet<String> = seen
        .iter()
        .filter(|(k, s)| s.votes[0] > 0 && k.contains(' '))
        .filter_map(|(k, _)| k.rsplit(' ').next().map(str::to_string))
        .collect();
    for (k, s) in seen.iter_mut() {
        if s.countries > 0 && given.contains(k) {
            s.votes[2] -= s.countries;
            s.votes[0] += s.countries;
        } else if s.between > 0 {
            s.votes[2] += s.votes[0];
            s.votes[0] = 0;
        }
    }
    let mut names: Vec<(Name, usize)> = seen
        .into_values()
        .filter_map(|s| {
            // A name only ever written in capitals, of two Vietnamese
            // syllables or more, is a heading's words (`ĐÀO TẠO`, `HỒ SƠ`):
            // capitals there prove nothing. Abbreviations (`UBND TP.HCM`)
            // are capitals anyway.
            let cased = |f: &(String, usize)| f.0.chars().any(is_lowercase);
            let spoken = |f: &str| f.split(' ').filter(|w| crate::vi::is_syllable(w)).count() >= 2;
            if !s.forms.iter().any(cased) && spoken(&s.forms[0].0) {
                return None;
            }
            let best = (0..3).max_by_key(|&k| (s.votes[k], std::cmp::Reverse(k)))?;
            let kind = if s.votes[best] > 0 {
                [NameKind::Person, NameKind::Organization, NameKind::Place][best]
            } else {
                let form = &s.forms[0].0;
                let syl = form.split(' ').count();
                let first = canonical(form.split(' ').next().unwrap_or_default());
                if (2..=4).contains(&syl) && sets().of(&first) & list::SURNAME != 0 {
                    NameKind::Person
                } else {
                    return None;
                }
            };
            // The most common form, one not in capitals before any in
            // capitals, the first among equals.
            let mut text = &s.forms[0];
            for f in &s.forms[1..] {
                if (cased(f), f.1) > (cased(text), text.1) {
                    text = f;
                }
            }
            // An organization's name is what follows its head noun
            // (`trường File` beside `file`).
            // (`trường File` beside `file`), the name of a magazine or a
            // club as often a plural (`Time`, `Robotics`).
            let (named, endings) = match kind {
                NameKind::Organization => (after_head(&text.0), false),
                _ => (text.0.as_str(), true),
            };
            if common_word(docs, named, endings) {
                return None;
            }
            let mut text = text.0.clone();
            if kind == NameKind::Organization {
                let tail = shared_tail(&s.tails, s.count);
                if !tail.is_empty() {
                    text.push(' ');
                    text.push_str(tail);
                }
            }
            Some((
                Name {
                    text,
                    kind,
                    count: s.count,
                },
                s.first,
            ))
        })
        .collect();
    // One syllable that opens a longer name of the same kind said as
    // often or more is that name cut at a line's end (`tỉnh Trà | Vinh`).
    let cut: Vec<bool> = names
        .iter()
        .map(|(n, _)| {
            !n.text.contains(' ')
                && names.iter().any(|(m, _)| {
                    m.kind == n.kind
                        && m.count >= n.count
                        && m.text.len() > n.text.len()
                        && m.text.starts_with(n.text.as_str())
                        && m.text.as_bytes()[n.text.len()] == b' '
                })
        })
        .collect();
    let mut cut = cut.into_iter();
    names.retain(|_| !cut.next().unwrap_or(false));
    // An organization named again with its name cut at a joint (`Bộ Giáo
    // dục | và Đào tạo`, `Bộ Văn hoá | - Thông tin`, a line's end or a
    // short mention) or without its country (`Mặt trận Tổ quốc | Việt
    // Nam`) is the whole name: one body, its counts together.
    let whole: Vec<Option<usize>> = names
        .iter()
        .map(|(n, _)| {
            (n.kind == NameKind::Organization)
                .then(|| {
                    names.iter().position(|(m, _)| {
                        m.kind == n.kind
                            && m.text.strip_prefix(n.text.as_str()).is_some_and(|rest| {
                                [" và ", " - ", " – ", " Việt Nam"]
                                    .iter()
                                    .any(|j| rest.starts_with(j))
                            })
                    })
                })
                .flatten()
        })
        .collect();
    for (i, w) in whole.iter().enumerate() {
        if let Some(mut j) = *w {
            // The longest: each step is a longer name, so the walk ends.
            while let Some(k) = whole[j] {
                j = k;
            }
            names[j].0.count += names[i].0.count;
            names[j].1 = names[j].1.min(names[i].1);
            names[i].0.count = 0;
        }
    }
    names.retain(|(n, _)| n.count > 0);
    names.sort_by(|a, b| b.0.count.cmp(&a.0.count).then(a.1.cmp(&b.1)));
    names.truncate(MAX_NAMES);
    names.into_iter().map(|(n, _)| n).collect()
}

/// The words of a sentence (or title), with their terms in the analysis
/// when it is at hand.
struct Words<'a> {
    text: &'a str,
    spans: &'a [Span],
    terms: Option<(&'a Analysis, &'a [u32])>,
}

impl Words<'_> {
    /// Appends the [`canonical`] key of word `i` to `out`. A term's key is
    /// the canonical key of its words unless the English stemmer made it
    /// (`Lexicon::key_of`), and a stem is ASCII: a key with another byte
    /// is taken as it is, with no work. The others (ASCII keys, which
    /// cost little; words with no term; a title's words) are worked out.
    fn key_into(&self, i: usize, out: &mut String) {
        if let Some((a, terms)) = self.terms {
            let id = terms[i];
            if id != NONE {
                let key = a.key(&a.terms[id as usize]);
                if !key.is_ascii() {
                    out.push_str(key);
                    return;
                }
            }
        }
        canonical_into(self.spans[i].of(self.text), out);
    }
}

/// Counts the names of one sentence's words.
fn sentence(
    sentence: &Words<'_>,
    seen: &mut FxHashMap<String, Seen>,
    order: &mut usize,
    k: &mut Keys,
) {
    let (text, words) = (sentence.text, sentence.spans);
    let sets = sets();
    // A capital that opens a sentence proves nothing: no cue stands before
    // the first word. Words before `next` are read (an organization's name
    // can take the words after it).
    let mut next = 1;
    for (i, w) in words.iter().enumerate().skip(1) {
        if i < next {
            continue;
        }
        // Most words start in lower case: nothing else to look at, and
        // most of those with a byte of ASCII that is no capital, told
        // without the word.
        let lead = text.as_bytes().get(w.start).copied().unwrap_or(0);
        if lead.is_ascii() && !lead.is_ascii_uppercase() {
            continue;
        }
        if !w.of(text).chars().next().is_some_and(is_uppercase) {
            continue;
        }
        // A name the segmenter cut at its hyphens (`Căm-pu-chi-a`, `Kim
        // Jong-un`) is the whole run, not its first syllables.
        let mut w = *w;
        k.key.clear();
        if let Some(end) = hyphenated(text, w.end) {
            next = i + words[i..].iter().take_while(|x| x.start < end).count();
            w.end = end;
            canonical_into(w.of(text), &mut k.key);
        } else {
            sentence.key_into(i, &mut k.key);
        }
        let form = w.of(text);
        // A head noun or a title written with a capital (`Bộ`, `Tỉnh
        // ủy`) is a cue, not a name; a part's label (`tại Điều 5`) is none.
        let own = sets.of(&k.key);
        if own & (list::CUE | list::LABEL | list::LEGAL) != 0
            || TITLE_HALVES.contains(&k.key.as_str())
        {
            continue;
        }
        // One word before a number labels a part or a step (`ở Stage 1`,
        // `Layer 4`, `tại Mục II`), whatever the cue.
        if !k.key.contains(' ') && words.get(i + 1).is_some_and(|n| is_number(n.of(text))) {
            continue;
        }
        // The keys of the word before and of the two before it, and what
        // they are; before a company's legal form, those before it (`Công
        // ty TNHH Quang Khải`): the cue ends before word `c`.
        let mut c = i;
        let mut one;
        loop {
            k.one.clear();
            sentence.key_into(c - 1, &mut k.one);
            one = sets.of(&k.one);
            if c < 2 || one & list::LEGAL == 0 {
                break;
            }
            c -= 1;
        }
        // A title, its country, then a name (`Tổng thống Mỹ | Donald
        // Trump`, `Ngoại trưởng Iran | Abbas Araghchi`, a country the
        // lists do not hold): the title is the name's cue.
        if c >= 2
            && (one & (list::KNOWN_PLACE | list::GIVEN_NAME_COUNTRY) != 0
                || c == i
                    && one & (list::CUE | list::LABEL | list::ENDS_ENTRY) == 0
                    && is_cased_name(words[c - 1].of(text)))
            && words[c - 1].of(text).starts_with(is_uppercase)
        {
            let mut title = String::new();
            sentence.key_into(c - 2, &mut title);
            let cue = sets.of(&title);
            if cue & list::PERSON != 0 && cue & list::ADDRESS == 0 {
                c -= 1;
                k.one = title;
                one = cue;
            }
        }
        let mut two = 0;
        if c >= 2 && one & list::ENDS_ENTRY != 0 {
            k.two.clear();
            sentence.key_into(c - 2, &mut k.two);
            k.two.push(' ');
            k.two.push_str(&k.one);
            two = sets.of(&k.two);
        }
        let either = two | one;
        let is = |bit: u16| either & bit != 0;
        // Worked out only where a rule asks (most words are told apart
        // without it), syllables counted before the surname is looked up.
        let surname = || {
            (2..=4).contains(&form.split(' ').count())
                && sets.of(k.key.split(' ').next().unwrap_or_default()) & list::SURNAME != 0
        };
        let organization = is(list::ORGANIZATION);
        // A cue opening a sentence of capitalized words only (a table's
        // header row, `Trường Kiểu dữ liệu Mặc định`) proves nothing: any
        // word there has a capital.
        if c == back_of(two) && all_capitalized(sentence) {
            continue;
        }
        // One syllable the documents mostly use as a function word (`con
        // Theo quy trình`, a sentence's end lost): a preposition or an
        // adverb, no given name.
        if !form.contains(' ') && function_word(sentence, i) {
            continue;
        }
        // An organization's name needs only its first capital (`Bộ Quốc
        // phòng`); others all of them.
        if !(is_name_word(form) || (organization && !surname())) {
            continue;
        }
        // A ministry is named in Vietnamese: `bộ` before a foreign word is
        // a set or a part (`bộ Projector`, `bộ Microsoft Office`), and so
        // is `bộ` before an abbreviation unless its capital says a name
        // (`Bộ TTTT`, not `bộ PID` nor `Kết quả: Bộ PID`). A sentence's
        // first word is taken at its word: ministries open sentences.
        if k.one == "bộ"
            && two & list::ORGANIZATION == 0
            && !form.split(' ').all(crate::vi::is_syllable)
            && (!abbreviation(form) || !capital_cue(sentence, c - 1))
        {
            continue;
        }
        // A title, a one-word name, then another name (`Tổng thống Iran
        // | Masoud Pezeshkian`): the segmenter keeps a country apart from
        // the name after it, so the first names the title's country.
        let between = is(list::PERSON)
            && !is(list::ADDRESS)
            && is_cased_name(form)
            && words
                .get(i + 1)
                .is_some_and(|x| x.start > w.end && is_cased_name(x.of(text)));
        let country = (own & list::GIVEN_NAME_COUNTRY != 0 || between)
            && is(list::PERSON)
            && !is(list::ADDRESS);
        let known = own & list::KNOWN_PLACE != 0 || country;
        // The head noun written before the name, when it is an
        // organization's.
        let back = back_of(two);
        let head = words[c - back];
        let (kind, start) = if known && !organization {
            // `nông dân Nghệ An`, `bạn Lào`: the cue is a common noun.
            (Some(2), w.start)
        } else if known
            && is(list::GENERIC_HEAD)
            // All in lower case (`trường Đại học Phú Yên` is one), but a
            // capital that opens the sentence proves nothing.
            && words[c - back..c]
                .iter()
                .enumerate()
                .all(|(j, h)| (j == 0 && c == back) || !h.of(text).starts_with(is_uppercase))
        {
            // Firms of a place in general: `doanh nghiệp Việt Nam`.
            (Some(2), w.start)
        } else if organization && surname() {
            // A title and a name: `Tỉnh ủy Nguyễn Đình Trung`.
            (Some(0), w.start)
        } else if organization {
            // The head noun is part of the name: `Công ty Becamex`.
            (Some(1), head.start)
        } else if is(list::PERSON) {
            // A word that opens with an organization's head noun (`Bộ
            // Quốc`, joined by the segmenter when a scan misspelt `phòng`)
            // is no person's name.
            let first = k.key.split(' ').next().unwrap_or_default();
            let headed = k.key.contains(' ')
                && first != "trường"
                && sets.of(first) & list::ORGANIZATION != 0;
            (if headed { None } else { Some(0) }, w.start)
        } else if k.one == "miền" && COMPASS.contains(&k.key.as_str()) {
            // A region named with its noun: `miền Trung`.
            (Some(2), words[c - 1].start)
        } else if is(list::PLACE)
            && surname()
            && (!is(list::NAMED_AFTER) || (titled(sentence, c, two, k) && !named_city(&k.key)))
        {
            // An officer of a province (`tỉnh Nguyễn Đình Trung`): places
            // named after people are streets and cities, unless a title
            // stands before the place's noun (`Phó Chủ tịch UBND thành phố
            // Trần Thị Mai`).
            (Some(0), w.start)
        } else if is(list::PLACE) {
            (Some(2), w.start)
        } else {
            (None, w.start)
        };
        let (end, after) = if kind == Some(1) && start != w.start {
            let (mut end, mut after) = joined_parts(sentence, i, k);
            // After a legal form the company's name goes on over the
            // capitalized words that follow (`Công ty CP Xi măng Vicem Bút
            // Sơn`): a trade, then a brand.
            if c < i && after == i + 1 {
                while let Some(x) = words.get(after) {
                    k.form.clear();
                    sentence.key_into(after, &mut k.form);
                    if !x.of(text).starts_with(is_uppercase)
                        || sets.of(&k.form) & (list::CUE | list::LABEL) != 0
                    {
                        break;
                    }
                    end = x.end;
                    after += 1;
                }
            }
            // A national body's name ends with its country's (`Đài Tiếng
            // nói Việt Nam`, `Hội Nông dân Việt Nam`), which the segmenter
            // keeps apart as a name of its own.
            if let Some(x) = words.get(after).filter(|x| x.of(text) == "Việt Nam") {
                end = x.end;
                after += 1;
            }
            next = after;
            (end, Some(after))
        } else {
            (w.end, None)
        };
        let form = &text[start..end];
        // The word's own key, or the key with its head noun.
        let key = if start == w.start {
            k.key.as_str()
        } else {
            k.form.clear();
            canonical_into(form, &mut k.form);
            k.form.as_str()
        };
        let s = entry(seen, order, key);
        s.note(form, kind);
        if country && kind == Some(2) {
            s.countries += 1;
        }
        if between && kind == Some(2) {
            s.between += 1;
        }
        if let Some(after) = after {
            s.tails.push(tail_of(sentence, after, k));
        }
    }
}

/// What is kept of the name of `key`, made at its first sight.
fn entry<'s>(seen: &'s mut FxHashMap<String, Seen>, order: &mut usize, key: &str) -> &'s mut Seen {
    if !seen.contains_key(key) {
        *order += 1;
        seen.insert(
            key.to_string(),
            Seen {
                first: *order,
                ..Seen::default()
            },
        );
    }
    seen.get_mut(key).expect("inserted")
}

impl Seen {
    /// Counts one occurrence written `form`, with the vote of its cue.
    fn note(&mut self, form: &str, kind: Option<usize>) {
        self.count += 1;
        if let Some(k) = kind {
            self.votes[k] += 1;
        }
        match self.forms.iter_mut().find(|f| f.0 == form) {
            Some(f) => f.1 += 1,
            None => self.forms.push((form.to_string(), 1)),
        }
    }
}

/// Where the run of syllables joined by hyphens that goes on at `at`
/// ends (`-pu-chi-a` after `Căm`), when one goes on there.
fn hyphenated(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut chars = rest.chars();
    if chars.next() != Some('-') || !chars.next().is_some_and(is_lowercase) {
        return None;
    }
    let len = rest
        .find(|c: char| c != '-' && !is_alphabetic(c))
        .unwrap_or(rest.len());
    Some(at + len)
}

/// Whether `name` is English common words set with a capital, as the
/// documents show (not a foreign name: `Ukraine`, `Goetz`):
/// - one word they also write in lower case (`tại Layout`, `đường Loss`
///   beside `layout`, `loss`);
/// - with `endings`, one word they also write with an English ending
///   (`Callout` beside `Callouts`) or without `-ing`, `-ed` (`Drawing`
///   beside `Draw`); not without an `-s`, which many places' names end
///   with (`Philippines` beside `Philippine`);
/// - words they write as an item of a menu's path or a list joined by
///   slashes (`Insert/Picture/Clip Art`, `Train/Val/Test`).
///
/// A Vietnamese syllable (`Nam`, `Mai`) is a given name as often as a
/// word, and a word with a letter off ASCII is no English word.
fn common_word(docs: &[Document], name: &str, endings: bool) -> bool {
    if !name.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') || name.is_empty() {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let vietnamese = |s: &str| crate::vi::is_ascii_syllable(s) && !glide_closed(s);
    if lower.split(' ').all(vietnamese) {
        return false;
    }
    let slashed =
        |before: Option<char>, after: Option<char>| before == Some('/') || after == Some('/');
    if written(docs, name, slashed) {
        return true;
    }
    if name.contains(' ') {
        return false;
    }
    let any = |_: Option<char>, _: Option<char>| true;
    // The lower case alone, and with an English ending where `endings`
    // asks: each such word opens with `lower`, whose places in the text
    // are found once for them all (a search of the text a form cost more
    // than the rest of the names stage on foreign names, issue 13).
    const ENDINGS: [&str; 3] = ["s", "ing", "ed"];
    let lower_forms: &[&str] = if endings {
        &["", ENDINGS[0], ENDINGS[1], ENDINGS[2]]
    } else {
        &[""]
    };
    if written_with(docs, &lower, lower_forms, any) {
        return true;
    }
    if !endings {
        return false;
    }
    // As written, with an ending; then without `-ing`, `-ed`.
    written_with(docs, name, &ENDINGS, any)
        || ["ing", "ed"]
            .iter()
            .filter_map(|e| name.strip_suffix(e))
            .filter(|stem| stem.len() >= 3)
            .any(|stem| written(docs, stem, any) || written(docs, &stem.to_ascii_lowercase(), any))
}

/// Whether the documents write `word` as a whole word, not in a web or
/// e-mail address (`microsoft.com`, `www.google`, `@gmail`), where
/// `near` holds for the characters before and after it.
fn written(
    docs: &[Document],
    word: &str,
    near: impl Fn(Option<char>, Option<char>) -> bool,
) -> bool {
    written_with(docs, word, &[""], near)
}

/// [`written`] for any of the words `word` followed by one of `endings`
/// (`""` for `word` alone), in one search for `word`. A word that starts
/// inside an earlier occurrence of `word` (which the search passes over)
/// follows one of its characters: no whole word, when they are letters.
fn written_with(
    docs: &[Document],
    word: &str,
    endings: &[&str],
    near: impl Fn(Option<char>, Option<char>) -> bool,
) -> bool {
    let finder = memchr::memmem::Finder::new(word.as_bytes());
    docs.iter().any(|d| {
        let text = d.text.as_str();
        finder.find_iter(text.as_bytes()).any(|at| {
            let before = text[..at].chars().next_back();
            let end = at + word.len();
            endings.iter().any(|e| {
                if !text[end..].starts_with(e) {
                    return false;
                }
                let rest = &text[end + e.len()..];
                let after = rest.chars().next();
                let address = matches!(before, Some('.' | '@'))
                    || (after == Some('.')
                        && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()));
                !before.is_some_and(crate::vi::is_alphanumeric)
                    && !after.is_some_and(crate::vi::is_alphanumeric)
                    && !address
                    && near(before, after)
            })
        })
    })
}

/// Whether the ASCII syllable `s` closes a vowel group that ends in a
/// glide with a consonant (`train`: `ai` then `n`), which no Vietnamese
/// syllable does (`tai`, `tan`, but no `tain`); `uy`, `uo` (`ươ`) and
/// `oo` take one (`huynh`, `duong`, `xoong`).
fn glide_closed(s: &str) -> bool {
    let b = s.as_bytes();
    let vowel = |c: &u8| b"aeiouy".contains(c);
    let Some(v) = b.iter().position(vowel) else {
        return false;
    };
    let n = b[v..].iter().take_while(|c| vowel(c)).count();
    let group = &b[v..v + n];
    // `qu` and `gi` open with a vowel letter (`quy`, `gia`).
    let group = match (v.checked_sub(1).map(|p| b[p]), group.first()) {
        (Some(b'q'), Some(b'u')) | (Some(b'g'), Some(b'i')) if group.len() > 1 => &group[1..],
        _ => group,
    };
    group.len() >= 2
        && b"iyou".contains(&group[group.len() - 1])
        && !matches!(group, b"uy" | b"uo" | b"oo")
        && v + n < b.len()
}

/// The part of an organization's name after its head noun (`File` of
/// `trường File`), or the whole when no head noun opens it.
fn after_head(name: &str) -> &str {
    let sets = sets();
    let mut rest = name;
    // The longest opening of one to three syllables that is a head noun.
    for (at, _) in name.match_indices(' ').take(3) {
        if sets.of(&canonical(&name[..at])) & list::ORGANIZATION != 0 {
            rest = &name[at + 1..];
        }
    }
    rest
}

/// Halves of a title that the segmenter may leave on their own, written
/// with a capital (`Trưởng` of `Trưởng phòng`, `Phó` of `Phó Giám đốc`):
/// never a name, nor a cue alone (`Trưởng Khoa`, `Trưởng Hạt` name units).
const TITLE_HALVES: &[&str] = &["trưởng", "phó"];

/// Where an organization's name whose first part is word `i` ends: past
/// `và` or a dash, or the commas of a list that a `và` ends, while a part
/// of its kind follows each ([`name_part`]): `Bộ Giáo dục và Đào tạo`,
/// `Bộ Văn hóa, Thể thao và Du lịch`, `Bộ Lao động - Thương binh và Xã
/// hội`, `Sở TN - MT`. `Sở Tài chính và Sở Nội vụ` are two names, and so
/// are `ngân hàng Bangladesh và TPBank`. Gives the end and the index of
/// the word after it.
fn joined_parts(sentence: &Words<'_>, i: usize, k: &mut Keys) -> (usize, usize) {
    let (text, words) = (sentence.text, sentence.spans);
    let (mut last, mut j, mut listed) = (i, i + 1, false);
    while j + 1 < words.len() {
        let (link, part) = (words[j].of(text), words[j + 1].of(text));
        let dash = matches!(link, "-" | "–");
        let fits = match link {
            "và" | "," => name_part(part),
            // A dash after a list's comma is another list's.
            _ if dash && !listed => {
                name_part(part) || (abbreviation(part) && abbreviation(words[j - 1].of(text)))
            }
            _ => false,
        };
        if !fits {
            break;
        }
        k.form.clear();
        sentence.key_into(j + 1, &mut k.form);
        if sets().of(&k.form) & (list::CUE | list::KNOWN_PLACE | list::LABEL) != 0
            || STANDING_ALONE.contains(&k.form.as_str())
        {
            break;
        }
        // A comma joins only when a `và` comes after it.
        listed = link == ",";
        if !listed {
            last = j + 1;
        }
        j += 2;
    }
    (words[last].end, last + 1)
}

/// The most lower-case words after an organization's name that
/// [`tail_of`] takes.
const TAIL_WORDS: usize = 4;

/// The lower-case words from word `j` on that may go on the name of an
/// organization ending before it: most official names write only their
/// first word after the head noun with a capital (`Trung tâm Quản lý chất
/// lượng`, `Sở Nông nghiệp và Phát triển nông thôn`, `Quỹ Hỗ trợ việc
/// làm ngoài nước`). At most [`TAIL_WORDS`] words, each mostly tagged a
/// noun in the documents, no cue before a name (`Sở Y tế tỉnh Nghệ An` is
/// named after the province), none before a number (`Bộ Tài chính năm
/// 2020`). Their written forms,
/// one space apart; empty without the analysis (it holds the tags) or
/// after a word that is not Vietnamese.
/// Whether they are the name's is for all its occurrences to say (see
/// [`shared_tail`]).
fn tail_of(sentence: &Words<'_>, mut j: usize, k: &mut Keys) -> String {
    let (text, words) = (sentence.text, sentence.spans);
    let mut tail = String::new();
    let Some((a, terms)) = sentence.terms else {
        return tail;
    };
    // The custom is Vietnamese: not after `Alexander` (`van der Bellen`)
    // nor an abbreviation (`Công ty CP`).
    // (Looked at before the first word is taken: most names have none.)
    let vietnamese = |w: &Span| w.of(text).split(' ').all(crate::vi::is_syllable);
    let before = j.checked_sub(1);
    for _ in 0..TAIL_WORDS {
        let Some(w) = words.get(j) else { break };
        let form = w.of(text);
        let id = terms[j];
        if id == NONE
            || !form.chars().next().is_some_and(is_lowercase)
            || words.get(j + 1).is_some_and(|n| is_number(n.of(text)))
        {
            break;
        }
        let t = &a.terms[id as usize];
        if t.nominal < 0.5 * t.tf {
            break;
        }
        k.form.clear();
        sentence.key_into(j, &mut k.form);
        let named_after = || {
            words
                .get(j + 1)
                .is_some_and(|n| n.of(text).chars().next().is_some_and(is_uppercase))
        };
        let of = sets().of(&k.form);
        if of & list::LABEL != 0 || (of & list::CUE != 0 && named_after()) {
            break;
        }
        if !tail.is_empty() {
            tail.push(' ');
        } else if !before.is_some_and(|p| vietnamese(&words[p])) {
            return tail;
        }
        tail.push_str(form);
        j += 1;
    }
    tail
}

/// The lower-case words that every one of an organization's `count`
/// occurrences, two at least, has after it ([`tail_of`]): its name's own
/// (`Trung tâm Quản lý` said nine times, each time with `chất lượng`
/// after it). One occurrence, or one without them, proves nothing.
fn shared_tail(tails: &[String], count: usize) -> &str {
    if count < 2 || tails.len() != count {
        return "";
    }
    let first = tails[0].as_str();
    // The words every other one shares with the first, from the start.
    let shared = tails[1..]
        .iter()
        .map(|t| {
            first
                .split(' ')
                .zip(t.split(' '))
                .take_while(|(x, y)| x == y)
                .count()
        })
        .min()
        .unwrap_or(0);
    let end = first
        .split(' ')
        .take(shared)
        .map(|w| w.len() + 1)
        .sum::<usize>();
    &first[..end.saturating_sub(1)]
}

/// Organizations named without a head noun, never a part of another's
/// name: `Mặt trận Tổ quốc và Chính phủ` are two.
const STANDING_ALONE: &[&str] = &["chính phủ", "quốc hội", "thanh tra", "nhà nước"];

/// Whether `w` can go on an organization's name after `và` or a dash: a
/// word of two syllables or more in sentence case (`Đào tạo`, `Thú y`,
/// `Công ty cổ phần`), not a brand or a foreign name (`TPBank`,
/// `Novosti`) nor one syllable, which is as often a place (`Huế`).
fn name_part(w: &str) -> bool {
    let mut syllables = w.split(' ');
    let first = syllables.next().unwrap_or_default();
    let mut chars = first.chars();
    chars.next().is_some_and(is_uppercase)
        && chars.all(is_lowercase)
        && w.contains(' ')
        && syllables.all(|s| !s.is_empty() && s.chars().all(is_lowercase))
}

/// How many words the cue before a name is: two when `two` says the two
/// words make an organization's head noun.
fn back_of(two: u16) -> usize {
    if two & list::ORGANIZATION != 0 {
        2
    } else {
        1
    }
}

/// Whether the sentence is capitalized words, three at least, each
/// followed by one lower-case word at most, without a mark (a table's
/// header row of cells in sentence case: `Trường | Kiểu dữ liệu | Mặc
/// định`; a heading in title case).
fn all_capitalized(sentence: &Words<'_>) -> bool {
    let text = sentence.text;
    let (mut n, mut after_capital) = (0, false);
    for w in sentence.spans {
        let f = w.of(text);
        match f.chars().next() {
            Some(c) if is_uppercase(c) => {
                n += 1;
                after_capital = true;
            }
            Some(c) if is_alphabetic(c) => {
                if !after_capital {
                    return false;
                }
                after_capital = false;
            }
            _ => return false,
        }
    }
    n >= 3
}

/// Whether word `i`, of one syllable, is a term the documents mostly tag
/// a function word (an adposition, an adverb: `theo`, `trong`).
fn function_word(sentence: &Words<'_>, i: usize) -> bool {
    sentence.terms.is_some_and(|(a, terms)| {
        terms.get(i).is_some_and(|&id| {
            id != NONE && {
                let t = &a.terms[id as usize];
                t.mostly(t.function)
            }
        })
    })
}

/// Whether `w` is an abbreviation in capitals (`TN`, `MT`, `GD`).
fn abbreviation(w: &str) -> bool {
    (2..=6).contains(&w.chars().count()) && w.chars().all(is_uppercase)
}

/// A name word with a letter in lower case (`Iran`, `Hàn Quốc`,
/// `Abbas`; not `UBND`): what a country between a title and a name looks
/// like, and the name after it.
fn is_cased_name(f: &str) -> bool {
    is_name_word(f) && f.chars().any(is_lowercase)
}

/// Is word `j` written with a capital that says a name: not the first
/// after a colon, a dash or a bullet (where the capital opens a clause,
/// `Kết quả: Bộ PID đạt ...`)?
fn capital_cue(sentence: &Words<'_>, j: usize) -> bool {
    let form = |k: usize| sentence.spans[k].of(sentence.text);
    // The text before the word, past spaces: a sentence may start after a
    // colon.
    let before = sentence.text[..sentence.spans[j].start]
        .trim_end()
        .chars()
        .next_back();
    form(j).starts_with(is_uppercase) && !matches!(before, Some(':' | '-' | '–' | '•'))
}

/// Whether a person's title stands among the three words before the
/// place noun that ends before word `i` (one word, two when `two` says
/// the two before `i` make the noun).
fn titled(sentence: &Words<'_>, i: usize, two: u16, k: &mut Keys) -> bool {
    let noun = if two & list::PLACE != 0 { 2 } else { 1 };
    let Some(end) = i.checked_sub(noun) else {
        return false;
    };
    (end.saturating_sub(3)..end).any(|j| {
        k.form.clear();
        sentence.key_into(j, &mut k.form);
        sets().of(&k.form) & list::PERSON != 0
    })
}

/// Whether `key` is a city named after a person (`hồ chí minh`).
fn named_city(key: &str) -> bool {
    key == "hồ chí minh"
}

/// Whether `w` is a number: figures (`12`, `2.1`) or a roman one in
/// capitals (`II`).
fn is_number(w: &str) -> bool {
    let figures = w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let roman = !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b"IVXLC".contains(&b));
    figures || roman
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_parts_are_no_names_and_named_places_stay_places() {
        // Written for this test: a decree's references (`tại Điều 5`,
        // `theo Luật này`), a thesis's steps (`ở Stage 1`), provinces and
        // a country after a person's cue, an officer after a city's noun.
        let text = "Nghị định về lương hưu\n\n\
            Đối tượng quy định tại Điều 5 và tại Khoản 2 được hưởng theo Luật này. \
            Người nghỉ hưu từ quỹ của nông dân Nghệ An được điều chỉnh. \
            Quân nhân giúp bạn Lào sau năm 1975 được hưởng trợ cấp. \
            Mô hình học ở Stage 1 rồi ở Stage 2 như trình bày ở Bảng 3. \
            Phó Chủ tịch UBND thành phố Trần Thị Mai và ông Lê Văn Hùng dự họp tại thành phố Hồ Chí Minh.";
        let got = names(text);
        for label in ["Điều", "Khoản", "Luật", "Stage", "Bảng"] {
            assert!(got.iter().all(|n| n.0 != label), "{label}: {got:?}");
        }
        assert_kind(&got, "Nghệ An", NameKind::Place);
        assert_kind(&got, "Lào", NameKind::Place);
        assert_kind(&got, "Trần Thị Mai", NameKind::Person);
        assert_kind(&got, "Lê Văn Hùng", NameKind::Person);
        assert_kind(&got, "Hồ Chí Minh", NameKind::Place);
    }

    #[test]
    fn the_forms_of_address_open_the_person_cues() {
        assert_eq!(ADDRESS_CUES.first(), Some(&"ông"));
        assert_eq!(ADDRESS_CUES.last(), Some(&"bạn"));
        assert_eq!(PERSON_CUES[ADDRESS_CUES.len()], "chủ tịch");
    }

    #[test]
    fn a_title_and_its_country_name_the_person_after_them() {
        // Written for this test: a country between a title and a foreign
        // name is a place of its own, and the name a person.
        let got = names(
            "Tổng thống Hàn Quốc Park Geun-hye đã tiếp Tổng thống Mỹ Barack Obama. \
             Hai bên bàn về thương mại. Thủ tướng Nga Dmitry Medvedev cũng tới Seoul.",
        );
        assert_kind(&got, "Hàn Quốc", NameKind::Place);
        assert_kind(&got, "Park Geun-hye", NameKind::Person);
        assert_kind(&got, "Barack Obama", NameKind::Person);
        assert_kind(&got, "Dmitry Medvedev", NameKind::Person);
        assert!(
            got.iter()
                .all(|n| !n.0.starts_with("Hàn Quốc ") && !n.0.starts_with("Mỹ ")),
            "{got:?}"
        );
    }

    #[test]
    fn a_country_that_is_a_given_name_is_a_place_after_a_title() {
        // Written for this test: `Mỹ` and `Nga` after a president's and a
        // journalist's title, and `Nga` as a woman's name after `chị`.
        let text = "Tin quốc tế\n\n\
            Tổng thống Mỹ đã tới thăm Hà Nội. Nhiều nhà báo Nga đưa tin về chuyến thăm. \
            Thủ tướng Mỹ nói về hợp tác. Sau đó chị Nga kể lại buổi đón tiếp cho chị Nga khác. \
            Ông Nguyễn Văn Đức làm chứng, và luật sư Đức bày tỏ ý kiến.";
        let got = names(text);
        assert_kind(&got, "Mỹ", NameKind::Place);
        // The whole name is written: the lawyer's.
        assert_kind(&got, "Đức", NameKind::Person);
        let nga: Vec<_> = got.iter().filter(|n| n.0 == "Nga").collect();
        assert_eq!(nga.len(), 1, "{got:?}");
        assert_kind(&got, "Nga", NameKind::Person);
    }

    #[test]
    fn an_organization_runs_over_its_parts_and_headings_in_capitals_are_no_names() {
        // Written for this test.
        let text = "Thông báo về đào tạo\n\n\
            BỘ GIÁO DỤC VÀ ĐÀO TẠO TRUNG TÂM TIN HỌC\n\n\
            Công văn gửi Bộ Giáo dục và Đào tạo về việc kiểm tra. \
            Sở Văn hóa, Thể thao và Du lịch cùng Bộ Lao động - Thương binh và Xã hội phối hợp. \
            Sở TN - MT báo cáo Sở Tài chính và Sở Nội vụ. \
            Ngân hàng Bangladesh và TPBank ký kết với Mặt trận Tổ quốc và Chính phủ. \
            Các nút nằm tại Layout của trang, mỗi layout một tên. \
            Đoàn công tác làm việc tại Ukraine.";
        let got = names(text);
        let texts: Vec<&str> = got.iter().map(|n| n.0.as_str()).collect();
        for whole in [
            "Bộ Giáo dục và Đào tạo",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Bộ Lao động - Thương binh và Xã hội",
            "Sở TN - MT",
            "Sở Tài chính",
            "Sở Nội vụ",
            "Ngân hàng Bangladesh",
            "Mặt trận Tổ quốc",
        ] {
            assert_kind(&got, whole, NameKind::Organization);
        }
        // Headings' capitals (`ĐÀO TẠO` opens with a surname), and an
        // English word the text also writes in lower case.
        for no in ["ĐÀO TẠO", "TRUNG TÂM TIN HỌC", "Layout"] {
            assert!(!texts.contains(&no), "{no}: {got:?}");
        }
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("TPBank") || t.contains("Chính phủ")),
            "{got:?}"
        );
        assert_kind(&got, "Ukraine", NameKind::Place);
    }

    #[test]
    fn an_organization_takes_the_lower_case_words_every_mention_has() {
        // Written for this test: a centre always named with `việc làm`
        // after it, a fund once without its tail, a department named
        // after its province, a ministry before a year, a foreign party.
        let text = "Kế hoạch tuyển dụng lao động\n\n\
            Trung tâm Dịch vụ việc làm thực hiện việc lấy mẫu ở các xã. \
            Các xã gửi mẫu về Trung tâm Dịch vụ việc làm trước mùa mưa. \
            Kết quả được Trung tâm Dịch vụ việc làm công bố hằng tháng. \
            Quỹ Bảo trợ trẻ em hỗ trợ kinh phí cho các xã. \
            Các xã nhận tiền từ Quỹ Bảo trợ và báo cáo lại. \
            Sở Y tế tỉnh Nghệ An phối hợp với Sở Y tế tỉnh Hà Tĩnh. \
            Kế hoạch gửi Bộ Tài chính năm 2025 và Bộ Tài chính năm 2026. \
            Ông Alexander thuộc đảng Xanh Alexander van der Bellen phát biểu. \
            Đảng Xanh Alexander van der Bellen ủng hộ kế hoạch.";
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        let summary = engine
            .summarize(std::slice::from_ref(&doc), &crate::Options::default())
            .unwrap();
        let got: Vec<(String, NameKind, usize)> = summary
            .names
            .into_iter()
            .map(|n| (n.text, n.kind, n.count))
            .collect();
        assert_kind(&got, "Trung tâm Dịch vụ việc làm", NameKind::Organization);
        for whole in ["Quỹ Bảo trợ", "Sở Y tế", "Bộ Tài chính"] {
            assert_kind(&got, whole, NameKind::Organization);
        }
        assert!(!got.iter().any(|n| n.0.ends_with(" van")), "{got:?}");
        // Without the analysis (its tags), no tail.
        assert_kind(&names(text), "Trung tâm Dịch vụ", NameKind::Organization);
        // Half a title the segmenter left alone is no name.
        let titled = names("Báo cáo\n\nCông văn gửi đồng chí Trưởng các phòng ban để chỉ đạo.");
        assert!(titled.is_empty(), "{titled:?}");
    }

    #[test]
    fn a_legal_form_goes_with_its_head_and_a_head_alone_is_no_name() {
        // Written for this test: companies and a bank named after their
        // legal form, and the form with no name after it.
        let text = "Hợp đồng giao hàng\n\n\
            Công văn gửi Công ty TNHH Quang Khải về việc giao hàng. \
            Sau đó Công ty TNHH MTV Hòa Phát nhận hàng. \
            Mỗi Công ty TNHH một thành viên phải báo cáo. \
            Tiền gửi qua Ngân hàng TMCP Ngoại thương và công ty cổ phần Vicem Bút Sơn. \
            Giám đốc Công ty CP Xi măng Hoàng Long ký với Sở Tài chính.";
        let got = names(text);
        for whole in [
            "Công ty TNHH Quang Khải",
            "Công ty TNHH MTV Hòa Phát",
            "Ngân hàng TMCP Ngoại thương",
            "công ty cổ phần Vicem Bút Sơn",
            // A trade, then a brand.
            "Công ty CP Xi măng Hoàng Long",
            "Sở Tài chính",
        ] {
            assert_kind(&got, whole, NameKind::Organization);
        }
        for cue in ["Công ty TNHH", "Ngân hàng TMCP"] {
            assert!(got.iter().all(|n| n.0 != cue), "{cue}: {got:?}");
        }
    }

    #[test]
    fn firms_of_a_place_in_general_name_the_place_and_a_set_is_no_ministry() {
        // Written for this test: head nouns in lower case before a country
        // and a city, one that opens its sentence, a university named
        // after its province, and `bộ` as a set of things.
        let text = "Luật đầu tư\n\n\
            Chỉ doanh nghiệp Việt Nam được nhận thầu. \
            Nhiều doanh nghiệp Nhật Bản và các hãng ở khu vực trung tâm TPHCM cũng tham gia. \
            Doanh nghiệp Việt Nam phải nộp thuế. \
            Sinh viên trường Đại học Phú Yên đến thăm. \
            Lớp học dùng bộ Projector để chiếu ảnh và bộ Microsoft Office để soạn thảo, \
            theo hướng dẫn của Bộ Tài chính.";
        let got = names(text);
        for place in ["Việt Nam", "Nhật Bản", "TPHCM"] {
            assert_kind(&got, place, NameKind::Place);
        }
        assert_kind(&got, "trường Đại học Phú Yên", NameKind::Organization);
        assert_kind(&got, "Bộ Tài chính", NameKind::Organization);
        assert!(
            got.iter()
                .all(|n| !n.0.to_lowercase().starts_with("doanh nghiệp")
                    && !n.0.starts_with("trung tâm")
                    && !n.0.contains("Projector")
                    && !n.0.contains("Microsoft")),
            "{got:?}"
        );
    }

    #[test]
    fn a_name_is_a_whole_run_not_a_piece_of_one() {
        // Written for this test: a ministry misspelt as a scan does (the
        // segmenter joins `Bộ Quốc`), regions named with `miền`, names
        // the segmenter cuts at their hyphens.
        let text = "Báo cáo\n\n\
            Phòng giúp Bộ trưởng Bộ Quốc phỏng thực hiện chức năng quản lý. \
            Mưa lớn ở miền Trung và miền Đông. \
            Ông làm nhiệm vụ quốc tế ở Căm-pu-chi-a. \
            Lãnh đạo Kim Jong-un và ông Kim Jong-un phát biểu.";
        let got = names(text);
        assert_kind(&got, "miền Trung", NameKind::Place);
        assert_kind(&got, "miền Đông", NameKind::Place);
        assert_kind(&got, "Căm-pu-chi-a", NameKind::Place);
        assert_kind(&got, "Kim Jong-un", NameKind::Person);
        for piece in ["Bộ Quốc", "Trung", "Đông", "Căm", "Kim Jong"] {
            assert!(got.iter().all(|n| n.0 != piece), "{piece}: {got:?}");
        }
    }

    #[test]
    fn english_common_words_are_no_names_and_foreign_names_stay() {
        // Written for this test: terms of a thesis and a word processor's
        // guide after nouns that are cues in another sense (`con`, `cụ`
        // of a misspelt `công cụ`, `vùng`, `đối tượng`, `trường`), and
        // foreign names beside them.
        let text = "Báo cáo mô hình\n\n\
            Chia dữ liệu thành tập huấn luyện và tập kiểm tra. \
            Ảnh trong thư mục con Train được tăng cường; mỗi epoch gồm pha train và pha val. \
            Nhấn nút trên thanh cộng cụ Drawing để vẽ, rồi nhấn nút Draw để nhóm. \
            Gõ nội dung vào vùng Callout này, danh sách Callouts hiện ra. \
            Chọn Insert/Picture/Clip Art rồi sửa đối tượng Clip Art đó. \
            Gõ tên vào trường File name rồi lưu file. \
            Sản phẩm của hãng Microsoft có ở www.microsoft.com. \
            Ông Trump gặp ông Obama tại Philippines, gần quần đảo Philippine.";
        let got = names(text);
        for term in ["Train", "Drawing", "Callout", "Clip Art", "trường File"] {
            assert!(got.iter().all(|n| n.0 != term), "{term}: {got:?}");
        }
        assert_kind(&got, "hãng Microsoft", NameKind::Organization);
        assert_kind(&got, "Trump", NameKind::Person);
        assert_kind(&got, "Obama", NameKind::Person);
        assert_kind(&got, "Philippines", NameKind::Place);
        // `train` is no Vietnamese syllable (`ai` takes no final), `Nam`
        // and `huynh` are.
        assert!(glide_closed("train") && !glide_closed("nam") && !glide_closed("huynh"));
    }

    /// [`names`], with the analysis of the text (its tags).
    fn names_analyzed(text: &str) -> Vec<(String, NameKind, usize)> {
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        let docs = std::slice::from_ref(&doc);
        let a = crate::analysis::analyze(docs, engine.lexicon());
        find_with(docs, Some(&a))
            .into_iter()
            .map(|n| (n.text, n.kind, n.count))
            .collect()
    }

    #[test]
    fn a_foreign_minister_and_an_ambassador_are_persons() {
        // Written for this test.
        let got = names(
            "Hôm qua, Ngoại trưởng Bertrand Okonkwo tới Hà Nội. \
             Đại sứ Halvorsen đón ông tại sân bay.",
        );
        assert_kind(&got, "Bertrand Okonkwo", NameKind::Person);
        assert_kind(&got, "Halvorsen", NameKind::Person);
    }

    #[test]
    fn a_national_body_s_name_ends_with_its_country() {
        // Written for this test.
        let got = names(
            "Phóng viên Đài Tiếng nói Việt Nam phỏng vấn ông Lê Văn Tám. \
             Sau đó, Tập đoàn Điện lực Việt Nam trao quà cho bà con vùng lũ.",
        );
        assert_kind(&got, "Đài Tiếng nói Việt Nam", NameKind::Organization);
        assert_kind(&got, "Tập đoàn Điện lực Việt Nam", NameKind::Organization);
        assert!(got.iter().all(|n| n.0 != "Đài Tiếng nói"), "{got:?}");
    }

    #[test]
    fn a_table_s_header_row_names_nothing() {
        // Written for this test: a database table's description, its
        // header row (`Trường` is a field there) repeated over pages.
        let got = names(
            "Bảng người dùng lưu tài khoản của hệ thống.\n\n\
             Trường Loại dữ liệu Mặc định Ghi chú\n\n\
             ma_nguoi_dung 10 không có khóa chính\n\n\
             Bảng nhóm lưu các nhóm quyền.\n\n\
             Trường Loại dữ liệu Mặc định Ghi chú\n\n\
             ma_nhom 10 không có khóa chính\n\n\
             Sinh viên Trường Đại học Hòa Bình đã kiểm thử hệ thống.",
        );
        assert!(got.iter().all(|n| !n.0.contains("Loại")), "{got:?}");
        assert_kind(&got, "Trường Đại học Hòa Bình", NameKind::Organization);
    }

    #[test]
    fn a_function_word_after_a_lost_full_stop_is_no_name() {
        // Written for this test: a full stop lost before `Theo`, after
        // `con`, a form of address.
        let got = names_analyzed(
            "Phụ huynh đưa đón con Theo lịch mới, trường mở cửa lúc bảy giờ. \
             Học sinh nghỉ hè theo quy định của Bộ. \
             Trường làm việc theo quy chế của Sở và báo cáo theo mẫu của cô Hạnh.",
        );
        assert!(got.iter().all(|n| n.0 != "Theo"), "{got:?}");
        assert_kind(&got, "Hạnh", NameKind::Person);
    }

    #[test]
    fn a_name_cut_at_a_line_s_end_is_the_longer_name() {
        // Written for this test: a heading's line broken inside `Sóc
        // Trăng`.
        let got = names(
            "Ủy ban nhân dân tỉnh Sóc\n\n\
             Trăng ban hành kế hoạch phòng chống hạn mặn. \
             Các huyện của tỉnh Sóc Trăng báo cáo trước ngày 15. \
             Tỉnh Sóc Trăng hỗ trợ nông dân giống lúa chịu mặn.",
        );
        assert_kind(&got, "Sóc Trăng", NameKind::Place);
        assert!(got.iter().all(|n| n.0 != "Sóc"), "{got:?}");
    }

    fn names(text: &str) -> Vec<(String, NameKind, usize)> {
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        find(std::slice::from_ref(&doc))
            .into_iter()
            .map(|n| (n.text, n.kind, n.count))
            .collect()
    }

    #[test]
    fn two_words_before_a_name_are_looked_up_after_the_end_of_an_entry() {
        let sets = sets();
        let lists = [
            PERSON_CUES,
            ORGANIZATION_CUES,
            PLACE_CUES,
            NAMED_AFTER,
            SURNAMES,
        ];
        for w in lists.into_iter().flatten() {
            for (at, _) in w.match_indices(' ') {
                assert_ne!(sets.of(&w[at + 1..]) & list::ENDS_ENTRY, 0, "{w}");
            }
        }
        assert_eq!(sets.of("ông") & list::ENDS_ENTRY, 0);
        assert_eq!(
            list::ENDS_ENTRY & (list::CUE | list::NAMED_AFTER | list::SURNAME),
            0
        );
        // Written for this test: a title of two words (`Phó` and `Chủ
        // tịch` when the segmenter cuts them apart) before a name, after
        // a word that ends no entry.
        let text =
            "Tin vắn\n\nHôm qua Phó Chủ tịch Nguyễn Văn Tú và ông Lê Hoà gặp nhau ở tỉnh Hoà Bình.";
        let got = names(text);
        assert_kind(&got, "Nguyễn Văn Tú", NameKind::Person);
        assert_kind(&got, "Lê Hoà", NameKind::Person);
        assert_kind(&got, "Hoà Bình", NameKind::Place);
    }

    /// `name` is among the names `got`, as a `kind`.
    fn assert_kind(got: &[(String, NameKind, usize)], name: &str, kind: NameKind) {
        let found = got.iter().find(|n| n.0 == name).map(|n| n.1);
        assert_eq!(found, Some(kind), "{name}: {got:?}");
    }

    #[test]
    fn names_that_open_with_a_capital_off_ascii() {
        // Written for this test: capitals of two bytes and three (`Đ`,
        // `Ấ`), after words that open with figures and marks.
        let text = "Tin vắn\n\nNgày 5/3, bà Đặng Thị Hà về tỉnh Đắk Lắk, \
            \"Ấp Bắc\" và 12 người ở xã Ấp Bắc.";
        let got = names(text);
        let find = |t: &str| got.iter().find(|n| n.0 == t).cloned();
        assert_kind(&got, "Đặng Thị Hà", NameKind::Person);
        assert_kind(&got, "Đắk Lắk", NameKind::Place);
        assert_eq!(
            find("Ấp Bắc").map(|n| (n.1, n.2)),
            Some((NameKind::Place, 2)),
            "{got:?}"
        );
    }

    #[test]
    fn keys_from_the_analysis_are_the_canonical_keys() {
        // Written for this test: capitals with marks, the old tone
        // placement, words in capitals, English words (`Bans` is stemmed to
        // the syllable `ban`).
        let text = "Tin Hoà Bình\n\n\
            Ông Nguyễn Văn Thuỷ, Giám đốc Công ty Becamex, gặp bà Lê Thị Hoà ở tỉnh Hoà Bình. \
            Theo ông Thuỷ, Google và Bans Inc đến Đà Nẵng; anh ĐẶNG VĂN ÂN ở xã Ea H'leo. \
            Bà Hoà nói: Uỷ ban Nhân dân tỉnh Hoà Bình họp với Bans.";
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        let docs = std::slice::from_ref(&doc);
        let a = crate::analysis::analyze(docs, &engine.lexicon);
        let mut ids = a.words.as_slice();
        let mut taken = 0;
        for s in &doc.sentences {
            let (mine, rest) = ids.split_at(s.words.len());
            ids = rest;
            let words = Words {
                text: &doc.text,
                spans: &s.words,
                terms: Some((&a, mine)),
            };
            for (i, w) in s.words.iter().enumerate() {
                let mut key = String::new();
                words.key_into(i, &mut key);
                assert_eq!(key, canonical(w.of(&doc.text)), "{:?}", w.of(&doc.text));
                taken += usize::from(mine[i] != NONE && !key.is_ascii());
            }
        }
        assert!(taken > 10, "{taken} keys from the analysis");
        let with = find_with(docs, Some(&a));
        assert!(with.iter().any(|n| n.text == "Nguyễn Văn Thuỷ"), "{with:?}");
        assert_eq!(with, find(docs));
    }

    #[test]
    fn people_organizations_and_places_by_their_cues() {
        // Written for this test.
        let text = "Công an tỉnh Nghệ An bắt đối tượng trộm xe\n\n\
            Ngày 19/6, Công an tỉnh Nghệ An khởi tố bị can Nguyễn Văn Tú, trú xã Hưng Đông. \
            Tú là người đã trộm xe ủi của Công ty Becamex tại khu công nghiệp. \
            Theo ông Trần Quốc Bảo, Giám đốc Công ty Becamex, chiếc xe trị giá 2 tỷ đồng. \
            Anh Tú khai đã bán xe cho một người ở Hà Tĩnh.";
        let got = names(text);
        let find = |t: &str| got.iter().find(|n| n.0 == t).cloned();
        assert_eq!(
            find("Nguyễn Văn Tú").map(|n| n.1),
            Some(NameKind::Person),
            "{got:?}"
        );
        assert_eq!(
            find("Trần Quốc Bảo").map(|n| n.1),
            Some(NameKind::Person),
            "{got:?}"
        );
        assert_eq!(
            find("Hưng Đông").map(|n| n.1),
            Some(NameKind::Place),
            "{got:?}"
        );
        assert_eq!(
            find("Hà Tĩnh").map(|n| n.1),
            Some(NameKind::Place),
            "{got:?}"
        );
        assert_eq!(
            find("Nghệ An").map(|n| n.1),
            Some(NameKind::Place),
            "{got:?}"
        );
        let becamex = find("Công ty Becamex").expect("Công ty Becamex");
        assert_eq!(
            (becamex.1, becamex.2),
            (NameKind::Organization, 2),
            "{got:?}"
        );
        // A word opening a sentence is no name on its own capital.
        assert!(find("Theo").is_none() && find("Ngày").is_none(), "{got:?}");
        // Most frequent first.
        assert!(got.windows(2).all(|w| w[0].2 >= w[1].2), "{got:?}");
    }

    #[test]
    fn a_country_between_a_title_and_a_name_is_a_place() {
        // Written for this test: `Iran`, which the lists do not hold,
        // between a title and a minister's name, then after the title
        // alone.
        let got = names(
            "Tin quốc tế\n\nNgoại trưởng Iran Abbas Araghchi tới Oman hôm qua. \
             Tổng thống Iran nói nước này sẵn sàng đàm phán. \
             Người phát ngôn của Tổng thống Iran xác nhận tin này.",
        );
        assert_kind(&got, "Iran", NameKind::Place);
        assert_kind(&got, "Abbas Araghchi", NameKind::Person);
    }

    #[test]
    fn bo_before_an_abbreviation_is_a_ministry_only_with_its_capital() {
        // Written for this test: `bộ PID` in lower case and after a
        // colon is a controller; `Bộ TTTT` a ministry.
        let got = names(
            "Báo cáo\n\nNhóm dùng bộ PID để giữ tốc độ động cơ. \
             Kết quả: Bộ PID giữ sai số dưới 2 phần trăm.\n\n\
             Kết luận: Bộ PID chạy ổn định trên xe thật. \
             Đề tài được Bộ TTTT cấp kinh phí.",
        );
        assert!(got.iter().all(|n| !n.0.contains("PID")), "{got:?}");
        assert_kind(&got, "Bộ TTTT", NameKind::Organization);
    }

    #[test]
    fn a_body_named_cut_or_without_its_country_is_one_name() {
        // Written for this test: a bank named whole, then without its
        // country, and a ministry named whole, then short.
        let got = names(
            "Tin tức\n\nThống đốc Ngân hàng Nhà nước Việt Nam chủ trì hội nghị hôm nay. \
             Theo Ngân hàng Nhà nước, lãi suất cho vay giảm nhẹ. \
             Các chi nhánh Ngân hàng Nhà nước tại địa phương theo dõi tín dụng. \
             Bộ Nông nghiệp và Phát triển nông thôn gửi báo cáo. \
             Lãnh đạo Bộ Nông nghiệp cũng tới dự.",
        );
        assert!(
            got.iter()
                .all(|n| n.0 != "Ngân hàng Nhà nước" && n.0 != "Bộ Nông nghiệp"),
            "{got:?}"
        );
        let whole = got.iter().find(|n| n.0 == "Ngân hàng Nhà nước Việt Nam");
        assert_eq!(whole.map(|n| n.2), Some(3), "{got:?}");
    }

    #[test]
    fn a_word_and_its_endings_are_found_in_one_search_as_in_one_a_form() {
        let engine = crate::Engine::new();
        let text = "Callout và Callouts, callouted; Drawings/Draw tại www.draws.com \
                    Ababs Abababs ab abing @Drawed Tested.vn TestTest test. Tests";
        let doc = engine.document(text, None);
        let docs = std::slice::from_ref(&doc);
        let any = |_: Option<char>, _: Option<char>| true;
        let slashed = |b: Option<char>, a: Option<char>| b == Some('/') || a == Some('/');
        let endings = ["", "s", "ing", "ed"];
        assert!(written_with(docs, "Callout", &["s"], any));
        assert!(written_with(docs, "Abab", &["s"], any));
        // In an address, after `@`, inside a longer word.
        assert!(!written_with(docs, "draw", &["s"], any));
        assert!(!written_with(docs, "Draw", &["ed"], any));
        assert!(!written_with(docs, "bab", &["s"], any));
        for word in [
            "Callout", "callout", "Drawing", "Draw", "draw", "Abab", "ab", "Test", "test", "x",
        ] {
            for k in 0..=endings.len() {
                let these = &endings[..k];
                // Each form searched for on its own, as `written` does.
                let one = |near: &dyn Fn(Option<char>, Option<char>) -> bool| {
                    these
                        .iter()
                        .any(|e| written(docs, &format!("{word}{e}"), near))
                };
                assert_eq!(
                    written_with(docs, word, these, any),
                    one(&any),
                    "{word} {these:?}"
                );
                assert_eq!(
                    written_with(docs, word, these, slashed),
                    one(&slashed),
                    "{word} {these:?}"
                );
            }
        }
    }
}
