import type { OperationCase } from './types';
import { OTHER_UUID, fanByUuid } from './types';

export const cases: OperationCase[] = [
	{ resource: 'message', operation: 'delete', parameters: { fan: fanByUuid, messageUuid: OTHER_UUID } },
	{ resource: 'message', operation: 'getMany', parameters: { fan: fanByUuid, returnAll: true } },
	{ resource: 'message', operation: 'send', parameters: { fan: fanByUuid, text: 'Hi' } },
	{ resource: 'message', operation: 'sendMass', parameters: { text: 'Hi all', includedSmartLists: ['subscribers'] } },
];
