//! 去标识: finding what in a petition's text could identify a person (names, phone and ID
//! numbers, plates, house addresses) and replacing it, as suggestions a clerk confirms
//! before a case is published; the hard kinds (numbers, plates, the petitioner's own name)
//! are also the server's check that nothing of them is left.

/// What a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A person's name, by a cue around it or because the record names them.
    Name,
    Phone,
    IdNumber,
    /// 车牌号
    Plate,
    /// A house address: building, unit, room or house numbers.
    Address,
}

impl Kind {
    /// What replaces it in the published text (a name keeps its surname: 王某).
    fn mask(self, found: &str) -> String {
        match self {
            Self::Name => format!("{}某", found.chars().next().unwrap_or('某')),
            Self::Phone => "[电话]".into(),
            Self::IdNumber => "[身份证号]".into(),
            Self::Plate => "[车牌]".into(),
            Self::Address => "[门牌]".into(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "姓名",
            Self::Phone => "电话号码",
            Self::IdNumber => "身份证号码",
            Self::Plate => "车牌号",
            Self::Address => "门牌地址",
        }
    }

    /// Found by pattern alone, so surely personal: publication is refused while one is left.
    pub fn is_hard(self) -> bool {
        !matches!(self, Self::Address)
    }
}

/// A stretch of text (byte offsets) that looks like personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The hundred commonest surnames (百家姓 by frequency), for names found by their cues.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
/// Words that follow a name: 王建国师傅, 李科长.
const TITLES: [&str; 14] = [
    "先生", "女士", "同志", "师傅", "老师", "科长", "主任", "经理", "书记", "局长", "所长", "队长",
    "村长", "大爷",
];
/// Words that come before a name: 我叫王建国.
const CUES: [&str; 6] = ["我叫", "名叫", "姓名", "联系人", "邻居", "业主"];
/// Province abbreviations that begin a plate number.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
/// What follows a number in a house address.
const ADDRESS_UNITS: [&str; 7] = ["号楼", "单元", "号院", "室", "栋", "幢", "号"];

/// Every finding in `text`, in order, overlaps merged; `names` are names the record holds
/// (the petitioner's), found wherever they occur.
pub fn find(text: &str, names: &[&str]) -> Vec<Finding> {
    let mut found = Vec::new();
    numbers(text, &mut found);
    plates(text, &mut found);
    cued_names(text, &mut found);
    for name in names.iter().filter(|n| n.chars().count() >= 2) {
        for (at, _) in text.match_indices(name) {
            found.push(Finding {
                start: at,
                end: at + name.len(),
                kind: Kind::Name,
            });
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut merged: Vec<Finding> = Vec::new();
    for f in found {
        match merged.last_mut() {
            Some(last) if f.start < last.end => last.end = last.end.max(f.end),
            // Address parts side by side (3号楼2单元501室) are one address.
            Some(last)
                if f.start == last.end && last.kind == Kind::Address && f.kind == Kind::Address =>
            {
                last.end = f.end;
            }
            _ => merged.push(f),
        }
    }
    merged
}

/// `text` with every finding replaced.
pub fn redact(text: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in find(text, names) {
        out.push_str(&text[at..f.start]);
        out.push_str(&f.kind.mask(&text[f.start..f.end]));
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The kinds of hard findings left in `text`: what stops publication.
pub fn left(text: &str, names: &[&str]) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = find(text, names)
        .into_iter()
        .map(|f| f.kind)
        .filter(|k| k.is_hard())
        .collect();
    kinds.dedup();
    kinds
}

/// Runs of digits: ID numbers, mobile and fixed-line phones, house numbers.
fn numbers(text: &str, found: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'-') {
            i += 1;
        }
        // An ID number may end in X.
        let digits: String = text[start..i]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let mut end = i;
        if digits.len() == 17 && i < bytes.len() && matches!(bytes[i], b'X' | b'x') {
            end += 1;
        }
        let kind = match digits.len() {
            15 | 18 => Some(Kind::IdNumber),
            17 if end > i => Some(Kind::IdNumber),
            11 if digits.starts_with('1') && !text[start..i].contains('-') => Some(Kind::Phone),
            10..=12 if digits.starts_with('0') => Some(Kind::Phone),
            7 | 8 => Some(Kind::Phone),
            _ => ADDRESS_UNITS
                .iter()
                .find(|u| text[end..].starts_with(*u))
                .map(|u| {
                    end += u.len();
                    Kind::Address
                }),
        };
        if let Some(kind) = kind {
            found.push(Finding { start, end, kind });
        }
        i = end.max(i);
    }
}

/// 京A12345: a province, a letter, five or six letters and digits.
fn plates(text: &str, found: &mut Vec<Finding>) {
    for (at, c) in text.char_indices() {
        if !PROVINCES.contains(c) {
            continue;
        }
        let rest = &text[at + c.len_utf8()..];
        let tail: String = rest
            .chars()
            .take(7)
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            .collect();
        if tail.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && (6..=7).contains(&tail.len())
        {
            found.push(Finding {
                start: at,
                end: at + c.len_utf8() + tail.len(),
                kind: Kind::Plate,
            });
        }
    }
}

/// A surname and one or two more characters, followed by a title or preceded by a cue.
fn cued_names(text: &str, found: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (i, &(at, c)) in chars.iter().enumerate() {
        // 王某 is a name already masked: the suggestions must pass the check they came from.
        if !SURNAMES.contains(c) || chars.get(i + 1).is_some_and(|(_, n)| *n == '某') {
            continue;
        }
        let before = &text[..at];
        let cued = CUES
            .iter()
            .any(|w| before.trim_end_matches(['：', ':', ' ']).ends_with(w));
        for len in [3, 2] {
            let Some(name) = chars.get(i..i + len) else {
                continue;
            };
            if !name.iter().all(|(_, c)| is_han(*c)) {
                continue;
            }
            let end = chars.get(i + len).map_or(text.len(), |(at, _)| *at);
            let titled = TITLES.iter().any(|t| text[end..].starts_with(t));
            // A title right after the surname (王师傅, 李经理) names nobody in particular.
            if titled || cued {
                found.push(Finding {
                    start: at,
                    end,
                    kind: Kind::Name,
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_names_plates_and_addresses_are_masked() {
        let text = "我叫王建国，电话13812345678，身份证号11010519491231002X，住幸福小区3号楼2单元501室，车牌京A12345被刮，物业李经理不管。";
        let out = redact(text, &[]);
        assert_eq!(
            out,
            "我叫王某，电话[电话]，身份证号[身份证号]，住幸福小区[门牌]，车牌[车牌]被刮，物业李经理不管。"
        );
        // What is suggested passes the check that refuses publication.
        assert_eq!(left(&out, &[]), vec![]);
        assert_eq!(left("业主：张某反映", &[]), vec![]);
        assert_eq!(left("业主：张明反映", &[]), vec![Kind::Name]);
    }

    #[test]
    fn the_petitioners_own_name_is_found_anywhere_and_counts_as_hard() {
        let text = "刘晓燕反映小区垃圾清运不及时，联系电话010-62345678。";
        assert_eq!(left(text, &["刘晓燕"]), vec![Kind::Name, Kind::Phone]);
        let clean = redact(text, &["刘晓燕"]);
        assert_eq!(clean, "刘某反映小区垃圾清运不及时，联系电话[电话]。");
        assert!(left(&clean, &["刘晓燕"]).is_empty());
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text = "今年入冬以来室内温度一直低于16度，王师傅说2026年12月前整改，共有120户受影响。";
        assert_eq!(redact(text, &[]), text);
        assert!(left(text, &[]).is_empty());
    }
}
