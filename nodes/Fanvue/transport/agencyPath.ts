/**
 * Fanvue's agency form of an endpoint: the same path below `/creators/{creator}`. Fanvue also
 * meters these routes per creator, which is why the transport reads the creator back out.
 */
export function agencyPath(creatorUuid: string, path: string): string {
	return `/creators/${creatorUuid}${path}`;
}

const AGENCY_PATH = /^\/creators\/([0-9a-fA-F-]{36})\//;

/** The managed creator an agency path is for, or undefined for any other path. */
export function creatorOfPath(path: string): string | undefined {
	return AGENCY_PATH.exec(path)?.[1]?.toLowerCase();
}
