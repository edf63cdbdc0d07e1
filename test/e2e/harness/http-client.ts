/**
 * A tiny HTTP client for n8n's REST API with a cookie jar (n8n's session is the `n8n-auth`
 * cookie set by owner setup / login). Built on axios; never throws on HTTP status: callers
 * look at `status` themselves, or use `expectOk()`.
 */
import * as http from 'http';

import axios, { AxiosRequestConfig, Method } from 'axios';

export interface HttpResponse<T = any> {
	status: number;
	data: T;
	headers: Record<string, string | string[] | undefined>;
}

export class CookieJar {
	private readonly cookies = new Map<string, string>();

	/** Store every `Set-Cookie` of a response (expired / empty values delete the cookie). */
	store(setCookie: string | string[] | undefined): void {
		if (!setCookie) return;
		for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq < 0) continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => {
				const [k, v] = a.split('=').map((s) => s.trim().toLowerCase());
				return (k === 'max-age' && Number(v) <= 0) || (k === 'expires' && Date.parse(v) < Date.now());
			});
			if (!value || expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	header(): string | undefined {
		if (this.cookies.size === 0) return undefined;
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get(name: string): string | undefined {
		return this.cookies.get(name);
	}

	clear(): void {
		this.cookies.clear();
	}
}

export class HttpClient {
	readonly jar = new CookieJar();

	constructor(readonly baseUrl: string) {}

	/**
	 * One request. `url` is relative to baseUrl unless absolute. Redirects are not followed
	 * (`maxRedirects: 0`) so callers can read `Location` headers.
	 */
	async request<T = any>(
		method: Method,
		url: string,
		body?: unknown,
		config: AxiosRequestConfig = {},
	): Promise<HttpResponse<T>> {
		const absolute = /^https?:\/\//.test(url) ? url : `${this.baseUrl}${url}`;
		const send = () => {
			const cookie = this.jar.header();
			return axios.request<T>({
				method,
				url: absolute,
				data: body,
				maxRedirects: 0,
				validateStatus: () => true,
				timeout: 60_000,
				// A fresh connection each time and no compression: on a loaded 2-core machine, reused
				// keep-alive sockets and brotli streams from n8n were seen ending in "aborted".
				httpAgent: new http.Agent({ keepAlive: false }),
				...config,
				headers: {
					'accept-encoding': 'identity',
					...(cookie ? { cookie } : {}),
					...(config.headers as Record<string, string> | undefined),
				},
			});
		};
		let res;
		try {
			res = await send();
		} catch (error) {
			// Reads are safe to repeat once when the connection broke mid-answer; writes are not.
			const broken = /aborted|socket hang up|ECONNRESET/i.test(String((error as Error).message ?? ''));
			if (method.toUpperCase() !== 'GET' || !broken) throw error;
			res = await send();
		}
		this.jar.store(res.headers['set-cookie']);
		return { status: res.status, data: res.data, headers: res.headers as HttpResponse['headers'] };
	}

	get<T = any>(url: string, config?: AxiosRequestConfig) {
		return this.request<T>('GET', url, undefined, config);
	}

	post<T = any>(url: string, body?: unknown, config?: AxiosRequestConfig) {
		return this.request<T>('POST', url, body ?? {}, config);
	}

	patch<T = any>(url: string, body?: unknown, config?: AxiosRequestConfig) {
		return this.request<T>('PATCH', url, body ?? {}, config);
	}

	delete<T = any>(url: string, config?: AxiosRequestConfig) {
		return this.request<T>('DELETE', url, undefined, config);
	}
}

/** Throws a readable error unless the status is 2xx; returns the response otherwise. */
export function expectOk<T>(res: HttpResponse<T>, what: string): HttpResponse<T> {
	if (res.status < 200 || res.status >= 300) {
		const body = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
		throw new Error(`${what}: HTTP ${res.status} ${body?.slice(0, 2000)}`);
	}
	return res;
}
