import type { OperationCase } from './types';
import { OTHER_UUID } from './types';

export const cases: OperationCase[] = [
	{ resource: 'template', operation: 'get', parameters: { template: OTHER_UUID } },
	{ resource: 'template', operation: 'getMany', parameters: { returnAll: true } },
];
