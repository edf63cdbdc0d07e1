// The Fanvue side of an e2e stack: the local sandbox (sandbox/, a stand-in for auth.fanvue.com +
// api.fanvue.com) and a fanvueOAuth2Api credential pointed at it ("custom" environment) and
// connected through n8n's real OAuth2 PKCE flow (oauth.ts).
import path from 'node:path';

import type { ConnectOAuth2Result } from './oauth';
import { REPO_ROOT } from './paths';
import type { N8nRestClient } from './rest-client';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const sandboxModule = require(path.join(REPO_ROOT, 'sandbox'));

/** What the credential needs of a sandbox handle (startSandbox() returns it, see sandbox/README.md). */
export interface SandboxLike {
	url: string;
	clientId: string;
	clientSecret: string;
}

/**
 * startSandbox() of sandbox/ with `port: 0` (a free port) and `autoApprove: true` (the OAuth2
 * consent is given without a browser) unless `options` say otherwise. Returns the sandbox handle.
 */
export async function startFanvueSandbox(options: Record<string, unknown> = {}): Promise<any> {
	return await sandboxModule.startSandbox({ port: 0, autoApprove: true, ...options });
}

export interface FanvueCredentialOptions {
	/** Default 'Fanvue account' (the name the shipped templates reference). */
	name?: string;
	/** The credential's scope groups; default [] (base scopes only). 'webhooks' adds read:creator. */
	scopeGroups?: string[];
	/** For manually registered triggers (the Developer-Area signing secret); omitted by default. */
	webhookSigningSecret?: string;
	/** Default: the sandbox's own clientId / clientSecret. */
	clientId?: string;
	clientSecret?: string;
}

/** `{ name, type: 'fanvueOAuth2Api', data }` for POST /rest/credentials: environment custom, both URLs = the sandbox. */
export function fanvueCredentialInput(
	sandbox: SandboxLike,
	options: FanvueCredentialOptions = {},
): { name: string; type: 'fanvueOAuth2Api'; data: Record<string, unknown> } {
	const data: Record<string, unknown> = {
		environment: 'custom',
		customApiBaseUrl: sandbox.url,
		customAuthServerUrl: sandbox.url,
		clientId: options.clientId ?? sandbox.clientId,
		clientSecret: options.clientSecret ?? sandbox.clientSecret,
		scopeGroups: options.scopeGroups ?? [],
	};
	if (options.webhookSigningSecret !== undefined) data.webhookSigningSecret = options.webhookSigningSecret;
	return { name: options.name ?? 'Fanvue account', type: 'fanvueOAuth2Api', data };
}

export interface ConnectedFanvueCredential {
	id: string;
	name: string;
	/** What connectOAuth2() saw (authorization URL and parameters, the stored credential). */
	connection: ConnectOAuth2Result;
}

/**
 * Creates a fanvueOAuth2Api credential against the sandbox and connects it (rest.connectOAuth2:
 * throws unless n8n stored tokens). In workflow JSON / CredentialIds use `{ id, name }` only.
 */
export async function connectFanvueCredential(
	rest: N8nRestClient,
	sandbox: SandboxLike,
	options: FanvueCredentialOptions = {},
): Promise<ConnectedFanvueCredential> {
	const credential = await rest.createCredential(fanvueCredentialInput(sandbox, options));
	const connection = await rest.connectOAuth2(credential.id);
	return { id: credential.id, name: credential.name, connection };
}

/** A Message Received body as Fanvue sends it (the classic flat shape), from `fan` to the creator. */
export function messageReceivedPayload(fan: { uuid: string; handle?: string; displayName?: string }, creatorUuid: string, messageUuid: string, text: string) {
	const now = new Date().toISOString();
	return {
		message: { uuid: messageUuid, text, hasMedia: false, mediaUuids: [], price: null, createdAt: now },
		messageUuid,
		sender: { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: null },
		recipientUuid: creatorUuid,
		isMuted: false,
		timestamp: now,
	};
}
