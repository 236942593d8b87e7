//! How personal values look to anyone but their owner.

/// `110101199003074215` → `110101********4215`: region kept, birth date hidden.
pub fn mask_id_number(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// `13800000000` → `138****0000`.
pub fn mask_phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// `王小明` → `王**`: the family name only.
pub fn mask_name(n: &str) -> String {
    let mut chars = n.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    format!("{first}{}", "*".repeat(chars.count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_as_the_portal_shows_them() {
        assert_eq!(mask_id_number("110101199003074215"), "110101********4215");
        assert_eq!(mask_phone("13800000000"), "138****0000");
        assert_eq!(mask_name("王小明"), "王**");
    }
}
