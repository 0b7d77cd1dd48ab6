//! People for tests: a citizen or a member of staff, made the way a login makes them.

use domain::access::Principal;
use domain::identity::{AssuranceLevel, Profile, Role, Snils, StaffRole};

use crate::Db;

/// A person to create: `TestPerson::new("ivanova", "123-456-789 64").clerk_of("minobr").create(&db, now)`.
/// By default a confirmed account named "Тестова <sub>" with no contacts and no roles.
pub struct TestPerson {
    sub: String,
    profile: Profile,
    roles: Vec<StaffRole>,
    lang: Option<String>,
}

impl TestPerson {
    /// A confirmed account with federal subject `sub` and SNILS `snils` (which must be valid).
    pub fn new(sub: &str, snils: &str) -> TestPerson {
        let profile = Profile {
            family_name: "Тестова".into(),
            given_name: sub.into(),
            middle_name: None,
            snils: Some(Snils::parse(snils).expect("a valid SNILS")),
            birthdate: None,
            email: None,
            phone: None,
            assurance: AssuranceLevel::Confirmed,
        };
        TestPerson { sub: sub.into(), profile, roles: Vec::new(), lang: None }
    }

    /// With this family and given name.
    pub fn named(mut self, family: &str, given: &str) -> TestPerson {
        self.profile.family_name = family.into();
        self.profile.given_name = given.into();
        self
    }

    /// With this email address.
    pub fn email(mut self, email: &str) -> TestPerson {
        self.profile.email = Some(email.into());
        self
    }

    /// With this phone number.
    pub fn phone(mut self, phone: &str) -> TestPerson {
        self.profile.phone = Some(phone.into());
        self
    }

    /// At this assurance level.
    pub fn assurance(mut self, assurance: AssuranceLevel) -> TestPerson {
        self.profile.assurance = assurance;
        self
    }

    /// With `role` in `department` (`None` for the operator).
    pub fn role(mut self, role: Role, department: Option<&str>) -> TestPerson {
        self.roles.push(StaffRole::new(role, department.map(str::to_owned)).expect("a valid staff role"));
        self
    }

    /// A clerk of `department`.
    pub fn clerk_of(self, department: &str) -> TestPerson {
        self.role(Role::Clerk, Some(department))
    }

    /// The head of `department`.
    pub fn head_of(self, department: &str) -> TestPerson {
        self.role(Role::Head, Some(department))
    }

    /// Who chose `lang` for what the portal sends them.
    pub fn lang(mut self, lang: &str) -> TestPerson {
        self.lang = Some(lang.into());
        self
    }

    /// Grants the roles, creates the person as a login would (at `now`), and returns them.
    pub async fn create(self, db: &Db, now: i64) -> Principal {
        let snils = self.profile.snils.clone().expect("a SNILS");
        for role in &self.roles {
            db.grant_role(&snils, role, "test", now).await.expect("grant a role");
        }
        let id = db.upsert_person(&self.sub, &self.profile, now).await.expect("create the person");
        if let Some(lang) = &self.lang {
            db.set_person_lang(id, lang).await.expect("set the language");
        }
        db.principal(id).await.expect("read the person").expect("the person exists")
    }
}
