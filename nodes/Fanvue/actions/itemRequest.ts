import type { IExecuteFunctions } from 'n8n-workflow';

import type { FanvueRequest } from '../transport/request';

/** Per-item request settings every operation passes on to the transport. */
export function itemRequest(this: IExecuteFunctions, itemIndex: number): Pick<FanvueRequest, 'itemIndex' | 'maxRateLimitWaitMs'> {
	const seconds = this.getNodeParameter('requestOptions.maxRateLimitWait', itemIndex, 120) as number;
	return { itemIndex, maxRateLimitWaitMs: Math.max(0, seconds) * 1000 };
}
