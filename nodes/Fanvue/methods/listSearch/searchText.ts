/** Case-insensitive "contains" over the texts a list shows, for lists Fanvue cannot search itself. */
export function matches(filter: string | undefined, ...texts: Array<string | null | undefined>): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return !needle || texts.some((text) => (text ?? '').toLowerCase().includes(needle));
}

export function pageToken(page: number, hasMore: boolean | undefined): string | undefined {
	return hasMore ? String(page + 1) : undefined;
}
