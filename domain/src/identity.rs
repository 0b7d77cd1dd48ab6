//! Who a person is to the portal: their federal identity (SNILS, assurance level, profile) and
//! their staff roles. The portal keeps no passwords: identities come from the federal provider.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A SNILS (страховой номер индивидуального лицевого счёта): 9 digits and a 2-digit control sum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Snils(String);

/// Why a text is not a SNILS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SnilsError {
    /// Not 11 digits (spaces and dashes aside).
    #[error("a SNILS has 11 digits")]
    Format,
    /// The last two digits do not match the first nine.
    #[error("the control sum of the SNILS does not match")]
    ControlSum,
}

/// Numbers up to this one were issued before control sums existed and carry none.
const SNILS_WITHOUT_CONTROL_SUM: u32 = 1_001_998;

impl Snils {
    /// Parses `123-456-789 01`, `12345678901` or any mix of digits, spaces and dashes.
    pub fn parse(text: &str) -> Result<Snils, SnilsError> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SnilsError::Format);
        }
        let number: u32 = digits[..9].parse().map_err(|_| SnilsError::Format)?;
        let given: u32 = digits[9..].parse().map_err(|_| SnilsError::Format)?;
        if number > SNILS_WITHOUT_CONTROL_SUM && snils_control_sum(&digits[..9]) != given {
            return Err(SnilsError::ControlSum);
        }
        Ok(Snils(digits))
    }

    /// The 11 digits without separators, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// The control sum of the first nine digits of a SNILS.
pub fn snils_control_sum(nine_digits: &str) -> u32 {
    let sum: u32 = nine_digits.bytes().zip((1..=9).rev()).map(|(d, weight)| u32::from(d - b'0') * weight).sum();
    match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => match sum % 101 {
            100 => 0,
            rest => rest,
        },
    }
}

impl fmt::Display for Snils {
    /// As printed on the insurance card: `123-456-789 01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}-{}-{} {}", &d[0..3], &d[3..6], &d[6..9], &d[9..11])
    }
}

impl TryFrom<String> for Snils {
    type Error = SnilsError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Snils::parse(&value)
    }
}

impl From<Snils> for String {
    fn from(value: Snils) -> Self {
        value.0
    }
}

/// How well the federal account's owner has proven who they are. Ordered: a service that needs
/// `Standard` accepts `Confirmed` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AssuranceLevel {
    /// Registered with a name, phone or email only (упрощённая учётная запись).
    Simplified,
    /// Passport and SNILS checked online (стандартная).
    Standard,
    /// Identity confirmed in person or with an electronic signature (подтверждённая).
    Confirmed,
}

impl AssuranceLevel {
    /// Every level, lowest first.
    pub const ALL: [AssuranceLevel; 3] = [AssuranceLevel::Simplified, AssuranceLevel::Standard, AssuranceLevel::Confirmed];

    /// The level's name as stored and as our provider sends it.
    pub fn as_str(self) -> &'static str {
        match self {
            AssuranceLevel::Simplified => "simplified",
            AssuranceLevel::Standard => "standard",
            AssuranceLevel::Confirmed => "confirmed",
        }
    }

    /// Parses a stored or claimed level name.
    pub fn parse(text: &str) -> Option<AssuranceLevel> {
        AssuranceLevel::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// A staff role (DESIGN §1). Clerks and heads work for a department; the operator runs the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Processes applications of a department (служащий).
    Clerk,
    /// Heads a department: sees its load, reassigns work (руководитель).
    Head,
    /// Installs, brands and fills the regional portal (оператор).
    Operator,
}

impl Role {
    /// The role's name as stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Head => "head",
            Role::Operator => "operator",
        }
    }

    /// Parses a stored or typed role name.
    pub fn parse(text: &str) -> Option<Role> {
        [Role::Clerk, Role::Head, Role::Operator].into_iter().find(|r| r.as_str() == text)
    }
}

/// One role of a staff member, with the department it applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StaffRole {
    /// What they may do.
    pub role: Role,
    /// Code of the department for clerks and heads; `None` for the operator.
    pub department: Option<String>,
}

/// Why a role cannot be granted as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffRoleError {
    /// Clerks and heads belong to a department.
    #[error("the {0} role needs a department")]
    DepartmentRequired(&'static str),
    /// The operator role is region-wide.
    #[error("the operator role is for the whole region and takes no department")]
    DepartmentNotAllowed,
}

impl StaffRole {
    /// A role, checked: clerks and heads need a department, the operator takes none.
    pub fn new(role: Role, department: Option<String>) -> Result<StaffRole, StaffRoleError> {
        match (role, department) {
            (Role::Operator, None) => Ok(StaffRole { role, department: None }),
            (Role::Operator, Some(_)) => Err(StaffRoleError::DepartmentNotAllowed),
            (Role::Clerk | Role::Head, None) => Err(StaffRoleError::DepartmentRequired(role.as_str())),
            (Role::Clerk | Role::Head, Some(d)) => Ok(StaffRole { role, department: Some(d) }),
        }
    }
}

