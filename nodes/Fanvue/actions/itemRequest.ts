import type { IExecuteFunctions } from 'n8n-workflow';

import { requireSomething } from '../helpers/validation';
import type { FanvueRequest } from '../transport/request';

/** Per-item request settings every operation passes on to the transport. */
export function itemRequest(this: IExecuteFunctions, itemIndex: number): Pick<FanvueRequest, 'itemIndex' | 'maxRateLimitWaitMs'> {
	const seconds = this.getNodeParameter('requestOptions.maxRateLimitWait', itemIndex, 120) as number;
	requireSomething(this.getNode(), itemIndex, seconds >= 0, `Max Rate Limit Wait (Seconds) must be 0 or more, got ${seconds}`, 'Set how long a request may wait for the rate limit, in seconds.');
	return { itemIndex, maxRateLimitWaitMs: seconds * 1000 };
}
