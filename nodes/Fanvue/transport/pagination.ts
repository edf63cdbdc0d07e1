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

/**
 * One size for every request of a walk. Fanvue serves page n from offset (n-1)*size, so a
 * last page asked with a smaller size would start inside records already read. Cursors do not
 * need it as far as Fanvue documents them, but what a cursor encodes is not documented either:
 * the same size keeps both safe. The last page may bring more than needed; the rest is cut.
 */
function pageSizeFor(howMany: HowMany): number {
	if (howMany.returnAll) return MAX_PAGE_SIZE;
	return Math.max(1, Math.min(MAX_PAGE_SIZE, howMany.limit ?? MAX_PAGE_SIZE));
}

function enough(howMany: HowMany, collected: number): boolean {
	return !howMany.returnAll && collected >= (howMany.limit ?? MAX_PAGE_SIZE);
}

function firstOnes(results: IDataObject[], howMany: HowMany): IDataObject[] {
	return howMany.returnAll ? results : results.slice(0, howMany.limit);
}

/** Page style: `page` (from 1) and `size` (1-50) → `{data, pagination:{hasMore}}`. */
export async function fanvueApiRequestPages(
	this: FanvueContext,
	request: Omit<FanvueRequest, 'method'>,
	howMany: HowMany,
): Promise<IDataObject[]> {
	const size = pageSizeFor(howMany);
	const results: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const response: PagedResponse = await fanvueApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, page, size },
		});
		const data = response.data ?? [];
		results.push(...data);
		if (!response.pagination?.hasMore || data.length === 0 || enough(howMany, results.length)) break;
	}
	return firstOnes(results, howMany);
}

/** Cursor style: `cursor` and `size` or `limit` → `{data, nextCursor}` (null at the end). */
export async function fanvueApiRequestCursor(
	this: FanvueContext,
	request: Omit<FanvueRequest, 'method'>,
	howMany: HowMany,
	sizeParameter: 'size' | 'limit' = 'limit',
): Promise<IDataObject[]> {
	const size = pageSizeFor(howMany);
	const results: IDataObject[] = [];
	let cursor: string | undefined;
	for (;;) {
		const response: CursorResponse = await fanvueApiRequest.call(this, {
			...request,
			method: 'GET',
			qs: { ...request.qs, [sizeParameter]: size, cursor },
		});
		const data = response.data ?? [];
		results.push(...data);
		if (!response.nextCursor || data.length === 0 || enough(howMany, results.length)) break;
		cursor = response.nextCursor;
	}
	return firstOnes(results, howMany);
}
