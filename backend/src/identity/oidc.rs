//! The portal as an OpenID Connect relying party (authorization code flow with PKCE, `state` and
//! `nonce`), built on the `openidconnect` crate. Issuer, client and claim names are configuration,
//! so any standards-compliant provider works, not only the federal one.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use domain::identity::{AssuranceLevel, Profile, Snils};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AccessToken, AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, Scope, SignatureVerificationError, StandardErrorResponse, StandardTokenResponse, TokenResponse,
    UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::LoginFailure;

/// Claims beyond the standard ones (SNILS, assurance level, whatever the provider adds), kept
/// as JSON so their names can be configured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OtherClaims(Map<String, Value>);
impl AdditionalClaims for OtherClaims {}

type PortalIdTokenFields = IdTokenFields<OtherClaims, EmptyExtraTokenFields, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;
type PortalTokenResponse = StandardTokenResponse<PortalIdTokenFields, CoreTokenType>;
type PortalClient = openidconnect::Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    PortalTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Which claim carries which part of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimNames {
    /// SNILS.
    pub snils: String,
    /// Family name.
    pub family_name: String,
    /// Given name.
    pub given_name: String,
    /// Middle name (patronymic).
    pub middle_name: String,
    /// Birth date `YYYY-MM-DD`.
    pub birthdate: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Assurance level: `simplified`, `standard` or `confirmed`.
    pub assurance: String,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames {
            snils: "snils".into(),
            family_name: "family_name".into(),
            given_name: "given_name".into(),
            middle_name: "middle_name".into(),
            birthdate: "birthdate".into(),
            email: "email".into(),
            phone: "phone_number".into(),
            assurance: "assurance_level".into(),
        }
    }
}

/// How the portal is registered with its provider.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The provider's issuer URL; discovery is `{issuer}/.well-known/openid-configuration`.
    pub issuer_url: String,
    /// Our client id.
    pub client_id: String,
    /// Our client secret.
    pub client_secret: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    /// Where the provider sends the browser back (`…/auth/callback`).
    pub redirect_url: String,
    /// Where the provider returns the browser after logout.
    pub post_logout_redirect_url: String,
    /// Claim names.
    pub claims: ClaimNames,
    /// The provider's page where a person changes their data, linked from their account page.
    pub account_url: Option<String>,
}

/// Provider metadata (with its keys) is re-read after this long, and at once when a token names
/// a key we do not have (key rotation).
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// No call to the provider may take longer.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

struct Discovered {
    client: PortalClient,
    end_session: Option<String>,
    fetched: Instant,
}

/// The relying-party side of login; cheap to share.
pub struct Provider {
    settings: OidcSettings,
    http: openidconnect::reqwest::Client,
    discovered: RwLock<Option<Arc<Discovered>>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.settings.issuer_url).finish_non_exhaustive()
    }
}

/// Where to send the browser, and what to remember until it comes back.
#[derive(Debug, Clone)]
pub struct AuthorizationStart {
    /// The provider's authorization URL with every parameter.
    pub url: String,
    /// The `state` parameter.
    pub state: String,
    /// The `nonce` parameter.
    pub nonce: String,
    /// The PKCE verifier whose S256 challenge was sent.
    pub pkce_verifier: String,
}

/// A person the provider vouched for.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedIdentity {
    /// The provider's subject identifier.
    pub subject: String,
    /// Their profile from the claims.
    pub profile: Profile,
    /// The raw ID token, kept as the hint for the provider's end-session endpoint.
    pub id_token: String,
}

fn unavailable(e: impl std::fmt::Display) -> LoginFailure {
    LoginFailure::ProviderUnavailable(e.to_string())
}

impl Provider {
    /// A relying party with `settings`; nothing is fetched until the first login.
    pub fn new(settings: OidcSettings) -> Result<Provider, String> {
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects from the provider would open the portal to SSRF.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        IssuerUrl::new(settings.issuer_url.clone()).map_err(|e| format!("issuer URL {:?}: {e}", settings.issuer_url))?;
        RedirectUrl::new(settings.redirect_url.clone()).map_err(|e| format!("redirect URL {:?}: {e}", settings.redirect_url))?;
        Ok(Provider { settings, http, discovered: RwLock::new(None) })
    }

