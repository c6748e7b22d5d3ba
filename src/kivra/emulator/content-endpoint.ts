import { dedupeHash, sha256 } from './canonical.js';
import { checkContent } from './content-validation.js';
import { errorAnswer, isJsonRequest, type Answer, type AuthorizedExchange, type EmulatorContext } from './context.js';
import { kivraError } from './errors.js';
import { newObjectKey } from './ids.js';
import { parseJsonBody } from './json-body.js';
import { storedContent } from './persistence.js';
import type { ContentRecord } from './state.js';

const DAY_MS = 86_400_000;

/**
 * `POST /v2/tenant/{key}/content` (docs/kivra-api.md §4, §8.1): validation, per-recipient rate
 * limit, duplicate control, then delivery, retention or 40105.
 */
export function handleContent(ctx: EmulatorContext, exchange: AuthorizedExchange): Answer {
  if (!isJsonRequest(exchange.headers)) return errorAnswer(kivraError('41500'));
  if (exchange.overflow) return errorAnswer(kivraError('41300'));
  const parsed = parseJsonBody(exchange.body);
  if (!parsed.ok) return errorAnswer(parsed.error);
  if (exchange.body.length > ctx.contentLimitBytes) {
    return errorAnswer(kivraError('41300', `a content may be at most ${ctx.contentLimitBytes} bytes, this one is ${exchange.body.length}`));
  }
  const checked = checkContent(parsed.value);
  if (!checked.ok) return errorAnswer(checked.error);
  const content = checked.content;
  const recipient = content.ssn ?? String(parsed.value.email ?? parsed.value.vat_number);

  const waitMs = ctx.rateLimiter.take(`${exchange.tenantKey}/${recipient}`);
  if (waitMs !== null) return errorAnswer(kivraError('42900', 'too many contents to the same recipient within a minute'), { 'retry-after': String(Math.ceil(waitMs / 1000)) });

  const received = {
    tenantKey: exchange.tenantKey,
    ssn: content.ssn,
    type: content.type,
    subject: content.subject,
    body: exchange.body,
    value: parsed.value,
    receivedAt: ctx.now(),
  };

  const first = ctx.duplicateControl === 'production' ? ctx.firstCopies.get(dedupeHash(exchange.tenantKey, parsed.value)) : undefined;
  if (first) {
    // docs/kivra-api.md §9.6: the duplicate's answer is not documented. Answering like the first
    // copy (201, its key, its retained flag) is what a retrying client needs.
    ctx.state.contents.push(contentRecord(received, { contentKey: first.contentKey, outcome: 'duplicate', released: false, retainedUntil: null }));
    return accepted(ctx, exchange, parsed.value, first.contentKey, first.outcome === 'retained' && !first.released);
  }

  const hasMailbox = content.ssn !== null && ctx.state.recipients.has(content.ssn);
  if (!hasMailbox && !content.retain) return errorAnswer(kivraError('40105'));
  const record = contentRecord(received, {
    contentKey: newObjectKey(ctx.now()),
    outcome: hasMailbox ? 'delivered' : 'retained',
    released: false,
    retainedUntil: hasMailbox ? null : ctx.now() + content.retentionDays * DAY_MS,
  });
  // Written before answering: an answer must never promise what a restart forgets.
  ctx.writer?.append({ t: 'content', content: storedContent(record) });
  ctx.state.contents.push(record);
  if (ctx.duplicateControl === 'production') ctx.firstCopies.set(record.dedupeHash, record);
  return accepted(ctx, exchange, parsed.value, record.contentKey, record.outcome === 'retained');
}

/**
 * An accepted content as the emulator keeps it. Its two hashes are worked out when first
 * read (by duplicate control, the state file or a test), not for every request: each
 * reads the whole ~30 KB body, and a benchmark's emulator shares the machine with the
 * send it measures.
 */
function contentRecord(
  received: { tenantKey: string; ssn: string | null; type: string; subject: string; body: Buffer; value: Record<string, unknown>; receivedAt: number },
  fate: Pick<ContentRecord, 'contentKey' | 'outcome' | 'released' | 'retainedUntil'>,
): ContentRecord {
  const { value, ...fields } = received;
  let bodyHash: string | undefined;
  let duplicateHash: string | undefined;
  return {
    ...fields,
    ...fate,
    get sha256() {
      return (bodyHash ??= sha256(received.body));
    },
    get dedupeHash() {
      return (duplicateHash ??= dedupeHash(received.tenantKey, value));
    },
  };
}

function accepted(ctx: EmulatorContext, exchange: AuthorizedExchange, content: Record<string, unknown>, contentKey: string, retained: boolean): Answer {
  if (ctx.faults.dropAccepted()) return { kind: 'drop' };
  const headers: Record<string, string> = {
    'kivra-objkey': contentKey,
    location: `${ctx.baseUrl()}/v2/tenant/${exchange.tenantKey}/content/${contentKey}`,
  };
  if (retained) headers['kivra-retained'] = 'true';
  const body: Record<string, unknown> = { subject: content.subject, type: content.type };
  if (typeof content.generated_at === 'string') body.generated_at = content.generated_at;
  return { kind: 'json', status: 201, body, headers };
}
