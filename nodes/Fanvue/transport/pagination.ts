import type { IDataObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './constants';
import type { FanvueContext, FanvueRequest } from './request';
import { fanvueApiRequest } from './request';

/** n8n's convention: Return All, or at most `limit` results. */
export interface HowMany {
	returnAll: boolean;
	limit?: number;
}

interface PagedResponse {
	data?: IDataObject[];
	pagination?: { page?: number; size?: number; hasMore?: boolean };
}

interface CursorResponse {
	data?: IDataObject[];
	nextCursor?: string | null;
}

function pageSizeFor(howMany: HowMany, collected: number): number {
	if (howMany.returnAll) return MAX_PAGE_SIZE;
	return Math.max(1, Math.min(MAX_PAGE_SIZE, (howMany.limit ?? MAX_PAGE_SIZE) - collected));
}

function enough(howMany: HowMany, collected: number): boolean {
	return !howMany.returnAll && collected >= (howMany.limit ?? MAX_PAGE_SIZE);
}

/** Page style: `page` (from 1) and `size` (1-50) → `{data, pagination:{hasMore}}`. */
export async function fanvueApiRequestPages(
	this: FanvueContext,
	request: Omit<FanvueRequest, 'method'>,
	howMany: HowMany,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const size = pageSizeFor(howMany, results.length);
		const response: PagedResponse = await fanvueApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, page, size },
		});
		const data = response.data ?? [];
		results.push(...data);
		if (!response.pagination?.hasMore || data.length === 0 || enough(howMany, results.length)) break;
	}
	return howMany.returnAll ? results : results.slice(0, howMany.limit);
}

/** Cursor style: `cursor` and `size` or `limit` → `{data, nextCursor}` (null at the end). */
export async function fanvueApiRequestCursor(
	this: FanvueContext,
	request: Omit<FanvueRequest, 'method'>,
	howMany: HowMany,
	sizeParameter: 'size' | 'limit' = 'limit',
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let cursor: string | undefined;
	for (;;) {
		const response: CursorResponse = await fanvueApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, [sizeParameter]: pageSizeFor(howMany, results.length), cursor },
		});
		const data = response.data ?? [];
		results.push(...data);
		if (!response.nextCursor || data.length === 0 || enough(howMany, results.length)) break;
		cursor = response.nextCursor;
	}
	return howMany.returnAll ? results : results.slice(0, howMany.limit);
}
