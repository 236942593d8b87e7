//! Attachment file names as stored and shown: the name a phone or a browser sent, with any
//! path, control and reserved characters taken out, so a name can never point elsewhere,
//! break a header or a page.

/// The cleaned name with the extension of the type the content was detected as.
pub fn clean_name(raw: &str, ext: &str) -> String {
    format!("{}.{ext}", clean_stem(raw))
}

/// The last path segment without its extension, without control or path characters, at
/// most 80 characters; "附件" when nothing is left.
pub fn clean_stem(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = last.rsplit_once('.').map_or(last, |(s, _)| s);
    let stem: String = stem
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '/' | '\\')
        })
        .take(80)
        .collect();
    let stem = stem.trim().trim_matches('.');
    if stem.is_empty() {
        "附件".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(
            clean_name("C:\\Users\\张三\\身份证\u{7}.JPG", "jpg"),
            "身份证.jpg"
        );
        assert_eq!(clean_name("...", "png"), "附件.png");
        assert_eq!(
            clean_name("\"><img src=x onerror=alert(3)>.png", "png"),
            "img src=x onerror=alert(3).png"
        );
    }
}
