import type { OperationCase } from './types';
import { OTHER_UUID } from './types';

const folder = { __rl: true, mode: 'name', value: 'PPV' };

export const cases: OperationCase[] = [
	{ resource: 'vaultFolder', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'vaultFolder', operation: 'get', parameters: { folder } },
	{ resource: 'vaultFolder', operation: 'create', parameters: { name: 'PPV' } },
	{ resource: 'vaultFolder', operation: 'rename', parameters: { folder, newName: 'Paid' } },
	{ resource: 'vaultFolder', operation: 'delete', parameters: { folder } },
	{ resource: 'vaultFolder', operation: 'getMedia', parameters: { folder, returnAll: true } },
	{ resource: 'vaultFolder', operation: 'addMedia', parameters: { folder, mediaUuids: OTHER_UUID } },
	{ resource: 'vaultFolder', operation: 'removeMedia', parameters: { folder, media: { __rl: true, mode: 'uuid', value: OTHER_UUID } } },
];
