//! The pseudo-locale: every string accented and about 40% longer, in brackets, so anyone can
//! see how a layout takes a translation's growth and accents without a real catalog.

/// Accent a string and lengthen it by about 40%: `Contents` -> `[Çóñţéñţš ŀóŕéɱ ĩ]`.
/// Inline markup survives: code spans, link targets, autolinks and bare URLs are not accented.
pub fn pseudo(s: &str) -> String {
    let accented = accent_text(s);
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

/// Accent the letters of a string outside its code spans and link targets.
fn accent_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        // How much of `rest` to copy as it is.
        let keep = if c == '`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            rest[ticks..]
                .find(fence)
                .map_or(ticks, |end| ticks + end + ticks)
        } else if rest.starts_with("](") {
            let mut depth = 0usize;
            let mut end = rest.len();
            for (i, b) in rest.bytes().enumerate().skip(1) {
                match b {
                    b'(' => depth += 1,
                    b')' if depth == 1 => {
                        end = i + 1;
                        break;
                    }
                    b')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            end
        } else if c == '<' {
            rest.find('>').map_or(1, |end| end + 1)
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        } else {
            0
        };
        if keep > 0 {
            out.push_str(&rest[..keep]);
            rest = &rest[keep..];
        } else {
            out.push(accent(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
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
            pseudo("Run `deck build` at [our site](https://x.org/a_(b)) or https://y.org"),
            "[Ŕúñ `deck build` áţ [óúŕ šíţé](https://x.org/a_(b)) óŕ https://y.org ļóŕéɱ íþšúɱ ðóļóŕ šíţ áɱéţ]"
        );
        assert_eq!(
            pseudo("2015"),
            "[2015]",
            "short strings grow by their brackets"
        );
    }
}
