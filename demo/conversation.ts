// The demo's short fan conversation: a seeded subscriber writes through the sandbox, the
// sandbox delivers the signed webhook to the published "AI auto-reply" template, n8n asks the
// model, sends the reply back through the Fanvue node, and stores both messages in PostgreSQL.
// Each step is printed as it happens. The last line makes the model offer another platform: the
// reply check holds it as a draft, for the review page of template 02b.
import { AUTO_REPLY_TEMPLATE, DemoStack } from './stack';

export const DEMO_LINES = [
	'Hey! I just subscribed 😊',
	'Your last photo set was amazing',
	'Do you have anything new coming this week?',
	'Are you on Insta too? I would love to follow you there',
];

export interface ConversationTurn {
	fanText: string;
	executionId: string;
	status: string;
	reply?: string;
	rows: Array<{ id: string; direction: string; status: string; text: string; hold_reason: string | null }>;
	error?: string;
}

export interface ConversationOptions {
	lines?: string[];
	print?: (line: string) => void;
	/** Per message, how long to wait for n8n's execution (default 120 s). */
	timeoutMs?: number;
}

const short = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function playConversation(stack: DemoStack, options: ConversationOptions = {}): Promise<ConversationTurn[]> {
	const print = options.print ?? (() => {});
	const workflow = stack.workflows.find((w) => w.file === AUTO_REPLY_TEMPLATE);
	if (!workflow) throw new Error(`${AUTO_REPLY_TEMPLATE} is not among the templates`);
	if (!workflow.published) throw new Error(`"${workflow.name}" is not published (${workflow.note ?? 'unknown reason'})`);

	const { sandbox, n8n, database } = stack;
	const fan = sandbox.store.fans.find((f: { status: string }) => f.status === 'subscriber');
	if (!fan) throw new Error('the sandbox has no subscriber to play the fan');
	const who = `${fan.displayName ?? fan.handle} (@${fan.handle})`;
	const turns: ConversationTurn[] = [];

	for (const text of options.lines ?? DEMO_LINES) {
		const before = (await n8n.rest.listExecutions(workflow.id)).length;
		print(`  💬 ${who} writes: ${text}`);
		await sandbox.fanActs({ type: 'message', fanUuid: fan.uuid, text });
		const runs = await n8n.rest.waitForExecutions(workflow.id, before + 1, options.timeoutMs ?? 120_000);
		const run = runs[runs.length - 1];
		const reply = (run.outputs['AI Agent']?.[0] as { output?: string } | undefined)?.output;
		const sent = run.outputs['Send Reply']?.[0] as { messageUuid?: string } | undefined;
		const turn: ConversationTurn = { fanText: text, executionId: run.id, status: run.status, reply, rows: [] };
		if (run.status !== 'success') {
			turn.error = run.errorMessage;
			print(`  ⚠️  n8n execution ${run.id} ended with "${run.status}": ${run.errorMessage ?? ''}`);
		} else if (reply) {
			print(`  🤖 AI answers${sent?.messageUuid ? ' (sent to Fanvue)' : ' (saved as a draft)'}: ${reply}`);
		}
		turn.rows = await database.query(
			`SELECT m.id::text AS id, m.direction, m.status, COALESCE(m.text, '') AS text, m.hold_reason
			   FROM messages m JOIN chats c ON c.id = m.chat_id
			  WHERE c.fanvue_chat_user_uuid = $1::uuid
			  ORDER BY m.id DESC LIMIT 2`,
			[fan.uuid],
		);
		turn.rows.reverse();
		for (const row of turn.rows) {
			print(`  🗄️  messages #${row.id}  ${row.direction.padEnd(3)}  ${String(row.status).padEnd(8)}  "${short(row.text)}"`);
			if (row.hold_reason) print(`  🛑 held by the reply check (${row.hold_reason}): not sent, waiting on the review page`);
		}
		turns.push(turn);
	}
	return turns;
}
