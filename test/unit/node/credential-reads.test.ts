// Reading a credential is not free in n8n: it is decrypted and its expressions resolved (in an
// isolate, in n8n 2.x). n8n's HTTP helper reads it for every request (for the token); the node
// itself reads it once per run, for the API host, not once more per page.
import { RunnerCredentialsHelper, runNode } from '../../helpers/n8n-runner';
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

it('a credential read that failed is not kept for the run: the next item reads it again and goes through', async () => {
	// One failed read, as when an external secrets store does not answer once.
	const failOnce = jest
		.spyOn(RunnerCredentialsHelper.prototype, 'getDecrypted')
		.mockRejectedValueOnce(new Error('the secrets store did not answer'));
	try {
		fanvue()
			.get('/subscribers')
			.query({ page: '1', size: '1' })
			.reply(200, page([{ uuid: 'fan-1' }], true));
		const result = await runNode({
			parameters: { resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 1 },
			credentials,
			items: [{ n: 0 }, { n: 1 }],
			continueOnFail: true,
		});
		const out = result.output(result.nodeName);
		expect(out).toHaveLength(2);
		expect(String(out[0].json.error)).toContain('the secrets store did not answer');
		expect(out[1].json).toEqual({ uuid: 'fan-1' });
	} finally {
		failOnce.mockRestore();
	}
});
