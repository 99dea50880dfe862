//! The pseudo-locale: every string accented and about 40% longer, in brackets, so anyone can
//! see how a layout takes a translation's growth and accents without a real catalog.

/// Accent a string and lengthen it by about 40%: `Contents` -> `[Çóñţéñţš ŀóŕéɱ ĩ]`.
pub fn pseudo(s: &str) -> String {
    let accented: String = s.chars().map(accent).collect();
    let len = s.chars().count();
    let target = (len as f32 * 0.4).ceil() as usize;
    // Filler words, so the longer string still breaks at spaces like a real translation.
    const FILLER: [&str; 8] = [
        "ļóŕéɱ",
        "íþšúɱ",
        "ðóļóŕ",
        "šíţ",
        "áɱéţ",
        "çóñšé",
        "ţéţúŕ",
        "áðí",
    ];
    let mut extra = String::new();
    let mut i = 0;
    while extra.chars().count() < target.saturating_sub(2) {
        extra.push(' ');
        extra.push_str(FILLER[i % FILLER.len()]);
        i += 1;
    }
    format!("[{accented}{extra}]")
}

fn accent(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ";
    match FROM.find(c) {
        Some(i) => TO.chars().nth(i).unwrap_or(c),
        None => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_and_about_forty_percent_longer() {
        let s = "Global Development and SSC Fund";
        let p = pseudo(s);
        assert!(p.starts_with("[Ĝļóƀáļ Ðéṽéļóþɱéñţ áñð ŠŠÇ Ƒúñð"), "{p}");
        let ratio = p.chars().count() as f32 / s.chars().count() as f32;
        assert!((1.35..1.6).contains(&ratio), "{ratio}: {p}");
        assert_eq!(
            pseudo("2015"),
            "[2015]",
            "short strings grow by their brackets"
        );
    }
}
