//! Lowercase for every code point, from 188 ranges (1.5 KB) instead of `char::to_lowercase`,
//! whose case tables and code were some 16 KB of the module (5 KB gzipped) for the one use
//! search folding has for them.
//!
//! Each range maps its code points by one offset, every one of them or every other one (the
//! Latin Extended-A pattern "Ā ā Ă ă …"). The table was generated from `char::to_lowercase`, and
//! the tests compare the two over every code point, so a toolchain with a newer Unicode version
//! tells when it needs regenerating (the test prints how). Where `char::to_lowercase` gives two
//! characters ("İ" → "i̇") this gives the first; folding drops the combining dot anyway.

/// The lowercase of `c` (`c` itself when it has none).
pub fn to_lower(c: char) -> char {
    let code = c as u32;
    if code < 0x80 {
        return c.to_ascii_lowercase();
    }
    let i = LOWER.partition_point(|&(packed, _)| packed >> 9 <= code);
    let Some(&(packed, delta)) = i.checked_sub(1).and_then(|i| LOWER.get(i)) else {
        return c;
    };
    let (start, span, alternating) = (packed >> 9, (packed >> 1) & 0xff, packed & 1 == 1);
    let offset = code - start;
    if offset > span || (alternating && offset % 2 == 1) {
        return c;
    }
    code.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// Ranges of code points with a lowercase: `(start << 9 | (end - start) << 1 | every other one,
/// offset)`, sorted by start. Generated with the program in the tests' `regenerate` note.
const LOWER: [(u32, i32); 188] = [
    (0x1802c, 32),
    (0x1b00c, 32),
    (0x2005d, 1),
    (0x26000, -199),
    (0x26409, 1),
    (0x2721d, 1),
    (0x29459, 1),
    (0x2f000, -121),
    (0x2f209, 1),
    (0x30200, 210),
    (0x30405, 1),
    (0x30c00, 206),
    (0x30e00, 1),
    (0x31202, 205),
    (0x31600, 1),
    (0x31c00, 79),
    (0x31e00, 202),
    (0x32000, 203),
    (0x32200, 1),
    (0x32600, 205),
    (0x32800, 207),
    (0x32c00, 211),
    (0x32e00, 209),
    (0x33000, 1),
    (0x33800, 211),
    (0x33a00, 213),
    (0x33e00, 214),
    (0x34009, 1),
    (0x34c00, 218),
    (0x34e00, 1),
    (0x35200, 218),
    (0x35800, 1),
    (0x35c00, 218),
    (0x35e00, 1),
    (0x36202, 217),
    (0x36605, 1),
    (0x36e00, 219),
    (0x37000, 1),
    (0x37800, 1),
    (0x38800, 2),
    (0x38a00, 1),
    (0x38e00, 2),
    (0x39000, 1),
    (0x39400, 2),
    (0x39621, 1),
    (0x3bc21, 1),
    (0x3e200, 2),
    (0x3e405, 1),
    (0x3ec00, -97),
    (0x3ee00, -56),
    (0x3f04d, 1),
    (0x44000, -130),
    (0x44421, 1),
    (0x47400, 10795),
    (0x47600, 1),
    (0x47a00, -163),
    (0x47c00, 10792),
    (0x48200, 1),
    (0x48600, -195),
    (0x48800, 69),
    (0x48a00, 71),
    (0x48c11, 1),
    (0x6e005, 1),
    (0x6ec00, 1),
    (0x6fe00, 116),
    (0x70c00, 38),
    (0x71004, 37),
    (0x71800, 64),
    (0x71c02, 63),
    (0x72220, 32),
    (0x74610, 32),
    (0x79e00, 8),
    (0x7b02d, 1),
    (0x7e800, -60),
    (0x7ee00, 1),
    (0x7f200, -7),
    (0x7f400, 1),
    (0x7fa04, -130),
    (0x8001e, 80),
    (0x8203e, 32),
    (0x8c041, 1),
    (0x91469, 1),
    (0x98000, 15),
    (0x98219, 1),
    (0x9a0bd, 1),
    (0xa624a, 48),
    (0x21404a, 7264),
    (0x218e00, 7264),
    (0x219a00, 7264),
    (0x27409e, 38864),
    (0x27e00a, 8),
    (0x391200, 1),
    (0x392054, -3008),
    (0x397a04, -3008),
    (0x3c0129, 1),
    (0x3d3c00, -7615),
    (0x3d40bd, 1),
    (0x3e100e, -8),
    (0x3e300a, -8),
    (0x3e500e, -8),
    (0x3e700e, -8),
    (0x3e900a, -8),
    (0x3eb200, -8),
    (0x3eb600, -8),
    (0x3eba00, -8),
    (0x3ebe00, -8),
    (0x3ed00e, -8),
    (0x3f100e, -8),
    (0x3f300e, -8),
    (0x3f500e, -8),
    (0x3f7002, -8),
    (0x3f7402, -74),
    (0x3f7800, -9),
    (0x3f9006, -86),
    (0x3f9800, -9),
    (0x3fb002, -8),
    (0x3fb402, -100),
    (0x3fd002, -8),
    (0x3fd402, -112),
    (0x3fd800, -7),
    (0x3ff002, -128),
    (0x3ff402, -126),
    (0x3ff800, -9),
    (0x424c00, -7517),
    (0x425400, -8383),
    (0x425600, -8262),
    (0x426400, 28),
    (0x42c01e, 16),
    (0x430600, 1),
    (0x496c32, 26),
    (0x58005e, 48),
    (0x58c000, 1),
    (0x58c400, -10743),
    (0x58c600, -3814),
    (0x58c800, -10727),
    (0x58ce09, 1),
    (0x58da00, -10780),
    (0x58dc00, -10749),
    (0x58de00, -10783),
    (0x58e000, -10782),
    (0x58e400, 1),
    (0x58ea00, 1),
    (0x58fc02, -10815),
    (0x5900c5, 1),
    (0x59d605, 1),
    (0x59e400, 1),
    (0x14c8059, 1),
    (0x14d0035, 1),
    (0x14e4419, 1),
    (0x14e6479, 1),
    (0x14ef205, 1),
    (0x14efa00, -35332),
    (0x14efc11, 1),
    (0x14f1600, 1),
    (0x14f1a00, -42280),
    (0x14f2005, 1),
    (0x14f2c25, 1),
    (0x14f5400, -42308),
    (0x14f5600, -42319),
    (0x14f5800, -42315),
    (0x14f5a00, -42305),
    (0x14f5c00, -42308),
    (0x14f6000, -42258),
    (0x14f6200, -42282),
    (0x14f6400, -42261),
    (0x14f6600, 928),
    (0x14f681d, 1),
    (0x14f8800, -48),
    (0x14f8a00, -42307),
    (0x14f8c00, -35384),
    (0x14f8e05, 1),
    (0x14f9600, -42343),
    (0x14f981d, 1),
    (0x14fb800, -42561),
    (0x14fea00, 1),
    (0x1fe4232, 32),
    (0x208004e, 40),
    (0x2096046, 40),
    (0x20ae014, 39),
    (0x20af81c, 39),
    (0x20b180c, 39),
    (0x20b2802, 39),
    (0x2190064, 64),
    (0x21aa02a, 32),
    (0x231403e, 32),
    (0x2dc803e, 32),
    (0x2dd4030, 27),
    (0x3d20042, 34),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_every_code_point() {
        let mismatches: Vec<String> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| c.to_lowercase().next() != Some(to_lower(c)))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        // To regenerate: for each code point from U+0080 up, group those whose
        // `to_lowercase().next()` differs from them into runs of one offset (or, for offset +1,
        // every other code point), and pack each as the table's comment says.
        assert!(
            mismatches.is_empty(),
            "{} differ: {:?}",
            mismatches.len(),
            &mismatches[..mismatches.len().min(20)]
        );
    }

    #[test]
    fn examples() {
        assert_eq!(to_lower('Ā'), 'ā');
        assert_eq!(to_lower('ā'), 'ā');
        assert_eq!(to_lower('Ж'), 'ж');
        assert_eq!(to_lower('İ'), 'i');
        assert_eq!(to_lower('K'), 'k');
        assert_eq!(to_lower('Ａ'), 'ａ');
        assert_eq!(to_lower('𐐀'), '𐐨');
        assert_eq!(to_lower('王'), '王');
    }
}
