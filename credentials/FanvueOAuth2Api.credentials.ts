import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Fanvue's OAuth 2.0: authorization code with PKCE (S256), client authentication by HTTP
 * Basic at the token endpoint, rotating single-use refresh tokens.
 *
 * The hidden oAuth2Api fields are expressions over this credential's own fields ($self), so
 * the URLs follow the chosen environment and the scope follows the chosen feature groups.
 */

/** Scopes every Fanvue authorization must request, plus what the core operations need. */
export const BASE_SCOPES = [
	'openid',
	'offline_access',
	'offline',
	'read:self',
	'read:chat',
	'write:chat',
	'read:fan',
];

/** Optional feature groups the user ticks, and the scopes each one adds. */
export const SCOPE_GROUPS: Record<string, string[]> = {
	insights: ['read:insights'],
	media: ['read:media', 'write:media'],
	posts: ['read:post', 'write:post'],
	trackingLinks: ['read:tracking_links', 'write:tracking_links'],
	webhooks: ['read:creator'],
	agency: ['read:agency', 'write:agency', 'read:creator', 'write:creator'],
};

/** Fanvue's hosts per environment: the one list, read by the auth URLs below and by the node's requests. */
export const FANVUE_HOSTS = {
	production: { api: 'https://api.fanvue.com', auth: 'https://auth.fanvue.com' },
	development: { api: 'https://api.dev.fanvue.com', auth: 'https://auth.dev.fanvue.com' },
};

const authServerExpression =
	'$self["environment"] === "custom" ? String($self["customAuthServerUrl"]).replace(/\\/+$/, "")' +
	` : $self["environment"] === "development" ? "${FANVUE_HOSTS.development.auth}" : "${FANVUE_HOSTS.production.auth}"`;

// Kept to plain array methods: n8n evaluates this in its expression sandbox.
const scopeExpression =
	`={{ ${JSON.stringify(BASE_SCOPES)}.concat(` +
	`($self["scopeGroups"] || []).map((group) => (${JSON.stringify(SCOPE_GROUPS)})[group] || []).flat()` +
	`).filter((scope, index, all) => all.indexOf(scope) === index).join(" ") }}`;

export class FanvueOAuth2Api implements ICredentialType {
	name = 'fanvueOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Fanvue OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Fanvue/fanvue.svg', dark: 'file:../nodes/Fanvue/fanvue.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fanvue/n8n-nodes-fanvue#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'Api.fanvue.com and auth.fanvue.com' },
				{
					name: 'Development',
					value: 'development',
					description: "Fanvue's development hosts (api.dev.fanvue.com)",
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Your own URLs, e.g. a local Fanvue sandbox for testing',
				},
			],
			default: 'production',
		},
		{
			displayName: 'API Base URL',
			name: 'customApiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Authorization Server URL',
			name: 'customAuthServerUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010',
			description: 'Base URL that serves /oauth2/auth and /oauth2/token',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Additional Features',
			name: 'scopeGroups',
			type: 'multiOptions',
			description:
				'Features whose scopes to request on top of profile, chats, messages and fans. Tick only what your Fanvue app has enabled: the requested scopes must match the app.',
			options: [
				{ name: 'Agency (Managed Creators)', value: 'agency', description: 'Read:agency, write:agency, read:creator, write:creator' },
				{ name: 'Insights (Earnings, Top Spenders)', value: 'insights', description: 'Read:insights' },
				{ name: 'Media (Vault, Uploads)', value: 'media', description: 'Read:media, write:media' },
				{ name: 'Posts', value: 'posts', description: 'Read:post, write:post' },
				{ name: 'Tracking Links', value: 'trackingLinks', description: 'Read:tracking_links, write:tracking_links' },
				{
					name: 'Webhook Auto-Registration',
					value: 'webhooks',
					description: 'Read:creator, lets the Fanvue Trigger subscribe its own URL',
				},
			],
			default: [],
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Signing secret from the Events tab of your app in the Fanvue Developer Area. The Fanvue Trigger uses it to verify deliveries when it is set up manually.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ (${authServerExpression}) + "/oauth2/auth" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ (${authServerExpression}) + "/oauth2/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