    /// The configured issuer.
    pub fn issuer(&self) -> &str {
        &self.settings.issuer_url
    }

    /// The provider's page where a person changes their data.
    pub fn account_url(&self) -> Option<&str> {
        self.settings.account_url.as_deref()
    }

    /// The discovered provider, fetched when missing, stale or `refresh` is asked.
    async fn discovered(&self, refresh: bool) -> Result<Arc<Discovered>, LoginFailure> {
        if !refresh {
            if let Some(d) = self.discovered.read().unwrap_or_else(PoisonError::into_inner).as_ref() {
                if d.fetched.elapsed() < METADATA_TTL {
                    return Ok(d.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer_url.clone()).map_err(unavailable)?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http).await.map_err(unavailable)?;
        let end_session = metadata.additional_metadata().end_session_endpoint.as_ref().map(|u| u.url().to_string());
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone()).map_err(unavailable)?;
        let client = PortalClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect);
        let d = Arc::new(Discovered { client, end_session, fetched: Instant::now() });
        *self.discovered.write().unwrap_or_else(PoisonError::into_inner) = Some(d.clone());
        tracing::info!(issuer = %self.settings.issuer_url, "provider metadata and keys fetched");
        Ok(d)
    }

    /// Builds the authorization request: fresh `state`, `nonce` and PKCE (S256).
    pub async fn start(&self) -> Result<AuthorizationStart, LoginFailure> {
        let d = self.discovered(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = d
            .client
            .authorize_url(AuthenticationFlow::<CoreResponseType>::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(AuthorizationStart { url: url.to_string(), state: state.secret().clone(), nonce: nonce.secret().clone(), pkce_verifier: verifier.secret().clone() })
    }

    /// Exchanges `code` (with its PKCE verifier), verifies the ID token (signature by the
    /// provider's keys, issuer, audience, expiry, `nonce`) and reads the profile from its claims
    /// and the userinfo endpoint.
    pub async fn complete(&self, code: &str, nonce: &str, pkce_verifier: &str) -> Result<VerifiedIdentity, LoginFailure> {
        let d = self.discovered(false).await?;
        let request = d.client.exchange_code(AuthorizationCode::new(code.to_owned())).map_err(unavailable)?;
        let response = request.set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned())).request_async(&self.http).await.map_err(|e| match e {
            RequestTokenError::ServerResponse(r) => LoginFailure::BadToken(format!("token endpoint refused: {r}")),
            // Not JSON at all (an error page of a proxy, a 503): the provider is down.
            RequestTokenError::Parse(e, body) if !body.trim_ascii_start().starts_with(b"{") => unavailable(format!("token endpoint: {e}")),
            RequestTokenError::Parse(e, _) => LoginFailure::BadToken(format!("token response unreadable: {e}")),
            other => unavailable(other),
        })?;
        let id_token = response.id_token().ok_or_else(|| LoginFailure::BadToken("no ID token in the token response".into()))?;
        let nonce = Nonce::new(nonce.to_owned());
        let (d, claims) = match id_token.claims(&verifier(&d.client), &nonce) {
            Ok(claims) => (d.clone(), claims.clone()),
            Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
                // The provider may have rotated its keys since we fetched them.
                tracing::info!("ID token signed by a key we do not know; fetching the provider's keys again");
                let fresh = self.discovered(true).await?;
                let claims = id_token.claims(&verifier(&fresh.client), &nonce).map_err(bad_token)?.clone();
                (fresh, claims)
            }
            Err(e) => return Err(bad_token(e)),
        };
        let subject = claims.subject().clone();
        let mut merged = as_object(&claims);
        if let Ok(request) = d.client.user_info(AccessToken::new(response.access_token().secret().clone()), Some(subject.clone())) {
            let info: UserInfoClaims<OtherClaims, CoreGenderClaim> =
                request.request_async(&self.http).await.map_err(|e| LoginFailure::BadToken(format!("userinfo: {e}")))?;
            merged.extend(as_object(&info));
        }
        Ok(VerifiedIdentity { subject: subject.to_string(), profile: profile_from_claims(&merged, &self.settings.claims), id_token: id_token.to_string() })
    }

    /// The provider's end-session address for the browser, with the hint and our return
    /// address; `None` when the provider has no end-session endpoint (or cannot be reached).
    pub async fn end_session_url(&self, id_token_hint: Option<&str>) -> Option<String> {
        let d = self.discovered(false).await.ok()?;
        let mut url = url::Url::parse(d.end_session.as_deref()?).ok()?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(hint) = id_token_hint {
                q.append_pair("id_token_hint", hint);
            }
            q.append_pair("post_logout_redirect_uri", &self.settings.post_logout_redirect_url);
            q.append_pair("client_id", &self.settings.client_id);
        }
        Some(url.to_string())
    }
}

