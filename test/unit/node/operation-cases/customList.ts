import type { OperationCase } from './types';
import { FAN, OTHER_UUID, fanByUuid } from './types';

export const cases: OperationCase[] = [
	{ resource: 'customList', operation: 'addMembers', parameters: { customList: OTHER_UUID, fanUuids: FAN } },
	{ resource: 'customList', operation: 'create', parameters: { name: 'VIP' } },
	{ resource: 'customList', operation: 'delete', parameters: { customList: OTHER_UUID } },
	{ resource: 'customList', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'customList', operation: 'getMembers', parameters: { customList: OTHER_UUID, returnAll: true } },
	{ resource: 'customList', operation: 'removeMember', parameters: { customList: OTHER_UUID, fan: fanByUuid } },
	{ resource: 'customList', operation: 'rename', parameters: { customList: OTHER_UUID, name: 'VIP 2' } },
];
