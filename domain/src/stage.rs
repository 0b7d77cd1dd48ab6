//! The five electronic stages of a service (government order 1993-r): 1 information published,
//! 2 blank forms downloadable, 3 application filed online, 4 status followed online,
//! 5 result delivered online.

use serde::{Deserialize, Serialize};

/// A service's electronic stage, always within 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stage(u8);

/// A number that is not an electronic stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("electronic stage must be 1 to 5, not {0}")]
pub struct InvalidStage(pub i64);

impl Stage {
    /// The lowest stage: information about the service is published.
    pub const INFORMATION: Stage = Stage(1);
    /// The stage the seed articles call "the main thing": applying online.
    pub const ONLINE_APPLICATION: Stage = Stage(3);

    /// The stage as a number 1..=5.
    pub fn number(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Stage {
    type Error = InvalidStage;
    fn try_from(n: i64) -> Result<Self, Self::Error> {
        match n {
            1..=5 => Ok(Stage(n as u8)),
            _ => Err(InvalidStage(n)),
        }
    }
}

impl TryFrom<u8> for Stage {
    type Error = InvalidStage;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Stage::try_from(i64::from(n))
    }
}

impl From<Stage> for u8 {
    fn from(s: Stage) -> u8 {
        s.0
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Stage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stage".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer", "minimum": 1, "maximum": 5,
            "description": "Electronic stage: 1 information, 2 blank forms, 3 online application, 4 status online, 5 result online"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn only_one_to_five_are_stages(n in any::<i64>()) {
            let parsed = Stage::try_from(n);
            prop_assert_eq!(parsed.is_ok(), (1..=5).contains(&n));
            if let Ok(s) = parsed { prop_assert_eq!(i64::from(s.number()), n); }
        }
    }
}
