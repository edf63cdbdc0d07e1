// Every endpoint Fanvue documents for API version 2025-06-26 (73 method + path pairs, and two
// whose pages show the wrong method and path; see below), with
// the scopes its page names. Source: Fanvue's API reference (api.fanvue.com/docs), one line per
// page; `{...}` marks a path parameter. The coverage test holds the node's operations against
// this list, and the README's operations table against both.
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface FanvueEndpoint {
	method: Method;
	path: string;
	scopes: string[];
}

const list: Array<[Method, string, string[]]> = [
	['GET', '/chats', ['read:chat']],
	['POST', '/chats', ['write:chat']],
	['GET', '/chats/lists/custom', ['read:chat', 'read:fan']],
	['POST', '/chats/lists/custom', ['write:chat']],
	['DELETE', '/chats/lists/custom/{uuid}', ['write:chat']],
	['GET', '/chats/lists/custom/{uuid}', ['read:chat', 'read:fan']],
	['PATCH', '/chats/lists/custom/{uuid}', ['write:chat']],
	['POST', '/chats/lists/custom/{uuid}/members', ['write:chat']],
	['DELETE', '/chats/lists/custom/{uuid}/members/{userUuid}', ['write:chat']],
	['GET', '/chats/lists/smart', ['read:chat', 'read:fan']],
	['GET', '/chats/lists/smart/{uuid}', ['read:chat', 'read:fan']],
	['POST', '/chats/mass-messages', ['write:chat', 'read:fan']],
	['POST', '/chats/statuses', ['read:chat']],
	['GET', '/chats/templates', ['read:chat']],
	['GET', '/chats/templates/{templateUuid}', ['read:chat']],
	['GET', '/chats/unread', ['read:chat']],
	['PATCH', '/chats/{userUuid}', ['write:chat']],
	['GET', '/chats/{userUuid}/media', ['read:chat']],
	['POST', '/chats/{userUuid}/message', ['write:chat']],
	['GET', '/chats/{userUuid}/messages', ['read:chat']],
	['DELETE', '/chats/{userUuid}/messages/{messageUuid}', ['write:chat']],
	['GET', '/creators', ['read:creator']],
	['GET', '/creators/{creatorUserUuid}/chats', ['read:creator', 'read:chat']],
	['POST', '/creators/{creatorUserUuid}/chats', ['write:chat', 'read:creator']],
	['GET', '/creators/{creatorUserUuid}/chats/lists/custom', ['read:creator', 'read:chat', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/chats/lists/custom/{uuid}', ['read:creator', 'read:chat', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/chats/lists/smart', ['read:creator', 'read:chat', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/chats/lists/smart/{uuid}', ['read:creator', 'read:chat', 'read:fan']],
	['POST', '/creators/{creatorUserUuid}/chats/mass-messages', ['write:chat', 'read:creator', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/chats/{userUuid}/media', ['read:creator', 'read:chat']],
	['POST', '/creators/{creatorUserUuid}/chats/{userUuid}/message', ['write:chat', 'read:creator']],
	['GET', '/creators/{creatorUserUuid}/chats/{userUuid}/messages', ['read:creator', 'read:chat']],
	['GET', '/creators/{creatorUserUuid}/followers', ['read:creator', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/insights/earnings', ['read:creator', 'read:insights']],
	['GET', '/creators/{creatorUserUuid}/insights/subscribers', ['read:creator', 'read:insights']],
	['GET', '/creators/{creatorUserUuid}/insights/top-spenders', ['read:creator', 'read:insights', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/media', ['read:creator', 'read:media']],
	// The pages "create-creator-upload-session" and "create-creator-tracking-link" show a copy of
	// another page's method and path; their names, and the agency forms of the rest of each
	// flow, say what they are: the creator's POST /media/uploads and POST /tracking-links.
	['POST', '/creators/{creatorUserUuid}/media/uploads', ['write:creator', 'write:media']],
	['PATCH', '/creators/{creatorUserUuid}/media/uploads/{uploadId}', ['write:creator', 'write:media']],
	['GET', '/creators/{creatorUserUuid}/media/uploads/{uploadId}/parts/{partNumber}/url', ['write:creator', 'write:media']],
	['GET', '/creators/{creatorUserUuid}/media/{uuid}', ['read:creator', 'read:media']],
	['POST', '/creators/{creatorUserUuid}/posts', ['write:post', 'write:creator']],
	['GET', '/creators/{creatorUserUuid}/subscribers', ['read:creator', 'read:fan']],
	['GET', '/creators/{creatorUserUuid}/tracking-links', ['read:tracking_links', 'read:creator']],
	['POST', '/creators/{creatorUserUuid}/tracking-links', ['write:tracking_links', 'write:creator']],
	['DELETE', '/creators/{creatorUserUuid}/tracking-links/{uuid}', ['write:tracking_links', 'write:creator']],
	['GET', '/followers', ['read:fan']],
	['GET', '/insights/earnings', ['read:insights']],
	['GET', '/insights/fans/{userUuid}', ['read:insights', 'read:fan']],
	['GET', '/insights/subscribers', ['read:insights']],
	['GET', '/insights/top-spenders', ['read:insights', 'read:fan']],
	['GET', '/media', ['read:media']],
	['POST', '/media/uploads', ['write:media']],
	['PATCH', '/media/uploads/{uploadId}', ['write:media']],
	['GET', '/media/uploads/{uploadId}/parts/{partNumber}/url', ['write:media']],
	['GET', '/media/{uuid}', ['read:media']],
	['GET', '/posts', ['read:post']],
	['POST', '/posts', ['write:post']],
	['GET', '/posts/{uuid}', ['read:post']],
	['GET', '/posts/{uuid}/comments', ['read:post']],
	['GET', '/posts/{uuid}/likes', ['read:post']],
	['GET', '/posts/{uuid}/tips', ['read:post']],
	['GET', '/subscribers', ['read:fan']],
	['GET', '/tracking-links', ['read:tracking_links']],
	['POST', '/tracking-links', ['write:tracking_links']],
	['DELETE', '/tracking-links/{uuid}', ['write:tracking_links']],
	['GET', '/users/me', ['read:self']],
	['GET', '/vault/folders', ['read:media']],
	['POST', '/vault/folders', ['write:media']],
	['DELETE', '/vault/folders/{folderName}', ['write:media']],
	['GET', '/vault/folders/{folderName}', ['read:media']],
	['PATCH', '/vault/folders/{folderName}', ['write:media']],
	['GET', '/vault/folders/{folderName}/media', ['read:media']],
	['POST', '/vault/folders/{folderName}/media', ['write:media']],
	['DELETE', '/vault/folders/{folderName}/media/{mediaUuid}', ['write:media']],
];

export const FANVUE_ENDPOINTS: FanvueEndpoint[] = list.map(([method, path, scopes]) => ({ method, path, scopes }));

export const endpointName = (endpoint: { method: string; path: string }) => `${endpoint.method} ${endpoint.path}`;
