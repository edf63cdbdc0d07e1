// A connected Fanvue credential for the in-process runner, pointing at a running sandbox with a
// token the sandbox issued directly (the real OAuth dance is proved in the e2e tests).
import type { IDataObject } from 'n8n-workflow';

import type { StoredCredential } from './n8n-runner';
import { FANVUE_CREDENTIAL_TYPE } from './n8n-runner';

export const SANDBOX_CREDENTIAL_ID = 'fanvue-sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sandboxCredentials(sb: any, token: IDataObject = sb.issueToken()): Record<string, StoredCredential> {
	return {
		[SANDBOX_CREDENTIAL_ID]: {
			type: FANVUE_CREDENTIAL_TYPE,
			name: 'Fanvue (sandbox)',
			data: {
				environment: 'custom',
				customApiBaseUrl: sb.url,
				customAuthServerUrl: sb.url,
				clientId: sb.clientId,
				clientSecret: sb.clientSecret,
				oauthTokenData: token,
			},
		},
	};
}
