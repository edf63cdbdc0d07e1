// Reading a credential is not free in n8n: it is decrypted and its expressions resolved (in an
// isolate, in n8n 2.x). n8n's HTTP helper reads it for every request (for the token); the node
// itself reads it once per run, for the API host, not once more per page.
import { runNode } from '../../helpers/n8n-runner';
import { credentials, fanvue, page, useNock } from './fixtures';

useNock();

it('a Return All of 5 pages reads the credential 6 times: once for the host, once per request for the token', async () => {
	const PAGES = 5;
	fanvue()
		.get('/subscribers')
		.query(true)
		.times(PAGES)
		.reply((uri) => {
			const pageNumber = Number(new URL(uri, 'https://api.fanvue.test').searchParams.get('page'));
			return [200, page([{ uuid: `fan-${pageNumber}` }], pageNumber < PAGES, pageNumber)];
		});
	const result = await runNode({ parameters: { resource: 'subscriber', operation: 'getMany', returnAll: true }, credentials });
	expect(result.error).toBeUndefined();
	expect(result.output(result.nodeName).map((item) => item.json.uuid)).toEqual(['fan-1', 'fan-2', 'fan-3', 'fan-4', 'fan-5']);
	expect(result.credentialReads).toBe(PAGES + 1);
});
