// provider.mjs — a minimal, real OpenID Connect provider for integration tests.
//
// Built on `oidc-provider` (panva, OpenID Certified). Nothing here is a simulator:
// discovery, authorization, token, userinfo, JWKS and end_session endpoints are
// the library's own. We only configure it and add tiny plain-HTML interaction
// pages (no JavaScript) so a non-browser HTTP client can log in.
//
// Environment (all optional, defaults in brackets):
//   PORT                     [9800]  TCP port, bound to 127.0.0.1 only
//   ISSUER                   [http://127.0.0.1:$PORT]  exact `iss` value; no trailing slash
//   CLIENT_ID                [portal]
//   CLIENT_SECRET            [portal-secret]  may contain + / = : etc.
//   REDIRECT_URI             [http://127.0.0.1:8080/auth/callback]
//   POST_LOGOUT_REDIRECT_URI [http://127.0.0.1:8080/]
//   ID_TOKEN_ALG             [RS256]  RS256 or ES256 (the client's id_token_signed_response_alg)
//
// Once ready it prints exactly one line on stdout:
//   oidc-provider listening on http://127.0.0.1:PORT
// (the library may print other "oidc-provider NOTICE/WARNING" lines; scan for this one.)
//
// Non-JS login flow (see README.md for the full request sequence):
//   GET  /auth?...                          -> 303 /interaction/<uid>   (sets _interaction, _interaction_resume)
//   GET  /interaction/<uid>                 -> 200 HTML <form method=post action=/interaction/<uid>/login>
//   POST /interaction/<uid>/login  login=..&password=..
//                                           -> 303 /auth/<uid>          (unknown login: 401 + form again)
//   GET  /auth/<uid>                        -> 303 REDIRECT_URI?code=..&state=..&iss=..  (sets _session)
// Consent is granted automatically (see loadExistingGrant), so there is no consent page.

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

// ---------------------------------------------------------------- settings
const PORT = Number(process.env.PORT || 9800);
const ISSUER = (process.env.ISSUER || `http://127.0.0.1:${PORT}`).replace(/\/+$/, '');
const CLIENT_ID = process.env.CLIENT_ID || 'portal';
const CLIENT_SECRET = process.env.CLIENT_SECRET || 'portal-secret';
const REDIRECT_URI = process.env.REDIRECT_URI || 'http://127.0.0.1:8080/auth/callback';
const POST_LOGOUT_REDIRECT_URI = process.env.POST_LOGOUT_REDIRECT_URI || 'http://127.0.0.1:8080/';
const ID_TOKEN_ALG = process.env.ID_TOKEN_ALG || 'RS256';
if (!['RS256', 'ES256'].includes(ID_TOKEN_ALG)) throw new Error('ID_TOKEN_ALG must be RS256 or ES256');

// ---------------------------------------------------------------- accounts
// Fixed in-memory accounts; the login name typed in the form is the `sub`.
const ACCOUNTS = {
  'real-ivanova': {
    family_name: 'Иванова',
    given_name: 'Мария',
    middle_name: 'Петровна',
    birthdate: '1988-04-12',
    email: 'ivanova@example.ru',
    email_verified: true,
    phone_number: '+7 900 111-22-33',
    phone_number_verified: true,
    snils: '123-456-789 64',
    assurance_level: 'confirmed',
  },
  'real-petrov': {
    family_name: 'Петров',
    given_name: 'Иван',
    middle_name: 'Сергеевич',
    birthdate: '1975-11-30',
    email: 'petrov@example.ru',
    email_verified: false,
    phone_number: '+7 900 444-55-66',
    phone_number_verified: false,
    snils: '987-654-321 83',
    assurance_level: 'simplified',
  },
};

async function findAccount(ctx, sub) {
  const data = ACCOUNTS[sub];
  if (!data) return undefined;
  return {
    accountId: sub,
    // Return everything; oidc-provider filters by granted scopes/claims itself,
    // separately for use === 'id_token' and use === 'userinfo'.
    async claims(use, scope) { return { sub, ...data }; },
  };
}