/// The federal profile of a person, as shown on their profile page. It is read-only here: the
/// person changes it on the federal portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Family name (фамилия).
    pub family_name: String,
    /// Given name (имя).
    pub given_name: String,
    /// Middle name (отчество), when the person has one.
    pub middle_name: Option<String>,
    /// SNILS, when the account has one.
    pub snils: Option<Snils>,
    /// Birth date `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// How well the identity is proven.
    pub assurance: AssuranceLevel,
}

/// A person's full name from its parts, skipping empty ones (a technical account, such as an API
/// client's, has a family name only).
pub fn full_name(family: String, given: Option<String>, middle: Option<String>) -> String {
    [Some(family), given, middle].into_iter().flatten().filter(|part| !part.trim().is_empty()).collect::<Vec<_>>().join(" ")
}

impl Profile {
    /// "Family Given Middle", as Russian forms write a name.
    pub fn full_name(&self) -> String {
        [Some(self.family_name.as_str()), Some(self.given_name.as_str()), self.middle_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// "Given Middle" (имя и отчество), the polite form of address.
    pub fn polite_name(&self) -> String {
        [Some(self.given_name.as_str()), self.middle_name.as_deref()].into_iter().flatten().filter(|p| !p.trim().is_empty()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn snils_with_a_right_control_sum_is_accepted_in_any_spelling() {
        for text in ["112-233-445 95", "11223344595", "112 233 445 95", "112-233-445-95"] {
            let s = Snils::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(s.digits(), "11223344595");
            assert_eq!(s.to_string(), "112-233-445 95");
        }
    }

    #[test]
    fn snils_errors_say_what_is_wrong() {
        assert_eq!(Snils::parse("112-233-445 96"), Err(SnilsError::ControlSum));
        assert_eq!(Snils::parse("112-233-445"), Err(SnilsError::Format));
        assert_eq!(Snils::parse("112-233-445 9x"), Err(SnilsError::Format));
        assert_eq!(Snils::parse(""), Err(SnilsError::Format));
        assert_eq!(Snils::parse("١١٢٢٣٣٤٤٥٩٥"), Err(SnilsError::Format), "only ASCII digits");
    }

    #[test]
    fn control_sums_of_100_and_101_are_written_00_and_larger_ones_taken_mod_101() {
        // Weights 9..1: 9·9 + 2·8 + 3·1 = 100, with a last digit of 4 it is 101; 9·9 + 8·8 + 5 = 150.
        assert_eq!(snils_control_sum("920000003"), 0);
        assert_eq!(snils_control_sum("920000004"), 0);
        assert_eq!(snils_control_sum("980000005"), 49);
        assert_eq!(snils_control_sum("112233445"), 95);
    }

    #[test]
    fn early_numbers_carry_no_control_sum() {
        assert!(Snils::parse("001-001-998 00").is_ok());
        assert!(Snils::parse("001-001-998 77").is_ok());
    }

    proptest! {
        #[test]
        fn exactly_one_control_sum_fits_each_number(n in 1_001_999u32..1_000_000_000) {
            let nine = format!("{n:09}");
            let right = snils_control_sum(&nine);
            for check in 0..100u32 {
                let parsed = Snils::parse(&format!("{nine}{check:02}"));
                prop_assert_eq!(parsed.is_ok(), check == right);
            }
        }

        #[test]
        fn any_text_parses_or_errs_without_panicking(text in "\\PC{0,20}") {
            let _ = Snils::parse(&text);
        }
    }

    #[test]
    fn assurance_levels_are_ordered_and_named() {
        assert!(AssuranceLevel::Simplified < AssuranceLevel::Standard && AssuranceLevel::Standard < AssuranceLevel::Confirmed);
        for level in AssuranceLevel::ALL {
            assert_eq!(AssuranceLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(AssuranceLevel::parse("gold"), None);
    }

    #[test]
    fn clerks_and_heads_need_a_department_and_the_operator_none() {
        assert!(StaffRole::new(Role::Clerk, Some("social".into())).is_ok());
        assert_eq!(StaffRole::new(Role::Head, None), Err(StaffRoleError::DepartmentRequired("head")));
        assert_eq!(StaffRole::new(Role::Operator, Some("social".into())), Err(StaffRoleError::DepartmentNotAllowed));
        assert_eq!(StaffRole::new(Role::Operator, None).unwrap().department, None);
        for r in [Role::Clerk, Role::Head, Role::Operator] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn names_are_written_as_russian_forms_do() {
        let p = Profile {
            family_name: "Иванова".into(),
            given_name: "Мария".into(),
            middle_name: Some("Петровна".into()),
            snils: None,
            birthdate: None,
            email: None,
            phone: None,
            assurance: AssuranceLevel::Confirmed,
        };
        assert_eq!(p.full_name(), "Иванова Мария Петровна");
        assert_eq!(p.polite_name(), "Мария Петровна");
        let no_middle = Profile { middle_name: None, ..p };
        assert_eq!(no_middle.full_name(), "Иванова Мария");
    }
}
