/**
 * connectOAuth2(): what a user's click on "Connect my account" does, without a browser.
 *
 *  1. GET /rest/oauth2-credential/auth?id=<credentialId> → { data: <authorization URL> }
 *     (n8n builds it from the credential: client_id, redirect_uri, scope, state, and for PKCE
 *     code_challenge + code_challenge_method=S256).
 *  2. Request that URL at the authorization server (the local sandbox with autoApprove) and
 *     follow its redirects until one points at n8n's /rest/oauth2-credential/callback.
 *  3. Request the callback with n8n's cookie jar; n8n exchanges the code at the token URL
 *     (code_verifier, HTTP Basic client auth) and stores the tokens in the credential.
 *  4. GET /rest/credentials/<id>?includeData=true must show `oauthTokenData`.
 */
import type { N8nRestClient } from './rest-client';
import { expectOk, HttpClient } from './http-client';

export interface ConnectOAuth2Options {
	/**
	 * Custom step 2: given the authorization URL, return the callback URL (with code and
	 * state) the authorization server redirects to. Default: follow redirects with a plain
	 * client, which works with the sandbox's autoApprove.
	 */
	authorize?: (authorizationUrl: string) => Promise<string>;
}

export interface ConnectOAuth2Result {
	authorizationUrl: string;
	/** Query parameters of the authorization URL (client_id, redirect_uri, scope, state, code_challenge, …). */
	authorizationParams: Record<string, string>;
	/** The redirect the authorization server produced (code, state). */
	callbackUrl: string;
	callbackStatus: number;
	callbackBody: string;
	/** The credential afterwards, with includeData (data.oauthTokenData is set). */
	credential: Record<string, any>;
}

const CALLBACK_PATH = '/rest/oauth2-credential/callback';

/** Follows redirects from the authorization URL until n8n's callback URL shows up. */
export async function followAuthorizationRedirects(authorizationUrl: string, maxHops = 10): Promise<string> {
	const browser = new HttpClient(''); // its own cookie jar, as a browser would have for the auth server
	let url = authorizationUrl;
	for (let hop = 0; hop < maxHops; hop++) {
		const res = await browser.get(url, { responseType: 'text' });
		const location = res.headers.location;
		if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
			const next = new URL(location, url);
			if (next.pathname.endsWith(CALLBACK_PATH)) return next.toString();
			url = next.toString();
			continue;
		}
		throw new Error(
			`authorization server answered HTTP ${res.status} at ${url} instead of redirecting to n8n ` +
				`(is autoApprove on, or pass options.authorize?): ${String(res.data).slice(0, 500)}`,
		);
	}
	throw new Error(`no redirect to ${CALLBACK_PATH} after ${maxHops} hops from ${authorizationUrl}`);
}

export async function connectOAuth2(
	client: N8nRestClient,
	credentialId: string,
	options: ConnectOAuth2Options = {},
): Promise<ConnectOAuth2Result> {
	const auth = expectOk(
		await client.http.get(`/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`),
		'GET /rest/oauth2-credential/auth',
	);
	const authorizationUrl: string = auth.data.data;
	const authorizationParams = Object.fromEntries(new URL(authorizationUrl).searchParams);

	const redirect = await (options.authorize ?? followAuthorizationRedirects)(authorizationUrl);
	// Call n8n itself, whatever host the redirect_uri names (n8n may say localhost, which can
	// resolve to ::1 while n8n listens on 127.0.0.1 only).
	const target = new URL(redirect);
	const callbackUrl = `${client.baseUrl}${target.pathname}${target.search}`;
	const callback = await client.http.get(callbackUrl, { responseType: 'text' });
	const callbackBody = String(callback.data);

	const credential = await client.getCredential(credentialId, true);
	if (!credential?.data?.oauthTokenData) {
		throw new Error(
			`OAuth2 connect of credential ${credentialId} stored no tokens; callback HTTP ${callback.status}: ` +
				callbackBody.replace(/\s+/g, ' ').slice(0, 1500),
		);
	}
	return {
		authorizationUrl,
		authorizationParams,
		callbackUrl,
		callbackStatus: callback.status,
		callbackBody,
		credential,
	};
}