// ---------------------------------------------------------------- keys
// Fresh signing keys on every start (tests fetch JWKS from /jwks anyway).
const jwk = (key, kid, alg) => ({ ...key.export({ format: 'jwk' }), kid, alg, use: 'sig' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const keys = [jwk(rsa, 'rs256-1', 'RS256'), jwk(ec, 'es256-1', 'ES256')];

// ---------------------------------------------------------------- provider
const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: [REDIRECT_URI],
    post_logout_redirect_uris: [POST_LOGOUT_REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    // A client registered with client_secret_basic is also accepted with
    // client_secret_post (oidc-provider treats the two as interchangeable).
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: ID_TOKEN_ALG,
  }],

  jwks: { keys },
  findAccount,

  // Scopes → claims. Array-valued keys become scopes (listed in discovery
  // scopes_supported); `snils` is a custom scope carrying two custom claims.
  claims: {
    openid: ['sub'],
    profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
    snils: ['snils', 'assurance_level'],
  },
  scopes: ['openid', 'profile', 'email', 'phone', 'snils'],

  // Put scope claims into the ID token too (default true = only in userinfo
  // whenever an access token is also issued, i.e. always for response_type=code).
  conformIdTokenClaims: false,

  // Only what this RP uses: authorization code flow, secret-based client auth.
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],

  // PKCE: S256 only, and required for every client (default: public clients only).
  pkce: { methods: ['S256'], required: () => true },

  // Our own interaction pages (below) instead of the built-in devInteractions.
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },

  // First-party client: grant every requested OIDC scope/claim silently, so the
  // `consent` prompt never fires and there is no consent page to click through.
  async loadExistingGrant(ctx) {
    const { Grant } = ctx.oidc.provider;
    const clientId = ctx.oidc.client.clientId;
    const accountId = ctx.oidc.session.accountId;
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(clientId);
    let grant = grantId ? await Grant.find(grantId) : undefined;
    if (!grant || grant.accountId !== accountId) grant = new Grant({ clientId, accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    const claims = [...ctx.oidc.requestParamClaims];
    if (claims.length) grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  },

  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The default page puts the "Yes" button OUTSIDE the <form> (form="op.logoutForm"),
      // which naive HTML form parsers miss. Emit one self-contained form instead:
      // hidden xsrf + hidden logout=yes + a submit button.
      async logoutSource(ctx, form) {
        ctx.type = 'html';
        ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Logout</title></head><body>
<h1>Sign out?</h1>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><button type="submit">Sign out</button></form>')}
</body></html>`;
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Signed out</title></head><body><h1>Signed out</h1></body></html>';
      },
    },
  },

  // Plain-HTTP, test-only cookie settings. Cookies never get `Secure` on http
  // (oidc-provider only adds it when the request is https). Signed cookies
  // additionally set `<name>.sig` companions — a cookie jar must send them back.
  cookies: {
    keys: [randomBytes(32).toString('hex')],
    long: { signed: true, httpOnly: true, sameSite: 'lax' },
    short: { signed: true, httpOnly: true, sameSite: 'lax' },
  },

  // Not a browser-facing CORS setup; allow all so the library stops nagging.
  clientBasedCORS: () => true,

  // Short, explicit lifetimes (seconds).
  ttl: {
    AccessToken: 3600, AuthorizationCode: 120, IdToken: 3600,
    Interaction: 600, Session: 3600, Grant: 3600,
  },

  // Readable errors for test logs (default page is styled HTML).
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>error</title></head><body><h1>oops</h1><pre id="error">${esc(JSON.stringify(out))}</pre></body></html>`;
  },
};

const provider = new Provider(ISSUER, configuration);
// Log server-side errors to stderr so a failing test shows the reason.
for (const ev of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error', 'interaction.error']) {
  provider.on(ev, (ctx, err) => console.error(`[oidc-provider] ${ev}: ${err?.message}${err?.error_description ? ` (${err.error_description})` : ''}`));
}

// ---------------------------------------------------------------- interactions
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function loginPage(uid, { error, loginHint } = {}) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign-in</title></head><body>
<h1>Sign-in</h1>
${error ? `<p id="error">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
  <input type="text" name="login" value="${esc(loginHint || '')}" placeholder="login (sub)" required>
  <input type="password" name="password" placeholder="any password">
  <button type="submit">Sign-in</button>
</form>
<a href="/interaction/${esc(uid)}/abort">Cancel</a>
</body></html>`;
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// Handles /interaction/<uid>[/login|/abort]. Returns false if not ours.
async function interactions(req, res) {
  const url = new URL(req.url, ISSUER);
  const m = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|abort))?$/);
  if (!m) return false;
  const [, uid, action] = m;

  // Reads the `_interaction` cookie; throws SessionNotFound if missing/expired.
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) { sendHtml(res, 400, '<p id="error">interaction mismatch</p>'); return true; }

  if (!action && req.method === 'GET') {
    if (details.prompt.name === 'login') {
      sendHtml(res, 200, loginPage(uid, { loginHint: details.params.login_hint }));
    } else {
      // Should not happen (loadExistingGrant auto-consents), but finish anyway.
      const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope || 'openid'));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    return true;
  }

  if (action === 'login' && req.method === 'POST') {
    const form = await readForm(req);
    const login = (form.get('login') || '').trim();
    if (!ACCOUNTS[login]) { // password is not checked; the login must be a known sub
      sendHtml(res, 401, loginPage(uid, { error: `unknown account: ${login}`, loginHint: login }));
      return true;
    }
    // 303 -> /auth/<uid> (the provider resumes the authorization request)
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return true;
  }

  if (action === 'abort' && req.method === 'GET') {
    // 303 -> /auth/<uid> -> REDIRECT_URI?error=access_denied&state=...
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
    return true;
  }

  sendHtml(res, 405, '<p id="error">method not allowed</p>');
  return true;
}

// ---------------------------------------------------------------- server
const oidc = provider.callback();
const server = createServer(async (req, res) => {
  try {
    if (await interactions(req, res)) return;
  } catch (err) {
    console.error('[interaction]', err);
    if (!res.headersSent) sendHtml(res, 400, `<p id="error">${esc(err.name)}: ${esc(err.message)}</p>`);
    return;
  }
  oidc(req, res);
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`oidc-provider listening on http://127.0.0.1:${PORT}`);
});

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
