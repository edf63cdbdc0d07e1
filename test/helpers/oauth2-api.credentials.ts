// Test-only stand-in for n8n's generic OAuth2 credential type ('oAuth2Api').
//
// n8n ships this type in n8n-nodes-base, which this package does not (and must not)
// depend on. Our own credential `extends: ['oAuth2Api']`, so the workflow runner needs
// the parent definition to merge properties the same way n8n's CredentialsHelper does
// (parent first, child overrides). Only the fields that matter at execution time are
// described here (no JWE, certificates or client-credentials body extras); their names,
// types, defaults and display conditions follow n8n 2.41.
//
// The display conditions matter: n8n computes credential data with
// NodeHelpers.getNodeParameters(), which drops values whose displayOptions do not match.
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const onlyWithoutDcr = { useDynamicClientRegistration: [false] };

export class OAuth2ApiTestCredential implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	genericAuth = true;

	properties: INodeProperties[] = [
		{
			// Dynamic client registration switch; every other field is shown only while it is off.
			displayName: 'Use Dynamic Client Registration',
			name: 'useDynamicClientRegistration',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			displayOptions: { show: onlyWithoutDcr },
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...onlyWithoutDcr } },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			displayOptions: { show: onlyWithoutDcr },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			displayOptions: { show: onlyWithoutDcr },
			default: '',
			required: true,
		},
		{
			// Hidden: 'clientSecret' (shared secret) unless a child credential offers certificates.
			displayName: 'Client Credential Type',
			name: 'clientCredentialType',
			type: 'hidden',
			default: 'clientSecret',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			displayOptions: { show: onlyWithoutDcr },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			displayOptions: { show: onlyWithoutDcr },
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...onlyWithoutDcr } },
			default: '',
		},
		{
			// 'header' sends client id/secret to the token endpoint as HTTP Basic auth, 'body' as form fields.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			displayOptions: { show: onlyWithoutDcr },
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			// Status that makes n8n-core refresh the token and retry once.
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'number',
			default: 401,
			doNotInherit: true,
		},
	];
}
