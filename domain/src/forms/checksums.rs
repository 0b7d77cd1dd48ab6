//! Control sums of Russian identifiers: INN (ИНН, 10 digits for organisations, 12 for persons)
//! and OGRN (ОГРН, 13 digits for organisations, ОГРНИП 15 for individual entrepreneurs). SNILS is
//! in `identity`.

fn digits(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10).filter(|_| c.is_ascii_digit())).collect()
}

fn weighted(d: &[u32], weights: &[u32]) -> u32 {
    d.iter().zip(weights).map(|(a, b)| a * b).sum::<u32>() % 11 % 10
}

/// Why a text is not a valid INN or OGRN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Wrong number of digits or not digits.
    Format,
    /// The control digit(s) do not match.
    ControlSum,
}

/// Checks a 10-digit (organisation) or 12-digit (person) INN.
pub fn check_inn(text: &str) -> Result<(), IdError> {
    let d = digits(text).ok_or(IdError::Format)?;
    let ok = match d.len() {
        10 => weighted(&d[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => weighted(&d[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10] && weighted(&d[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11],
        _ => return Err(IdError::Format),
    };
    if ok {
        Ok(())
    } else {
        Err(IdError::ControlSum)
    }
}

/// Checks a 13-digit OGRN or a 15-digit OGRNIP: the last digit is the rest of the number before
/// it divided by 11 (13 for OGRNIP), its last digit.
pub fn check_ogrn(text: &str) -> Result<(), IdError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::Format);
    }
    let divisor = match text.len() {
        13 => 11,
        15 => 13,
        _ => return Err(IdError::Format),
    };
    let body: u64 = text[..text.len() - 1].parse().map_err(|_| IdError::Format)?;
    let control = u64::from(text.as_bytes()[text.len() - 1] - b'0');
    if body % divisor % 10 == control {
        Ok(())
    } else {
        Err(IdError::ControlSum)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn real_inns_pass_and_a_changed_digit_fails() {
        // Published INNs of well-known organisations and a person's INN built by the rules.
        for inn in ["7707083893", "7736050003", "500100732259", "7830002293"] {
            assert_eq!(check_inn(inn), Ok(()), "{inn}");
        }
        assert_eq!(check_inn("7707083894"), Err(IdError::ControlSum));
        assert_eq!(check_inn("500100732258"), Err(IdError::ControlSum));
        assert_eq!(check_inn("77070838"), Err(IdError::Format));
        assert_eq!(check_inn("77070838ab"), Err(IdError::Format));
    }

    #[test]
    fn real_ogrns_pass_and_a_changed_digit_fails() {
        for ogrn in ["1027700132195", "1027739609391", "304500116000157"] {
            assert_eq!(check_ogrn(ogrn), Ok(()), "{ogrn}");
        }
        assert_eq!(check_ogrn("1027700132196"), Err(IdError::ControlSum));
        assert_eq!(check_ogrn("304500116000158"), Err(IdError::ControlSum));
        assert_eq!(check_ogrn("10277001321"), Err(IdError::Format));
        assert_eq!(check_ogrn("１０２７７００１３２１９５"), Err(IdError::Format), "only ASCII digits");
    }

    proptest! {
        #[test]
        fn exactly_one_last_digit_completes_a_ten_digit_inn(body in "[0-9]{9}") {
            let valid = (0..10).filter(|d| check_inn(&format!("{body}{d}")).is_ok()).count();
            prop_assert_eq!(valid, 1);
        }

        #[test]
        fn exactly_one_pair_completes_a_twelve_digit_inn(body in "[0-9]{10}") {
            let valid = (0..100).filter(|d| check_inn(&format!("{body}{d:02}")).is_ok()).count();
            prop_assert_eq!(valid, 1);
        }

        #[test]
        fn exactly_one_last_digit_completes_an_ogrn(body in "[0-9]{12}", ip_body in "[0-9]{14}") {
            prop_assert_eq!((0..10).filter(|d| check_ogrn(&format!("{body}{d}")).is_ok()).count(), 1);
            prop_assert_eq!((0..10).filter(|d| check_ogrn(&format!("{ip_body}{d}")).is_ok()).count(), 1);
        }

        #[test]
        fn no_text_makes_the_checks_panic(text in "\\PC{0,20}") {
            let _ = check_inn(&text);
            let _ = check_ogrn(&text);
        }
    }
}
