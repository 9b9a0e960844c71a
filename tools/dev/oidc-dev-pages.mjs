// The development identity provider's own pages (login, consent, sign-out, error) in the reader's language:
// oidc-provider's development pages speak English only. Any password is accepted; the field names `login` and
// `password` and the first submit button are what the tests and the bench (tools/bench/workspace-sign-in.ts) fill in.
import { languageOf, WORDS } from './oidc-dev-words.mjs';

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const STYLE = `
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; }
main { max-width: 28rem; margin: 2rem auto; padding: 0 1.5rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
.hint { margin: 0; color: #505050; }
input { font: inherit; padding: .35rem; border: 1px solid #595959; border-radius: 3px; width: 100%; box-sizing: border-box; }
[aria-invalid=true] { border: 2px solid #b00020; }
.error { border-left: 6px solid #b00020; background: #fdecee; padding: .5rem 1rem; }
.buttons { display: flex; gap: 1rem; margin-top: 1.5rem; }
button { font: inherit; background: #0b4f8a; color: #fff; border: 0; border-radius: 3px; padding: .5rem 1rem; cursor: pointer; }
button.secondary { background: #e5e5e5; color: #1b1b1b; }
:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
`;

function html(lang, title, body) {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>${STYLE}</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function loginPage(lang, uid, { loginHint, unknown }) {
  const w = WORDS[lang];
  return html(
    lang,
    w.title,
    `<p>${escape(w.intro)}</p>
${unknown ? `<p class="error" role="alert" id="login-error">${escape(w.unknown)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}" autocomplete="off" id="login-form">
<input type="hidden" name="prompt" value="login">
<label for="login">${escape(w.login)}</label>
<p class="hint" id="login-hint">${escape(w.loginHint)}</p>
<input id="login" name="login" type="text" required autofocus value="${escape(loginHint ?? '')}"
 aria-describedby="login-hint${unknown ? ' login-error' : ''}"${unknown ? ' aria-invalid="true"' : ''}>
<label for="password">${escape(w.password)}</label>
<input id="password" name="password" type="password" required>
</form>
${buttons(uid, w.submit, w.cancel, 'login-form')}`,
  );
}

function consentPage(lang, uid, client) {
  const w = WORDS[lang];
  return html(
    lang,
    w.consentTitle,
    `<p>${escape(w.consent(client))}</p>
<form method="post" action="/interaction/${escape(uid)}" id="consent-form"><input type="hidden" name="prompt" value="consent"></form>
${buttons(uid, w.allow, w.cancel, 'consent-form')}`,
  );
}

/** The way on (the interaction's form) first, then "Cancel": its own form, which ends the interaction as declined. */
const buttons = (uid, submit, cancel, form) => `<div class="buttons">
<button type="submit" form="${form}">${escape(submit)}</button>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit" class="secondary">${escape(cancel)}</button></form>
</div>`;

async function formOf(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/** The grant a consent gives: what the provider found missing (as oidc-provider's development consent does). */
async function grantConsent(provider, { grantId, prompt: { details }, session, params }) {
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scope] of Object.entries(details.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scope.join(' '));
  return grant.save();
}

/**
 * The interaction pages (interactions.url: /interaction/<uid>) as Koa middleware of the provider: GET shows the
 * login (or consent) page in the language the client asked for with `ui_locales`; POST signs in a known account,
 * any password; POST …/abort ends the interaction with `access_denied`, which the client gets at its callback.
 */
export function interactionPages(provider, accounts) {
  return async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/abort)?$/.exec(ctx.path);
    if (!match || !['GET', 'POST'].includes(ctx.method)) return next();
    ctx.set('cache-control', 'no-store');
    // An interaction that expired or was finished already (the back button): the provider's error page.
    await interaction(provider, accounts, ctx, match[2]).catch(async (err) => {
      ctx.status = err.statusCode ?? 500;
      await renderError(ctx, { error: err.error ?? 'server_error' });
    });
  };
}

/** One interaction's page or its posting; `abort`: the reader's Cancel. */
async function interaction(provider, accounts, ctx, abort) {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const lang = languageOf(details.params.ui_locales);
  const finish = async (result, mergeWithLastSubmission) => {
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission }));
  };
  if (abort) {
    if (ctx.method !== 'POST') ctx.throw(405);
    return finish({ error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
  }
  const prompt = details.prompt.name;
  ctx.type = 'html';
  if (ctx.method === 'GET') {
    if (prompt === 'login') ctx.body = loginPage(lang, details.uid, { loginHint: details.params.login_hint });
    else {
      const client = await provider.Client.find(details.params.client_id);
      ctx.body = consentPage(lang, details.uid, client?.clientName ?? details.params.client_id);
    }
    return;
  }
  const form = await formOf(ctx.req);
  if (prompt === 'login') {
    const login = form.get('login')?.trim() ?? '';
    // Only the dev principals exist: any other name is asked again, in the reader's language.
    if (!accounts.has(login)) {
      ctx.status = 400;
      ctx.body = loginPage(lang, details.uid, { loginHint: login, unknown: true });
      return;
    }
    return finish({ login: { accountId: login } }, false);
  }
  return finish({ consent: { grantId: await grantConsent(provider, details) } }, true);
}

/** RP-initiated logout's question, in the language the client asked with `ui_locales` (the workspace does). */
export async function logoutSource(ctx, form) {
  const lang = languageOf(ctx.oidc.params?.ui_locales, ctx.get('accept-language'));
  const w = WORDS[lang];
  ctx.type = 'html';
  ctx.body = html(
    lang,
    w.logoutTitle,
    `<p>${escape(w.logout)}</p>${form}<div class="buttons">
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${escape(w.logoutYes)}</button>
<button type="submit" form="op.logoutForm" class="secondary">${escape(w.logoutNo)}</button></div>`,
  );
}

export async function postLogoutSuccessSource(ctx) {
  const lang = languageOf(ctx.oidc?.params?.ui_locales, ctx.get('accept-language'));
  ctx.type = 'html';
  ctx.body = html(lang, WORDS[lang].logoutTitle, `<p>${escape(WORDS[lang].signedOut)}</p>`);
}

/** The provider's own error page: what to do, never the error's details (they are for the provider's log). */
export async function renderError(ctx, out) {
  process.stderr.write(`oidc dev provider: ${out.error}\n`);
  const lang = languageOf(ctx.oidc?.params?.ui_locales, ctx.get('accept-language'));
  ctx.type = 'html';
  ctx.body = html(lang, WORDS[lang].errorTitle, `<p>${escape(WORDS[lang].error)}</p>`);
}
