// A Return All over a large account: every record becomes one output item, in order, paired
// with its input item. 150,000 records is past what a JavaScript spread of one array into a
// function call can take (V8 raises "Maximum call stack size exceeded" somewhere above ~120,000
// arguments), which is how the node used to add a result's items to its output.
import { runNode } from '../../helpers/n8n-runner';
import { credentials, fanvue, page, useNock } from './fixtures';

useNock();

const PAGES = 3_000;
const PAGE_SIZE = 50;

it('Return All of 150,000 subscribers: 150,000 items in the API order, each paired with item 0', async () => {
	fanvue()
		.get('/subscribers')
		.query(true)
		.times(PAGES)
		.reply((uri) => {
			const query = new URL(uri, 'https://api.fanvue.test').searchParams;
			const pageNumber = Number(query.get('page'));
			expect(query.get('size')).toBe(String(PAGE_SIZE));
			const records = Array.from({ length: PAGE_SIZE }, (_, i) => ({ uuid: `fan-${(pageNumber - 1) * PAGE_SIZE + i}` }));
			return [200, page(records, pageNumber < PAGES, pageNumber)];
		});
	const result = await runNode({ parameters: { resource: 'subscriber', operation: 'getMany', returnAll: true }, credentials });
	expect(result.error).toBeUndefined();
	const out = result.output(result.nodeName);
	expect(out).toHaveLength(PAGES * PAGE_SIZE);
	expect(out.every((item, i) => item.json.uuid === `fan-${i}`)).toBe(true);
	expect(out.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
}, 600_000); // 45-55 s alone; over 120 s beside the other unit files in CI
