'use strict';
// Minimal path router: '/chats/:userUuid/messages' style patterns, exact segment count.

function compile(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { re: new RegExp(`^${source}/?$`), names };
}

class Router {
	constructor() {
		this.routes = [];
	}

	/** meta is anything the caller wants back (handler, scopes, ...). */
	add(method, pattern, meta) {
		this.routes.push({ method, pattern, ...compile(pattern), meta });
		return this;
	}

	/**
	 * Finds the route. Returns {meta, params} or {methodNotAllowed:true} when the path exists
	 * with another method, or null.
	 */
	match(method, path) {
		let pathExists = false;
		for (const route of this.routes) {
			const m = route.re.exec(path);
			if (!m) continue;
			pathExists = true;
			if (route.method !== method) continue;
			const params = {};
			route.names.forEach((n, i) => {
				params[n] = decodeURIComponent(m[i + 1]);
			});
			return { meta: route.meta, params, pattern: route.pattern };
		}
		return pathExists ? { methodNotAllowed: true } : null;
	}
}

module.exports = { Router };