/// ID tokens are accepted only when signed with the provider's public keys, whatever its
/// discovery document offers: never HMAC with our client secret (anyone who knows the secret
/// could forge one), never unsigned.
const ASYMMETRIC: [CoreJwsSigningAlgorithm; 10] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EcdsaP521Sha512,
    CoreJwsSigningAlgorithm::EdDsa,
];

fn verifier(client: &PortalClient) -> openidconnect::IdTokenVerifier<'_, CoreJsonWebKey> {
    client.id_token_verifier().set_allowed_algs(ASYMMETRIC)
}

fn bad_token(e: ClaimsVerificationError) -> LoginFailure {
    let cause = std::error::Error::source(&e).map(|c| format!(": {c}")).unwrap_or_default();
    LoginFailure::BadToken(format!("ID token refused: {e}{cause}"))
}

fn as_object(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The profile in `claims` under the configured names. Missing names are empty; an unknown or
/// missing assurance level counts as the lowest; a SNILS with a wrong control sum is dropped.
pub fn profile_from_claims(claims: &Map<String, Value>, names: &ClaimNames) -> Profile {
    let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let snils = text(&names.snils).and_then(|s| match Snils::parse(&s) {
        Ok(snils) => Some(snils),
        Err(e) => {
            tracing::warn!(error = %e, "the provider sent a SNILS that is not valid; ignored");
            None
        }
    });
    Profile {
        family_name: text(&names.family_name).unwrap_or_default(),
        given_name: text(&names.given_name).unwrap_or_default(),
        middle_name: text(&names.middle_name),
        snils,
        birthdate: text(&names.birthdate),
        email: text(&names.email),
        phone: text(&names.phone),
        assurance: text(&names.assurance).and_then(|l| AssuranceLevel::parse(&l)).unwrap_or(AssuranceLevel::Simplified),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn object(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn claims_map_to_the_profile_by_configured_names() {
        let claims = object(json!({
            "sub": "x", "family_name": "Иванова", "given_name": "Мария", "middle_name": "Петровна",
            "snils": "123-456-789 64", "birthdate": "1988-04-12", "email": "m@example.ru",
            "phone_number": "+7 900", "assurance_level": "confirmed"
        }));
        let p = profile_from_claims(&claims, &ClaimNames::default());
        assert_eq!(p.full_name(), "Иванова Мария Петровна");
        assert_eq!(p.snils.unwrap().digits(), "12345678964");
        assert_eq!(p.assurance, AssuranceLevel::Confirmed);
        assert_eq!(p.phone.as_deref(), Some("+7 900"));

        let renamed = ClaimNames { snils: "urn:esia:snils".into(), assurance: "trusted".into(), ..ClaimNames::default() };
        let claims = object(json!({ "urn:esia:snils": "12345678964", "trusted": "standard" }));
        let p = profile_from_claims(&claims, &renamed);
        assert_eq!(p.snils.unwrap().to_string(), "123-456-789 64");
        assert_eq!(p.assurance, AssuranceLevel::Standard);
    }

    #[test]
    fn doubtful_claims_give_the_least_rights() {
        let claims = object(json!({ "snils": "123-456-789 65", "assurance_level": "platinum", "given_name": "  " }));
        let p = profile_from_claims(&claims, &ClaimNames::default());
        assert_eq!(p.snils, None, "a SNILS with a wrong control sum is dropped");
        assert_eq!(p.assurance, AssuranceLevel::Simplified);
        assert_eq!(p.given_name, "");
    }
}
