'use strict';
// Renders benchmarks/results/latest.json as benchmarks/chart.png: one bar per figure, each a
// ratio to its baseline (1.0 = the baseline; the goal marked). An SVG drawn here, screenshotted
// with Debian's chromium through playwright-core (a dev dependency).
const fs = require('fs');
const path = require('path');

const RESULTS = path.join(__dirname, 'results', 'latest.json');
const PNG = path.join(__dirname, 'chart.png');

function rows(results) {
	const out = [];
	for (const r of results.returnAll?.results ?? []) {
		const note = `${r.items.toLocaleString('en')} / ${r.expected.toLocaleString('en')} items, ${r.tooManyRequests} × 429`;
		out.push({ group: '1. Return All vs bucket bound (goal ≤ 1.05)', label: r.label, value: r.ratio ?? 0, note, bad: r.items < r.expected && 'incomplete, no error' });
	}
	for (const run of results.triggerLatency ?? []) {
		const base = run.results[0];
		for (const r of run.results.slice(1)) {
			out.push({
				group: `3. p50 answer time vs bare Webhook node (goal ≤ 1.2), ${run.label}`,
				label: `${r.label}, one at a time`,
				value: r.sequential.p50 / base.sequential.p50,
				note: `${r.sequential.p50.toFixed(0)} ms vs ${base.sequential.p50.toFixed(0)} ms`,
			});
			out.push({
				group: `3. p50 answer time vs bare Webhook node (goal ≤ 1.2), ${run.label}`,
				label: `${r.label}, ${run.inFlight} in flight`,
				value: r.parallel.p50 / base.parallel.p50,
				note: `${r.parallel.p50.toFixed(0)} ms vs ${base.parallel.p50.toFixed(0)} ms`,
			});
		}
	}
	for (const r of results.autoReplyBurst ?? []) {
		out.push({
			group: '2. 200 fan messages through template 02: last reply vs bucket bound (goal ≤ 1.1)',
			label: `Fanvue Trigger + node, ${r.mode}, ${r.n8nEnv && Object.keys(r.n8nEnv).length ? 'recommended settings' : 'n8n defaults'}`,
			value: r.ratio ?? 0,
			note: `${r.sent} replies, ${r.duplicates} twice, ${r.unanswered} unanswered, ${r.tooManyRequests} × 429`,
			bad: (r.duplicates > 0 || r.unanswered > 0) && 'failed',
		});
	}
	// Against n8n's own floor (the same items from a Code node): the raw JSON is in the note; no
	// workflow inside n8n comes near ×2 of it (the floor itself is about ×17).
	for (const r of results.memory?.results ?? []) {
		out.push({
			group: `4. Return All of ${results.memory.raw.records.toLocaleString('en')} records: peak n8n memory growth vs n8n's own floor for the same items`,
			label: r.label,
			value: r.ratioToFloor ?? 0,
			note: `${(r.growthBytes / 2 ** 20).toFixed(0)} MB, x${r.ratio.toFixed(1)} the ${(results.memory.raw.bytes / 2 ** 20).toFixed(1)} MB of raw JSON`,
		});
	}
	const kept = results.memory?.retained;
	if (kept) {
		const group = `4. What the node itself keeps (n8n-core alone, after forced collections) vs the raw JSON (not the issue's peak)`;
		const note = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB for ${(kept.rawBytes / 2 ** 20).toFixed(1)} MB of JSON`;
		out.push({ group, label: `Fanvue node's run, ${kept.records.toLocaleString('en')} items`, value: kept.node.ratioToRaw, note: note(kept.node.retainedBytes) });
		out.push({ group, label: 'the same records parsed, nothing else', value: kept.baseline.ratioToRaw, note: note(kept.baseline.retainedBytes) });
	}
	return out;
}

function svg(data, subtitle) {
	const width = 1300;
	const left = 430;
	const barArea = 480;
	// Bars past ×4 are cut at the edge (the label gives the figure), so that ratios near 1 stay readable.
	const max = 4;
	const x = (v) => left + (Math.min(v, max) / max) * barArea;
	let y = 60;
	const parts = [`<text x="20" y="30" font-size="20" font-weight="bold">n8n-nodes-fanvue benchmarks: ratio to the baseline of the same run (1.0 = baseline)</text>`, `<text x="20" y="50" font-size="13" fill="#555">${subtitle}</text>`];
	let group;
	for (const d of data) {
		if (d.group !== group) {
			group = d.group;
			y += 28;
			parts.push(`<text x="20" y="${y}" font-size="15" font-weight="bold">${group}</text>`);
			y += 10;
		}
		const colour = d.bad ? '#d9534f' : /^Fanvue/.test(d.label) ? '#6c3fc5' : '#8a8a8a';
		parts.push(`<text x="${left - 10}" y="${y + 16}" font-size="13" text-anchor="end">${d.label}</text>`);
		parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(1, x(d.value) - left)}" height="18" fill="${colour}"/>`);
		parts.push(`<text x="${x(d.value) + 6}" y="${y + 16}" font-size="12">×${d.value.toFixed(2)}  ${d.note}${d.bad ? ` (${d.bad})` : ''}</text>`);
		y += 24;
	}
	parts.push(`<line x1="${x(1)}" y1="70" x2="${x(1)}" y2="${y + 5}" stroke="#000" stroke-dasharray="4 3"/>`);
	parts.push(`<text x="${x(1) + 3}" y="${y + 18}" font-size="11">1.0</text>`);
	const height = y + 30;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

async function renderChart(results = JSON.parse(fs.readFileSync(RESULTS, 'utf8'))) {
	const { chromium } = require('playwright-core');
	const memoryDate = results.memory?.date ? `; benchmark 4 measured again ${results.memory.date}` : '';
	const image = svg(rows(results), `${results.date}, ${results.machine}${memoryDate}`);
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
	try {
		const page = await browser.newPage({ viewport: { width: 1300, height: 200 } });
		await page.setContent(`<html><body style="margin:0">${image}</body></html>`);
		await page.locator('svg').screenshot({ path: PNG });
	} finally {
		await browser.close();
	}
	return PNG;
}

module.exports = { renderChart };

if (require.main === module) {
	renderChart().then((file) => console.log(`chart: ${file}`), (error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
