/**
 * A person signed in to the workspace without a browser: the real authorization-code flow of the development
 * identity provider (its login form, any password) followed by plain HTTP requests, so the bench reads the pages with
 * the session cookie a browser would send.
 */

/** The cookies a reader holds, by origin; paths are ignored (each cookie only goes back to the origin that set it). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  /** Keeps the cookies an answer sets (`set-cookie` lines, whatever their path). */
  take(url: string, setCookies: readonly string[]): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  /** The `cookie` header for a request to `url`. */
  header(url: string): string {
    return [...(this.byOrigin.get(new URL(url).origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

const REDIRECTS = 20;

/**
 * Signs `login` in through the identity provider at `issuer`, from the workspace at `apiUrl`, and returns the jar that
 * holds its session. The provider sends the reader back to the API's PUBLIC_BASE_URL, which on the bench's stacks is
 * not where the API listens: the callback is made at `apiUrl` instead.
 */
export async function signInToWorkspace(apiUrl: string, issuer: string, login: string): Promise<CookieJar> {
  const jar = new CookieJar();
  // Past the workspace's own sign-in page (what a person reads first), straight to the provider.
  let url = `${apiUrl}/workspace/sign-in/start?returnTo=/workspace`;
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < REDIRECTS; hop++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(url),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form.toString() } : {}),
    });
    jar.take(url, res.headers.getSetCookie());
    const body = await res.text();
    form = undefined;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.pathname === '/workspace/callback') {
        url = `${apiUrl}${next.pathname}${next.search}`;
        continue;
      }
      // Back in the workspace, signed in.
      if (url.startsWith(`${apiUrl}/workspace/callback`)) return jar;
      url = next.href;
      continue;
    }
    // The development provider's login form (tools/dev/oidc-dev-pages.mjs): any password.
    if (res.status === 200 && url.startsWith(issuer) && /name="login"/.test(body)) {
      form = new URLSearchParams({ prompt: 'login', login, password: 'any-password' });
      continue;
    }
    throw new Error(`signing ${login} in: ${res.status} at ${new URL(url).pathname}`);
  }
  throw new Error(`signing ${login} in: more than ${REDIRECTS} redirects`);
}
