// A Return All over a large account: every record becomes one output item, in order, paired
// with its input item. 150,000 records is past what a JavaScript spread of one array into a
// function call can take (V8 raises "Maximum call stack size exceeded" somewhere above ~120,000
// arguments), which is how the node used to add a result's items to its output.
//
// The point is the router's appending of a result's records, so the operation is replaced by
// one that returns the 150,000 records at once: running them through n8n and 3,000 mocked pages
// (the pages themselves are tested in pagination.test.ts) took minutes and proved nothing more.
import type { IExecuteFunctions } from 'n8n-workflow';

import { router } from '../../../nodes/Fanvue/actions/router';

const RECORDS = 150_000;

jest.mock('../../../nodes/Fanvue/actions/subscriber/getMany.operation', () => ({
	description: [],
	execute: async () => Array.from({ length: 150_000 }, (_, i) => ({ uuid: `fan-${i}` })),
}));

/** The part of n8n's execute context the router reads: one input item, subscriber › Get Many. */
function executeContext(): IExecuteFunctions {
	const parameters: Record<string, unknown> = { resource: 'subscriber', operation: 'getMany' };
	return {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ id: 'fanvue', name: 'Fanvue', type: 'n8n-nodes-fanvue.fanvue', typeVersion: 1, position: [0, 0], parameters }),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

it('a result of 150,000 records: 150,000 items in the API order, each paired with item 0', async () => {
	const [out] = await router.call(executeContext(), []);
	expect(out).toHaveLength(RECORDS);
	expect(out.every((item, i) => item.json.uuid === `fan-${i}`)).toBe(true);
	expect(out.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
});
